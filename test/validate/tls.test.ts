import { describe, expect, it } from 'vitest';
import {
  gateway,
  httpListener,
  minimalDefinition,
  only,
  tutorialDefinition,
  validate,
  withNode,
} from './fixtures.js';

describe('tls rule', () => {
  it('reports 4 ACM certificate authorities on a backend client policy', () => {
    const definition = withNode(tutorialDefinition(), 'blue', (n) => ({
      ...n,
      backends: [
        {
          ref: 'red',
          clientPolicy: {
            tls: { validation: { trust: { acm: { certificateAuthorityArns: ['a', 'b', 'c', 'd'] } } } },
          },
        },
      ],
    }));
    const [issue] = validate(definition);
    expect(issue).toMatchObject({
      code: 'INVALID_VALUE',
      path: 'mesh/color-mesh/virtualNode/blue',
      field: 'backends[0].clientPolicy.tls.validation.trust.acm.certificateAuthorityArns',
    });
    expect(issue?.message).toContain('expected 1 to 3 entries, received 4 entries');
  });

  it('accepts 1 to 3 certificate authorities with subject alternative names', () => {
    const definition = withNode(minimalDefinition(), 'blue', (n) => ({
      ...n,
      backendDefaults: {
        clientPolicy: {
          tls: {
            ports: [443],
            validation: {
              trust: {
                acm: {
                  certificateAuthorityArns: [
                    'arn:aws:acm-pca:us-east-1:123456789012:certificate-authority/x',
                  ],
                },
              },
              subjectAlternativeNames: { match: { exact: ['red.colors.local'] } },
            },
          },
        },
      },
    }));
    expect(validate(definition)).toEqual([]);
  });

  it('reports no ACM certificate authority and accepts 3', () => {
    const withAuthorities = (certificateAuthorityArns: string[]) =>
      withNode(minimalDefinition(), 'blue', (n) => ({
        ...n,
        backendDefaults: {
          clientPolicy: { tls: { validation: { trust: { acm: { certificateAuthorityArns } } } } },
        },
      }));
    expect(only(validate(withAuthorities([])), 'INVALID_VALUE')).toMatchObject({
      path: 'mesh/color-mesh/virtualNode/blue',
      field: 'backendDefaults.clientPolicy.tls.validation.trust.acm.certificateAuthorityArns',
      expected: '1 to 3 entries',
      received: '0 entries',
    });
    expect(validate(withAuthorities(['a', 'b', 'c']))).toEqual([]);
  });

  it('reports an empty SAN and accepts one of 254 characters', () => {
    const withSan = (name: string) =>
      withNode(minimalDefinition(), 'blue', (n) => ({
        ...n,
        backendDefaults: {
          clientPolicy: {
            tls: {
              validation: {
                trust: { sds: { secretName: 's' } },
                subjectAlternativeNames: { match: { exact: [name] } },
              },
            },
          },
        },
      }));
    expect(only(validate(withSan('')), 'INVALID_VALUE')).toMatchObject({
      path: 'mesh/color-mesh/virtualNode/blue',
      field: 'backendDefaults.clientPolicy.tls.validation.subjectAlternativeNames.match.exact[0]',
      expected: 'a string of 1 to 254 characters',
      received: '"" (0 characters)',
    });
    expect(validate(withSan('x'.repeat(254)))).toEqual([]);
  });

  it('reports a SAN over 254 characters and a listener TLS mode outside the enum', () => {
    const definition = withNode(minimalDefinition(), 'blue', (n) => ({
      ...n,
      listeners: [
        httpListener(80, {
          tls: {
            mode: 'ON' as never,
            certificate: { acm: { certificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/x' } },
            validation: {
              trust: { sds: { secretName: 's' } },
              subjectAlternativeNames: { match: { exact: ['x'.repeat(255)] } },
            },
          },
        }),
      ],
    }));
    expect(validate(definition).map((i) => i.field)).toEqual([
      'listeners[0].tls.mode',
      'listeners[0].tls.validation.subjectAlternativeNames.match.exact[0]',
    ]);
  });

  it('requires a listener certificate and accepts a file certificate', () => {
    const missing = withNode(minimalDefinition(), 'blue', (n) => ({
      ...n,
      listeners: [httpListener(80, { tls: { mode: 'STRICT', certificate: undefined } })],
    }));
    expect(validate(missing).map((i) => i.field)).toEqual(['listeners[0].tls.certificate']);
    const file = withNode(minimalDefinition(), 'blue', (n) => ({
      ...n,
      listeners: [
        httpListener(80, {
          tls: {
            mode: 'STRICT',
            certificate: { file: { certificateChain: '/c.pem', privateKey: '/k.pem' } },
          },
        }),
      ],
    }));
    expect(validate(file)).toEqual([]);
  });

  it('checks a gateway backend client policy', () => {
    const definition = minimalDefinition({
      gateways: [
        gateway('g', {
          task: undefined,
          spec: {
            listeners: [{ portMapping: { port: 80, protocol: 'http' } }],
            backendDefaults: { clientPolicy: { tls: { validation: { trust: undefined } } } },
          },
        }),
      ],
    });
    expect(validate(definition).map((i) => [i.path, i.field])).toEqual([
      ['mesh/color-mesh/virtualGateway/g', 'spec.backendDefaults.clientPolicy.tls.validation.trust'],
    ]);
  });
});
