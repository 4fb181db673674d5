/** Envoy access logs of nodes and gateways: file path and text or JSON format. */
import type { AccessLog, VirtualGatewayAccessLog } from '@aws-sdk/client-app-mesh';
import type { VirtualNodeDefinition } from '../definition/mesh-definition.js';
import { checkLength, checkListSize, checkUnion, field, REQUIRED } from './checks.js';
import type { ValidationContext } from './context.js';
import type { PlanIssue } from './issue.js';

const ACCESS_LOG_MEMBERS = ['file'] as const;
const FORMAT_MEMBERS = ['text', 'json'] as const;

/** The field names under an access log: made once per kind of owner, not once per node. */
function accessLogFields(base: string) {
  const file = field(base, 'file');
  return {
    base,
    path: field(file, 'path'),
    format: field(file, 'format'),
    text: field(file, 'format.text'),
    json: field(file, 'format.json'),
  };
}

type AccessLogFields = ReturnType<typeof accessLogFields>;

const NODE_ACCESS_LOG = accessLogFields('logging.accessLog');
const GATEWAY_ACCESS_LOG = accessLogFields('spec.logging.accessLog');

const JSON_FORMAT_REQUIRED = Object.freeze({
  required: true,
  explanation: 'A JSON log format needs at least one key/value pair.',
});

function checkAccessLog(
  out: PlanIssue[],
  path: string,
  fields: AccessLogFields,
  accessLog: AccessLog | VirtualGatewayAccessLog | undefined,
): void {
  if (!accessLog) return;
  if (!checkUnion(out, path, fields.base, accessLog, ACCESS_LOG_MEMBERS)) return;
  const file = accessLog.file;
  checkLength(out, 'INVALID_VALUE', path, fields.path, file?.path, 1, 255, REQUIRED);
  const format = file?.format;
  const member = format !== undefined && checkUnion(out, path, fields.format, format, FORMAT_MEMBERS);
  if (member === 'text') {
    checkLength(out, 'INVALID_VALUE', path, fields.text, format?.text, 1, 1000, REQUIRED);
  } else if (member === 'json') {
    const json = format?.json ?? [];
    const jsonField = fields.json;
    checkListSize(
      out,
      'INVALID_VALUE',
      path,
      jsonField,
      json,
      1,
      Number.POSITIVE_INFINITY,
      JSON_FORMAT_REQUIRED,
    );
    json.forEach((entry, index) => {
      checkLength(out, 'INVALID_VALUE', path, `${jsonField}[${index}].key`, entry.key, 1, 100, REQUIRED);
      checkLength(out, 'INVALID_VALUE', path, `${jsonField}[${index}].value`, entry.value, 1, 100, REQUIRED);
    });
  }
}

export function checkLogging(context: ValidationContext): PlanIssue[] {
  const out: PlanIssue[] = [];
  const { definition } = context;
  const { nodes } = definition;
  for (let i = 0; i < nodes.length; i++) {
    const logging = (nodes[i] as VirtualNodeDefinition).logging;
    checkAccessLog(out, context.nodePaths[i] as string, NODE_ACCESS_LOG, logging?.accessLog);
  }
  definition.gateways.forEach((gateway, g) => {
    checkAccessLog(
      out,
      context.gatewayPaths[g] as string,
      GATEWAY_ACCESS_LOG,
      gateway.spec.logging?.accessLog,
    );
  });
  return out;
}
