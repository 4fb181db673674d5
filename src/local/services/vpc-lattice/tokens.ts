/**
 * clientToken on the Create calls: "If you retry a request that completed successfully using the
 * same client token and parameters, the retry succeeds without performing any actions. If the
 * parameters aren't identical, the retry fails" (API reference): a ConflictException.
 */
import { rememberToken, replayToken } from '../../idempotency.js';
import type { World } from '../../world.js';
import { type ResourceType, tokenReused } from './errors.js';
import { CLIENT_TOKEN, text } from './field-checks.js';

/**
 * Runs `create` once per token: a repeat with the same parameters answers `describe` of the
 * resource made the first time (while it exists).
 */
export function createOnce<T>(
  world: World,
  operation: string,
  input: { clientToken?: string },
  type: ResourceType,
  existing: (id: string) => T | undefined,
  create: () => T & { id: string },
): T {
  text('clientToken', input.clientToken, 1, 64, CLIENT_TOKEN);
  const tokens = world.state.vpcLattice.tokens;
  const token = input.clientToken;
  const remembered = replayToken<string>(tokens, operation, token, input, () =>
    tokenReused(type, token ?? ''),
  );
  const previous = remembered === undefined ? undefined : existing(remembered);
  if (previous !== undefined) return previous;
  const created = create();
  rememberToken(tokens, operation, token, input, created.id);
  return created;
}
