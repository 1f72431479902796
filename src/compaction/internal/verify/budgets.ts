/**
 * K7, budgets: the summed migration cost of the steps is at most the
 * `migrationBudget`, and no wave has more steps than `maxConcurrentMigrations`.
 * An option left out sets no limit.
 */
import { Option } from "effect"
import type { Check, Finding } from "./finding.js"
import type { Trace } from "./trace.js"

/** The cost of a step whose deployment the snapshot lacks: the snapshot schema's default `migrationCost`. */
const DEFAULT_MIGRATION_COST = 1

/**
 * The summed migration cost of a trace's steps.
 *
 * @category observations
 */
export const spent = (trace: Trace): number =>
  trace.plan.steps.reduce((sum, step) => sum + (trace.deployments.get(step.deployment)?.migrationCost ?? DEFAULT_MIGRATION_COST), 0)

/**
 * A plan over its migration budget, or else the first wave over the concurrency limit.
 *
 * @category checks
 */
export const check: Check = (trace) => {
  const budget = trace.options.migrationBudget ?? Infinity
  const cost = spent(trace)
  if (cost > budget) {
    return Option.some<Finding>({ invariant: "K7", detail: `migration cost ${cost} exceeds the budget ${budget}` })
  }
  const limit = trace.options.maxConcurrentMigrations ?? Infinity
  for (const wave of trace.waves) {
    if (wave.steps.length > limit) {
      return Option.some<Finding>({
        invariant: "K7",
        detail: `${wave.steps.length} steps in one wave, the limit is ${limit}`,
        wave: wave.number
      })
    }
  }
  return Option.none()
}
