/**
 * The invariant registry: every invariant the package promises, as data.
 * Each one has an id (`C1`, `S3`, `K2`, …), the core it belongs to, a title,
 * a statement in words, the kinds of check that evaluate it, and `holds`,
 * the predicate those checks evaluate.
 *
 * `docs/invariants.md` is rendered from this registry and from the reports
 * that the checks write.
 */

/** The cores of the package. */
export type Core = "container" | "slots" | "compaction" | "lifecycle"

/**
 * How an invariant is checked:
 * - `model`: fast-check model-based runs compare the core with a reference model;
 * - `exhaustive`: the bounded explorer evaluates it in every reachable state;
 * - `race`: fast-check draws concurrent clients of the Effect runtime, interleaved by effect's TestClock;
 * - `generated`: fast-check draws snapshots (arbitraries and the benchmark's generators); every plan is checked;
 * - `differential`: the core is compared with an exact search on tiny instances;
 * - `unit`: example-based tests taken from Ray's own test cases;
 * - `type`: tsd type tests of the emitted declarations.
 */
export type CheckKind = "model" | "exhaustive" | "race" | "generated" | "differential" | "unit" | "type"

/** One invariant, with the predicate that decides it on an observation `O`. */
export interface Invariant<O> {
  readonly id: string
  readonly core: Core
  readonly title: string
  readonly statement: string
  readonly checkedBy: ReadonlyArray<CheckKind>
  readonly holds: (observation: O) => boolean
}

/** Thrown by {@link checkAll} with the first invariant that does not hold. */
export class InvariantViolation extends Error {
  constructor(readonly invariant: Pick<Invariant<never>, "id" | "title" | "statement">, readonly detail: string) {
    super(`invariant ${invariant.id} (${invariant.title}) violated: ${invariant.statement}\n${detail}`)
    this.name = "InvariantViolation"
  }
}

/** Counts how often each invariant was evaluated in one check. */
export class Tally {
  readonly evaluations = new Map<string, number>()

  record(id: string): void {
    this.evaluations.set(id, (this.evaluations.get(id) ?? 0) + 1)
  }

  toJSON(): Record<string, number> {
    return Object.fromEntries([...this.evaluations].sort(([a], [b]) => a.localeCompare(b)))
  }
}

/**
 * Evaluates every invariant on one observation, counting each evaluation, and
 * throws an {@link InvariantViolation} for the first that fails.
 */
export const checkAll = <O>(
  invariants: ReadonlyArray<Invariant<O>>,
  observation: O,
  tally: Tally,
  describe: () => string
): void => {
  for (const invariant of invariants) {
    tally.record(invariant.id)
    if (!invariant.holds(observation)) throw new InvariantViolation(invariant, describe())
  }
}
