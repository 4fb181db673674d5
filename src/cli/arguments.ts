/** The command line's options, and parse errors in one sentence that names the option. */
import { parseArgs } from 'node:util';

/** A problem with the command line: the message says what, and the CLI adds how to get help. */
export class UsageError extends Error {}

export const USAGE_HINT = 'Run appmesh-builder --help for usage.';

const OPTIONS = {
  json: { type: 'boolean' },
  out: { type: 'string' },
  to: { type: 'string' },
  'task-definitions-only': { type: 'boolean' },
  'family-prefix': { type: 'string' },
  target: { type: 'string' },
  endpoint: { type: 'string' },
  region: { type: 'string' },
  profile: { type: 'string' },
  local: { type: 'boolean' },
  state: { type: 'string' },
  journal: { type: 'string' },
  concurrency: { type: 'string' },
  'no-rollback': { type: 'boolean' },
  'write-adopted': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
} as const;

export function parseArguments(argv: readonly string[]) {
  try {
    return parseArgs({ args: [...argv], allowPositionals: true, strict: true, options: OPTIONS });
  } catch (error) {
    throw new UsageError(`${whatIsWrong(argv) ?? firstSentence(error)} ${USAGE_HINT}`);
  }
}

/**
 * Node's own messages differ between versions and suggest `--` for positionals, which this command
 * has no use for: read the arguments again, leniently, and name the option that is wrong.
 */
function whatIsWrong(argv: readonly string[]): string | undefined {
  const { tokens } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    strict: false,
    tokens: true,
    options: OPTIONS,
  });
  for (const token of tokens) {
    if (token.kind !== 'option') continue;
    const type = (OPTIONS as Record<string, { type: string }>)[token.name]?.type;
    if (type === undefined) return `unknown option ${token.rawName}.`;
    if (type === 'string' && token.value === undefined) return `${token.rawName} needs a value.`;
    // `--out --json` is a forgotten value, as Node's strict mode also judges it.
    if (type === 'string' && !token.inlineValue && token.value?.startsWith('-'))
      return `${token.rawName} needs a value (if it is ${token.value}, write ${token.rawName}=${token.value}).`;
    if (type === 'boolean' && token.value !== undefined) return `${token.rawName} takes no value.`;
  }
  return undefined;
}

function firstSentence(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split(/(?<=\.)\s/)[0] ?? message;
}
