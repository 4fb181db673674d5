/**
 * A virtual node's listener as a VPC Lattice target group's settings: the protocol version its
 * clients speak, and its health check (App Mesh's milliseconds as Lattice's whole seconds).
 */
import type { HealthCheckPolicy, Listener } from '@aws-sdk/client-app-mesh';
import type { HealthCheckConfig, TargetGroupProtocolVersion } from '@aws-sdk/client-vpc-lattice';

export function protocolVersionOf(listener: Listener): TargetGroupProtocolVersion {
  const protocol = listener.portMapping?.protocol;
  return protocol === 'http2' ? 'HTTP2' : protocol === 'grpc' ? 'GRPC' : 'HTTP1';
}

/**
 * The listener's health check as the target group's: App Mesh's milliseconds as whole seconds
 * (rounded up). No health check on App Mesh means none on Lattice (it would check `/` otherwise).
 */
export function healthCheckOf(listener: Listener): { config: HealthCheckConfig; lost: string[] } {
  const check: HealthCheckPolicy | undefined = listener.healthCheck;
  if (check === undefined) return { config: { enabled: false }, lost: [] };
  if (check.protocol !== 'http' && check.protocol !== 'http2')
    return {
      config: { enabled: false },
      lost: [`a ${check.protocol} health check: Lattice checks HTTP only, so none is run`],
    };
  const lost: string[] = [];
  const seconds = (ms: number | undefined, what: string) => {
    if (ms === undefined) return undefined;
    const whole = Math.ceil(ms / 1000);
    if (whole * 1000 !== ms) lost.push(`${what} ${ms} ms becomes ${whole} s`);
    return whole;
  };
  return {
    config: {
      enabled: true,
      protocol: 'HTTP',
      protocolVersion: check.protocol === 'http2' ? 'HTTP2' : 'HTTP1',
      ...(check.port === undefined ? {} : { port: check.port }),
      path: check.path,
      healthCheckIntervalSeconds: seconds(check.intervalMillis, 'intervalMillis'),
      healthCheckTimeoutSeconds: seconds(check.timeoutMillis, 'timeoutMillis'),
      healthyThresholdCount: check.healthyThreshold,
      unhealthyThresholdCount: check.unhealthyThreshold,
    },
    lost,
  };
}
