/**
 * The compaction planner under a time budget, as an Effect: the anytime
 * version of `Compaction.plan`. Reading the clock is an effect, so it lives
 * here and not in the pure core.
 *
 * @since 0.1.0
 */
import { Clock, Effect } from "effect"
import type { InvalidOptions } from "../compaction/errors.js"
import type { Plan } from "../compaction/Plan.js"
import { planOptions } from "../compaction/Planner.js"
import type { PlanOptionsInput, Snapshot } from "../compaction/Snapshot.js"
import { assemble } from "../compaction/internal/assemble.js"
import { fromSnapshot } from "../compaction/internal/instance.js"
import { searchToFixpoint, startSearch } from "../compaction/internal/planner.js"

/**
 * Plans like `Compaction.plan`, but stops improving when `timeBudgetMs`
 * (from the options, or the snapshot's options) has passed on effect's
 * `Clock`, and returns the best safe plan found so far, with
 * `metrics.complete` false. The first attempt always runs to the end, so
 * there is always a plan; without a budget the result equals
 * `Compaction.plan`. Fails with `InvalidOptions` on bad options.
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
 *
 * @since 0.1.0
 */
export const planWithin = (snapshot: Snapshot, options?: PlanOptionsInput): Effect.Effect<Plan, InvalidOptions> =>
  Effect.gen(function*() {
    const resolved = yield* planOptions(options ?? snapshot.options)
    const instance = fromSnapshot(snapshot)
    const deadline = resolved.timeBudgetMs === undefined ? Infinity : (yield* Clock.currentTimeMillis) + resolved.timeBudgetMs
    const search = startSearch(instance, resolved)
    while (!search.finished() && (yield* Clock.currentTimeMillis) < deadline) search.step()
    const complete = search.finished()
    const outcome = complete ? searchToFixpoint(instance, resolved, search.best()) : search.best()
    return assemble(snapshot, instance, outcome, resolved, complete)
  })
