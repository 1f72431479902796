/**
 * The Effect adapters: the replica runtime (`Runtime.Replica`), the router
 * (`Runtime.Router`), and the compaction planner under a time budget
 * (`Runtime.planWithin`). The only place with time, concurrency and interruption.
 *
 * @since 0.1.0
 */

/**
 * The replica runtime: one replica's admission state as an Effect adapter.
 *
 * @category modules
 * @since 0.1.0
 */
export * as Replica from "./Replica.js"

/**
 * The router: chooses a replica, reserves a slot, hands back a selection.
 *
 * @category modules
 * @since 0.1.0
 */
export * as Router from "./Router.js"

/**
 * @category planning
 * @since 0.1.0
 */
export * from "./planWithin.js"
