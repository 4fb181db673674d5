/**
 * The local cloud's public factory. The first call loads the local cloud (its services, and the
 * AWS SDK once it makes clients): importing the library to build, plan or render loads neither.
 */
import type { LocalCloud as LocalCloudClass, LocalCloudOptions } from './local-cloud.js';

/**
 * A local cloud, as `createLocalCloud` gives it. A type only: the class itself is not exported, so
 * that importing the package does not load it (an alias keeps the declarations from offering
 * `new LocalCloud()`, which would not exist at run time).
 */
export type LocalCloud = LocalCloudClass;

/** A new local cloud. */
export async function createLocalCloud(options: LocalCloudOptions = {}): Promise<LocalCloud> {
  const { LocalCloud } = await import('./local-cloud.js');
  return new LocalCloud(options);
}
