/**
 * How a differential scenario records what it saw: one observation per call, either the fields
 * of the answer that a user depends on or the error's class under AWS's name. Values that differ
 * by construction between two clouds (generated ids, default VPC ids, timestamps) are reduced to
 * their shape before they are recorded.
 */

export type Outcome = { readonly ok: unknown } | { readonly error: string };

export interface Observation {
  readonly step: string;
  readonly outcome: Outcome;
}

/** moto's own error names for App Mesh (moto/appmesh/exceptions.py) and the AWS exception each stands for. */
const MOTO_ERROR_NAMES: Readonly<Record<string, string>> = {
  MeshNotFound: 'NotFoundException',
  ResourceNotFound: 'NotFoundException',
  VirtualRouterNotFound: 'NotFoundException',
  RouteNotFound: 'NotFoundException',
  VirtualNodeNotFound: 'NotFoundException',
  VirtualRouterNameAlreadyTaken: 'ConflictException',
  RouteNameAlreadyTaken: 'ConflictException',
  VirtualNodeNameAlreadyTaken: 'ConflictException',
  MissingRequiredField: 'BadRequestException',
  // AWS answers a call for another account's mesh with ForbiddenException.
  MeshOwnerDoesNotMatch: 'ForbiddenException',
};

/** The AWS name of an error thrown by an SDK call (moto's App Mesh names mapped to AWS's). */
export function normalizeMotoError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  // Not an AWS error (a call the local cloud does not implement, a harness bug): keep the message.
  if (error.name === 'Error' || error.name === 'TypeError') return `${error.name}: ${error.message}`;
  return MOTO_ERROR_NAMES[error.name] ?? error.name;
}

export class Recorder {
  readonly observations: Observation[] = [];

  /** Runs one call, records its outcome, and returns its output (undefined when it failed). */
  async step<T>(step: string, call: () => Promise<T>, pick: (output: T) => unknown): Promise<T | undefined> {
    try {
      const output = await call();
      this.observations.push({ step, outcome: { ok: pick(output) } });
      return output;
    } catch (error) {
      this.observations.push({ step, outcome: { error: normalizeMotoError(error) } });
      return undefined;
    }
  }

  /** A value the scenario computed itself (a poll's end state, a shape). */
  note(step: string, value: unknown): void {
    this.observations.push({ step, outcome: { ok: value } });
  }
}

/**
 * An id or ARN with its generated parts replaced by `*`: `sg-0a1b2c3d4e5f60718` gives `sg-*`,
 * `.../loadbalancer/net/nlb/50dc6c495c0c9188` gives `.../loadbalancer/net/nlb/*`.
 */
export function shape(value: string | undefined): string | undefined {
  return (
    value
      ?.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, '*')
      .replace(/\b([a-z]+-)?[0-9A-Za-z]*[0-9][0-9A-Za-z]*\b/g, (token, prefix: string | undefined) =>
        token.length - (prefix?.length ?? 0) >= 8 && token !== '123456789012' ? `${prefix ?? ''}*` : token,
      )
      // An AWS id's random part may hold no digit at all (moto's `srv-fhtqwfkv`).
      .replace(/\b(srv|ns|sg|sgr|vpc|subnet)-[0-9a-z]{8,}\b/g, '$1-*')
  );
}

/** Only the parts of `received` that `sent` has: did what we sent come back unchanged? */
export function echoOf(sent: unknown, received: unknown): unknown {
  if (Array.isArray(sent)) {
    if (!Array.isArray(received)) return received;
    return sent.map((item, index) => echoOf(item, received[index]));
  }
  if (sent !== null && typeof sent === 'object') {
    if (received === null || typeof received !== 'object') return received;
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(sent)) out[key] = echoOf((sent as never)[key], (received as never)[key]);
    return out;
  }
  return received;
}

export function sorted<T>(values: readonly T[] | undefined): T[] {
  return [...(values ?? [])].sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
