/**
 * IAM: the local cloud against moto. Compared: role create/get (trust policy round trip),
 * inline policy put/get/delete, AWS managed policy attach/list/detach, EntityAlreadyExists,
 * NoSuchEntity and DeleteConflict. moto is faithful to AWS for every step (moto.md), so nothing
 * is skipped.
 */
import { describeDifferential } from './harness.js';
import { iamLifecycle } from './scenarios.js';

// AWSAppMeshEnvoyAccess is an AWS managed policy: moto must load them.
describeDifferential('IAM', { iamLifecycle }, [], { awsManagedPolicies: true });
