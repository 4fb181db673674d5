/**
 * The AWS SDK packages, each loaded on first use. Loading the SDK's clients takes about a second
 * and 100 MB, which someone who only builds, plans and renders should not pay for; and
 * `createClients`, `LocalCloud` and `isTransient` are synchronous, so they cannot `await import()`.
 *
 * `require` returns the same module an `import` of the package gets elsewhere (the same classes,
 * so `instanceof` holds): on Node these packages are CommonJS either way (the clients have no
 * `exports` map, and @smithy/core maps the `node` condition to its CommonJS build).
 */
import { createRequire } from 'node:module';
import type * as AppMesh from '@aws-sdk/client-app-mesh';
import type * as CloudWatchLogs from '@aws-sdk/client-cloudwatch-logs';
import type * as Ec2 from '@aws-sdk/client-ec2';
import type * as Ecs from '@aws-sdk/client-ecs';
import type * as Elbv2 from '@aws-sdk/client-elastic-load-balancing-v2';
import type * as Iam from '@aws-sdk/client-iam';
import type * as ServiceDiscovery from '@aws-sdk/client-servicediscovery';
import type * as Sts from '@aws-sdk/client-sts';
import type * as SmithyRetry from '@smithy/core/retry';

const load = createRequire(import.meta.url);

export const appMeshSdk = (): typeof AppMesh => load('@aws-sdk/client-app-mesh');
export const cloudMapSdk = (): typeof ServiceDiscovery => load('@aws-sdk/client-servicediscovery');
export const ecsSdk = (): typeof Ecs => load('@aws-sdk/client-ecs');
export const iamSdk = (): typeof Iam => load('@aws-sdk/client-iam');
export const ec2Sdk = (): typeof Ec2 => load('@aws-sdk/client-ec2');
export const elbv2Sdk = (): typeof Elbv2 => load('@aws-sdk/client-elastic-load-balancing-v2');
export const logsSdk = (): typeof CloudWatchLogs => load('@aws-sdk/client-cloudwatch-logs');
export const stsSdk = (): typeof Sts => load('@aws-sdk/client-sts');
export const smithyRetry = (): typeof SmithyRetry => load('@smithy/core/retry');
