/**
 * The fast-check command shared by the model-based tests: it carries one
 * operation as data, applies it in lockstep to core and model, checks every
 * invariant of the registry after it, and counts what the run exercised.
 */
import type fc from "fast-check"
import type { Outcome } from "../../spec/lockstep.js"
import { checkAll, type Invariant, Tally } from "../../spec/registry.js"

/** An observation as the lockstep runners of `spec/` build it, with answers of type `Outcome<V>`. */
interface Observed<V> {
  readonly model: unknown
  readonly last?: { readonly coreOutcome: Outcome<V>; readonly modelOutcome: Outcome<V> }
}

/** How one core is driven. */
export interface LockstepSpec<V, O extends Observed<V>, Op extends { readonly kind: string }> {
  readonly step: (observation: O, op: Op) => O
  readonly invariants: ReadonlyArray<Invariant<O>>
  readonly show: (op: Op) => string
  /** The name under which an answer is counted (a refusal's tag, or a kind of success). */
  readonly outcomeKey: (op: Op, outcome: Outcome<V>) => string
  /** More context for a failure report. */
  readonly detail?: (observation: O) => string
}

/** What a run exercised: evaluations per invariant, operations per kind, answers per key, distinct model states. */
export class LockstepStats {
  readonly tally = new Tally()
  readonly kinds = new Map<string, number>()
  readonly outcomes = new Map<string, number>()
  readonly distinctStates = new Set<string>()
  commands = 0
  runs = 0

  count(map: Map<string, number>, key: string): void {
    map.set(key, (map.get(key) ?? 0) + 1)
  }
}

/** The real side of a command: the current observation. */
export interface LockstepReal<O> {
  observation: O
}

/** Makes the command for one operation. */
export const lockstepCommand = <V, O extends Observed<V>, Op extends { readonly kind: string }>(
  spec: LockstepSpec<V, O, Op>,
  stats: LockstepStats
) =>
(op: Op): fc.Command<object, LockstepReal<O>> => ({
  check: () => true,
  run: (_model, real) => {
    const before = real.observation
    const next = spec.step(before, op)
    checkAll(spec.invariants, next, stats.tally, () =>
      [
        `operation: ${spec.show(op)}`,
        `core answered ${JSON.stringify(next.last?.coreOutcome)}; model answered ${JSON.stringify(next.last?.modelOutcome)}`,
        `model before: ${JSON.stringify(before.model)}`,
        ...(spec.detail === undefined ? [] : [spec.detail(next)])
      ].join("\n"))
    real.observation = next
    stats.commands++
    stats.count(stats.kinds, op.kind)
    if (next.last !== undefined) stats.count(stats.outcomes, spec.outcomeKey(op, next.last.coreOutcome))
    stats.distinctStates.add(JSON.stringify(next.model))
  },
  toString: () => spec.show(op)
})
