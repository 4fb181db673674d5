/**
 * The shape of `plan()`'s options, checked before anything reads them: from JavaScript they can be
 * anything, and a wrong type must be an issue like any other, never a TypeError. Left out (undefined)
 * is the default; `null` is not.
 */
import { issue, type PlanIssue, show } from '../validate/issue.js';
import { LATTICE_TARGETS, type PlanOptions, TARGETS, type Target } from './plan-options.js';

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const SERVICE_CONNECT_TARGETS: readonly Target[] = ['service-connect', 'service-connect+vpc-lattice'];
const AUTH_TYPES: readonly unknown[] = ['NONE', 'AWS_IAM'];

export function checkPlanOptions(options: unknown): PlanIssue[] {
  if (!isObject(options)) return [wrongType('options', 'an object of plan options', options)];
  const { target, serviceConnect, vpcLattice } = options as PlanOptions;
  if (target !== undefined && !(TARGETS as readonly unknown[]).includes(target))
    return [
      issue('UNKNOWN_TARGET', 'plan', `one of ${TARGETS.join(', ')}`, show(target), { field: 'target' }),
    ];
  return [...checkServiceConnectShape(target, serviceConnect), ...checkVpcLatticeShape(target, vpcLattice)];
}

function checkServiceConnectShape(target: Target | undefined, serviceConnect: unknown): PlanIssue[] {
  if (serviceConnect === undefined) return [];
  // Most likely the target was forgotten: the App Mesh plan it would give is not what was meant.
  if (target === undefined || !SERVICE_CONNECT_TARGETS.includes(target))
    return [
      wrongType(
        'serviceConnect',
        "options only with target: 'service-connect' or 'service-connect+vpc-lattice'",
        serviceConnect,
      ),
    ];
  if (!isObject(serviceConnect))
    return [wrongType('serviceConnect', 'an object of Service Connect options', serviceConnect)];
  const { tls } = serviceConnect;
  if (tls !== undefined && !isObject(tls))
    return [wrongType('serviceConnect.tls', 'an object { certificateAuthorityArn, kmsKey?, roleArn? }', tls)];
  return [];
}

/** The VPC Lattice options: their shape, and the values they take (there are only two kinds). */
function checkVpcLatticeShape(target: Target | undefined, vpcLattice: unknown): PlanIssue[] {
  if (vpcLattice === undefined) return [];
  if (target === undefined || !LATTICE_TARGETS.includes(target))
    return [
      wrongType(
        'vpcLattice',
        "options only with target: 'vpc-lattice' or 'service-connect+vpc-lattice'",
        vpcLattice,
      ),
    ];
  if (!isObject(vpcLattice)) return [wrongType('vpcLattice', 'an object { auth?, nameSuffix? }', vpcLattice)];
  const found: PlanIssue[] = [];
  const { auth, nameSuffix, ...unknown } = vpcLattice;
  for (const key of Object.keys(unknown).sort())
    found.push(wrongType(`vpcLattice.${key}`, 'no such option: auth or nameSuffix', unknown[key]));
  if (auth !== undefined && !AUTH_TYPES.includes(auth))
    found.push(wrongType('vpcLattice.auth', "'NONE' or 'AWS_IAM'", auth));
  if (nameSuffix !== undefined && target !== 'vpc-lattice')
    found.push(
      wrongType(
        'vpcLattice.nameSuffix',
        "no suffix here with target 'service-connect+vpc-lattice': its names take serviceConnect.nameSuffix",
        nameSuffix,
      ),
    );
  else if (nameSuffix !== undefined && typeof nameSuffix !== 'string')
    found.push(wrongType('vpcLattice.nameSuffix', 'up to 16 letters, digits, - or _', nameSuffix));
  return found;
}

function wrongType(field: string, expected: string, received: unknown): PlanIssue {
  return issue('INVALID_OPTION', 'plan', expected, show(received), { field });
}
