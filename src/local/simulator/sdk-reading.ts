/** What both SDK readers share: paging, batching, and what a described task says about itself. */
import type { KeyValuePair, Task } from '@aws-sdk/client-ecs';

/** DescribeTasks takes at most 100 tasks a call. */
export const DESCRIBE_TASKS_BATCH = 100;

/** The awsvpc ENI's address: on the container's network interface, or in the ENI attachment's details. */
export function taskIp(task: Task): string | undefined {
  for (const container of task.containers ?? []) {
    const ip = container.networkInterfaces?.find((n) => n.privateIpv4Address)?.privateIpv4Address;
    if (ip !== undefined) return ip;
  }
  for (const attachment of task.attachments ?? []) {
    const ip = attachment.details?.find((d) => d.name === 'privateIPv4Address')?.value;
    if (ip !== undefined) return ip;
  }
  return undefined;
}

export function environmentOverrides(task: Task): Record<string, readonly KeyValuePair[]> {
  const result: Record<string, readonly KeyValuePair[]> = {};
  for (const override of task.overrides?.containerOverrides ?? []) {
    if (override.name !== undefined && override.environment !== undefined) {
      result[override.name] = override.environment;
    }
  }
  return result;
}

export async function collect<P, T>(pages: AsyncIterable<P>, items: (page: P) => readonly T[]): Promise<T[]> {
  const result: T[] = [];
  for await (const page of pages) result.push(...items(page));
  return result;
}

export function chunk<T>(items: readonly T[], size: number): T[][] {
  const result: T[][] = [];
  for (let i = 0; i < items.length; i += size) result.push(items.slice(i, i + size));
  return result;
}
