/**
 * The compaction planner: one global, ordered, make-before-break plan.
 *
 * @since 0.1.0
 */
import type { Either } from "effect"
import type { InvalidOptions } from "./errors.js"
import { decodeOptions, resolveOptions } from "./internal/options.js"
import type { Plan } from "./Plan.js"
import * as Search from "./Search.js"
import type { PlanOptions, PlanOptionsInput, Snapshot } from "./Snapshot.js"

/**
 * Decodes planner options and fills in their defaults, or an `InvalidOptions`
 * naming each bad field. Never throws.
 *
 * @example
 * import { Compaction } from "replicore"
 * import { Either } from "effect"
 * Either.map(Compaction.planOptions({ maxConcurrentMigrations: 10 }), (o) => o.objective) // Either.right("nodes")
 * Either.isLeft(Compaction.planOptions({ maxConcurrentMigrations: 0 })) // true
 *
 * @category decoding
 * @since 0.1.0
 */
export const planOptions: (input: unknown) => Either.Either<PlanOptions, InvalidOptions> = decodeOptions

/**
 * The errors `plan` and `rayCompaction` throw: options that do not decode.
 *
 * @category errors
 * @since 0.1.0
 */
export type PlanError = InvalidOptions

/**
 * Plans the compaction of a validated snapshot: which nodes to release, and
 * the migrations, in waves, that empty them without downtime. Pure and
 * deterministic: the same snapshot and options give a byte-identical plan.
 * Options default to `snapshot.options`; `timeBudgetMs` is honoured by the
 * Effect adapter `Runtime.planWithin`, not here (reading a clock is an effect).
 * It runs `Compaction.Search` to the end.
 *
 * How: several orders of release candidates over the nodes in use (the
 * lightest first, the fewest replicas first, the largest first, seeded
 * perturbations); each candidate is emptied onto the kept nodes, largest
 * replica first, by best fit through a capacity index, and a replica that fits
 * nowhere may take the place of a smaller one that moves on to a third node.
 * Beside these drains, repacks from scratch (first-fit decreasing by the sum
 * and by the largest share, and fills that leave a node the least room) are
 * mapped back onto the nodes that already hold most of each packed node and
 * kept when they can be ordered make-before-break. The search stops early when
 * it reaches a lower bound (L1, L2, replica counts). The best result is
 * written out as waves. Then the planner plans its own result, and merges what
 * that releases, until nothing more is released: planning the final placement
 * again (with the budget that remains) releases nothing. Idle nodes change
 * nothing: they are never searched and never receive a replica.
 *
 * @throws {InvalidOptions} when the options do not decode (see `planOptions`).
 *
 * @example
 * import { Compaction } from "replicore"
 * const snapshot = Compaction.validateOrThrow({
 *   nodes: [{ id: "n1", capacity: { CPU: 4 } }, { id: "n2", capacity: { CPU: 4 } }],
 *   deployments: [{ id: "d", demand: { CPU: 1 } }],
 *   replicas: [
 *     { id: "r1", deployment: "d", node: "n1" },
 *     { id: "r2", deployment: "d", node: "n2" }
 *   ]
 * })
 * const plan = Compaction.plan(snapshot)
 * plan.released.length // 1
 * plan.steps.length // 1
 *
 * @category planning
 * @since 0.1.0
 */
export const plan = (snapshot: Snapshot, options?: PlanOptionsInput): Plan =>
  Search.best(Search.run(Search.start(snapshot, resolveOptions(snapshot, options))))
