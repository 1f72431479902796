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
import { Either } from "effect"
import fc from "fast-check"
import { afterPlan, compactionInvariants, type PlanObservation } from "../../../spec/compaction.js"
import { deepFreeze } from "../../../spec/freeze.js"
import { checkAll, Tally } from "../../../spec/registry.js"
import { Compaction } from "../../index.js"
import * as Generators from "../../testing/generators.js"
import type { Budget, Check, CheckResult } from "./Check.js"
import { formatCount } from "./Check.js"

/** A snapshot is one plan, far cheaper than a model-based run of 60 operations: this many per run of the budget. */
const SNAPSHOTS_PER_RUN = 10

const generated: fc.Arbitrary<readonly [string, Compaction.SnapshotInput]> = fc.oneof(
  fc.tuple(fc.integer({ min: 2, max: 12 }), fc.nat()).map(([n, s]) => ["residue", Generators.residue({ nodes: n }, s).snapshot] as const),
  fc.tuple(fc.integer({ min: 1, max: 6 }), fc.nat()).map(([k, s]) => ["planted", Generators.planted({ optimum: k }, s).snapshot] as const),
  fc.nat().map((s) => ["ffdTrap", Generators.ffdTrap({ m: 1 }, s).snapshot] as const),
  fc.tuple(fc.integer({ min: 1, max: 6 }), fc.nat()).map(([p, s]) => ["antiCorrelated", Generators.antiCorrelated({ pairs: p }, s).snapshot] as const),
  fc.tuple(fc.integer({ min: 2, max: 12 }), fc.nat()).map(([n, s]) => ["gpuStranding", Generators.gpuStranding({ nodes: n }, s).snapshot] as const),
  fc.tuple(fc.integer({ min: 2, max: 12 }), fc.nat()).map(([n, s]) => ["spread", Generators.spread({ nodes: n }, s).snapshot] as const),
  fc.tuple(fc.integer({ min: 1, max: 5 }), fc.nat()).map(([g, s]) => ["makeRoom", Generators.makeRoom({ groups: g }, s).snapshot] as const),
  fc.tuple(fc.integer({ min: 2, max: 12 }), fc.nat()).map(([n, s]) => ["pinned", Generators.pinned({ nodes: n }, s).snapshot] as const)
)

/** The options for planning a plan's result: the same, with the budget the plan left. */
const remainingOptions = (options: Compaction.PlanOptionsInput, plan: Compaction.Plan): Compaction.PlanOptionsInput =>
  options.migrationBudget === undefined ? options : { ...options, migrationBudget: options.migrationBudget - plan.metrics.migrationCost }

/** Plans one snapshot and checks the plan with `verify` and every K* invariant; throws on the first failure. */
const checkPlan = (input: Compaction.SnapshotInput, tally: Tally): Compaction.Plan => {
  const snapshot = deepFreeze(Either.getOrThrow(Compaction.validate(input)))
  const options: Compaction.PlanOptionsInput = snapshot.options ?? {}
  const plan = Compaction.plan(snapshot)
  const verdict = Compaction.verify(snapshot, plan)
  if (Either.isLeft(verdict)) throw new Error(`${verdict.left.message}\nplan: ${JSON.stringify(plan)}`)
  const observation: PlanObservation = {
    snapshot,
    options,
    plan,
    again: Compaction.plan(snapshot),
    replanned: Compaction.plan(afterPlan(snapshot, plan), remainingOptions(options, plan))
  }
  checkAll(compactionInvariants, observation, tally, () => `plan: ${JSON.stringify(plan)}`)
  return plan
}

const run = (budget: Budget): CheckResult => {
  const tally = new Tally()
  let snapshots = 0
  let released = 0
  const numRuns = budget.runs * SNAPSHOTS_PER_RUN
  const details = fc.check(
    fc.property(generated, ([, input]) => {
      const plan = checkPlan(input, tally)
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
