/**
 * The Effect adapters: replica runtimes, the router, and the compaction
 * planner under a time budget. The only place with time, concurrency and interruption.
 *
 * @since 0.1.0
 */

/**
 * @since 0.1.0
 */
export * from "./ReplicaRuntime.js"

/**
 * @since 0.1.0
 */
export * from "./Router.js"

/**
 * @since 0.1.0
 */
export * from "./planWithin.js"
