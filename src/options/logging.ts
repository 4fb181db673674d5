import type { Logging } from '@aws-sdk/client-app-mesh';

/** Envoy access logs (SDK Logging): a file path, `/dev/stdout` to reach the awslogs driver. */
export const logging = Object.freeze({
  /** Access log to `path` in Envoy's default format. */
  file: (path: string): Logging => ({ accessLog: { file: { path } } }),
  /** Access log with a text format string (Envoy command operators). @default format Envoy's default */
  text: (path: string, format?: string): Logging =>
    format === undefined ? logging.file(path) : { accessLog: { file: { path, format: { text: format } } } },
  /** Access log as JSON: `{ key: '%OPERATOR%' }`, keys kept in the given order. */
  json: (path: string, fields: Readonly<Record<string, string>>): Logging => ({
    accessLog: {
      file: { path, format: { json: Object.entries(fields).map(([key, value]) => ({ key, value })) } },
    },
  }),
});
