/** apply.sh: runs every create call in file order, looking up ids and ARNs as it goes. */
import type { Plan } from '../plan/plan.js';
import { isReferenced } from '../plan/referenced.js';
import { ref } from '../plan/resource.js';
import { afterCreate, CREATE_COMMANDS, REFERENCE_COMMANDS } from './cli-commands.js';
import type { ResourceFile } from './file-layout.js';
import { APPLY_HELPERS, scriptHeader, WAIT_FOR_OPERATION } from './script-prelude.js';
import { resolveRefs, type ScriptContext, shellWords, uniqueRefs } from './script-refs.js';
import { commandLine, comment, quote } from './shell.js';

const PURPOSE = [
  'Creates every resource of the plan by running its --cli-input-json file, in file name order:',
  'a file only depends on files with a smaller prefix. Ids and ARNs that exist only after creation',
  'are looked up with the AWS CLI and substituted into a temporary copy of the file.',
  'What the plan references and never creates (an AWS-managed prefix list) is looked up first: the',
  'script stops before any create when AWS has none.',
  'Not idempotent: a second run stops at the first resource that already exists.',
];

export function renderApplyScript(
  plan: Plan,
  files: readonly ResourceFile[],
  context: ScriptContext,
): string {
  const blocks = files.map((file) => applyBlock(file, context));
  return [
    scriptHeader('apply.sh', plan.meshName, PURPOSE),
    WAIT_FOR_OPERATION,
    APPLY_HELPERS,
    ...blocks,
    `say ${quote(`mesh ${plan.meshName}: ${files.length} resources created`)}`,
    '',
  ].join('\n');
}

function applyBlock(file: ResourceFile, context: ScriptContext): string {
  const { kind } = file.resource;
  if (isReferenced(kind)) {
    const { service, command, query } = REFERENCE_COMMANDS[kind];
    return `${[
      comment(`${file.path}: ${kind} ${quote(file.resource.name)}, referenced: looked up, never created`),
      commandLine(['find_referenced', quote(file.path), service, command, quote(query)]),
    ].join('\n')}\n`;
  }
  const { service, command, runner } = CREATE_COMMANDS[kind];
  const refs = resolveRefs(context, file.resource.input, 'apply');
  const substitutions = uniqueRefs(file.resource.input).flatMap((token, i) => [
    quote(ref(token.resourceId, token.attribute)),
    `"$${refs.variables[i]}"`,
  ]);
  const lines = [
    comment(`${file.path}: ${file.resource.kind} ${quote(file.resource.name)}`),
    ...refs.lines,
    commandLine([runner, quote(file.path), service, command, ...substitutions]),
    ...afterCreate(file.resource).map((words) => commandLine(shellWords(context, words))),
  ];
  return `${lines.join('\n')}\n`;
}
