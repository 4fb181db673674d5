import type {
  ClientPolicy,
  ListenerTls,
  ListenerTlsMode,
  SubjectAlternativeNames,
  TlsValidationContextTrust,
} from '@aws-sdk/client-app-mesh';
import { plain } from './plain-data.js';

/** Certificate from AWS Certificate Manager (listeners only; Envoy gets it through App Mesh). */
export interface AcmCertificate {
  readonly acm: { readonly certificateArn: string };
}
/** Certificate and key files inside the Envoy container. */
export interface FileCertificate {
  readonly file: { readonly certificateChain: string; readonly privateKey: string };
}
/** Certificate served by a local SDS agent (SPIRE) under `secretName`. */
export interface SdsCertificate {
  readonly sds: { readonly secretName: string };
}
export type TlsCertificate = AcmCertificate | FileCertificate | SdsCertificate;

/** Trusted certificate authorities: ACM Private CA (clients only), a file, or an SDS secret. */
export type TlsTrust =
  | { readonly acm: { certificateAuthorityArns: string[] } }
  | { readonly file: { readonly certificateChain: string } }
  | { readonly sds: { readonly secretName: string } };

export interface ListenerTlsOptions {
  /** STRICT accepts TLS only; PERMISSIVE accepts TLS and plain text; DISABLED turns TLS off. @default 'STRICT' */
  readonly mode?: ListenerTlsMode;
  /** Mutual TLS: trust (file or sds) for client certificates. @default undefined (no client certificate needed) */
  readonly trust?: Exclude<TlsTrust, { readonly acm: unknown }>;
  /** Accepted subject alternative names of client certificates. @default undefined (any) */
  readonly subjectAlternativeNames?: readonly string[];
}

export interface ClientTlsOptions {
  /** Certificate authorities the client trusts. */
  readonly trust: TlsTrust;
  /** Accepted server subject alternative names. @default undefined (any) */
  readonly subjectAlternativeNames?: readonly string[];
  /** Require TLS to the backend. @default true */
  readonly enforce?: boolean;
  /** Only these backend ports use TLS. @default undefined (all ports) */
  readonly ports?: readonly number[];
  /** Client certificate for mutual TLS (file or sds). @default undefined */
  readonly certificate?: FileCertificate | SdsCertificate;
}

function sans(names: readonly string[] | undefined): SubjectAlternativeNames | undefined {
  return names === undefined ? undefined : { match: { exact: [...names] } };
}

/** TLS certificates, trust and policies: listener TLS (`tls.listener`) and backend client policies (`tls.client`). */
export const tls = Object.freeze({
  /** ACM certificate by ARN. */
  acm: (certificateArn: string): AcmCertificate => ({ acm: { certificateArn } }),
  /** Certificate chain and private key file paths in the Envoy container. */
  file: (certificateChain: string, privateKey: string): FileCertificate => ({
    file: { certificateChain, privateKey },
  }),
  /** SDS secret name. */
  sds: (secretName: string): SdsCertificate => ({ sds: { secretName } }),
  /** Trust ACM Private CA authorities (client policies only). */
  trustAcm: (certificateAuthorityArns: readonly string[]): TlsTrust => ({
    acm: { certificateAuthorityArns: [...certificateAuthorityArns] },
  }),
  /** Trust a CA bundle file in the Envoy container. */
  trustFile: (certificateChain: string) => ({ file: { certificateChain } }) as const,
  /** Trust an SDS secret. */
  trustSds: (secretName: string) => ({ sds: { secretName } }) as const,
  /** SDK ListenerTls for a node or gateway listener. */
  listener: (certificate: TlsCertificate, options: ListenerTlsOptions = {}): ListenerTls =>
    plain({
      mode: options.mode ?? 'STRICT',
      certificate: certificate as ListenerTls['certificate'],
      validation:
        options.trust === undefined
          ? undefined
          : plain({
              trust: options.trust as NonNullable<ListenerTls['validation']>['trust'],
              subjectAlternativeNames: sans(options.subjectAlternativeNames),
            }),
    }),
  /** SDK ClientPolicy for a backend or for backend defaults. */
  client: (options: ClientTlsOptions): ClientPolicy => ({
    tls: plain({
      enforce: options.enforce ?? true,
      ports: options.ports === undefined ? undefined : [...options.ports],
      certificate: options.certificate as NonNullable<ClientPolicy['tls']>['certificate'],
      validation: plain({
        trust: options.trust as TlsValidationContextTrust,
        subjectAlternativeNames: sans(options.subjectAlternativeNames),
      }),
    }),
  }),
});
