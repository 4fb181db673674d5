/**
 * `appmesh-builder migrate <module> --to <target> [--out DIR] [--json]`: the migration report (with
 * the behaviour diff), printed (Markdown, or JSON with --json) or written as
 * migration-report.md and migration-report.json.
 */
import type { MeshDefinition } from '../definition/mesh-definition.js';
import { writeFiles } from '../render/write-files.js';
import { behaviourDiffSection } from '../report/behaviour-diff-section.js';
import { formatMigrationReport, migrationReportJson } from '../report/format-migration-report.js';
import {
  MIGRATION_REPORT_TARGETS,
  type MigrationTarget,
} from '../targets/service-connect/migration-context.js';
import { migrationReport } from '../targets/service-connect/migration-report.js';
import { USAGE_HINT, UsageError } from './arguments.js';
import type { CommandIo } from './io.js';

export const MIGRATION_TARGETS = MIGRATION_REPORT_TARGETS;

export interface MigrateOptions {
  readonly to: string | undefined;
  readonly out?: string | undefined;
  readonly json: boolean;
}

export async function migrateCommand(
  definition: MeshDefinition,
  options: MigrateOptions,
  io: CommandIo,
): Promise<number> {
  const to = migrationTarget(options.to);
  const report = migrationReport(definition, { to });
  const diff = behaviourDiffSection(definition, to);
  const markdown = formatMigrationReport(report, { sections: [diff.section] });
  const json = migrationReportJson(report, diff.json);
  if (options.out === undefined) {
    io.out(options.json ? json : markdown);
    return 0;
  }
  await writeFiles(options.out, [
    { path: 'migration-report.json', contents: json },
    { path: 'migration-report.md', contents: markdown },
  ]);
  io.out(`Wrote migration-report.md and migration-report.json to ${options.out}\n`);
  return 0;
}

/** The --to value, checked before any module loads. */
export function migrationTarget(to: string | undefined): MigrationTarget {
  const known = MIGRATION_TARGETS.join(', ');
  if (to === undefined) throw new UsageError(`migrate needs --to, one of ${known}. ${USAGE_HINT}`);
  if (!(MIGRATION_TARGETS as readonly string[]).includes(to))
    throw new UsageError(`--to: unknown target "${to}", expected one of ${known}. ${USAGE_HINT}`);
  return to as MigrationTarget;
}
