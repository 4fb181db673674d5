/**
 * How a route (or gateway route) meets its parent's listeners: its protocol must be one a
 * listener speaks, its match port must be a listener port, and with several listeners the
 * match must say which port it is for.
 */
import { field, isPort } from './checks.js';
import { type IssueCode, issue, type PlanIssue, show } from './issue.js';

export interface ParentListener {
  readonly port: number | undefined;
  readonly protocol: string | undefined;
}

export interface ListenerFit {
  readonly path: string;
  /** Field of the route member, e.g. `spec.httpRoute`. */
  readonly base: string;
  readonly protocol: string;
  readonly matchPort: number | undefined;
  readonly listeners: readonly ParentListener[];
  /** `virtual router "color-router"` */
  readonly parent: string;
  readonly missingPortCode: IssueCode;
}

const list = (values: readonly unknown[]) => values.map((value) => String(value)).join(', ');

export function checkListenerFit(out: PlanIssue[], fit: ListenerFit): void {
  const { path, base, protocol, matchPort, listeners, parent } = fit;
  if (listeners.length === 0) return; // reported once on the parent (MISSING_LISTENER)
  const portField = field(base, 'match.port');

  if (matchPort !== undefined) {
    if (!isPort(matchPort)) return; // the match's own port check reports it
    const listener = listeners.find((candidate) => candidate.port === matchPort);
    if (!listener) {
      out.push(
        issue(
          'INVALID_PORT',
          path,
          `a listener port of ${parent} (${list(listeners.map((l) => l.port))})`,
          show(matchPort),
          {
            field: portField,
          },
        ),
      );
      return;
    }
    if (listener.protocol !== protocol) {
      out.push(
        issue(
          'PROTOCOL_MISMATCH',
          path,
          `a ${show(listener.protocol)} route for port ${matchPort}`,
          `a ${show(protocol)} route`,
          {
            field: base,
            explanation: `The listener on port ${matchPort} of ${parent} speaks ${listener.protocol}.`,
          },
        ),
      );
    }
    return;
  }

  if (listeners.length > 1) {
    out.push(
      issue(
        fit.missingPortCode,
        path,
        `a match port (one of ${list(listeners.map((l) => l.port))})`,
        'nothing',
        {
          field: portField,
          explanation: `${parent} has ${listeners.length} listeners, so App Mesh needs the port to know which listener this route belongs to.`,
        },
      ),
    );
    return;
  }
  const [only] = listeners;
  if (only && only.protocol !== protocol) {
    out.push(
      issue(
        'PROTOCOL_MISMATCH',
        path,
        `a ${show(only.protocol)} route (the listener's protocol)`,
        `a ${show(protocol)} route`,
        {
          field: base,
          explanation: `${parent} only listens on ${only.protocol} port ${only.port}; this route would never match.`,
        },
      ),
    );
  }
}
