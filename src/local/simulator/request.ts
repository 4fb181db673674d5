/** A simulated HTTP request, parsed once: what DNS, Envoy's route matching and the app look at. */

export interface SimRequest {
  /** Upper case: `GET`. */
  readonly method: string;
  readonly scheme: 'http' | 'https';
  /** The URL's host, lower case: what the app resolves in DNS. */
  readonly host: string;
  /** The `Host` header without its port, lower case: what Envoy matches virtual hosts on. */
  readonly authority: string;
  readonly port: number;
  /** Without the query string. */
  readonly path: string;
  /** The first value of each query parameter. */
  readonly query: ReadonlyMap<string, string>;
  /** Header names in lower case. */
  readonly headers: Readonly<Record<string, string>>;
}

export interface RequestOptions {
  readonly headers?: Readonly<Record<string, string>>;
}

export function parseRequest(method: string, url: string, options: RequestOptions = {}): SimRequest {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error(`Not an absolute URL: ${JSON.stringify(url)} (expected e.g. http://red.colors.local/).`);
  }
  const scheme = parsed.protocol === 'https:' ? 'https' : parsed.protocol === 'http:' ? 'http' : undefined;
  if (scheme === undefined)
    throw new Error(`Only http and https URLs can be simulated, not ${parsed.protocol}`);
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(options.headers ?? {})) headers[name.toLowerCase()] = value;
  const host = parsed.hostname.toLowerCase();
  const query = new Map<string, string>();
  for (const [name, value] of parsed.searchParams) if (!query.has(name)) query.set(name, value);
  return {
    method: method.toUpperCase(),
    scheme,
    host,
    authority: headers.host === undefined ? host : stripPort(headers.host.toLowerCase()),
    port: parsed.port === '' ? (scheme === 'https' ? 443 : 80) : Number(parsed.port),
    path: parsed.pathname === '' ? '/' : parsed.pathname,
    query,
    headers,
  };
}

function stripPort(host: string): string {
  const colon = host.lastIndexOf(':');
  return colon > 0 && !host.endsWith(']') ? host.slice(0, colon) : host;
}

/** How the request line reads in a trace: `GET http://red.colors.local/`. */
export function describeRequest(request: SimRequest): string {
  const port = request.port === (request.scheme === 'https' ? 443 : 80) ? '' : `:${request.port}`;
  const query = request.query.size === 0 ? '' : `?${new URLSearchParams([...request.query]).toString()}`;
  return `${request.method} ${request.scheme}://${request.host}${port}${request.path}${query}`;
}
