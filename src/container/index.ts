/**
 * The replica container core: replicas grouped by lifecycle state.
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
export * from "./ReplicaContainer.js"

/**
 * @since 0.1.0
 */
export * from "./ReplicaState.js"
