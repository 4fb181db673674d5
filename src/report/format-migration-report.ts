/** The migration report for people (Markdown) and for tools (JSON text, same content, fixed order). */
import { jsonText } from '../render/rendered-file.js';
import type {
  MigrationEntry,
  MigrationReport,
  MigrationSeverity,
  MigrationStatus,
} from './migration-report.js';

/** A section added after the report's own, before the procedure (for example a behaviour diff table). */
export interface ReportSection {
  readonly title: string;
  readonly markdown: string;
}

export interface FormatMigrationReportOptions {
  /** Extra sections, in order; the behaviour diff between the two targets belongs here. @default [] */
  readonly sections?: readonly ReportSection[];
}

const STATUS_ORDER: readonly MigrationStatus[] = ['lost', 'approximated', 'kept'];
const SEVERITY_RANK: Record<MigrationSeverity, number> = { critical: 0, warning: 1, info: 2 };
const TARGET_TITLE: Record<string, string> = {
  'service-connect': 'ECS Service Connect',
  'service-connect+vpc-lattice': 'ECS Service Connect with VPC Lattice routing',
  'vpc-lattice': 'VPC Lattice',
};
/** The column of what the target does (the entries' `serviceConnect` field, whatever the target). */
const TARGET_COLUMN: Record<string, string> = {
  'service-connect': 'Service Connect',
  'service-connect+vpc-lattice': 'Service Connect + VPC Lattice',
  'vpc-lattice': 'VPC Lattice',
};

export function formatMigrationReport(
  report: MigrationReport,
  options: FormatMigrationReportOptions = {},
): string {
  const lines: string[] = [
    `# Migration report: ${report.mesh}, App Mesh to ${TARGET_TITLE[report.to] ?? report.to}`,
    '',
    summary(report.entries),
    '',
  ];
  for (const status of STATUS_ORDER) {
    const entries = report.entries
      .filter((entry) => entry.status === status)
      .sort((a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity]);
    if (entries.length === 0) continue;
    lines.push(`## ${capitalised(status)} (${entries.length})`, '');
    lines.push(
      `| Severity | Code | Resource | Field | App Mesh | ${TARGET_COLUMN[report.to] ?? report.to} | Reason |`,
    );
    lines.push('| --- | --- | --- | --- | --- | --- | --- |');
    for (const entry of entries) {
      lines.push(
        `| ${[entry.severity, code(entry.code), code(entry.path), entry.field === '' ? '' : code(entry.field), entry.appMesh, entry.serviceConnect, entry.reason].map(cell).join(' | ')} |`,
      );
    }
    lines.push('');
  }
  const withAlternatives = STATUS_ORDER.flatMap((status) =>
    report.entries.filter((entry) => entry.status === status && entry.alternative !== undefined),
  );
  if (withAlternatives.length > 0) {
    lines.push('## Alternatives', '');
    for (const entry of withAlternatives) lines.push(...alternative(entry));
  }
  for (const section of options.sections ?? [])
    lines.push(`## ${section.title}`, '', section.markdown.trimEnd(), '');
  lines.push('## Procedure', '');
  report.procedure.forEach((step, index) => {
    lines.push(`${index + 1}. **${oneLine(step.title)}.** ${oneLine(step.detail)}`);
    for (const resource of step.resources) lines.push(`   - ${code(resource)}`);
  });
  return `${lines.join('\n')}\n`;
}

/** The report as JSON text: the report's own key order, entries already sorted, two spaces, final newline. */
export function migrationReportJson(
  report: MigrationReport,
  extra: Readonly<Record<string, unknown>> = {},
): string {
  return jsonText({ ...report, ...extra });
}

function summary(entries: readonly MigrationEntry[]): string {
  const count = (predicate: (entry: MigrationEntry) => boolean) => entries.filter(predicate).length;
  return (
    `${entries.length} features used: ${count((e) => e.status === 'kept')} kept, ` +
    `${count((e) => e.status === 'approximated')} approximated, ${count((e) => e.status === 'lost')} lost; ` +
    `${count((e) => e.severity === 'critical')} critical, ${count((e) => e.severity === 'warning')} warnings.`
  );
}

function alternative(entry: MigrationEntry): string[] {
  const found = entry.alternative;
  if (found === undefined) return [];
  return [
    `### ${code(entry.code)} ${code(entry.path)}${entry.field === '' ? '' : ` ${code(entry.field)}`}: ${oneLine(found.service)}`,
    '',
    found.note,
    '',
    '```json',
    JSON.stringify(found.fields, null, 2),
    '```',
    '',
  ];
}

/** A table cell: on one line, its pipes escaped (also inside code spans, as GitHub's tables require). */
function cell(text: string): string {
  return oneLine(text).replace(/\|/g, '\\|');
}

/** Markdown ends a line at \n, \r\n and a lone \r: names from the definition may hold any of them. */
function oneLine(text: string): string {
  return text.replace(/\r\n|\r|\n/g, ' ');
}

/** A code span that the text's own backticks cannot end: a longer run of backticks around it. */
function code(text: string): string {
  const line = oneLine(text);
  const fence = '`'.repeat(Math.max(0, ...(line.match(/`+/g) ?? []).map((run) => run.length)) + 1);
  const pad = line.startsWith('`') || line.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${line}${pad}${fence}`;
}

function capitalised(text: string): string {
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}`;
}
