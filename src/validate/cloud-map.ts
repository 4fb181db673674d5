/**
 * The Cloud Map namespace and services the plan creates (servicediscovery model limits):
 * a private DNS namespace name, service names that are DNS labels, DNS records, routing policy.
 */
import type { DnsRecord } from '@aws-sdk/client-servicediscovery';
import type { CloudMapServiceDefinition } from '../definition/mesh-definition.js';
import { paths } from '../definition/paths.js';
import {
  checkInteger,
  checkLength,
  checkListSize,
  checkOneOf,
  checkPattern,
  field,
  REQUIRED,
} from './checks.js';
import type { ValidationContext } from './context.js';
import { issue, type PlanIssue } from './issue.js';

/** `NamespaceNamePrivate` from the servicediscovery model. */
export const NAMESPACE_NAME = /^(?!arn:)[!-~]{1,253}$/;
/** `ServiceName` from the servicediscovery model: DNS labels of 1-63 characters, 127 in all. */
export const CLOUD_MAP_SERVICE_NAME =
  /^(?=.{1,127}$)([a-zA-Z0-9_][a-zA-Z0-9_-]{0,61}[a-zA-Z0-9_]|[a-zA-Z0-9])(\.([a-zA-Z0-9_][a-zA-Z0-9_-]{0,61}[a-zA-Z0-9_]|[a-zA-Z0-9]))*$/;
export const VPC_ID = /^vpc-([0-9a-f]{8}|[0-9a-f]{17})$/;
const DNS_RECORD_TYPES = ['A', 'AAAA', 'SRV', 'CNAME'] as const;
const ROUTING_POLICIES = ['MULTIVALUE', 'WEIGHTED'] as const;
const RECORDS_REQUIRED = Object.freeze({
  required: true,
  explanation: 'Tasks are found by their DNS records; the tutorial uses [{ Type: "A", TTL: 300 }].',
});

export function checkCloudMap(context: ValidationContext): PlanIssue[] {
  const out: PlanIssue[] = [];
  const { definition } = context;
  const namespace = definition.namespace;
  if (namespace) {
    const path = paths.cloudMapNamespace(namespace.name);
    checkPattern(
      out,
      'INVALID_CLOUD_MAP_NAME',
      path,
      'name',
      namespace.name,
      NAMESPACE_NAME,
      '1 to 253 printable ASCII characters without spaces, not starting with "arn:"',
      REQUIRED,
    );
    checkPattern(
      out,
      'INVALID_VALUE',
      path,
      'vpcId',
      namespace.vpcId,
      VPC_ID,
      'a VPC id like "vpc-0123456789abcdef0"',
    );
    checkLength(out, 'INVALID_VALUE', path, 'description', namespace.description, 0, 1024);
  } else if (definition.cloudMapServices.length > 0) {
    out.push(
      issue('MISSING_NAMESPACE', paths.mesh(context.mesh), 'a Cloud Map namespace', 'nothing', {
        field: 'namespace',
        explanation: `${definition.cloudMapServices.length} Cloud Map services are declared, and every Cloud Map service lives in a namespace.`,
      }),
    );
  }
  const services = definition.cloudMapServices;
  for (let i = 0; i < services.length; i++) {
    const service = services[i] as CloudMapServiceDefinition;
    const path = paths.cloudMapService(namespace?.name ?? '', service.name);
    checkPattern(
      out,
      'INVALID_CLOUD_MAP_NAME',
      path,
      'name',
      service.name,
      CLOUD_MAP_SERVICE_NAME,
      'DNS labels of 1 to 63 letters, digits, hyphens or underscores, not starting or ending with a hyphen, 127 characters in all',
      REQUIRED,
    );
    checkLength(out, 'INVALID_VALUE', path, 'description', service.description, 0, 1024);
    const records = service.dnsRecords;
    checkListSize(
      out,
      'INVALID_VALUE',
      path,
      'dnsRecords',
      records,
      1,
      Number.POSITIVE_INFINITY,
      RECORDS_REQUIRED,
    );
    for (let index = 0; index < records.length; index++) {
      const record = records[index] as DnsRecord;
      const at = `dnsRecords[${index}]`;
      checkOneOf(out, 'INVALID_VALUE', path, field(at, 'Type'), record.Type, DNS_RECORD_TYPES, REQUIRED);
      checkInteger(out, 'INVALID_VALUE', path, field(at, 'TTL'), record.TTL, 0, 2147483647, REQUIRED);
    }
    checkOneOf(
      out,
      'INVALID_VALUE',
      path,
      'routingPolicy',
      service.routingPolicy,
      ROUTING_POLICIES,
      REQUIRED,
    );
  }
  return out;
}
