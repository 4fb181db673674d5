/**
 * The shape of `plan()`'s options, checked before anything reads them: from JavaScript they can be
 * anything, and a wrong type must be an issue like any other, never a TypeError. Left out (undefined)
 * is the default; `null` is not.
 */
import { issue, type PlanIssue, show } from '../validate/issue.js';
import { type PlanOptions, TARGETS } from './plan-options.js';

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export function checkPlanOptions(options: unknown): PlanIssue[] {
  if (!isObject(options)) return [wrongType('options', 'an object of plan options', options)];
  const { target, serviceConnect } = options as PlanOptions;
  if (target !== undefined && !(TARGETS as readonly unknown[]).includes(target))
    return [
      issue('UNKNOWN_TARGET', 'plan', `one of ${TARGETS.join(', ')}`, show(target), { field: 'target' }),
    ];
  if (serviceConnect === undefined) return [];
  // Most likely the target was forgotten: the App Mesh plan it would give is not what was meant.
  if (target !== 'service-connect' && target !== 'service-connect+vpc-lattice')
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

function wrongType(field: string, expected: string, received: unknown): PlanIssue {
  return issue('INVALID_OPTION', 'plan', expected, show(received), { field });
}
