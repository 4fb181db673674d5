/** What the handler tests share: a context on real timers, and the tutorial's red task definition. */
import type { HandlerContext } from '../../src/execute/handlers/types.js';
import type { LocalCloud } from '../../src/local/local-cloud.js';
import type { ResourceInputs } from '../../src/plan/resource.js';

/** The SDK's waiters sleep on real timers: a real clock, polling every few milliseconds. */
export function realTimeContext(cloud: LocalCloud, overrides: Partial<HandlerContext> = {}): HandlerContext {
  return {
    clients: cloud.clients({ maxAttempts: 1 }),
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    pollIntervalMs: 3,
    ...overrides,
  };
}

/** The color app's Fargate task definition for red, as the plan's input. */
export const RED_TASK_DEFINITION = {
  family: 'red',
  networkMode: 'awsvpc',
  requiresCompatibilities: ['FARGATE'],
  cpu: '256',
  memory: '512',
  containerDefinitions: [{ name: 'app', image: 'forsakenidol/colorapp', essential: true }],
} as const satisfies ResourceInputs['taskDefinition'];
