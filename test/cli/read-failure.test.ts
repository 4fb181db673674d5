/**
 * `appmesh-builder destroy|diff --endpoint` when AWS refuses a read: the CLI says which resource
 * could not be read and why, and exits 1; never "unexpected error" with AWS's message alone. The
 * endpoint is a server on the loopback that knows the caller's account (STS) and denies
 * everything else, in each protocol's own error format.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import colorMeshBuilder from '../../examples/color-mesh.js';
import { scratchDir } from '../execute/support/journal-files.js';
import { COLOR_MESH, cli } from './fixtures/run-cli.js';

const planIds = colorMeshBuilder.plan().resources.map((r) => r.id);

const CALLER = `<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
<GetCallerIdentityResult><Arn>arn:aws:iam::123456789012:user/test</Arn><UserId>AIDATEST</UserId><Account>123456789012</Account></GetCallerIdentityResult>
<ResponseMetadata><RequestId>test-1</RequestId></ResponseMetadata></GetCallerIdentityResponse>`;
const QUERY_DENIED =
  '<ErrorResponse><Error><Type>Sender</Type><Code>AccessDenied</Code><Message>Injected denial</Message></Error><RequestId>test-2</RequestId></ErrorResponse>';
const EC2_DENIED =
  '<Response><Errors><Error><Code>UnauthorizedOperation</Code><Message>Injected denial</Message></Error></Errors><RequestID>test-3</RequestID></Response>';

/** Answers STS's GetCallerIdentity; denies every other call. */
function denyingEndpoint(): Server {
  return createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk));
    request.on('end', () => {
      const form = (request.headers['content-type'] ?? '').includes('x-www-form-urlencoded');
      if (form && body.includes('Action=GetCallerIdentity')) {
        response.writeHead(200, { 'content-type': 'text/xml' }).end(CALLER);
      } else if (form) {
        const ec2 = body.includes('Version=2016-11-15');
        response.writeHead(403, { 'content-type': 'text/xml' }).end(ec2 ? EC2_DENIED : QUERY_DENIED);
      } else {
        response
          .writeHead(403, { 'content-type': 'application/json', 'x-amzn-errortype': 'AccessDeniedException' })
          .end(JSON.stringify({ __type: 'AccessDeniedException', message: 'Injected denial' }));
      }
    });
  });
}

const scratch = scratchDir('cli-read-failure');
const server = denyingEndpoint();
const savedEnv = { ...process.env };
let endpoint = '';

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // Credentials for signing only: every call goes to the loopback server above.
  Object.assign(process.env, {
    AWS_ACCESS_KEY_ID: 'AKIATESTONLY',
    AWS_SECRET_ACCESS_KEY: 'test-only-not-a-secret',
    AWS_EC2_METADATA_DISABLED: 'true',
  });
  delete process.env.AWS_PROFILE;
  delete process.env.AWS_SESSION_TOKEN;
});

afterAll(async () => {
  process.env = savedEnv;
  await new Promise((resolve) => server.close(resolve));
  scratch.remove();
});

describe('a read that AWS denies', () => {
  for (const command of ['destroy', 'diff']) {
    it(`${command} names the resource it could not read and exits 1`, async () => {
      const journal = join(scratch.dir, `${command}.journal.jsonl`);
      const args = ['--endpoint', endpoint, '--region', 'us-east-1', '--journal', journal];
      const result = await cli([command, COLOR_MESH, ...args]);
      expect(result.err).not.toContain('unexpected error');
      expect(result.code).toBe(1);
      const named = result.err.match(/^(\S+): \w+: /m)?.[1];
      expect(planIds).toContain(named);
      expect(result.err).toContain('Injected denial');
    });
  }
});
