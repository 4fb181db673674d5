import type {
  GatewayRouteHostnameMatch,
  GrpcRouteMetadata,
  HttpPathMatch,
  HttpQueryParameter,
  HttpRouteHeader,
} from '@aws-sdk/client-app-mesh';
import { plain } from './plain-data.js';

export interface InvertOption {
  /** Match when the header does NOT match. @default false */
  readonly invert?: boolean;
}

type MatchMethod = NonNullable<HttpRouteHeader['match']>;

function headerOf(name: string, match: MatchMethod, options: InvertOption): HttpRouteHeader {
  return plain({ name, invert: options.invert, match });
}

/** Header matches for routes and gateway routes (SDK HttpRouteHeader; also gRPC metadata). */
export const headerMatch = Object.freeze({
  exact: (name: string, value: string, options: InvertOption = {}) =>
    headerOf(name, { exact: value }, options),
  prefix: (name: string, value: string, options: InvertOption = {}) =>
    headerOf(name, { prefix: value }, options),
  suffix: (name: string, value: string, options: InvertOption = {}) =>
    headerOf(name, { suffix: value }, options),
  regex: (name: string, value: string, options: InvertOption = {}) =>
    headerOf(name, { regex: value }, options),
  /** Integer header value in [start, end). */
  range: (name: string, start: number, end: number, options: InvertOption = {}) =>
    headerOf(name, { range: { start, end } }, options),
  /** The header is present (any value). */
  present: (name: string, options: InvertOption = {}) =>
    plain<HttpRouteHeader>({ name, invert: options.invert }),
});

/** gRPC metadata matches (SDK GrpcRouteMetadata): same methods as headers. */
export const metadataMatch: {
  readonly [K in keyof typeof headerMatch]: (
    ...args: Parameters<(typeof headerMatch)[K]>
  ) => GrpcRouteMetadata;
} = headerMatch;

/** Query parameter matches (SDK HttpQueryParameter). */
export const queryParameterMatch = Object.freeze({
  exact: (name: string, value: string): HttpQueryParameter => ({ name, match: { exact: value } }),
  /** The parameter is present (any value). */
  present: (name: string): HttpQueryParameter => ({ name }),
});

/** Whole-path matches (SDK HttpPathMatch), instead of a prefix. */
export const pathMatch = Object.freeze({
  exact: (path: string): HttpPathMatch => ({ exact: path }),
  regex: (pattern: string): HttpPathMatch => ({ regex: pattern }),
});

/** Gateway route hostname matches (SDK GatewayRouteHostnameMatch). */
export const hostnameMatch = Object.freeze({
  exact: (hostname: string): GatewayRouteHostnameMatch => ({ exact: hostname }),
  suffix: (suffix: string): GatewayRouteHostnameMatch => ({ suffix }),
});
