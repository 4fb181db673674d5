/**
 * The local cloud's public factory. The first call loads the local cloud (its services, and the
 * AWS SDK once it makes clients): importing the library to build, plan or render loads neither.
 */
import type { LocalCloud, LocalCloudOptions } from './local-cloud.js';

/** A new local cloud. */
export async function createLocalCloud(options: LocalCloudOptions = {}): Promise<LocalCloud> {
  const { LocalCloud } = await import('./local-cloud.js');
  return new LocalCloud(options);
}
