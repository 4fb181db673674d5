/** Envoy access logs of nodes and gateways: file path and text or JSON format. */
import type { AccessLog, VirtualGatewayAccessLog } from '@aws-sdk/client-app-mesh';
import { paths } from '../definition/paths.js';
import { checkLength, checkListSize, checkUnion, field, REQUIRED } from './checks.js';
import type { ValidationContext } from './context.js';
import type { PlanIssue } from './issue.js';

const ACCESS_LOG_MEMBERS = ['file'] as const;
const FORMAT_MEMBERS = ['text', 'json'] as const;

function checkAccessLog(
  out: PlanIssue[],
  path: string,
  base: string,
  accessLog: AccessLog | VirtualGatewayAccessLog | undefined,
): void {
  if (!accessLog) return;
  if (!checkUnion(out, path, base, accessLog, ACCESS_LOG_MEMBERS)) return;
  const file = accessLog.file;
  const at = field(base, 'file');
  checkLength(out, 'INVALID_VALUE', path, field(at, 'path'), file?.path, 1, 255, REQUIRED);
  const format = file?.format;
  const member = format !== undefined && checkUnion(out, path, field(at, 'format'), format, FORMAT_MEMBERS);
  if (member === 'text') {
    checkLength(out, 'INVALID_VALUE', path, field(at, 'format.text'), format?.text, 1, 1000, REQUIRED);
  } else if (member === 'json') {
    const json = format?.json ?? [];
    const jsonField = field(at, 'format.json');
    checkListSize(out, 'INVALID_VALUE', path, jsonField, json, 1, Number.POSITIVE_INFINITY, {
      required: true,
      explanation: 'A JSON log format needs at least one key/value pair.',
    });
    json.forEach((entry, index) => {
      checkLength(out, 'INVALID_VALUE', path, `${jsonField}[${index}].key`, entry.key, 1, 100, REQUIRED);
      checkLength(out, 'INVALID_VALUE', path, `${jsonField}[${index}].value`, entry.value, 1, 100, REQUIRED);
    });
  }
}

export function checkLogging(context: ValidationContext): PlanIssue[] {
  const out: PlanIssue[] = [];
  const { definition, mesh } = context;
  for (const node of definition.nodes) {
    checkAccessLog(out, paths.virtualNode(mesh, node.name), 'logging.accessLog', node.logging?.accessLog);
  }
  for (const gateway of definition.gateways) {
    checkAccessLog(
      out,
      paths.virtualGateway(mesh, gateway.name),
      'spec.logging.accessLog',
      gateway.spec.logging?.accessLog,
    );
  }
  return out;
}
