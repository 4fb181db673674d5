import { DEFAULT_CONCURRENCY } from '../execute/default-concurrency.js';

export const HELP = `appmesh-builder: plan and render an AWS App Mesh on ECS from a TypeScript definition.

Usage:
  appmesh-builder plan <module> [--json]
      The resources in create order: file prefix, kind, id, number of dependencies; then warnings.
      --json prints the whole plan as JSON.
  appmesh-builder render <module> --out <dir> [--task-definitions-only] [--family-prefix <prefix>]
      Writes one AWS CLI --cli-input-json file per resource, apply.sh and destroy.sh,
      task-definitions/<family>.json and mesh.mmd. With --task-definitions-only, writes only
      <family>.json for each ECS task definition, and README.txt naming the roles, log group and
      App Mesh resources they expect to exist. --family-prefix puts <prefix> before every task
      definition family (team-a- makes api team-a-api).
  appmesh-builder graph <module>
      Prints the mesh as a Mermaid flowchart.
  appmesh-builder migrate <module> --to <service-connect|service-connect+vpc-lattice|vpc-lattice>
          [--out <dir>] [--json]
      What moving the mesh to that target keeps, approximates and loses, with alternatives and the
      migration steps: Markdown (JSON with --json), or with --out, migration-report.md and
      migration-report.json written to <dir>.

  appmesh-builder apply <module>      Creates or updates the mesh: reads each resource first, then
                                      creates, updates or leaves it; rolls back what it created on failure.
  appmesh-builder diff <module>       What apply would do, from reads only.
  appmesh-builder destroy <module>    Deletes what carries this plan's ownership tags, dependents first.
  appmesh-builder resume <module>     Finishes an apply that was interrupted (crash, kill), from its journal.
  appmesh-builder rollback <module>   Deletes what an interrupted or failed apply created, from its journal.

<module> is a .ts or .js file exporting a mesh: a builder (mesh('name')...), a MeshDefinition or a
Plan, as the default export or as its only mesh export. plan, render, graph and migrate never call
AWS.

Every command takes --target <app-mesh|service-connect|service-connect+vpc-lattice|vpc-lattice>
(default app-mesh): the platform the mesh is compiled to; service-connect+vpc-lattice keeps the
routers' routes on VPC Lattice, vpc-lattice puts every virtual service on VPC Lattice. Target
settings (an existing namespace, a Private CA for TLS, Lattice's AWS_IAM auth) come from a module
that exports mesh.plan({ target, serviceConnect: { ... }, vpcLattice: { ... } }).

Options:
  --local               Use the built-in local cloud instead of AWS (no account needed); its state
                        is kept in --state <file> (default .appmesh-builder/local-cloud.json).
  --endpoint <url>      Any AWS-compatible endpoint (e.g. moto on http://127.0.0.1:5000).
  --region <region>     --profile <name>   AWS region and shared-config profile (default chain otherwise).
  --journal <file>      The apply journal (default .appmesh-builder/<plan>.journal.jsonl; with --local,
                        <state folder>/<plan>.local.journal.jsonl). Locked while a command runs.
  --concurrency <n>     Resources in flight at once (default ${DEFAULT_CONCURRENCY}).
  --no-rollback         On failure, keep what was created (undo it later with rollback).
  --write-adopted       Also write inline policies, attachments and ingress rules into roles and
                        security groups that exist but are not this plan's (default: leave them).
  -h, --help            Show this help.
  -v, --version         Print the version of appmesh-builder.

The first Ctrl-C stops gently (what is in flight finishes and is journaled) and prints how to resume
or roll back; a second one exits at once.

Exit codes: 0 success; 2 bad arguments, the module or the mesh is invalid, there is nothing to
resume, the plan changed since the interrupted apply, or the journal is locked, damaged or another's
(the message says why); 1 no AWS credentials (nothing was done), an AWS call failed (the message
names the resource and AWS's error) or an unexpected error; 130 stopped by Ctrl-C.
`;
