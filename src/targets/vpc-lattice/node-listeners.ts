/**
 * The listeners of a node-provided virtual service: each of the node's HTTP listeners (Lattice's
 * HTTP listener and target group); a TCP one has no exact equivalent and stops the plan.
 */
import type {
  MeshDefinition,
  VirtualNodeDefinition,
  VirtualServiceDefinition,
} from '../../definition/mesh-definition.js';
import { paths } from '../../definition/paths.js';
import { issue, type PlanIssue, show } from '../../validate/issue.js';

/** "Listeners per service", adjustable. */
const LISTENERS_PER_SERVICE = 2;

export function nodeListeners(
  definition: MeshDefinition,
  virtualService: VirtualServiceDefinition,
  node: VirtualNodeDefinition,
  issues: PlanIssue[],
): { port: number; protocol: string }[] {
  const nodePath = paths.virtualNode(definition.name, node.name);
  const found: { port: number; protocol: string }[] = [];
  node.listeners.forEach((listener, index) => {
    const { port, protocol } = listener.portMapping ?? {};
    if (port === undefined || protocol === undefined) return;
    if (protocol === 'tcp') {
      issues.push(
        issue(
          'UNSUPPORTED_BY_TARGET',
          nodePath,
          'a listener VPC Lattice can carry exactly (http, http2 or grpc)',
          'tcp',
          {
            field: `listeners[${index}].portMapping.protocol`,
            explanation: `Virtual service ${virtualService.name} would need a Lattice TCP listener, which exists only as TLS_PASSTHROUGH (the client speaks TLS to the tasks): use target 'service-connect' for a TCP node.`,
          },
        ),
      );
      return;
    }
    found.push({ port, protocol });
  });
  if (node.listeners.length === 0)
    issues.push(
      issue(
        'CHANGED_BY_TARGET',
        paths.virtualService(definition.name, virtualService.name),
        'a VPC Lattice service answering this name',
        `none: virtual node ${show(node.name)} has no listener`,
        { severity: 'warning', explanation: 'Nothing answered this name on App Mesh either.' },
      ),
    );
  if (found.length > LISTENERS_PER_SERVICE)
    issues.push(
      issue(
        'QUOTA_EXCEEDED',
        nodePath,
        `at most ${LISTENERS_PER_SERVICE} listeners per VPC Lattice service (the default quota)`,
        `${found.length} listeners`,
        {
          field: 'listeners',
          severity: 'warning',
          explanation:
            'The quota can be raised: check "Listeners per service" in Service Quotas before applying.',
        },
      ),
    );
  return found;
}
