/** Envoy access logs of nodes and gateways: file path and text or JSON format. */
import type { AccessLog, VirtualGatewayAccessLog } from '@aws-sdk/client-app-mesh';
import { paths } from '../definition/paths.js';
import { checkLength, checkListSize, checkUnion, field } from './checks.js';
import type { ValidationContext } from './context.js';
import type { PlanIssue } from './issue.js';

function checkAccessLog(
  out: PlanIssue[],
  path: string,
  base: string,
  accessLog: AccessLog | VirtualGatewayAccessLog | undefined,
): void {
  if (!accessLog) return;
  if (!checkUnion(out, path, base, accessLog, ['file'])) return;
  const file = accessLog.file;
  const at = field(base, 'file');
  checkLength(out, 'INVALID_VALUE', path, field(at, 'path'), file?.path, 1, 255, { required: true });
  const format = file?.format;
  const member = checkUnion(out, path, field(at, 'format'), format, ['text', 'json']);
  if (member === 'text') {
    checkLength(out, 'INVALID_VALUE', path, field(at, 'format.text'), format?.text, 1, 1000, {
      required: true,
    });
  } else if (member === 'json') {
    const json = format?.json ?? [];
    const jsonField = field(at, 'format.json');
    checkListSize(out, 'INVALID_VALUE', path, jsonField, json, 1, Number.POSITIVE_INFINITY, {
      required: true,
      explanation: 'A JSON log format needs at least one key/value pair.',
    });
    for (const [index, entry] of json.entries()) {
      checkLength(out, 'INVALID_VALUE', path, `${jsonField}[${index}].key`, entry.key, 1, 100, {
        required: true,
      });
      checkLength(out, 'INVALID_VALUE', path, `${jsonField}[${index}].value`, entry.value, 1, 100, {
        required: true,
      });
    }
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
