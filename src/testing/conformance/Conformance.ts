/**
 * What a conformance check answers: the invariants it checked and how far
 * it went, or the failure, with everything needed to reproduce it.
 *
 * @since 0.1.0
 */
import { Data } from "effect"

/**
 * How far a conformance check goes. `seed` fixes fast-check's runs (left
 * out: fast-check draws one and prints it on failure); `numRuns` random
 * sequences of at most `maxCommands` operations; `exhaustive: false` skips
 * the bounded exhaustive exploration.
 *
 * @category models
 * @since 0.1.0
 */
export interface ConformanceOptions {
  readonly seed?: number
  readonly numRuns?: number
  readonly maxCommands?: number
  readonly exhaustive?: boolean
}

/**
 * A passed conformance check: the invariants checked after every operation,
 * the model-based runs and the exhaustive exploration (distinct states,
 * transitions, fixpoint depth, whether the whole scope was visited), and how
 * often each invariant was evaluated.
 *
 * @category models
 * @since 0.1.0
 */
export interface ConformanceReport {
  readonly core: "container" | "slots"
  readonly invariants: ReadonlyArray<string>
  readonly model: { readonly seed: number; readonly runs: number; readonly commands: number }
  readonly exhaustive?: { readonly states: number; readonly transitions: number; readonly depth: number; readonly complete: boolean }
  readonly evaluations: Readonly<Record<string, number>>
}

/**
 * An implementation that breaks an invariant: which one, found by which
 * check, the operations that lead to it (shrunk by fast-check, or a shortest
 * sequence from the exhaustive exploration), and for a model-based failure
 * the seed and path that replay it (`fc.assert(property, { seed, path })`).
 * `report` is the whole account, as fast-check or the explorer wrote it.
 *
 * @example
 * import { ConformanceFailure } from "replicore/testing"
 * const failure = new ConformanceFailure({
 *   core: "container", check: "model", invariant: "C4", seed: 42, path: "0:1",
 *   counterexample: ['add({"state":"RUNNING","id":"r0","version":"v1"})'], report: "…"
 * })
 * failure.message.split("\n")[0]
 * // "replicore/testing.checkContainer: invariant C4 fails (model-based, seed 42, path 0:1) after:"
 *
 * @category errors
 * @since 0.1.0
 */
export class ConformanceFailure extends Data.TaggedError("ConformanceFailure")<{
  readonly core: "container" | "slots"
  readonly check: "model" | "exhaustive"
  readonly invariant: string
  readonly seed?: number
  readonly path?: string
  readonly counterexample: ReadonlyArray<string>
  readonly report: string
}> {
  override get message(): string {
    const fn = this.core === "container" ? "checkContainer" : "checkSlots"
    const found = this.check === "model" ? `model-based, seed ${this.seed}, path ${this.path}` : "exhaustive, a shortest sequence"
    return [
      `replicore/testing.${fn}: invariant ${this.invariant} fails (${found}) after:`,
      ...this.counterexample.map((op, i) => `  ${i + 1}. ${op}`),
      this.report
    ].join("\n")
  }
}
