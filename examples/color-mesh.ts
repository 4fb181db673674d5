/**
 * The App Mesh color tutorial's mesh
 * (https://github.com/aws/aws-app-mesh-examples/tree/main/walkthroughs/howto-ecs-basics), final
 * state, with the builder: Cloud Map namespace colors.local, mesh color-mesh, nodes red/blue/green/yellow,
 * their virtual services, color-router (green 4 : yellow 1), virtual gateway color-gateway behind an
 * NLB, and the ECS tasks that run them.
 *
 * Imported (by `appmesh-builder plan examples/color-mesh.ts`, or by your code), this module is the
 * definition: its default export is the mesh, and nothing runs. Run as a program, it runs the whole
 * tutorial on the built-in local cloud (examples/run-color-mesh.ts):
 *
 *   npx tsx examples/color-mesh.ts [--keep] [--aws | --endpoint <url>] [--region <region>]
 *   node examples/color-mesh.ts ...   (Node 22.18+ or 24, after `npm run build`)
 */

import { gatewayListener, healthCheck, type LocalCloud, listener, logging, mesh } from 'appmesh-builder';
import { isEntryPoint } from './entry-point.ts';

export interface ColorMeshParams {
  readonly region: string;
  readonly accountId: string;
  readonly vpcId: string;
  /** Where the tasks run. */
  readonly privateSubnets: readonly string[];
  /** Where the internet-facing NLB runs. */
  readonly publicSubnets: readonly string[];
}

/** Red's text access log format; blue logs the same five fields as JSON. */
const TEXT_FORMAT =
  '[%START_TIME%] %REQ(:METHOD)% %REQ(X-ENVOY-ORIGINAL-PATH?:PATH)% %PROTOCOL% %RESPONSE_CODE%\n';
const JSON_FORMAT = {
  start_time: '%START_TIME%',
  method: '%REQ(:METHOD)%',
  path: '%REQ(X-ENVOY-ORIGINAL-PATH?:PATH)%',
  protocol: '%PROTOCOL%',
  response_code: '%RESPONSE_CODE%',
};

/** Every color node listens on port 80 and answers /healthcheck. */
const colorListener = listener.http(80, { healthCheck: healthCheck.http('/healthcheck') });

/** The colorapp image serves COLOR on / ; ECS Exec lets the tutorial curl from inside the tasks. */
function colorTask(color: string) {
  return {
    cpu: 256,
    memory: 512,
    enableExecuteCommand: true,
    app: { image: 'forsakenidol/colorapp', port: 80, environment: { COLOR: color } },
  };
}

/**
 * The tutorial's live edits, as options; the defaults are its final state. Each is one apply away:
 * red gains blue.colors.local as a backend and loses it again; the route's weights move.
 */
export interface ColorMeshStage {
  /** Red's backends. Default: only the router's virtual service. */
  readonly redBackends?: readonly ColorService[];
  /** color-route's weighted targets. Default: green 4, yellow 1. */
  readonly routeTargets?: Readonly<Partial<Record<'green' | 'yellow' | 'blue' | 'red', number>>>;
}

type ColorService = 'router.colors.local' | 'blue.colors.local';

/** Backends chosen at run time: each is a declared virtual service, which plan() checks. */
function withBackends<S extends { backend(name: ColorService): unknown }>(
  node: S,
  names: readonly ColorService[],
): S {
  return names.reduce((scope, name) => scope.backend(name) as S, node);
}

export function colorMesh(params: ColorMeshParams, stage: ColorMeshStage = {}) {
  const redBackends = stage.redBackends ?? ['router.colors.local'];
  const routeTargets = stage.routeTargets ?? { green: 4, yellow: 1 };
  return (
    mesh('color-mesh', { egressFilter: 'DROP_ALL' })
      .namespace('colors.local')
      .cloudMapService('red')
      .cloudMapService('blue')
      // green registers here: router.colors.local must resolve in DNS before Envoy sees the request.
      .cloudMapService('router')
      .cloudMapService('yellow')
      .ecs({
        region: params.region,
        accountId: params.accountId,
        vpcId: params.vpcId,
        subnets: params.privateSubnets,
        cluster: 'color-cluster',
        meshSecurityGroup: 'colorapp-sg',
      })
      // red's backend router.colors.local is added late in the tutorial; this is the final state.
      .node('red', (n) =>
        withBackends(
          n
            .listener(colorListener)
            .cloudMap('red')
            .logging(logging.text('/dev/stdout', TEXT_FORMAT))
            .task(colorTask('red')),
          redBackends,
        ),
      )
      .service('red.colors.local', { node: 'red' })
      .node('blue')
      .listener(colorListener)
      .cloudMap('blue')
      .logging(logging.json('/dev/stdout', JSON_FORMAT))
      .backend('red.colors.local')
      .task(colorTask('blue'))
      .virtualService('blue.colors.local')
      .node('green', (n) =>
        n
          .listener(colorListener)
          .cloudMap('router')
          .logging(logging.file('/dev/stdout'))
          .task(colorTask('green')),
      )
      .node('yellow', (n) =>
        n
          .listener(colorListener)
          .cloudMap('yellow')
          .logging(logging.file('/dev/stdout'))
          .task(colorTask('yellow')),
      )
      .router('color-router')
      .listener(listener.http(80))
      .route('color-route', { match: { prefix: '/', method: 'GET' }, targets: routeTargets })
      .service('router.colors.local', { router: 'color-router' })
      .gateway('color-gateway')
      .listener(gatewayListener.http(80))
      .route('color-gateway-route-1', { match: { prefix: '/router' }, target: 'router.colors.local' })
      .route('color-gateway-route-2', { match: { prefix: '/' }, target: 'blue.colors.local' })
      .task({
        cpu: 256,
        memory: 512,
        securityGroupName: 'gateway-sg',
        // On purpose, as in the tutorial: the gateway is the mesh's public entrance on port 80.
        ingressCidrs: ['0.0.0.0/0'],
      })
      .loadBalancer({
        name: 'color-gateway-nlb',
        subnets: params.publicSubnets,
        scheme: 'internet-facing',
        targetGroupName: 'gateway-tg',
        port: 80,
      })
  );
}

/** Placeholder parameters (or COLOR_MESH_* environment variables): nothing here calls AWS. */
export const exampleParams: ColorMeshParams = {
  region: process.env.COLOR_MESH_REGION ?? 'us-east-1',
  accountId: process.env.COLOR_MESH_ACCOUNT_ID ?? '123456789012',
  vpcId: process.env.COLOR_MESH_VPC_ID ?? 'vpc-0123456789abcdef0',
  privateSubnets: process.env.COLOR_MESH_PRIVATE_SUBNETS?.split(',') ?? [
    'subnet-0aaaaaaaaaaaaaaa1',
    'subnet-0aaaaaaaaaaaaaaa2',
  ],
  publicSubnets: process.env.COLOR_MESH_PUBLIC_SUBNETS?.split(',') ?? [
    'subnet-0bbbbbbbbbbbbbbb1',
    'subnet-0bbbbbbbbbbbbbbb2',
  ],
};

/** The example in a local cloud: its region and account, private subnets a-b and public subnets c-d of its default network. */
export function localCloudParams(
  cloud: Pick<LocalCloud, 'region' | 'accountId' | 'defaultNetwork'>,
): ColorMeshParams {
  const { vpcId, subnetIds } = cloud.defaultNetwork();
  return {
    ...exampleParams,
    region: cloud.region,
    accountId: cloud.accountId,
    vpcId,
    privateSubnets: subnetIds.slice(0, 2),
    publicSubnets: subnetIds.slice(2, 4),
  };
}

export default colorMesh(exampleParams);

if (isEntryPoint(import.meta.url, 'color-mesh')) {
  // Loaded only here: importing the definition must not pull in the runner and its clients.
  import('./run-color-mesh.ts')
    .then(async ({ runColorMeshTutorial }) => {
      process.exitCode = await runColorMeshTutorial(process.argv.slice(2));
    })
    .catch((error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    });
}
