/**
 * Runs `task` over the items with at most `width` at once. Executor cases mostly wait (polls, the
 * consistency window, the local cloud's asynchronous work), so several at once share the CPU well.
 */
export async function forEachLimited<T>(
  items: readonly T[],
  width: number,
  task: (item: T, index: number) => Promise<void>,
): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(width, items.length) }, async () => {
      while (next < items.length) {
        const index = next++;
        await task(items[index] as T, index);
      }
    }),
  );
}

/** 1, 2, ..., n. */
export const oneTo = (n: number): number[] => Array.from({ length: n }, (_, i) => i + 1);
