/**
 * The migration report to the VPC Lattice targets: the color tutorial's report on the combined
 * target against its golden files, what each target keeps that Service Connect loses, the Lattice
 * steps of the procedure, and `migrate --to` for both targets. The per-code cases are in
 * test/support/lattice-migration-cases.ts (run with the others in migration-report.test.ts).
 * Regenerate the golden files after an intended change: UPDATE_GOLDEN=1 npx vitest run test/targets
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import colorMesh from '../../examples/color-mesh.js';
import { migrateCommand } from '../../src/cli/migrate-command.js';
import {
  type BehaviourDiff,
  formatMigrationReport,
  migrationReport,
  migrationReportJson,
} from '../../src/index.js';

const GOLDEN = join(
  dirname(fileURLToPath(import.meta.url)),
  '../golden/color-mesh-service-connect-vpc-lattice',
);

describe('the color mesh report on service-connect+vpc-lattice', () => {
  const definition = colorMesh.build();
  const report = migrationReport(definition, { to: 'service-connect+vpc-lattice' });
  const markdown = formatMigrationReport(report);
  const json = migrationReportJson(report);

  if (process.env.UPDATE_GOLDEN === '1') {
    mkdirSync(GOLDEN, { recursive: true });
    writeFileSync(join(GOLDEN, 'migration-report.md'), markdown);
    writeFileSync(join(GOLDEN, 'migration-report.json'), json);
  }

  it('matches the golden Markdown and JSON', () => {
    const hint = 'run UPDATE_GOLDEN=1 npx vitest run test/targets if the change is intended';
    expect(markdown, hint).toBe(readFileSync(join(GOLDEN, 'migration-report.md'), 'utf8'));
    expect(json, hint).toBe(readFileSync(join(GOLDEN, 'migration-report.json'), 'utf8'));
  });

  it('keeps what Service Connect loses: the 4:1 split and the route, with yellow reachable', () => {
    const codes = (to: 'service-connect' | 'service-connect+vpc-lattice') =>
      migrationReport(definition, { to }).entries.map((entry) => entry.code);
    const lostOnServiceConnect = ['ROUTER_COLLAPSED', 'ROUTE_WEIGHTS_LOST', 'ROUTE_MATCH_LOST'];
    expect(codes('service-connect')).toEqual(expect.arrayContaining(lostOnServiceConnect));
    for (const code of lostOnServiceConnect) expect(codes('service-connect+vpc-lattice')).not.toContain(code);
    expect(
      report.entries.filter((entry) => entry.status === 'lost').map((entry) => entry.code),
    ).not.toContain('ROUTE_WEIGHTS_LOST');
    expect(markdown).toContain(
      '# Migration report: color-mesh, App Mesh to ECS Service Connect with VPC Lattice routing',
    );
    expect(markdown).toContain(
      '| Severity | Code | Resource | Field | App Mesh | Service Connect + VPC Lattice | Reason |',
    );
  });

  it("the router's targets: their health checks run on their Lattice target groups", () => {
    const health = report.entries.filter((entry) => entry.field === 'listeners[0].healthCheck');
    expect(health.map((entry) => [entry.path.split('/').pop(), entry.code])).toEqual([
      ['blue', 'HEALTH_CHECK_LOST'],
      ['green', 'HEALTH_CHECK_ON_TARGET_GROUP'],
      ['red', 'HEALTH_CHECK_LOST'],
      ['yellow', 'HEALTH_CHECK_ON_TARGET_GROUP'],
    ]);
  });
});

describe('the Lattice steps of the procedure', () => {
  const titles = (to: 'service-connect+vpc-lattice' | 'vpc-lattice', auth: 'NONE' | 'AWS_IAM' = 'NONE') =>
    migrationReport(colorMesh.build(), { to, vpcLattice: { auth } }).procedure.map((step) => step.title);

  it('service network, services, target groups and rules, auth, the ECS role, the ECS services, then the DNS records', () => {
    const steps = titles('service-connect+vpc-lattice', 'AWS_IAM');
    const order = [
      'Create the Service Connect namespace',
      'Create the VPC Lattice service network',
      'Create the VPC Lattice services',
      'Create the target groups, listeners and rules',
      "Put the auth policies and the callers' permissions",
      'Create the ECS infrastructure role',
      'Create the ECS services, servers before clients',
      'Create the DNS records of the custom domain names',
      'Shift traffic at the edge',
      'Delete the App Mesh ECS services',
    ];
    expect(steps.filter((title) => order.includes(title))).toEqual(order);
    // The routers are on Lattice: nothing is left to re-implement by hand.
    expect(steps).not.toContain('Re-implement the routing Service Connect cannot express');
    expect(titles('service-connect+vpc-lattice')).not.toContain(
      "Put the auth policies and the callers' permissions",
    );
  });

  it('on vpc-lattice: no namespace, the ECS services in any order, a DNS record for every virtual service', () => {
    const report = migrationReport(colorMesh.build(), { to: 'vpc-lattice' });
    const steps = report.procedure.map((step) => step.title);
    expect(steps).not.toContain('Create the Service Connect namespace');
    expect(steps).toContain('Create the ECS services');
    const dns = report.procedure.find(
      (step) => step.title === 'Create the DNS records of the custom domain names',
    );
    expect(dns?.resources).toEqual(['blue.colors.local', 'red.colors.local', 'router.colors.local']);
  });
});

describe('the report on vpc-lattice', () => {
  const report = migrationReport(colorMesh.build(), { to: 'vpc-lattice', vpcLattice: { auth: 'AWS_IAM' } });

  it('says nothing of Service Connect: each entry describes the Lattice plan', () => {
    const text = JSON.stringify(report.entries);
    expect(text).not.toMatch(/Service Connect|serviceConnectConfiguration|discoveryName|clientAliases/);
    expect(report.entries.map((entry) => entry.code)).not.toContain('MESH_BECOMES_NAMESPACE');
    expect(report.to).toBe('vpc-lattice');
  });

  it("names the plan's resources: its suffix, target groups and role", () => {
    const green = report.entries.find(
      (entry) => entry.code === 'NODE_BECOMES_ECS_SERVICE' && entry.path.endsWith('/green'),
    );
    expect(green?.serviceConnect).toBe(
      'ECS service green-lattice in cluster color-cluster-lattice with vpcLatticeConfigurations (role color-mesh-ecs-lattice-role-lattice) registering its tasks in color-mesh-lattice-green',
    );
  });

  it('refuses the options plan() refuses', () => {
    expect(() =>
      migrationReport(colorMesh.build(), { to: 'vpc-lattice', vpcLattice: { nameSuffix: 'a b' } }),
    ).toThrow(/vpcLattice.nameSuffix/);
    expect(() =>
      migrationReport(colorMesh.build(), { to: 'vpc-lattice', serviceConnect: { namespace: 'x' } }),
    ).toThrow(/serviceConnect/);
  });
});

describe('appmesh-builder migrate --to the Lattice targets', () => {
  it('prints each report with the behaviour diff, in which the router keeps its 4:1 split', async () => {
    const definition = colorMesh.build();
    for (const to of ['vpc-lattice', 'service-connect+vpc-lattice'] as const) {
      let out = '';
      const io = { out: (text: string) => (out += text), err: () => {} };
      expect(await migrateCommand(definition, { to, json: true }, io)).toBe(0);
      const printed = JSON.parse(out) as { behaviourDiff: BehaviourDiff };
      expect(printed.behaviourDiff.to).toBe(
        to === 'vpc-lattice' ? 'VPC Lattice' : 'Service Connect + VPC Lattice',
      );
      expect(printed.behaviourDiff.callers).toContain('red');
      const routerChanges = printed.behaviourDiff.changes.filter(
        (change) => change.caller === 'red' && change.url === 'http://router.colors.local/',
      );
      expect(routerChanges, to).toEqual([]);
    }
  });
});
