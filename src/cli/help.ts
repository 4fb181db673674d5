export const HELP = `appmesh-builder: plan and render an AWS App Mesh on ECS from a TypeScript definition.

Usage:
  appmesh-builder plan <module> [--json]
      The resources in create order: file prefix, kind, id, number of dependencies; then warnings.
      --json prints the whole plan as JSON.
  appmesh-builder render <module> --out <dir> [--task-definitions-only]
      Writes one AWS CLI --cli-input-json file per resource, apply.sh and destroy.sh,
      task-definitions/<family>.json and mesh.mmd. With --task-definitions-only, writes only
      <family>.json for each ECS task definition.
  appmesh-builder graph <module>
      Prints the mesh as a Mermaid flowchart.

<module> is a .ts or .js file exporting a mesh: a builder (mesh('name')...), a MeshDefinition or a
Plan, as the default export or as its only mesh export. No command calls AWS.

Options:
  -h, --help    Show this help.

Exit codes: 0 success, 2 the module or the mesh is invalid (the message says why), 1 unexpected error.
`;
