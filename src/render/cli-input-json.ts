/**
 * The AWS CLI form of a plan: one `--cli-input-json` file per resource (the SDK input, whose keys
 * are the API member names the CLI expects, plus its create's idempotency token, so a script run
 * again after a failure cannot make a second copy), and apply.sh and destroy.sh that run them in
 * order.
 */
import type { Plan } from '../plan/plan.js';
import { withIdempotencyToken } from '../plan/tokens.js';
import { renderApplyScript } from './apply-script.js';
import { renderDestroyScript } from './destroy-script.js';
import { resourceFiles } from './file-layout.js';
import { jsonText, type RenderedFile, sortByPath } from './rendered-file.js';
import { scriptContext } from './script-refs.js';

export function renderCliInputJson(plan: Plan): RenderedFile[] {
  const files = resourceFiles(plan);
  const context = scriptContext(files);
  return sortByPath([
    ...files.map((file) => ({
      path: file.path,
      contents: jsonText(withIdempotencyToken(file.resource, file.resource.input)),
    })),
    { path: 'apply.sh', contents: renderApplyScript(plan, files, context) },
    { path: 'destroy.sh', contents: renderDestroyScript(plan, files, context) },
  ]);
}
