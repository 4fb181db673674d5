/** Resources in flight at once unless told otherwise: what AWS accounts' API rate limits tolerate. */
export const DEFAULT_CONCURRENCY = 8;
