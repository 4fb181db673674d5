// Explicit named exports only. Each area adds its own lines.
export type * from './definition/mesh-definition.js';
export { paths } from './definition/paths.js';
export { isMeshError, MeshError, PlanValidationError } from './errors/mesh-error.js';
export type { MeshErrorCode } from './errors/mesh-error.js';
export type { Plan } from './plan/plan.js';
export { findRefs, ref, replaceRefs, RESOURCE_KINDS } from './plan/resource.js';
export type { PlannedResource, ResourceAttribute, ResourceInputs, ResourceKind } from './plan/resource.js';
export { ISSUE_CODES } from './validate/issue.js';
export type { IssueCode, PlanIssue } from './validate/issue.js';
