/**
 * The compaction core's check: snapshots drawn from the package's seeded
 * generators (`replicore/testing`: scale-down residue, planted optimum, FFD
 * traps, anti-correlated pairs, GPU stranding, spread limits, make-room
 * swaps, pinned replicas) at small sizes; every plan must pass `verify` and
 * every `K*` invariant of `spec/compaction`, planned twice (determinism) and
 * planned again from its result (no flapping), the snapshot deep-frozen.
 *
 * @since 0.1.0
 */
import fc from "fast-check"
import { checkPlan, generatedSnapshot } from "../../../spec/compaction.js"
import { Tally } from "../../../spec/registry.js"
import type { Budget, Check, CheckResult } from "./Check.js"
import { formatCount } from "./Check.js"

/** A snapshot is one plan, far cheaper than a model-based run of 60 operations: this many per run of the budget. */
const SNAPSHOTS_PER_RUN = 10

const run = (budget: Budget): CheckResult => {
  const tally = new Tally()
  let snapshots = 0
  let released = 0
  const numRuns = budget.runs * SNAPSHOTS_PER_RUN
  const details = fc.check(
    fc.property(generatedSnapshot, ([, input]) => {
      const { plan } = checkPlan(input, tally)
      snapshots++
      released += plan.released.length
    }),
    { seed: budget.seed, numRuns }
  )
  return {
    name: "compaction over generated snapshots",
    core: "compaction",
    kind: "generated",
    bound: `seed ${budget.seed}, ${formatCount(numRuns)} snapshots from the 8 generators of replicore/testing (≤ 12 nodes)`,
    reach: `${formatCount(snapshots)} plans verified, ${formatCount(released)} nodes released`,
    evaluations: tally.toJSON(),
    ...(details.failed ? { failure: fc.defaultReportMessage(details) ?? "failed" } : {})
  }
}

/**
 * The compaction core's checks.
 *
 * @since 0.1.0
 */
export const compactionChecks: ReadonlyArray<Check> = [
  { name: "compaction over generated snapshots", core: "compaction", kind: "generated", run }
]
