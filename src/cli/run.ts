/** The CLI without the process: parse -> load the module -> run one command. Returns the exit code. */
import packageJson from '../../package.json' with { type: 'json' };
import { isMeshError } from '../errors/mesh-error.js';
import { TARGETS, type Target } from '../plan/plan-options.js';
import { quote } from '../render/shell.js';
import { USAGE_HINT as hint, parseArguments, UsageError } from './arguments.js';
import type { ExecuteCommand } from './execute-command.js';
import { graphCommand } from './graph-command.js';
import { HELP } from './help.js';
import type { CommandIo } from './io.js';
import { loadDefinition, loadPlan } from './load-module.js';
import { migrateCommand, migrationTarget } from './migrate-command.js';
import { planCommand } from './plan-command.js';
import { renderCommand } from './render-command.js';
import { takeSdkNodeNotice } from './sdk-node-notice.js';

/** Exit code for a problem the user can fix: bad arguments, a missing or invalid module or mesh. */
export const EXIT_USAGE = 2;

/** What the process passes in besides the arguments: the first Ctrl-C (main.ts), which stops gently. */
export interface RunControl {
  readonly stop?: AbortSignal;
}

export async function run(argv: readonly string[], io: CommandIo, control: RunControl = {}): Promise<number> {
  try {
    return await runCommand(argv, io, control);
  } catch (error) {
    if (error instanceof UsageError || isMeshError(error)) {
      io.err(`appmesh-builder: ${error.message}\n`);
      return EXIT_USAGE;
    }
    const message = error instanceof Error ? error.message : String(error);
    io.err(`appmesh-builder: unexpected error: ${message}\n`);
    if (process.env.APPMESH_BUILDER_DEBUG && error instanceof Error) io.err(`${error.stack}\n`);
    return 1;
  }
}

async function runCommand(argv: readonly string[], io: CommandIo, control: RunControl): Promise<number> {
  const { values, positionals } = parseArguments(argv);
  const [command, modulePath, ...extra] = positionals;
  if (values.version) {
    io.out(`${packageJson.version}\n`);
    return 0;
  }
  if (values.help || command === undefined || command === 'help') {
    io.out(HELP);
    return command === undefined && !values.help ? EXIT_USAGE : 0;
  }
  if (![...RENDER_COMMANDS, ...EXECUTE_COMMANDS, 'migrate'].includes(command))
    throw new UsageError(`unknown command "${command}". ${hint}`);
  if (modulePath === undefined) throw new UsageError(`${command} needs the path of a mesh module. ${hint}`);
  if (extra.length > 0) throw new UsageError(`unexpected arguments: ${extra.join(' ')}. ${hint}`);

  if (command === 'migrate') {
    migrationTarget(values.to);
    const { definition } = await loadDefinition(modulePath);
    return migrateCommand(definition, { to: values.to, out: values.out, json: values.json ?? false }, io);
  }
  if (command === 'render' && values.out === undefined)
    throw new UsageError(`render needs --out <dir>. ${hint}`);
  const concurrency = values.concurrency === undefined ? undefined : Number(values.concurrency);
  if (concurrency !== undefined && !(Number.isInteger(concurrency) && concurrency >= 1))
    throw new UsageError(`--concurrency: expected an integer >= 1, received ${values.concurrency}. ${hint}`);
  if (values.local && values.endpoint !== undefined)
    throw new UsageError(`--local and --endpoint exclude each other. ${hint}`);
  const target = values.target;
  if (target !== undefined && !(TARGETS as readonly string[]).includes(target))
    throw new UsageError(`--target: expected one of ${TARGETS.join(', ')}, received ${target}. ${hint}`);
  const { plan } = await loadPlan(modulePath, target as Target | undefined);
  if ((EXECUTE_COMMANDS as readonly string[]).includes(command)) {
    const notice = takeSdkNodeNotice();
    if (notice !== undefined) io.err(notice);
    // The executor and the AWS SDK load only for the commands that call AWS.
    const { executeCommand } = await import('./execute-command.js');
    return executeCommand(
      command as ExecuteCommand,
      plan,
      {
        endpoint: values.endpoint,
        region: values.region,
        profile: values.profile,
        localState: values.local ? (values.state ?? '.appmesh-builder/local-cloud.json') : undefined,
        journal: values.journal,
        concurrency,
        rollback: !values['no-rollback'],
        writeAdopted: values['write-adopted'],
        live: io.isTerminal === true,
        stop: control.stop,
        again: (as: string) => commandLine(argv, command, as),
      },
      io,
    );
  }
  if (command === 'plan') return planCommand(plan, { json: values.json ?? false }, io);
  if (command === 'graph') return graphCommand(plan, io);
  return renderCommand(
    plan,
    {
      out: values.out as string,
      taskDefinitionsOnly: values['task-definitions-only'] ?? false,
      familyPrefix: values['family-prefix'],
    },
    io,
  );
}

/** The command line as typed, with `as` in place of its command: how to resume or roll back this run. */
function commandLine(argv: readonly string[], command: string, as: string): string {
  const at = argv.indexOf(command);
  const words = [...argv.slice(0, at), as, ...argv.slice(at + 1)];
  return ['appmesh-builder', ...words].map(quote).join(' ');
}

const RENDER_COMMANDS = ['plan', 'render', 'graph'];
const EXECUTE_COMMANDS: readonly ExecuteCommand[] = ['apply', 'diff', 'destroy', 'resume', 'rollback'];
