/**
 * Replica compaction: validate a cluster snapshot (or convert a Kubernetes or
 * Ray cluster dump into one), plan the migrations that
 * release whole nodes without downtime, verify any plan independently, and
 * Ray's own algorithm as a reference.
 *
 * @since 0.1.0
 */

/**
 * @since 0.1.0
 */
export * from "./errors.js"

/**
 * @since 0.1.0
 */
export * from "./fromKubernetes.js"

/**
 * @since 0.1.0
 */
export * from "./fromRay.js"

/**
 * @since 0.1.0
 */
export * from "./Imported.js"

/**
 * @since 0.1.0
 */
export * from "./Plan.js"

/**
 * @since 0.1.0
 */
export * from "./Planner.js"

/**
 * @since 0.1.0
 */
export * from "./ray.js"

/**
 * The planner's search, one step at a time: start, step, the best plan so far.
 *
 * @since 0.1.0
 */
export * as Search from "./Search.js"

/**
 * @since 0.1.0
 */
export * from "./Snapshot.js"

/**
 * @since 0.1.0
 */
export * from "./verify.js"
