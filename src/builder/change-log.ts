/**
 * The changes a builder has made, as a chain of steps: each step holds one change and points back to
 * the step before it. Builders are immutable, so a new step never alters the old ones: a builder call
 * adds one step (O(1)), and builders branched from one place share every step before the branch.
 */

/** A change of definition-updates.ts: applied to the draft, or to the draft of one resource. */
export type Change<Target, Value> = (target: Target, value: Value) => void;

export interface Step {
  readonly previous: Step | undefined;
  readonly change: Change<never, never>;
  readonly value: unknown;
  /** What the change applies to (see replay); undefined for the whole draft. */
  readonly resource: unknown;
}

/** Applies every change up to `last`, oldest first, each to the target that its resource stands for. */
export function replay(last: Step, targetOf: (resource: unknown) => unknown): void {
  const steps: Step[] = [];
  for (let step: Step | undefined = last; step !== undefined; step = step.previous) steps.push(step);
  for (let i = steps.length - 1; i >= 0; i--) {
    const step = steps[i] as Step;
    (step.change as Change<unknown, unknown>)(targetOf(step.resource), step.value);
  }
}
