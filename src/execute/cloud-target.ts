/**
 * Which cloud the clients act in: the account their credentials belong to (STS
 * GetCallerIdentity), the region, and the endpoint (AWS's own, or a custom one: an emulator, the
 * local cloud). A journal is written for one cloud and refuses any other.
 */
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { MeshError } from '../errors/mesh-error.js';
import type { CloudTarget } from './journal.js';
import type { ResolvedOptions } from './options.js';
import { withRetries } from './retry.js';

interface ClientWithConfig {
  readonly config: {
    readonly credentials?: () => Promise<unknown>;
    readonly region: () => Promise<string>;
    readonly endpoint?: () => Promise<{ protocol: string; hostname: string; port?: number; path: string }>;
  };
}

export async function cloudTargetOf(options: ResolvedOptions): Promise<CloudTarget> {
  const { clients } = options;
  if (clients.sts === undefined)
    throw new TypeError('clients.sts is required: it tells which account a journal is for.');
  const identity = await withRetries(
    () => clients.sts.send(new GetCallerIdentityCommand({})),
    options.retry,
    {
      signal: options.signal,
    },
  );
  const all = Object.values(clients) as unknown as ClientWithConfig[];
  const endpoints = new Set<string>();
  for (const client of all) {
    const endpoint = await client.config.endpoint?.();
    if (endpoint !== undefined) {
      const port = endpoint.port === undefined ? '' : `:${endpoint.port}`;
      endpoints.add(
        `${endpoint.protocol}//${endpoint.hostname}${port}${endpoint.path === '/' ? '' : endpoint.path}`,
      );
    }
  }
  return {
    account: identity.Account ?? 'unknown',
    region: await (clients.ecs as unknown as ClientWithConfig).config.region(),
    endpoint: endpoints.size === 0 ? 'aws' : [...endpoints].sort().join(' '),
  };
}

/**
 * NO_CREDENTIALS when the SDK's credential chain finds none (no keys, no profile, an expired SSO
 * session). It asks the chain only, and sends nothing to AWS. Any other failure is left to the
 * account lookup to report.
 */
export async function missingCredentials(options: ResolvedOptions): Promise<MeshError | undefined> {
  const client = options.clients.sts as unknown as ClientWithConfig | undefined;
  try {
    await client?.config.credentials?.();
    return undefined;
  } catch (error) {
    const name = (error as { name?: unknown } | null)?.name;
    if (name !== 'CredentialsProviderError' && name !== 'TokenProviderError') return undefined;
    const reason = error instanceof Error ? error.message.replace(/\.?$/, '.') : '';
    return new MeshError(
      'NO_CREDENTIALS',
      `No AWS credentials: ${reason} Nothing was done. Give the SDK credentials (AWS_ACCESS_KEY_ID and ` +
        'AWS_SECRET_ACCESS_KEY, a profile from ~/.aws, an SSO login, or a task or instance role), or pass ' +
        'clientConfig.credentials or clients.',
      { cause: error },
    );
  }
}
