/**
 * The compaction planner under a time budget, as an Effect: the anytime
 * version of `Compaction.plan`. Reading the clock is an effect, so it lives
 * here and not in the pure core.
 *
 * @since 0.1.0
 */
import { Clock, Effect } from "effect"
import { type InvalidOptions, type Plan, planOptions, type PlanOptionsInput, Search, type Snapshot } from "../compaction/index.js"

/**
 * Plans like `Compaction.plan`, but steps `Compaction.Search` only while
 * `timeBudgetMs` (from the options, or the snapshot's options) has not
 * passed on effect's `Clock`, and returns the best safe plan found by then.
 * A step is one node drain, so the budget bounds the time: the plan comes
 * within the budget plus one step and the writing of the plan. Its
 * `metrics.complete` says whether the search finished; without a budget the
 * result equals `Compaction.plan`. Fails with `InvalidOptions` on bad options.
 *
 * @example
 * import { Compaction, Runtime } from "replicore"
 * import { Effect } from "effect"
 * const snapshot = Compaction.validateOrThrow({
 *   nodes: [{ id: "n1", capacity: { CPU: 4 } }, { id: "n2", capacity: { CPU: 4 } }],
 *   deployments: [{ id: "d", demand: { CPU: 1 } }],
 *   replicas: [{ id: "r1", deployment: "d", node: "n1" }, { id: "r2", deployment: "d", node: "n2" }]
 * })
 * const plan = Effect.runSync(Runtime.planWithin(snapshot, { timeBudgetMs: 50 }))
 * plan.released.length // 1
 * plan.metrics.complete // true
 *
 * @category planning
 * @since 0.1.0
 */
export const planWithin = (snapshot: Snapshot, options?: PlanOptionsInput): Effect.Effect<Plan, InvalidOptions> =>
  Effect.gen(function*() {
    const resolved = yield* planOptions(options ?? snapshot.options)
    const deadline = resolved.timeBudgetMs === undefined ? Infinity : (yield* Clock.currentTimeMillis) + resolved.timeBudgetMs
    let search = Search.start(snapshot, resolved)
    while (!Search.isDone(search) && (yield* Clock.currentTimeMillis) < deadline) search = Search.step(search)
    return Search.best(search)
  })
