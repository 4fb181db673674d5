import { MeshError } from '../errors/mesh-error.js';

/** A failure on one resource: its path first, then AWS's own error name and message (never credentials: the SDK puts none there). */
export function asExecuteError(resource: { readonly id: string }, error: unknown): MeshError {
  if (error instanceof MeshError) return error;
  const e = (error ?? {}) as { name?: string; message?: string };
  return new MeshError(
    'APPLY_FAILED',
    `${resource.id}: ${e.name ?? 'Error'}: ${e.message ?? String(error)}`,
    {
      resourcePath: resource.id,
      cause: error,
    },
  );
}
