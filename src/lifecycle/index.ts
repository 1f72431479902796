/**
 * The replica lifecycle: Ray Serve's controller tick over the replica
 * container, as one pure function. Events in (what happened), actions out
 * (what to do): startup and health, draining (PENDING_MIGRATION: start the
 * replacement, then stop), scaling, rolling updates, pack scheduling, and
 * compaction cycles (`"ray"`, or `"planner"`: a `Compaction.plan` executed
 * wave by wave).
 *
 * @since 0.1.0
 */

/**
 * @since 0.1.0
 */
export * from "./Action.js"

/**
 * @since 0.1.0
 */
export * from "./Config.js"

/**
 * @since 0.1.0
 */
export * from "./errors.js"

/**
 * @since 0.1.0
 */
export * from "./Event.js"

/**
 * @since 0.1.0
 */
export * from "./make.js"

/**
 * @since 0.1.0
 */
export * from "./queries.js"

/**
 * @since 0.1.0
 */
export * from "./State.js"

/**
 * @since 0.1.0
 */
export * from "./tick.js"
