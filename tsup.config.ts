import { defineConfig } from 'tsup';

export default defineConfig({
  entry: { index: 'src/index.ts', cli: 'src/cli/main.ts' },
  format: ['esm', 'cjs'],
  dts: { entry: { index: 'src/index.ts' } },
  target: 'node20',
  platform: 'node',
  clean: true,
  sourcemap: false,
  // p-retry is ESM-only; bundling it keeps the CJS build working (see shared/reference/toolchain.md).
  noExternal: ['p-retry', 'is-network-error'],
});
