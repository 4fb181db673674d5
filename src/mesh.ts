import { startBuilder } from './builder/builder-impl.js';
import { emptyMesh } from './builder/definition-updates.js';
import type { MeshBuilder, MeshOptions } from './builder/mesh-builder.js';

/**
 * Starts a mesh definition.
 *
 * ```ts
 * const colors = mesh('color-mesh')
 *   .node('blue').listener(listener.http(80)).cloudMap('blue').backend('red.colors.local')
 *   .node('red', (n) => n.listener(listener.http(80)).cloudMap('red').virtualService('red.colors.local'));
 * colors.plan();
 * ```
 */
export function mesh(name: string, options?: MeshOptions): MeshBuilder {
  return startBuilder(emptyMesh(name, options)) as unknown as MeshBuilder;
}
