/**
 * A plan whose ECS task definition families carry a prefix: `api` becomes `team-a-api`, so that two
 * meshes with a task of the same name can register in one account. Everything that names a family
 * follows: the task definition's id, name and `family`, and the references and dependencies of the
 * ECS services that run it.
 */
import { PlanValidationError } from '../errors/mesh-error.js';
import { ECS_NAME } from '../validate/ecs.js';
import { issue, type PlanIssue, show } from '../validate/issue.js';
import { deepFreeze } from './freeze.js';
import { resourceIds } from './names.js';
import type { Plan } from './plan.js';
import { type PlannedResource, ref, replaceRefs } from './resource.js';

/** What ECS allows before a family name: its own characters, with room left for the name. */
const FAMILY_PREFIX = /^[A-Za-z0-9_-]*$/;

/**
 * The plan with every task definition family prefixed. Throws PlanValidationError when the prefix
 * has a character ECS refuses in a family, or makes a family longer than ECS's 255 characters.
 */
export function withFamilyPrefix(plan: Plan, prefix: string): Plan {
  if (prefix === '') return plan;
  const families = plan.resources.filter(
    (r): r is PlannedResource<'taskDefinition'> => r.kind === 'taskDefinition',
  );
  const problems = familyPrefixIssues(prefix, families);
  if (problems.length > 0) throw new PlanValidationError(problems as [PlanIssue, ...PlanIssue[]]);

  const renamed = new Map(
    families.map((r) => [r.id, resourceIds.taskDefinition(`${prefix}${r.input.family ?? r.name}`)]),
  );
  const newId = (id: string) => renamed.get(id) ?? id;
  const resources = plan.resources.map((resource) => {
    const input = replaceRefs(resource.input, (id, attribute) => ref(newId(id), attribute));
    const own =
      resource.kind === 'taskDefinition'
        ? {
            id: newId(resource.id),
            name: `${prefix}${resource.name}`,
            input: { ...input, family: `${prefix}${(resource.input as { family?: string }).family}` },
          }
        : { input };
    return deepFreeze({ ...resource, dependsOn: resource.dependsOn.map(newId), ...own }) as PlannedResource;
  });
  return Object.freeze({ ...plan, resources: Object.freeze(resources) });
}

function familyPrefixIssues(
  prefix: string,
  families: readonly PlannedResource<'taskDefinition'>[],
): PlanIssue[] {
  const expected = 'letters, digits, hyphens or underscores, 255 characters at most with the family';
  if (!FAMILY_PREFIX.test(prefix)) {
    return [issue('INVALID_NAME', 'familyPrefix', expected, show(prefix))];
  }
  return families
    .filter((r) => !ECS_NAME.test(`${prefix}${r.input.family ?? r.name}`))
    .map((r) =>
      issue('INVALID_NAME', r.id, expected, `${`${prefix}${r.input.family ?? r.name}`.length} characters`, {
        field: 'family',
        explanation: 'Use a shorter family prefix.',
      }),
    );
}
