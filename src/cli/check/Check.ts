/**
 * A check that `replicore check` runs: a model-based run, a bounded
 * exhaustive exploration or a run over generated inputs of one core, with a
 * budget, and what it found.
 *
 * @since 0.1.0
 */
import type { CheckKind, Core } from "../../../spec/registry.js"

/**
 * How far the random checks go: runs per check (scaled per check) and the seed.
 *
 * @since 0.1.0
 */
export interface Budget {
  readonly runs: number
  readonly seed: number
}

/**
 * What one check found: its bound in words, how far it went, how often each
 * invariant was evaluated, and, when it failed, the counterexample.
 *
 * @since 0.1.0
 */
export interface CheckResult {
  readonly name: string
  readonly core: Core
  readonly kind: CheckKind
  readonly bound: string
  readonly reach: string
  readonly evaluations: Readonly<Record<string, number>>
  readonly failure?: string
}

/**
 * One check of the suite.
 *
 * @since 0.1.0
 */
export interface Check {
  readonly name: string
  readonly core: Core
  readonly kind: CheckKind
  readonly run: (budget: Budget) => CheckResult
}

/**
 * A count for a reader: `12,345`.
 *
 * @since 0.1.0
 */
export const formatCount = (n: number): string => n.toLocaleString("en-US")
