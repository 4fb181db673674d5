/**
 * The property-based fault suite (see fault-properties.test.ts) on a 50-node mesh with ECS tasks:
 * the benchmark's shape, about 370 resources, another mesh under the same plan name beside it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, it } from 'vitest';
import { checkFaultProperty } from './support/fault-property.js';

const root = mkdtempSync(join(tmpdir(), 'appmesh-fault-properties-large-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('executor under random faults', () => {
  it('keeps its invariants on a 50-node mesh', () => checkFaultProperty('large', 3, root), 600_000);
});
