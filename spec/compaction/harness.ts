/**
 * The harness around the compaction invariants: what the property tests and
 * the benchmark need to build an observation, kept apart from the
 * invariants themselves.
 */
import { Either } from "effect"
import fc from "fast-check"
import { Compaction } from "../../src/index.js"
import * as Generators from "../../src/testing/generators.js"
import { compactionInvariants, type PlanObservation } from "../compaction.js"
import { deepFreeze } from "../freeze.js"
import { checkAll, type Tally } from "../registry.js"

/**
 * The snapshot after a plan: the same nodes, deployments and options, the
 * replicas where the plan's final placement leaves them. Validated like any
 * snapshot (it throws the `InvalidSnapshot` of a placement over capacity).
 *
 * @category harness
 */
export const afterPlan = (snapshot: Compaction.Snapshot, plan: Compaction.Plan): Compaction.Snapshot => {
  const at = new Map(plan.placement.map((p) => [p.replica, p.node]))
  return Compaction.validateOrThrow({
    nodes: snapshot.nodes,
    deployments: snapshot.deployments,
    replicas: snapshot.replicas.map((r) => ({ ...r, node: at.get(r.id) ?? r.node })),
    ...(snapshot.options === undefined ? {} : { options: snapshot.options })
  })
}

/**
 * A snapshot from one of the benchmark's generators, with the generator's
 * name, at small sizes: the scope of the generated-snapshot checks.
 *
 * @category harness
 */
export const generatedSnapshot: fc.Arbitrary<readonly [string, Compaction.SnapshotInput]> = fc.oneof(
  fc.tuple(fc.integer({ min: 2, max: 12 }), fc.nat()).map(([n, s]) => ["residue", Generators.residue({ nodes: n }, s).snapshot] as const),
  fc.tuple(fc.integer({ min: 1, max: 6 }), fc.nat()).map(([k, s]) => ["planted", Generators.planted({ optimum: k }, s).snapshot] as const),
  fc.tuple(fc.constant(1), fc.nat()).map(([m, s]) => ["ffdTrap", Generators.ffdTrap({ m }, s).snapshot] as const),
  fc.tuple(fc.integer({ min: 1, max: 6 }), fc.nat()).map(([p, s]) => ["antiCorrelated", Generators.antiCorrelated({ pairs: p }, s).snapshot] as const),
  fc.tuple(fc.integer({ min: 2, max: 12 }), fc.nat()).map(([n, s]) => ["gpuStranding", Generators.gpuStranding({ nodes: n }, s).snapshot] as const),
  fc.tuple(fc.integer({ min: 2, max: 12 }), fc.nat()).map(([n, s]) => ["spread", Generators.spread({ nodes: n }, s).snapshot] as const),
  fc.tuple(fc.integer({ min: 1, max: 5 }), fc.nat()).map(([g, s]) => ["makeRoom", Generators.makeRoom({ groups: g }, s).snapshot] as const),
  fc.tuple(fc.integer({ min: 2, max: 12 }), fc.nat()).map(([n, s]) => ["pinned", Generators.pinned({ nodes: n }, s).snapshot] as const)
)

/**
 * The options for planning a plan's result: the same, with the budget the plan left.
 *
 * @category harness
 */
export const remainingOptions = (options: Compaction.PlanOptionsInput, plan: Compaction.Plan): Compaction.PlanOptionsInput =>
  options.migrationBudget === undefined ? options : { ...options, migrationBudget: options.migrationBudget - plan.metrics.migrationCost }

/**
 * Plans a snapshot (frozen, to prove the planner leaves it alone) and checks
 * the plan: `verify` accepts it and every K* invariant holds, with the plan
 * asked again and the final placement planned again. Throws on the first failure.
 *
 * @category harness
 */
export const checkPlan = (
  input: Compaction.SnapshotInput,
  tally: Tally
): { readonly plan: Compaction.Plan; readonly options: Compaction.PlanOptionsInput } => {
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
  return { plan, options }
}
