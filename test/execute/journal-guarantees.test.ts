/**
 * What the journal guarantees, as a user meets it on the local cloud: a journal speaks for one mesh
 * and plan and for one cloud, and refuses any other before touching anything; a line it cannot
 * read is an error naming the line, never a silent end; a line torn by a crash is cut back before
 * the next append; a run whose rollback started can no longer be resumed; its path can never leave
 * the .appmesh-builder folder; and it is private (0600, in a 0700 folder), as is the local cloud's
 * state file, since both hold every input. A journal an older version wrote (no first record, runs
 * without ids) is rolled back by the mesh's ownership tag alone; a run without an id after the
 * first record was not written by this tool, and the journal is refused.
 */
import {
  appendFileSync,
  chmodSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { join, relative } from 'node:path';
import { CreateLogGroupCommand } from '@aws-sdk/client-cloudwatch-logs';
import { CreateRoleCommand } from '@aws-sdk/client-iam';
import { afterAll, describe, expect, it } from 'vitest';
import { apply, planHash } from '../../src/execute/apply.js';
import { destroy } from '../../src/execute/destroy.js';
import { diff } from '../../src/execute/diff.js';
import type { JournalRecord } from '../../src/execute/journal.js';
import { resume } from '../../src/execute/resume.js';
import { rollback } from '../../src/execute/rollback.js';
import { listener, mesh } from '../../src/index.js';
import { OWNERSHIP_TAG_KEY } from '../../src/plan/names.js';
import type { Plan } from '../../src/plan/plan.js';
import { COLOR_MESH, cli, REPO } from '../cli/fixtures/run-cli.js';
import { runChild } from '../support/child-scripts.js';
import {
  cleanColorMeshApply,
  colorMeshIn,
  fastExecution,
  fastLocalCloud,
  withoutRunIds,
} from '../support/local-color-mesh.js';
import { FOREIGN_TRUST, HAND_MADE_DESCRIPTION, handMadeExecutionRole } from './support/hand-made.js';
import { applyRunIds, journalLines, scratchDir } from './support/journal-files.js';
import { sameCloud } from './support/snapshot-invariants.js';

const scratch = scratchDir('journal-guarantees');
afterAll(scratch.remove);
const { caseDir } = scratch;

const fileMode = (path: string) => statSync(path).mode & 0o777;

/** A small App Mesh-only mesh (a mesh, a node, its service) under the plan name `prod`. */
function prodMesh(meshName: string, nodeName: string) {
  const name = `${nodeName}.${meshName}.local`;
  return mesh(meshName, { plan: 'prod' })
    .externalDns(`*.${meshName}.local`)
    .node(nodeName)
    .listener(listener.http(8080))
    .dns(name)
    .virtualService(name)
    .plan();
}

describe('a journal belongs to one mesh and plan', () => {
  it('another mesh under the same plan name is refused with one journal, and the first mesh stays', async () => {
    const cloud = fastLocalCloud();
    const journalPath = join(caseDir(), '.appmesh-builder/prod.journal.jsonl');
    const shop = await apply(prodMesh('shop', 'cart'), { ...fastExecution(cloud), journalPath });
    expect(shop.ok).toBe(true);
    await cloud.settle();
    const withShop = cloud.snapshot();
    const journal = readFileSync(journalPath, 'utf8');

    await expect(
      apply(prodMesh('billing', 'invoice'), { ...fastExecution(cloud), journalPath }),
    ).rejects.toMatchObject({
      code: 'JOURNAL_MISMATCH',
      message: expect.stringMatching(/belongs to mesh shop \(plan prod\), not mesh billing \(plan prod\)/),
    });
    await cloud.settle();
    expect(cloud.snapshot()).toEqual(withShop);
    expect(readFileSync(journalPath, 'utf8')).toBe(journal);
  });
});

describe('a journal belongs to one cloud', () => {
  /**
   * The color mesh applied with `journalPath` in one cloud, and a second cloud that is the same
   * (empty) cloud but for `differs` (same endpoint), holding a hand-made execution role.
   */
  async function appliedThenOther(differs: { accountId?: string; region?: string }) {
    const dir = caseDir();
    const firstState = join(dir, 'first.json');
    const otherState = join(dir, 'other.json');
    const journalPath = join(dir, 'color-mesh.journal.jsonl');
    const first = fastLocalCloud({ stateFile: firstState });
    copyFileSync(firstState, otherState);
    const applied = await apply(colorMeshIn(first).plan(), { ...fastExecution(first), journalPath });
    expect(applied.ok).toBe(true);

    const other = fastLocalCloud({ stateFile: otherState, ...differs });
    const plan = colorMeshIn(other).plan();
    await handMadeExecutionRole(other, plan);
    await other.settle();
    return { other, plan, journalPath, before: other.snapshot(), journal: readFileSync(journalPath, 'utf8') };
  }

  it('another account: apply, destroy and rollback are refused, and the foreign role keeps its trust policy', async () => {
    const { other, plan, journalPath, before, journal } = await appliedThenOther({
      accountId: '210987654321',
    });
    const options = { ...fastExecution(other), journalPath };
    const refused = {
      code: 'JOURNAL_MISMATCH',
      message: expect.stringMatching(/account 123456789012 .*not account 210987654321/),
    };
    await expect(apply(plan, options)).rejects.toMatchObject(refused);
    await expect(destroy(plan, options)).rejects.toMatchObject(refused);
    await expect(rollback(options)).rejects.toMatchObject(refused);

    await other.settle();
    expect(other.snapshot()).toEqual(before);
    const { roles } = other.snapshot().iam as { roles: { roleName: string }[] };
    expect(roles.find((r) => r.roleName === 'color-mesh-execution-role')).toMatchObject({
      description: HAND_MADE_DESCRIPTION,
      trustPolicy: FOREIGN_TRUST,
    });
    expect(readFileSync(journalPath, 'utf8')).toBe(journal);
  });

  it('another region: apply is refused and nothing changes', async () => {
    const { other, plan, journalPath, before, journal } = await appliedThenOther({ region: 'eu-west-1' });
    await expect(apply(plan, { ...fastExecution(other), journalPath })).rejects.toMatchObject({
      code: 'JOURNAL_MISMATCH',
      message: expect.stringMatching(/in us-east-1 .*not account 123456789012 in eu-west-1/),
    });
    await other.settle();
    expect(other.snapshot()).toEqual(before);
    expect(readFileSync(journalPath, 'utf8')).toBe(journal);
  });
});

describe('reading the journal', () => {
  it('a first record edited to lose its cloud is an error, not a journal for any cloud', async () => {
    const journalPath = join(caseDir(), 'color-mesh.journal.jsonl');
    writeFileSync(
      journalPath,
      '{"type":"journal","meshName":"color-mesh","planName":"color-mesh"}\n{"type":"finished","ok":true}\n',
    );
    const cloud = fastLocalCloud();
    await expect(
      apply(colorMeshIn(cloud).plan(), { ...fastExecution(cloud), journalPath }),
    ).rejects.toMatchObject({
      code: 'JOURNAL_CORRUPT',
      message: expect.stringContaining(`${journalPath}:1:`),
    });
    expect(cloud.callLog().filter((c) => c.write)).toEqual([]);
  });

  it('a merge marker in the middle is an error naming its line; rollback and apply change nothing', async () => {
    const cloud = fastLocalCloud();
    const plan = colorMeshIn(cloud).plan();
    const journalPath = join(caseDir(), 'color-mesh.journal.jsonl');
    expect((await apply(plan, { ...fastExecution(cloud), journalPath })).ok).toBe(true);
    await cloud.settle();
    const applied = cloud.snapshot();

    const lines = journalLines(journalPath);
    const at = Math.floor(lines.length / 2);
    lines.splice(at, 0, '<<<<<<< HEAD');
    writeFileSync(journalPath, `${lines.join('\n')}\n`);
    const corrupt = {
      code: 'JOURNAL_CORRUPT',
      message: expect.stringContaining(`${journalPath}:${at + 1}: `),
    };
    await expect(rollback({ ...fastExecution(cloud), journalPath })).rejects.toMatchObject(corrupt);
    await expect(apply(plan, { ...fastExecution(cloud), journalPath })).rejects.toMatchObject(corrupt);
    await cloud.settle();
    expect(cloud.snapshot()).toEqual(applied);
  });

  it('a torn last line is cut back before the next append: every line reads, and rollback then deletes nothing live', async () => {
    const cloud = fastLocalCloud();
    const plan = colorMeshIn(cloud).plan();
    const journalPath = join(caseDir(), 'color-mesh.journal.jsonl');
    expect((await apply(plan, { ...fastExecution(cloud), journalPath })).ok).toBe(true);
    await cloud.settle();
    const applied = cloud.snapshot();

    // A crash while the last record (`{"type":"finished","ok":true}`) was being written.
    const text = readFileSync(journalPath, 'utf8');
    expect(text.endsWith('{"type":"finished","ok":true}\n')).toBe(true);
    writeFileSync(journalPath, text.slice(0, -12));

    // The apply looks interrupted: applying again finishes it.
    const again = await apply(plan, { ...fastExecution(cloud), journalPath });
    expect(again.error).toBeUndefined();
    expect(again.ok).toBe(true);
    const lines = journalLines(journalPath);
    expect(lines.filter((line) => !isJson(line))).toEqual([]);
    expect(lines).not.toContain('{"type":"finished"');

    const rolledBack = await rollback({ ...fastExecution(cloud), journalPath });
    expect(rolledBack).toMatchObject({ ok: true, deleted: [] });
    await cloud.settle();
    expect(withoutRunIds(cloud.snapshot())).toEqual(withoutRunIds(applied));
  });
});

/** The intent an apply journals before creating the plan's resource `id`. */
function intentFor(plan: Plan, id: string): JournalRecord {
  const resource = plan.resources.find((r) => r.id === id);
  if (resource === undefined) throw new Error(`The plan has no ${id}.`);
  return { type: 'intent', id, kind: resource.kind, input: resource.input };
}

const writeRecords = (path: string, records: readonly JournalRecord[]) =>
  writeFileSync(path, records.map((r) => `${JSON.stringify(r)}\n`).join(''), { mode: 0o600 });

/** Roles and log groups of the cloud, by name. */
function rolesAndLogGroups(cloud: ReturnType<typeof fastLocalCloud>) {
  const { iam, logs } = cloud.snapshot() as unknown as {
    iam: { roles: { roleName: string }[] };
    logs: { logGroups: { logGroupName: string }[] };
  };
  return {
    roles: iam.roles.map((r) => r.roleName).sort(),
    logGroups: logs.logGroups.map((g) => g.logGroupName),
  };
}

describe('runs without a run id (as older versions wrote them)', () => {
  const EXECUTION_ROLE = 'iam/role/color-mesh-execution-role';
  const RED_TASK_ROLE = 'iam/role/color-mesh-red-task-role';
  const LOG_GROUP = 'logs/logGroup//ecs/color-mesh';

  it('in a journal an older version wrote, are rolled back by the mesh’s tag alone: same-named untagged resources (another account’s) stay', async () => {
    // Another account, where someone made a role and a log group of the mesh's names, untagged;
    // and a role an older version made for this mesh (its ownership tag, no run tag).
    const cloud = fastLocalCloud({ accountId: '210987654321' });
    const plan = colorMeshIn(cloud).plan();
    await handMadeExecutionRole(cloud, plan);
    const clients = cloud.clients();
    await clients.logs.send(new CreateLogGroupCommand({ logGroupName: '/ecs/color-mesh' }));
    await clients.iam.send(
      new CreateRoleCommand({
        RoleName: 'color-mesh-red-task-role',
        AssumeRolePolicyDocument: JSON.stringify(FOREIGN_TRUST),
        Tags: [{ Key: OWNERSHIP_TAG_KEY, Value: 'color-mesh' }],
      }),
    );
    await cloud.settle();

    // What an older version wrote for an interrupted apply: no first record, no run id.
    const journalPath = join(caseDir(), 'color-mesh.journal.jsonl');
    writeRecords(journalPath, [
      { type: 'apply', meshName: 'color-mesh', planHash: planHash(plan) },
      intentFor(plan, LOG_GROUP),
      intentFor(plan, EXECUTION_ROLE),
      intentFor(plan, RED_TASK_ROLE),
    ]);

    const result = await rollback({ ...fastExecution(cloud), journalPath });
    expect(result.error).toBeUndefined();
    expect(result.deleted).toEqual([RED_TASK_ROLE]);
    expect([...result.kept].sort()).toEqual([EXECUTION_ROLE, LOG_GROUP]);
    await cloud.settle();
    expect(rolesAndLogGroups(cloud)).toEqual({
      roles: ['color-mesh-execution-role'],
      logGroups: ['/ecs/color-mesh'],
    });
  });

  it('after the journal’s first record were not written by this tool: every command refuses the journal, and nothing changes', async () => {
    const cloud = fastLocalCloud();
    const plan = colorMeshIn(cloud).plan();
    const journalPath = join(caseDir(), 'color-mesh.journal.jsonl');
    expect((await apply(plan, { ...fastExecution(cloud), journalPath })).ok).toBe(true);
    await cloud.settle();
    await cloud.clients().iam.send(
      new CreateRoleCommand({
        RoleName: 'payments-admin',
        AssumeRolePolicyDocument: JSON.stringify(FOREIGN_TRUST),
      }),
    );
    // Two lines as an older version wrote them: the journal now seems to end with its interrupted apply.
    const forged: JournalRecord[] = [
      { type: 'apply', meshName: 'color-mesh', planHash: planHash(plan) },
      {
        type: 'intent',
        id: 'iam/role/payments-admin',
        kind: 'iamRole',
        input: { RoleName: 'payments-admin' },
      },
    ];
    appendFileSync(journalPath, forged.map((r) => `${JSON.stringify(r)}\n`).join(''));
    const forgedAt = journalLines(journalPath).length - 1;
    await cloud.settle();
    const before = cloud.snapshot();
    const journal = readFileSync(journalPath, 'utf8');

    const options = { ...fastExecution(cloud), journalPath };
    const corrupt = {
      code: 'JOURNAL_CORRUPT',
      message: expect.stringContaining(`${journalPath}: record ${forgedAt}: `),
    };
    await expect(rollback(options)).rejects.toMatchObject(corrupt);
    await expect(resume(plan, options)).rejects.toMatchObject(corrupt);
    await expect(apply(plan, options)).rejects.toMatchObject(corrupt);
    await expect(destroy(plan, options)).rejects.toMatchObject(corrupt);
    await expect(diff(plan, options)).rejects.toMatchObject(corrupt);
    await cloud.settle();
    expect(cloud.snapshot()).toEqual(before);
    expect(readFileSync(journalPath, 'utf8')).toBe(journal);
  });
});

describe('a run whose rollback started', () => {
  it('cannot be resumed after the rollback was killed; a new apply makes what is missing with new tokens', async () => {
    const clean = (await cleanColorMeshApply()).snapshot();

    const dir = caseDir();
    const state = join(dir, 'cloud.json');
    const journalPath = join(dir, 'color-mesh.journal.jsonl');
    // Killed in the middle of its apply, then in the middle of its rollback.
    const applying = await runChild('apply-child', [state, journalPath, '30']);
    expect(applying).toMatchObject({ signal: 'SIGKILL' });
    const rollingBack = await runChild('rollback-child', [state, journalPath, '3']);
    expect(rollingBack).toMatchObject({ signal: 'SIGKILL' });
    const [firstRun] = applyRunIds(journalPath);

    const cloud = fastLocalCloud({ stateFile: state });
    const plan = colorMeshIn(cloud).plan();
    const options = { ...fastExecution(cloud), journalPath };
    await expect(resume(plan, options)).rejects.toMatchObject({
      code: 'NOTHING_TO_RESUME',
      message: expect.stringMatching(/Run rollback/),
    });

    const applied = await apply(plan, options);
    expect(applied.error).toBeUndefined();
    expect(applied.ok).toBe(true);
    const runs = applyRunIds(journalPath);
    expect(runs.at(-1)).toBeDefined();
    expect(runs.at(-1)).not.toBe(firstRun);
    await cloud.settle();
    expect(sameCloud(clean, cloud.snapshot(), 'after the new apply')).toEqual([]);
  }, 40_000);
});

describe('a run stopped gently', () => {
  it('ends interrupted with nothing undone, and resume finishes it as a clean apply would', async () => {
    const clean = (await cleanColorMeshApply()).snapshot();

    const cloud = fastLocalCloud();
    const plan = colorMeshIn(cloud).plan();
    const journalPath = join(caseDir(), 'color-mesh.journal.jsonl');
    const stop = new AbortController();
    const stopped = await apply(plan, {
      ...fastExecution(cloud),
      journalPath,
      stop: stop.signal,
      // The user presses Ctrl-C once the first resource is done.
      onEvent: (event) => {
        if (event.type === 'finish') stop.abort();
      },
    });
    expect(stopped).toMatchObject({ ok: false, interrupted: true, rolledBack: false });
    expect(stopped.error?.code).toBe('INTERRUPTED');
    const done = stopped.results.filter((r) => r.outcome === 'created');
    expect(done.length).toBeGreaterThan(0);
    expect(stopped.results.some((r) => r.outcome === 'skipped')).toBe(true);

    const resumed = await resume(plan, { ...fastExecution(cloud), journalPath });
    expect(resumed.error).toBeUndefined();
    expect(resumed.ok).toBe(true);
    await cloud.settle();
    expect(sameCloud(clean, cloud.snapshot(), 'after resume')).toEqual([]);
    // One run: the resume kept the stopped run's id (its tokens), so nothing was made twice.
    expect(new Set(applyRunIds(journalPath)).size).toBe(1);
  });
});

describe('the journal path', () => {
  const evilMesh = () =>
    mesh('../../x/evil')
      .externalDns('*.evil.local')
      .node('a')
      .listener(listener.http(80))
      .dns('a.evil.local')
      .plan();

  it('a mesh name that would lead it out of .appmesh-builder fails plan()', () => {
    let error: unknown;
    try {
      evilMesh();
    } catch (e) {
      error = e;
    }
    expect(error).toMatchObject({
      issues: expect.arrayContaining([
        expect.objectContaining({ code: 'INVALID_NAME', path: 'mesh/../../x/evil' }),
      ]),
    });
  });

  it('the CLI refuses such a mesh and writes nothing outside .appmesh-builder', async () => {
    const root = caseDir();
    const project = join(root, 'a/b');
    mkdirSync(project, { recursive: true });
    const module = join(project, 'evil.ts');
    writeFileSync(
      module,
      `import { listener, mesh } from ${JSON.stringify(join(REPO, 'src/index.ts'))};\n` +
        "export default mesh('../../x/evil').externalDns('*.evil.local').node('a')" +
        ".listener(listener.http(80)).dns('a.evil.local');\n",
    );
    const result = await cli([
      'apply',
      module,
      '--local',
      '--state',
      join(project, '.appmesh-builder/cloud.json'),
    ]);
    expect(result.code).toBe(2);
    expect(result.err).toMatch(/INVALID_NAME mesh\/\.\.\/\.\.\/x\/evil (name|plan): /);
    expect(filesUnder(root)).toEqual(['a/b/evil.ts']);
  });
});

describe('file modes', () => {
  it('the journal is written 0600 in a 0700 folder it makes', async () => {
    const cloud = fastLocalCloud();
    const folder = join(caseDir(), '.appmesh-builder');
    const journalPath = join(folder, 'color-mesh.journal.jsonl');
    expect((await apply(colorMeshIn(cloud).plan(), { ...fastExecution(cloud), journalPath })).ok).toBe(true);
    expect(fileMode(folder)).toBe(0o700);
    expect(fileMode(journalPath)).toBe(0o600);
  });

  it('an existing 0644 journal becomes 0600 at the next append', async () => {
    const cloud = fastLocalCloud();
    const plan = colorMeshIn(cloud).plan();
    const journalPath = join(caseDir(), 'color-mesh.journal.jsonl');
    expect((await apply(plan, { ...fastExecution(cloud), journalPath })).ok).toBe(true);
    chmodSync(journalPath, 0o644);
    expect((await apply(plan, { ...fastExecution(cloud), journalPath })).ok).toBe(true);
    expect(fileMode(journalPath)).toBe(0o600);
  });

  it('the CLI --local makes .appmesh-builder 0700 and writes its journal 0600', async () => {
    const folder = join(caseDir(), '.appmesh-builder');
    const result = await cli(['apply', COLOR_MESH, '--local', '--state', join(folder, 'local-cloud.json')]);
    expect(result.code).toBe(0);
    expect(fileMode(folder)).toBe(0o700);
    expect(fileMode(join(folder, 'color-mesh.local.journal.jsonl'))).toBe(0o600);
  });

  it('the local cloud state file (every input, environment values included) is written 0600', async () => {
    const folder = join(caseDir(), '.appmesh-builder');
    const stateFile = join(folder, 'local-cloud.json');
    const result = await cli(['apply', COLOR_MESH, '--local', '--state', stateFile]);
    expect(result.code).toBe(0);
    expect(existsSync(stateFile)).toBe(true);
    expect(fileMode(stateFile)).toBe(0o600);
  });
});

function isJson(line: string): boolean {
  try {
    JSON.parse(line);
    return true;
  } catch {
    return false;
  }
}

/** Every file under `root`, relative to it, sorted. */
function filesUnder(root: string): string[] {
  return (readdirSync(root, { recursive: true }) as string[])
    .map((name) => join(root, name))
    .filter((path) => statSync(path).isFile())
    .map((path) => relative(root, path))
    .sort();
}
