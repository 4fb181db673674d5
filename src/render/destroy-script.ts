/** destroy.sh: deletes every resource in reverse file order, skipping what is already gone. */
import type { Plan } from '../plan/plan.js';
import type { PlannedResource, ResourceKind } from '../plan/resource.js';
import { destroyStepsFor, PRESENCE } from './destroy-steps.js';
import type { ResourceFile } from './file-layout.js';
import { DESTROY_HELPERS, scriptHeader, WAIT_FOR_OPERATION } from './script-prelude.js';
import { resolveRefs, type ScriptContext, shellWords } from './script-refs.js';
import { commandLine, comment, quote } from './shell.js';

const PURPOSE = [
  'Deletes every resource of the plan in reverse file order (dependents first). A resource that is',
  "already gone is skipped: a lookup or delete that AWS answers with that kind's not-found error",
  'counts as done; every other error stops the script. ECS services are scaled to 0, deleted with',
  '--force and waited for until INACTIVE. Task definitions are deregistered (every ACTIVE revision of',
  'the family); AWS keeps INACTIVE revisions.',
];

export function renderDestroyScript(
  plan: Plan,
  files: readonly ResourceFile[],
  context: ScriptContext,
): string {
  const blocks = [...files].reverse().map((file) => destroyBlock(file, context));
  return [
    scriptHeader('destroy.sh', plan.meshName, PURPOSE),
    WAIT_FOR_OPERATION,
    DESTROY_HELPERS,
    ...blocks,
    `say ${quote(`mesh ${plan.meshName}: done`)}`,
    '',
  ].join('\n');
}

function destroyBlock(file: ResourceFile, context: ScriptContext): string {
  const steps = destroyStepsFor(file.resource);
  const presence = presenceToken(file.resource);
  const refs = resolveRefs(context, [...(presence ? [presence] : []), ...steps], 'destroy');
  const commands = steps.map((words) =>
    commandLine(shellWords(context, words), refs.variables.length ? '  ' : ''),
  );
  const header = comment(`${file.path}: ${file.resource.kind} ${quote(file.resource.name)}`);
  if (refs.variables.length === 0) return `${[header, ...commands].join('\n')}\n`;
  const found = refs.variables.map((v) => `-n $${v}`).join(' && ');
  return `${[
    header,
    ...refs.lines,
    `if [[ ${found} ]]; then`,
    ...commands,
    'else',
    `  say ${quote(`${file.path}: not found, already deleted`)}`,
    'fi',
  ].join('\n')}\n`;
}

function presenceToken(resource: PlannedResource): string | undefined {
  const presence = PRESENCE[resource.kind] as ((r: PlannedResource<ResourceKind>) => string) | undefined;
  return presence?.(resource);
}
