/**
 * Runs the AWS CLI's own parameter validation on `--cli-input-json` files, offline.
 *
 * The endpoint is 127.0.0.1:9 (discard port, nothing listens), credentials are dummies and config
 * files are /dev/null, so no call can reach AWS or use a real profile. The CLI validates a file
 * before it sends anything: a bad file prints "Parameter validation failed", a good one gets as far
 * as the network and prints "Could not connect to the endpoint URL". Both exit non-zero, so the
 * message, not the exit code, tells them apart (see shared/reference/moto.md).
 *
 * Commands run through aws_cli_batch.py: the CLI's driver, which parses each command anew, in a few
 * long-lived Python processes, because a separate `aws` process costs about 0.5 s of start-up per file.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Tool } from '../support/tools.js';

export type CliVerdict = 'valid' | 'invalid' | 'unexpected';

export interface CliCheck {
  /** Absolute path of the json file. */
  readonly file: string;
  readonly service: string;
  readonly command: string;
}

export interface CliResult extends CliCheck {
  readonly verdict: CliVerdict;
  readonly exitCode: number | null;
  /** stderr and stdout: the validation messages for an invalid file. */
  readonly output: string;
}

const BATCH_SCRIPT = fileURLToPath(new URL('./aws_cli_batch.py', import.meta.url));

/** The process environment without any real AWS settings, plus dummy offline ones. */
export function offlineAwsEnv(): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('AWS_')));
  return {
    ...env,
    AWS_ACCESS_KEY_ID: 'test',
    AWS_SECRET_ACCESS_KEY: 'test',
    AWS_DEFAULT_REGION: 'us-east-1',
    AWS_CONFIG_FILE: '/dev/null',
    AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
    AWS_EC2_METADATA_DISABLED: 'true',
    // One attempt: without this the CLI retries the refused connection for about 6 s.
    AWS_MAX_ATTEMPTS: '1',
    AWS_RETRY_MODE: 'standard',
    AWS_PAGER: '',
  };
}

export function verdictOf(output: string): CliVerdict {
  if (output.includes('Parameter validation failed')) return 'invalid';
  if (output.includes('Could not connect to the endpoint URL')) return 'valid';
  return 'unexpected';
}

function runBatch(cli: Tool, checks: readonly CliCheck[]): Promise<CliResult[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(cli.command, [BATCH_SCRIPT], {
      env: offlineAwsEnv(),
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
    });
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) {
        reject(new Error(`${cli.command} ${BATCH_SCRIPT} exited with ${code}:\n${stderr}`));
        return;
      }
      const raw = JSON.parse(stdout) as { file: string; exitCode: number | null; output: string }[];
      resolve(
        checks.map((check, i) => {
          const result = raw[i];
          if (result?.file !== check.file) throw new Error(`batch answered out of order at ${check.file}`);
          return {
            ...check,
            exitCode: result.exitCode,
            output: result.output,
            verdict: verdictOf(result.output),
          };
        }),
      );
    });
    child.stdin.end(JSON.stringify(checks));
  });
}

/** Runs the checks in `parallel` Python processes (2 cores on CI), results in input order. */
export async function runCliChecks(
  cli: Tool,
  checks: readonly CliCheck[],
  parallel = 2,
): Promise<CliResult[]> {
  const chunkCount = Math.max(1, Math.min(parallel, checks.length));
  const chunks = Array.from({ length: chunkCount }, (_, c) => checks.filter((_, i) => i % chunkCount === c));
  const answers = await Promise.all(chunks.map((chunk) => runBatch(cli, chunk)));
  const byFile = new Map(answers.flat().map((result) => [result.file, result]));
  return checks.map((check) => byFile.get(check.file) as CliResult);
}
