/**
 * How each node is discovered: a node with a listener needs service discovery; a Cloud Map
 * discovery needs the namespace and one of its declared services; tasks register in a declared service.
 */
import type { VirtualNodeDefinition } from '../definition/mesh-definition.js';
import { paths } from '../definition/paths.js';
import { checkOneOf, checkPattern, field, REQUIRED } from './checks.js';
import type { ValidationContext } from './context.js';
import { issue, type PlanIssue, show } from './issue.js';
import { IP_PREFERENCES } from './names.js';
import { didYouMean } from './suggest.js';

const RESPONSE_TYPES = ['LOADBALANCER', 'ENDPOINTS'] as const;
const NOT_BLANK = /\S/;
const ATTRIBUTE_KEY = /^[a-zA-Z0-9!-~]{1,255}$/;
const ATTRIBUTE_VALUE = /^(?=.{1,1024}$)([a-zA-Z0-9!-~][ a-zA-Z0-9!-~]*)?[a-zA-Z0-9!-~]?$/;

export function checkServiceDiscovery(context: ValidationContext): PlanIssue[] {
  const out: PlanIssue[] = [];
  const { definition, mesh } = context;
  const meshNamespace = context.namespaceName;
  const unknownCloudMapService = (path: string, fieldName: string, name: string) =>
    issue(
      'UNKNOWN_CLOUD_MAP_SERVICE',
      path,
      `a Cloud Map service declared in namespace ${show(meshNamespace ?? '')}`,
      show(name),
      { field: fieldName, explanation: didYouMean(name, context.cloudMapServices).trim() },
    );

  const { nodes } = definition;
  for (let i = 0; i < nodes.length; i++) {
    const node = nodes[i] as VirtualNodeDefinition;
    const path = context.nodePaths[i] as string;
    const discovery = node.serviceDiscovery;
    if (!discovery) {
      if (node.listeners.length > 0) {
        out.push(
          issue(
            'MISSING_SERVICE_DISCOVERY',
            path,
            'service discovery (Cloud Map or DNS) for a node with a listener',
            'nothing',
            {
              field: 'serviceDiscovery',
              explanation:
                'Clients find a listening node through its service discovery; App Mesh rejects a listener without it.',
            },
          ),
        );
      }
    } else if (discovery.kind === 'dns') {
      checkPattern(
        out,
        'INVALID_VALUE',
        path,
        'serviceDiscovery.hostname',
        discovery.hostname,
        NOT_BLANK,
        'a hostname',
        REQUIRED,
      );
      checkOneOf(
        out,
        'INVALID_VALUE',
        path,
        'serviceDiscovery.responseType',
        discovery.responseType,
        RESPONSE_TYPES,
      );
      checkOneOf(
        out,
        'INVALID_VALUE',
        path,
        'serviceDiscovery.ipPreference',
        discovery.ipPreference,
        IP_PREFERENCES,
      );
    } else {
      checkOneOf(
        out,
        'INVALID_VALUE',
        path,
        'serviceDiscovery.ipPreference',
        discovery.ipPreference,
        IP_PREFERENCES,
      );
      if (meshNamespace === undefined) {
        out.push(
          issue('MISSING_NAMESPACE', path, 'a Cloud Map namespace declared on the mesh', 'nothing', {
            field: 'serviceDiscovery.namespace',
            explanation: `Cloud Map discovery of ${show(discovery.service)} needs the namespace it lives in.`,
          }),
        );
      } else if (discovery.namespace !== undefined && discovery.namespace !== meshNamespace) {
        out.push(
          issue(
            'UNKNOWN_NAMESPACE',
            path,
            `the mesh namespace ${show(meshNamespace)}`,
            show(discovery.namespace),
            {
              field: 'serviceDiscovery.namespace',
              explanation:
                'The plan manages one Cloud Map namespace; a node cannot be discovered in another one.',
            },
          ),
        );
      } else if (!context.cloudMapServices.has(discovery.service)) {
        out.push(unknownCloudMapService(path, 'serviceDiscovery.service', discovery.service));
      }
      for (const [key, value] of Object.entries(discovery.attributes)) {
        const at = field('serviceDiscovery.attributes', JSON.stringify(key));
        checkPattern(
          out,
          'INVALID_VALUE',
          path,
          at,
          key,
          ATTRIBUTE_KEY,
          '1 to 255 printable ASCII characters (key)',
        );
        checkPattern(
          out,
          'INVALID_VALUE',
          path,
          at,
          value,
          ATTRIBUTE_VALUE,
          '1 to 1024 printable ASCII characters (value)',
        );
      }
    }

    const registerIn = node.task?.registerIn;
    if (registerIn !== undefined) {
      const taskPath = paths.nodeTask(mesh, node.name);
      if (meshNamespace === undefined) {
        out.push(
          issue('MISSING_NAMESPACE', taskPath, 'a Cloud Map namespace declared on the mesh', 'nothing', {
            field: 'registerIn',
          }),
        );
      } else if (!context.cloudMapServices.has(registerIn)) {
        out.push(unknownCloudMapService(taskPath, 'registerIn', registerIn));
      }
    }
  }
  return out;
}
