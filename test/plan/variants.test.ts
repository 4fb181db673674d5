import { describe, expect, it } from 'vitest';
import type { MeshDefinition, NodeTaskDefinition } from '../../src/definition/mesh-definition.js';
import { isMeshError, PlanValidationError } from '../../src/errors/mesh-error.js';
import { plan } from '../../src/plan/build-plan.js';
import { deletionOrder } from '../../src/plan/graph.js';
import { withIdempotencyToken } from '../../src/plan/tokens.js';
import { colorMeshDefinition } from '../fixtures/color-mesh-definition.js';
import { copy, input, resource } from './support.js';

type Mutable<T> = T extends readonly (infer U)[]
  ? Mutable<U>[]
  : T extends object
    ? { -readonly [K in keyof T]: Mutable<T[K]> }
    : T;
const at = <T>(items: T[], index: number): T => {
  const item = items[index];
  if (item === undefined) throw new Error(`nothing at ${index}`);
  return item;
};
const variant = (change: (definition: Mutable<MeshDefinition>) => void): MeshDefinition => {
  const definition = copy(colorMeshDefinition) as Mutable<MeshDefinition>;
  change(definition);
  return definition as MeshDefinition;
};
const nodeNamed = (definition: Mutable<MeshDefinition>, name: string) => {
  const node = definition.nodes.find((candidate) => candidate.name === name);
  if (!node) throw new Error(name);
  return node;
};
const taskOf = (definition: Mutable<MeshDefinition>, name: string) =>
  nodeNamed(definition, name).task as Mutable<NodeTaskDefinition>;
const reversed = <T>(items: T[]) => [...items].reverse();

describe('determinism', () => {
  it('gives byte-identical plans for the same definition', () => {
    expect(JSON.stringify(plan(colorMeshDefinition))).toBe(JSON.stringify(plan(copy(colorMeshDefinition))));
  });

  it('does not depend on the order things were declared in', () => {
    const shuffled = variant((d) => {
      d.nodes = reversed(d.nodes);
      d.services = reversed(d.services);
      d.cloudMapServices = reversed(d.cloudMapServices);
      at(d.gateways, 0).routes = reversed(at(d.gateways, 0).routes);
    });
    expect(JSON.stringify(plan(shuffled))).toBe(JSON.stringify(plan(colorMeshDefinition)));
  });
});

describe('backends', () => {
  it('make no dependency, so blue <-> red backends make no cycle', () => {
    const both = plan(variant((d) => void nodeNamed(d, 'red').backends.push({ ref: 'blue.colors.local' })));
    const red = resource(both, 'virtualNode', 'mesh/color-mesh/virtualNode/red');
    expect(red.input.spec?.backends?.map((b) => b.virtualService?.virtualServiceName)).toEqual([
      'blue.colors.local',
      'router.colors.local',
    ]);
    expect(red.dependsOn.some((id) => id.includes('virtualService'))).toBe(false);
  });

  it('resolve a node name to the service that fronts it', () => {
    const byNode = plan(
      variant((d) => {
        nodeNamed(d, 'blue').backends = [{ ref: 'red' }];
      }),
    );
    expect(input(byNode, 'virtualNode', 'mesh/color-mesh/virtualNode/blue').spec?.backends).toEqual([
      { virtualService: { virtualServiceName: 'red.colors.local' } },
    ]);
  });
});

describe('gateway routes', () => {
  it('resolve a target naming a node to the service fronting it', () => {
    const byNode = plan(
      variant((d) => {
        const spec = at(at(d.gateways, 0).routes, 1).spec;
        if (spec.httpRoute?.action?.target?.virtualService)
          spec.httpRoute.action.target.virtualService.virtualServiceName = 'blue';
      }),
    );
    const route = resource(
      byNode,
      'gatewayRoute',
      'mesh/color-mesh/virtualGateway/color-gateway/gatewayRoute/color-gateway-route-2',
    );
    expect(route.input.spec?.httpRoute?.action?.target?.virtualService?.virtualServiceName).toBe(
      'blue.colors.local',
    );
    expect(route.dependsOn).toContain('mesh/color-mesh/virtualService/blue.colors.local');
  });
});

describe('Envoy access', () => {
  it("attaches AWSAppMeshEnvoyAccess instead of the scoped policy for 'managed'", () => {
    const managed = plan(
      variant((d) => {
        taskOf(d, 'red').envoyAccess = 'managed';
      }),
    );
    const ids = managed.resources.map((r) => r.id);
    expect(ids).not.toContain('iam/role/color-mesh-red-task-role/policy/appmesh-envoy-access');
    expect(
      input(
        managed,
        'iamRolePolicyAttachment',
        'iam/role/color-mesh-red-task-role/attachment/AWSAppMeshEnvoyAccess',
      ).PolicyArn,
    ).toBe('arn:aws:iam::aws:policy/AWSAppMeshEnvoyAccess');
  });

  it('adds no ECS Exec policy when ECS Exec is off', () => {
    const off = plan(
      variant((d) => {
        taskOf(d, 'red').enableExecuteCommand = false;
      }),
    );
    expect(off.resources.map((r) => r.id)).not.toContain('iam/role/color-mesh-red-task-role/policy/ecs-exec');
    expect(input(off, 'ecsService', 'ecs/cluster/color-cluster/service/red').enableExecuteCommand).toBe(
      false,
    );
  });
});

describe('start order', () => {
  it("'app-first' makes Envoy wait for the healthy app instead", () => {
    const appFirst = plan(
      variant((d) => {
        const task = taskOf(d, 'red');
        task.startOrder = 'app-first';
        at(task.containers, 0).healthCheck = {
          command: ['CMD-SHELL', 'curl -f localhost/healthcheck'],
          interval: 5,
        };
      }),
    );
    const containers = input(appFirst, 'taskDefinition', 'ecs/taskDefinition/red').containerDefinitions ?? [];
    expect(containers.find((c) => c.name === 'red-app')?.dependsOn).toBeUndefined();
    expect(containers.find((c) => c.name === 'envoy')?.dependsOn).toEqual([
      { containerName: 'red-app', condition: 'HEALTHY' },
    ]);
  });
});

describe('gateway security group', () => {
  it('opens nothing when no CIDR is listed', () => {
    const closed = plan(
      variant((d) => {
        const task = at(d.gateways, 0).task;
        if (task) task.ingressCidrs = [];
      }),
    );
    const ids = closed.resources.map((r) => r.id);
    expect(ids).toContain('ec2/securityGroup/gateway-sg');
    expect(ids.filter((id) => id.startsWith('ec2/securityGroup/gateway-sg/ingress/'))).toEqual([]);
  });

  it('puts the gateway tasks in the gateway group when there is no NLB', () => {
    const direct = plan(
      variant((d) => {
        const task = at(d.gateways, 0).task;
        if (task) delete task.loadBalancer;
      }),
    );
    expect(direct.resources.some((r) => r.kind === 'loadBalancer')).toBe(false);
    const service = input(direct, 'ecsService', 'ecs/cluster/color-cluster/service/color-gateway');
    expect(service.networkConfiguration?.awsvpcConfiguration?.securityGroups).toEqual([
      '{{ref:ec2/securityGroup/colorapp-sg#id}}',
      '{{ref:ec2/securityGroup/gateway-sg#id}}',
    ]);
    expect(service.loadBalancers).toBeUndefined();
  });
});

describe('client tokens', () => {
  const tokenOf = (p: ReturnType<typeof plan>, id: string) => {
    const planned = p.resources.find((r) => r.id === id);
    return planned && (withIdempotencyToken(planned, planned.input) as { clientToken?: string }).clientToken;
  };

  it('stay the same across plans and change only with the resource spec', () => {
    const before = plan(colorMeshDefinition);
    const after = plan(
      variant((d) => {
        nodeNamed(d, 'red').logging = { accessLog: { file: { path: '/dev/stderr' } } };
      }),
    );
    expect(tokenOf(plan(colorMeshDefinition), 'mesh/color-mesh/virtualNode/red')).toBe(
      tokenOf(before, 'mesh/color-mesh/virtualNode/red'),
    );
    expect(tokenOf(after, 'mesh/color-mesh/virtualNode/red')).not.toBe(
      tokenOf(before, 'mesh/color-mesh/virtualNode/red'),
    );
    expect(tokenOf(after, 'mesh/color-mesh/virtualNode/blue')).toBe(
      tokenOf(before, 'mesh/color-mesh/virtualNode/blue'),
    );
  });
});

describe('tags', () => {
  it('apply mesh tags everywhere, let resource tags win, and keep the ownership tags', () => {
    const tagged = plan(
      variant((d) => {
        d.tags = { team: 'colors', env: 'dev' };
        d.plan = 'colors-prod';
        nodeNamed(d, 'red').tags = {
          env: 'prod',
          'appmesh-builder:mesh': 'stolen',
          'appmesh-builder:plan': 'stolen',
        };
      }),
    );
    expect(tagged.planName).toBe('colors-prod');
    expect(input(tagged, 'virtualNode', 'mesh/color-mesh/virtualNode/red').tags).toEqual([
      { key: 'appmesh-builder:mesh', value: 'color-mesh' },
      { key: 'appmesh-builder:plan', value: 'colors-prod' },
      { key: 'env', value: 'prod' },
      { key: 'team', value: 'colors' },
    ]);
    expect(input(tagged, 'iamRole', 'iam/role/color-mesh-execution-role').Tags).toContainEqual({
      Key: 'team',
      Value: 'colors',
    });
  });
});

describe('shared mesh', () => {
  it('does not create a mesh owned by another account, and uses its owner in ARNs', () => {
    const shared = plan(
      variant((d) => {
        d.meshOwner = '210987654321';
      }),
    );
    expect(shared.resources.some((r) => r.kind === 'mesh')).toBe(false);
    expect(input(shared, 'virtualNode', 'mesh/color-mesh/virtualNode/red').meshOwner).toBe('210987654321');
    const envoy = input(shared, 'taskDefinition', 'ecs/taskDefinition/red').containerDefinitions?.find(
      (c) => c.name === 'envoy',
    );
    expect(envoy?.environment?.[0]?.value).toBe(
      'arn:aws:appmesh:us-east-1:210987654321:mesh/color-mesh/virtualNode/red',
    );
  });
});

describe('without ECS', () => {
  it('plans only App Mesh and Cloud Map', () => {
    const meshOnly = plan(
      variant((d) => {
        for (const node of d.nodes) delete node.task;
        for (const gateway of d.gateways) delete gateway.task;
        if (d.namespace) d.namespace.vpcId = 'vpc-0123456789abcdef0';
        // No task registers in Cloud Map any more: the names resolve some other way.
        d.externalDns = ['red.colors.local', 'blue.colors.local', 'router.colors.local'];
        delete d.ecs;
      }),
    );
    expect(new Set(meshOnly.resources.map((r) => r.id.split('/')[0]))).toEqual(new Set(['cloudMap', 'mesh']));
  });
});

describe('validation', () => {
  it('throws one PlanValidationError before deriving anything', () => {
    const broken = variant((d) => {
      const action = at(at(d.routers, 0).routes, 0).spec.httpRoute?.action;
      if (action?.weightedTargets?.[0]) action.weightedTargets[0].virtualNode = 'purple';
    });
    let thrown: unknown;
    try {
      plan(broken);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(PlanValidationError);
    expect(isMeshError(thrown)).toBe(true);
    expect((thrown as PlanValidationError).issues.every((i) => i.severity === 'error')).toBe(true);
    expect((thrown as PlanValidationError).message).toMatch(/purple/);
  });
});

describe('deletionOrder', () => {
  it('is the create order reversed: dependents first', () => {
    const colorPlan = plan(colorMeshDefinition);
    const order = deletionOrder(colorPlan).map((r) => r.id);
    expect(order).toEqual(colorPlan.resources.map((r) => r.id).reverse());
    const position = new Map(order.map((id, index) => [id, index]));
    const deletedBefore = (a: string, b: string) => (position.get(a) as number) < (position.get(b) as number);
    expect(
      deletedBefore(
        'mesh/color-mesh/virtualRouter/color-router/route/color-route',
        'mesh/color-mesh/virtualNode/green',
      ),
    ).toBe(true);
    expect(
      deletedBefore('mesh/color-mesh/virtualService/red.colors.local', 'mesh/color-mesh/virtualNode/red'),
    ).toBe(true);
    expect(
      deletedBefore('ecs/cluster/color-cluster/service/red', 'cloudMap/namespace/colors.local/service/red'),
    ).toBe(true);
  });
});
