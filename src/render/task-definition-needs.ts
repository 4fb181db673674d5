/**
 * What the task definitions name but do not create, for a reader who registers them alone: the IAM
 * roles (with the policies the plan gives them), the log group, and the App Mesh resource each
 * Envoy serves. All must exist before a task starts; the full render's apply.sh creates them.
 */
import { iamRoleArn } from '../plan/names.js';
import type { Plan } from '../plan/plan.js';
import { findRefs, type PlannedResource } from '../plan/resource.js';
import type { RenderedFile } from './rendered-file.js';
import { resourcesById } from './resolve-names.js';

type TaskDefinition = PlannedResource<'taskDefinition'>;

export interface TaskDefinitionNeeds {
  /** One line per role: its ARN, what it is to which family, its trust and its policies. */
  readonly roles: readonly string[];
  readonly logGroups: readonly string[];
  /** The virtual nodes and gateways the Envoys serve. */
  readonly appMesh: readonly string[];
}

export function taskDefinitionNeeds(plan: Plan): TaskDefinitionNeeds {
  const tasks = plan.resources.filter((r): r is TaskDefinition => r.kind === 'taskDefinition');
  return { roles: roleLines(plan, tasks), logGroups: logGroupLines(tasks), appMesh: envoyLines(tasks) };
}

/** `6 IAM roles, 1 log group and 5 App Mesh resources` (without App Mesh when none: Service Connect). */
export function countNeeds(needs: TaskDefinitionNeeds): string {
  const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
  const roles = count(needs.roles.length, 'IAM role', 'IAM roles');
  const logGroups = count(needs.logGroups.length, 'log group', 'log groups');
  if (needs.appMesh.length === 0) return `${roles} and ${logGroups}`;
  return `${roles}, ${logGroups} and ${count(needs.appMesh.length, 'App Mesh resource', 'App Mesh resources')}`;
}

/** README.txt beside the stand-alone task definitions. */
export function renderTaskDefinitionReadme(plan: Plan, files: readonly RenderedFile[]): RenderedFile {
  const example = files[0]?.path ?? '<family>.json';
  const lines = [
    `ECS task definitions of mesh ${plan.meshName}, one <family>.json each. Register one with`,
    `  aws ecs register-task-definition --cli-input-json file://${example}`,
    '',
    'Their tasks start only once these exist (`appmesh-builder render` without',
    '--task-definitions-only writes apply.sh, which creates all of them):',
    ...Object.values(taskDefinitionNeeds(plan))
      .flat()
      .map((line) => `  - ${line}`),
  ];
  return { path: 'README.txt', contents: `${lines.join('\n')}\n` };
}

function roleLines(plan: Plan, tasks: readonly TaskDefinition[]): string[] {
  const byId = resourcesById(plan);
  // Role id -> what it is to which families: `execution role` -> [blue, red].
  const uses = new Map<string, Map<string, string[]>>();
  const use = (token: string | undefined, what: string, family: string) => {
    for (const { resourceId } of findRefs(token)) {
      const roleUses = uses.get(resourceId) ?? new Map<string, string[]>();
      roleUses.set(what, [...(roleUses.get(what) ?? []), family]);
      uses.set(resourceId, roleUses);
    }
  };
  for (const task of tasks) {
    const family = task.input.family ?? task.name;
    use(task.input.executionRoleArn, 'execution role', family);
    use(task.input.taskRoleArn, 'task role', family);
  }
  return [...uses].flatMap(([id, roleUses]) => {
    const role = byId.get(id);
    if (role?.kind !== 'iamRole') return [];
    const name = role.input.RoleName ?? role.name;
    const arn = plan.aws === undefined ? name : iamRoleArn(plan.aws, name, role.input.Path);
    const what = [...roleUses].map(([kind, families]) => `${kind} of ${families.join(', ')}`);
    const policies = policiesOf(plan, name);
    return [`IAM role ${arn} (${[...what, 'trusts ecs-tasks.amazonaws.com', ...policies].join('; ')})`];
  });
}

function policiesOf(plan: Plan, roleName: string): string[] {
  const names = plan.resources.flatMap((r) => {
    if (r.kind === 'iamRolePolicy' && r.input.RoleName === roleName) return [`inline ${r.input.PolicyName}`];
    if (r.kind === 'iamRolePolicyAttachment' && r.input.RoleName === roleName)
      return [r.input.PolicyArn ?? ''];
    return [];
  });
  return names.length === 0 ? [] : [names.join(', ')];
}

function logGroupLines(tasks: readonly TaskDefinition[]): string[] {
  const groups = new Map<string, Set<string>>();
  for (const task of tasks) {
    for (const container of task.input.containerDefinitions ?? []) {
      const options = container.logConfiguration?.options;
      const group = options?.['awslogs-group'];
      if (group === undefined) continue;
      const key = `${group} in ${options?.['awslogs-region'] ?? "the task's region"}`;
      groups.set(key, (groups.get(key) ?? new Set()).add(task.input.family ?? task.name));
    }
  }
  return [...groups].map(
    ([group, families]) => `CloudWatch Logs group ${group} (logs of ${[...families].join(', ')})`,
  );
}

function envoyLines(tasks: readonly TaskDefinition[]): string[] {
  return tasks.flatMap((task) =>
    (task.input.containerDefinitions ?? []).flatMap((container) =>
      (container.environment ?? [])
        .filter((variable) => variable.name === 'APPMESH_RESOURCE_ARN')
        .map((variable) => `App Mesh ${variable.value} (served by the Envoy of ${task.input.family})`),
    ),
  );
}
