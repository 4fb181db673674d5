import { type ServiceConnectConfiguration, UpdateServiceCommand } from '@aws-sdk/client-ecs';
import { describe, expect, it } from 'vitest';
import { type ColorMeshStage, colorMesh, exampleParams } from '../../examples/color-mesh.js';
import { HANDLERS } from '../../src/execute/handlers/index.js';
import type {
  HandlerContext,
  Observed,
  ResourceAttributes,
  ResourceHandler,
} from '../../src/execute/handlers/types.js';
import type { LocalCloud } from '../../src/local/local-cloud.js';
import type { PlanOptions } from '../../src/plan/plan-options.js';
import {
  type PlannedResource,
  RESOURCE_KINDS,
  type ResourceInputs,
  type ResourceKind,
  replaceRefs,
} from '../../src/plan/resource.js';
import { latticePlan } from '../fixtures/lattice-plan.js';
import { realTimeContext } from '../support/handler-context.js';
import { fastLocalCloud } from '../support/local-color-mesh.js';

/** The handler of a kind, typed loosely: the plan's inputs and the handler's agree by construction. */
function handlerOf(kind: ResourceKind): ResourceHandler<ResourceKind> {
  return HANDLERS[kind] as unknown as ResourceHandler<ResourceKind>;
}

/** Errors AWS gives while an earlier step settles (the executor retries these): tasks still deregistering, ENIs held. */
const SETTLING = [
  'ResourceInUse',
  'DependencyViolation',
  'ResourceInUseException',
  'ClusterContainsServicesException',
];

function colorMeshPlan(cloud: LocalCloud, stage: ColorMeshStage = {}, options: PlanOptions = {}) {
  const { vpcId, subnetIds } = cloud.defaultNetwork();
  return colorMesh(
    { ...exampleParams, vpcId, privateSubnets: subnetIds, publicSubnets: subnetIds },
    stage,
  ).plan(options);
}

function setup(options: PlanOptions = {}) {
  const cloud = fastLocalCloud();
  return {
    cloud,
    plan: colorMeshPlan(cloud, {}, options),
    ctx: realTimeContext(cloud, { maxWaitMs: 5_000 }),
  };
}

/** Applies the plan in order the way the executor does, sequentially: read, create or update, wait. */
async function applyAll(resources: readonly PlannedResource[], ctx: HandlerContext) {
  const attributes = new Map<string, ResourceAttributes>();
  const outcomes = new Map<string, 'created' | 'updated' | 'unchanged'>();
  for (const resource of resources) {
    const handler = handlerOf(resource.kind);
    const input = resolve(resource, attributes);
    const observed = await handler.read(input, ctx);
    let result: ResourceAttributes;
    if (observed === undefined) {
      result = await handler.create(input, ctx);
      outcomes.set(resource.id, 'created');
    } else if (handler.changes(input, observed).length > 0) {
      if (handler.update === undefined) throw new Error(`${resource.id} cannot be updated`);
      result = await handler.update(input, observed, ctx);
      outcomes.set(resource.id, 'updated');
    } else {
      result = observed.attributes;
      outcomes.set(resource.id, 'unchanged');
    }
    if (outcomes.get(resource.id) !== 'unchanged') await handler.wait?.(result, ctx);
    attributes.set(resource.id, result);
  }
  return { attributes, outcomes };
}

function resolve(resource: PlannedResource, attributes: ReadonlyMap<string, ResourceAttributes>) {
  return replaceRefs(resource.input, (id, attribute) => {
    const value = attributes.get(id)?.[attribute];
    if (value === undefined) throw new Error(`${resource.id}: ${id}#${attribute} is not known`);
    return value;
  });
}

/** Reads every resource again: what AWS has, by plan id. */
async function readAll(
  resources: readonly PlannedResource[],
  attributes: ReadonlyMap<string, ResourceAttributes>,
  ctx: HandlerContext,
) {
  const observed = new Map<string, { input: unknown; observed: Observed | undefined }>();
  for (const resource of resources) {
    const input = resolve(resource, attributes);
    observed.set(resource.id, { input, observed: await handlerOf(resource.kind).read(input, ctx) });
  }
  return observed;
}

async function retryWhileSettling<T>(ctx: HandlerContext, step: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await step();
    } catch (error) {
      if (attempt >= 50 || !(error instanceof Error) || !SETTLING.includes(error.name)) throw error;
      await ctx.sleep(5);
    }
  }
}

async function deleteAll(
  resources: readonly PlannedResource[],
  attributes: ReadonlyMap<string, ResourceAttributes>,
  ctx: HandlerContext,
) {
  for (const resource of [...resources].reverse()) {
    const handler = handlerOf(resource.kind);
    const input = resolve(resource, attributes);
    const observed = await handler.read(input, ctx);
    expect(observed, `${resource.id} before delete`).toBeDefined();
    if (observed === undefined) continue;
    await retryWhileSettling(ctx, () => handler.delete(observed.attributes, input, ctx));
    await handler.waitDeleted?.(observed.attributes, ctx);
    expect(await handler.read(input, ctx), `${resource.id} after delete`).toBeUndefined();
  }
}

describe('executor handlers against the local cloud', () => {
  it('the color mesh on App Mesh, on Service Connect and with VPC Lattice, and the VPC Lattice plan, use every kind of resource between them', () => {
    const cloud = fastLocalCloud();
    const lattice = latticePlan({
      vpcId: cloud.defaultNetwork().vpcId,
      region: cloud.region,
      accountId: cloud.accountId,
    });
    const kinds = [
      colorMeshPlan(cloud),
      colorMeshPlan(cloud, {}, { target: 'service-connect' }),
      // Its gateway as an ALB: the listener rules.
      colorMeshPlan(cloud, {}, { target: 'service-connect+vpc-lattice' }),
      lattice,
    ].flatMap((p) => p.resources.map((r) => r.kind));
    expect(new Set(kinds)).toEqual(new Set(RESOURCE_KINDS));
  });

  it.each([{ target: 'app-mesh' as const }, { target: 'service-connect' as const }])(
    'apply the color mesh on $target, find every resource unchanged on a second read, and delete it all again',
    async (options) => {
      const { cloud, plan, ctx } = setup(options);
      const before = cloud.snapshot();

      const { attributes, outcomes } = await applyAll(plan.resources, ctx);
      expect([...outcomes.values()].every((o) => o === 'created')).toBe(true);

      // A second pass would write nothing: every kind reads back equal to its desired input.
      const observed = await readAll(plan.resources, attributes, ctx);
      const changed = plan.resources.flatMap((resource) => {
        const entry = observed.get(resource.id);
        if (entry?.observed === undefined) return [`${resource.id}: absent`];
        const changes = handlerOf(resource.kind).changes(entry.input as never, entry.observed);
        return changes.map((path) => `${resource.id}: ${path}`);
      });
      expect(changed).toEqual([]);
      // Reads return what creates returned: references resolve the same on a later run.
      for (const resource of plan.resources) {
        expect(observed.get(resource.id)?.observed?.attributes, resource.id).toEqual(
          attributes.get(resource.id),
        );
      }

      await deleteAll(plan.resources, attributes, ctx);
      const after = cloud.snapshot();
      for (const service of ['appMesh', 'cloudMap', 'iam', 'ec2', 'elbv2', 'logs', 'ecs'] as const) {
        expect(after[service], service).toEqual(before[service]);
      }
    },
  );

  it('a changed route weight shows on that route only, and update makes AWS match', async () => {
    const { cloud, plan, ctx } = setup();
    const { attributes } = await applyAll(plan.resources, ctx);
    const changedPlan = colorMeshPlan(cloud, { routeTargets: { green: 1, yellow: 1 } });
    const observed = await readAll(changedPlan.resources, attributes, ctx);
    const changed = changedPlan.resources.flatMap((resource) => {
      const entry = observed.get(resource.id);
      if (entry?.observed === undefined) return [resource.id];
      return handlerOf(resource.kind).changes(entry.input as never, entry.observed).length > 0
        ? [resource.id]
        : [];
    });
    expect(changed).toEqual(['mesh/color-mesh/virtualRouter/color-router/route/color-route']);

    const second = await applyAll(changedPlan.resources, ctx);
    expect([...second.outcomes].filter(([, outcome]) => outcome !== 'unchanged')).toEqual([
      ['mesh/color-mesh/virtualRouter/color-router/route/color-route', 'updated'],
    ]);
    const route = changedPlan.resources.find((r) => r.kind === 'route') as PlannedResource<'route'>;
    const after = await HANDLERS.route.read(resolve(route, second.attributes) as never, ctx);
    expect(HANDLERS.route.changes(resolve(route, second.attributes) as never, after as Observed)).toEqual([]);
  });

  it("an alias the Service Connect plan leaves unnamed: ECS's default name is no change, another name is", async () => {
    const { cloud, plan, ctx } = setup({ target: 'service-connect' });
    const { attributes } = await applyAll(plan.resources, ctx);
    const yellow = plan.resources.find(
      (r) => r.name === 'yellow-sc' && r.kind === 'ecsService',
    ) as PlannedResource;
    const input = resolve(yellow, attributes) as ResourceInputs['ecsService'];
    expect(input.serviceConnectConfiguration?.services?.[0]?.clientAliases).toEqual([{ port: 80 }]);
    const answering = async (dnsName: string) => {
      const configuration = structuredClone(input.serviceConnectConfiguration) as ServiceConnectConfiguration;
      (configuration.services?.[0]?.clientAliases ?? [])[0] = { port: 80, dnsName };
      await cloud.clients({ maxAttempts: 1 }).ecs.send(
        new UpdateServiceCommand({
          cluster: input.cluster,
          service: 'yellow-sc',
          serviceConnectConfiguration: configuration,
        }),
      );
      return HANDLERS.ecsService.changes(input, (await HANDLERS.ecsService.read(input, ctx)) as Observed);
    };
    expect(await answering('yellow.color-mesh')).toEqual([]);
    expect(await answering('sunflower.colors.local')).toEqual([
      'serviceConnectConfiguration.services[0].clientAliases[0].dnsName',
    ]);
  });
});
