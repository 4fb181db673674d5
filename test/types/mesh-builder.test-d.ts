import { describe, expectTypeOf, test } from 'vitest';
import type { MeshDefinition } from '../../src/definition/mesh-definition.js';
import { mesh } from '../../src/mesh.js';
import { gatewayListener, listener } from '../../src/options/listener.js';
import type { Plan } from '../../src/plan/plan.js';

describe('valid chains compile', () => {
  test('forward references, both forms', () => {
    const built = mesh('m')
      .node('red')
      .backend('blue.svc')
      .backend('blue')
      .node('blue', (n) => n.listener(listener.http(80)).virtualService('blue.svc'))
      .router('r', (r) => r.route('to-red', { targets: { red: 1, blue: 2 } }))
      .service('r.svc', { router: 'r' })
      .service('red.svc', { node: 'red' })
      .gateway('g')
      .listener(gatewayListener.http(80))
      .route('a', { target: 'r.svc' })
      .route('b', { target: 'red' })
      .build();
    expectTypeOf(built).toEqualTypeOf<MeshDefinition>();
  });

  test('weighted targets as a list with ports', () => {
    const b = mesh('m')
      .node('green')
      .router('r')
      .route('x', { targets: [{ node: 'green', weight: 1, port: 8080 }] });
    expectTypeOf(b.plan).returns.toEqualTypeOf<Plan>();
    b.build();
  });

  test('dynamic (non-literal) names compile', () => {
    const names: string[] = ['a', 'b'];
    const name = names[0] ?? 'a';
    mesh('m')
      .node(name)
      .node(name)
      .backend(name)
      .router(name)
      .route('x', { targets: { [name]: 1 } })
      .build();
    mesh('m').node('red').backend(name).gateway('g').route('x', { target: name }).build();
    // a dynamic service declaration accepts any backend: the names are checked by plan() at run time
    mesh('m').service(name).node('red').backend('anything').build();
  });
});

describe('typos are compile errors', () => {
  test('backend', () => {
    const typo = mesh('m').node('red').virtualService('red.svc').node('blue').backend('red.scv');
    // @ts-expect-error: backend "red.scv" is not a virtual service or node of this mesh
    typo.build();
    // @ts-expect-error: same check on plan()
    typo.plan();
  });

  test('backend naming a node that no virtual service fronts', () => {
    // @ts-expect-error: red is a node, but nothing fronts it
    mesh('m').node('red').node('blue').backend('red').build();
  });

  test('service provider', () => {
    // @ts-expect-error: provider "rde" is not a node of this mesh
    mesh('m').node('red').service('s', { node: 'rde' }).build();
    // @ts-expect-error: provider "routr" is not a router of this mesh
    mesh('m').router('router').service('s', { router: 'routr' }).build();
  });

  test('route target', () => {
    // @ts-expect-error: route target "yelow" is not a node of this mesh
    mesh('m')
      .node('green')
      .node('yellow')
      .router('r')
      .route('x', { targets: { green: 4, yelow: 1 } })
      .build();
    // @ts-expect-error: also in the list form
    mesh('m')
      .node('green')
      .router('r', (r) => r.route('x', { targets: [{ node: 'gren', weight: 1 }] }))
      .build();
  });

  test('gateway route target', () => {
    const g = mesh('m').node('blue').virtualService('blue.svc').gateway('g');
    // @ts-expect-error: gateway route target "blu.svc" is not a virtual service or node of this mesh
    g.route('x', { target: 'blu.svc' }).build();
    // @ts-expect-error: callback form
    mesh('m')
      .gateway('g', (gw) => gw.gatewayRoute('x', { target: 'nowhere' }))
      .build();
  });

  test('duplicate declarations', () => {
    // @ts-expect-error: node "red" is declared twice
    mesh('m').node('red').node('red');
    // @ts-expect-error: router "r" is declared twice
    mesh('m').router('r').router('r');
    const g = mesh('m').gateway('g');
    // @ts-expect-error: gateway "g" is declared twice (callback form too)
    g.gateway('g', (gw) => gw);
  });

  test('node methods are not available on the bare mesh, nor router methods in a node', () => {
    // @ts-expect-error: no node in context
    mesh('m').backend('x');
    const red = mesh('m').node('red');
    // @ts-expect-error: route() belongs to routers and gateways
    red.route('x', { targets: { red: 1 } });
    // @ts-expect-error: the callback scope has node methods only
    mesh('m').node('red', (n) => n.node('blue'));
  });
});
