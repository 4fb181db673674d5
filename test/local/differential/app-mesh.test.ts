/**
 * App Mesh: the local cloud against moto. Compared: create/describe/update/list/delete of meshes,
 * virtual nodes, virtual routers and routes, version increments, NotFound and Conflict errors.
 *
 * Not compared, because moto 5.2.1 cannot answer at all (moto.md):
 * | what | moto | AWS | source |
 * |---|---|---|---|
 * | virtual services | every call is an HTML 404 | full CRUD | App Mesh API reference |
 * | virtual gateways, gateway routes | not implemented | full CRUD | App Mesh API reference |
 * | clientToken replay | ignored | same token + same request: same resource; another request: ConflictException | aws-facts.md §3.2 |
 * | name and weight validation | none | BadRequestException | App Mesh API reference (constraints) |
 */
import { describeDifferential, type MotoInfidelity } from './harness.js';
import { appMeshLifecycle, appMeshReferences } from './scenarios.js';

const INFIDELITIES: readonly MotoInfidelity[] = [
  {
    scenario: 'appMeshLifecycle',
    step: 'mesh arn',
    moto: 'arn:aws:appmesh:us-east-1:123456789012:color-mesh (no `mesh/`)',
    aws: 'arn:aws:appmesh:<region>:<account>:mesh/<meshName>',
    source: 'Service Authorization Reference, AWS App Mesh resource types (mesh)',
    awsOutcome: { ok: 'arn:aws:appmesh:us-east-1:123456789012:mesh/color-mesh' },
  },
  {
    scenario: 'appMeshLifecycle',
    step: 'create mesh again',
    moto: 'succeeds and replaces the mesh, dropping its children',
    aws: 'ConflictException (409): the name is taken',
    source: 'aws-facts.md §3.3 (ConflictException, roadmap#106); moto.md',
    awsOutcome: { error: 'ConflictException' },
  },
  {
    scenario: 'appMeshReferences',
    step: 'delete node a route targets',
    moto: 'deletes the node (no reference checks)',
    aws: 'ResourceInUseException: "VirtualNode with name blue cannot be deleted because it is the target of one or more routes."',
    source: 'aws-facts.md §3.4; hashicorp/terraform-provider-aws#38444',
    awsOutcome: { error: 'ResourceInUseException' },
  },
  {
    scenario: 'appMeshReferences',
    step: 'delete mesh with children',
    moto: 'deletes the mesh with its children',
    aws: 'ResourceInUseException until every child is deleted',
    source: 'App Mesh API reference, DeleteMesh; aws-facts.md §3.4',
    awsOutcome: { error: 'ResourceInUseException' },
  },
];

describeDifferential('App Mesh', { appMeshLifecycle, appMeshReferences }, INFIDELITIES);
