/**
 * External tools some tests need (a Python with botocore, the AWS CLI, moto), found once per test file.
 *
 * The rule every tool-dependent test follows: when a tool is missing the test is skipped with a
 * printed notice saying what is missing and how to get it, unless APPMESH_REQUIRE_TOOLS=1 (set by
 * .ci/run), in which case it fails with that same message. CI must never pass by skipping.
 */
import { spawnSync } from 'node:child_process';
import { describe, it } from 'vitest';

export type ToolName = 'botocore' | 'awsCli' | 'moto';

export interface Tool {
  readonly name: ToolName;
  /** The Python to spawn: `python3` or `/usr/bin/python3` (every tool is a Python package). */
  readonly command: string;
  /** What the tool reported about itself, for notices and reports. */
  readonly version: string;
}

interface ToolSpec {
  /** Executables to try in order; an env override comes first when set. */
  readonly candidates: () => readonly string[];
  /** Arguments that succeed (exit 0) only if the candidate is usable; stdout is its version. */
  readonly probe: readonly string[];
  readonly missing: string;
}

const SPECS: Readonly<Record<ToolName, ToolSpec>> = {
  botocore: {
    // The machine image's pyenv python3 has botocore 1.43.11; Debian's python3-botocore lives in /usr/bin/python3.
    candidates: () => withOverride(process.env.APPMESH_PYTHON, ['python3', '/usr/bin/python3']),
    probe: ['-c', 'import botocore; print("botocore " + botocore.__version__)'],
    missing:
      'a Python 3 that can `import botocore` (tried $APPMESH_PYTHON, python3, /usr/bin/python3). ' +
      'Install it with `pip install botocore` or `apt-get install -y python3-botocore`.',
  },
  awsCli: {
    // The AWS CLI is a Python package; the `aws` entry point only calls awscli.clidriver. Running the
    // driver in-process validates exactly as `aws` does without paying 0.4 s of start-up per call.
    // pyenv's python3 has aws-cli 1.45; Debian's awscli package puts it under /usr/bin/python3.
    candidates: () => withOverride(process.env.APPMESH_AWS_CLI_PYTHON, ['python3', '/usr/bin/python3']),
    probe: ['-c', 'import awscli, awscli.clidriver; print("aws-cli/" + awscli.__version__)'],
    missing:
      'the AWS CLI Python package (`import awscli.clidriver` failed for $APPMESH_AWS_CLI_PYTHON, python3, ' +
      '/usr/bin/python3). Install it with `pip install awscli` or `apt-get install -y awscli`.',
  },
  moto: {
    // The AWS emulator the differential tests compare the local cloud with; pyenv's python3 has
    // moto 5.2.1. `moto.server` needs the server extras (flask), so probe that module, not just moto.
    candidates: () => withOverride(process.env.APPMESH_MOTO_PYTHON, ['python3', '/usr/bin/python3']),
    probe: ['-c', 'import moto, moto.server; print("moto " + moto.__version__)'],
    missing:
      'a Python 3 that can run `python3 -m moto.server` (tried $APPMESH_MOTO_PYTHON, python3, ' +
      "/usr/bin/python3). Install it with `pip install 'moto[server]'`.",
  },
};

function withOverride(override: string | undefined, defaults: readonly string[]): readonly string[] {
  return override ? [override, ...defaults] : defaults;
}

// Module state is per test file in vitest, so each file probes each tool at most once.
const cache = new Map<ToolName, Tool | undefined>();

/** The first usable candidate for a tool, or undefined. Probed once, then cached. */
export function findTool(name: ToolName): Tool | undefined {
  if (cache.has(name)) return cache.get(name);
  const spec = SPECS[name];
  let found: Tool | undefined;
  for (const command of spec.candidates()) {
    const result = spawnSync(command, [...spec.probe], { encoding: 'utf8', timeout: 30_000 });
    if (result.status === 0) {
      const version = `${result.stdout}${result.stderr}`.trim().split('\n')[0] ?? '';
      found = Object.freeze({ name, command, version });
      break;
    }
  }
  cache.set(name, found);
  return found;
}

/** Whether CI asked for every tool to be present (tests fail instead of skipping). */
export function toolsRequired(): boolean {
  return process.env.APPMESH_REQUIRE_TOOLS === '1';
}

export function missingToolMessage(name: ToolName): string {
  return `Missing ${SPECS[name].missing}`;
}

/** The tool, or a thrown error with the missing-tool message (for use inside a test). */
export function requireTool(name: ToolName): Tool {
  const tool = findTool(name);
  if (!tool) throw new Error(missingToolMessage(name));
  return tool;
}

/**
 * A describe block that runs only when every named tool is found. Missing tools skip it with a
 * console notice, or (APPMESH_REQUIRE_TOOLS=1) replace it with one failing test carrying the notice.
 */
export function describeWithTools(
  names: readonly ToolName[],
  title: string,
  body: (tools: Readonly<Record<ToolName, Tool>>) => void,
): void {
  const missing = names.filter((name) => !findTool(name));
  if (missing.length === 0) {
    const tools = Object.fromEntries(names.map((name) => [name, requireTool(name)])) as Record<
      ToolName,
      Tool
    >;
    describe(title, () => body(tools));
    return;
  }
  const message = missing.map(missingToolMessage).join('\n');
  if (toolsRequired()) {
    describe(title, () => {
      it('has the external tools it needs (APPMESH_REQUIRE_TOOLS=1)', () => {
        throw new Error(message);
      });
    });
    return;
  }
  console.warn(`[skipped] ${title}\n${message}\nSet APPMESH_REQUIRE_TOOLS=1 to make this a failure.`);
  describe.skip(title, () => {
    it('needs external tools', () => {});
  });
}

/** `describeWithTools` for a single tool. */
export function describeWithTool(name: ToolName, title: string, body: (tool: Tool) => void): void {
  describeWithTools([name], title, (tools) => body(tools[name]));
}
