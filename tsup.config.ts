import { defineConfig } from 'tsup';

export default defineConfig({
  entry: { index: 'src/index.ts', cli: 'src/cli/main.ts' },
  format: ['esm', 'cjs'],
  dts: { entry: { index: 'src/index.ts' } },
  target: 'node20',
  platform: 'node',
  clean: true,
  // import.meta.url in the CommonJS build (isTransient requires @smithy/core/retry relative to it).
  shims: true,
  sourcemap: false,
  // p-retry is ESM-only; bundling it keeps the CJS build working (see shared/reference/toolchain.md).
  noExternal: ['p-retry', 'is-network-error'],
  // The command (bin: dist/cli.js) runs as an ES module; a CommonJS copy of it would ship unused.
  esbuildOptions(options, { format }) {
    if (format !== 'cjs') return;
    const { cli: _command, ...library } = options.entryPoints as Record<string, string>;
    options.entryPoints = library;
  },
});
