/**
 * replicore: verified pure cores for model-serving control planes.
 *
 * @example
 * import { Container } from "replicore"
 * const c = Container.add(Container.empty(), "RUNNING", { id: "r1", version: "v1" })
 * Container.count(c, { states: ["RUNNING"] }) // 1
 *
 * @since 0.1.0
 */
/**
 * The replica container core.
 *
 * @category cores
 * @since 0.1.0
 */
export * as Container from "./container/index.js"

/**
 * The slot reservation core.
 *
 * @category cores
 * @since 0.1.0
 */
export * as Slots from "./slots/index.js"

/**
 * Router-side selection: addresses, the dispatch typestate, its errors.
 *
 * @category cores
 * @since 0.1.0
 */
export * as Selection from "./slots/Selection.js"

/**
 * The replica compaction core.
 *
 * @category cores
 * @since 0.1.0
 */
export * as Compaction from "./compaction/index.js"

/**
 * The Effect adapters: `Runtime.Replica` (a replica's admission runtime),
 * `Runtime.Router` (choose a replica, reserve, dispatch once) and
 * `Runtime.planWithin` (the compaction planner under a time budget).
 *
 * @category adapters
 * @since 0.1.0
 */
export * as Runtime from "./runtime/index.js"

/**
 * The replica lifecycle core: draining, scaling, rolling updates, pack scheduling, compaction cycles.
 *
 * @since 0.1.0
 */
export * as Lifecycle from "./lifecycle/index.js"

/**
 * The simulated day: a seeded cluster driving the cores, run with compaction off, Ray's and the planner's.
 *
 * @category simulation
 * @since 0.1.0
 */
export * as Simulator from "./simulator/index.js"
