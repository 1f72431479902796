/**
 * Replica compaction: validate a cluster snapshot, plan the migrations that
 * release whole nodes without downtime, verify any plan independently, and
 * Ray's own algorithm as a reference.
 *
 * @since 0.1.0
 */
export * from "./errors.js"
export * from "./Plan.js"
export * from "./Planner.js"
export * from "./ray.js"
export * from "./Snapshot.js"
export * from "./verify.js"
