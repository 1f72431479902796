/**
 * The replica container core: replicas grouped by lifecycle state.
 *
 * @since 0.1.0
 */

/**
 * @category exports
 * @since 0.1.0
 */
export * from "./errors.js"

/**
 * @category exports
 * @since 0.1.0
 */
export * from "./ReplicaContainer.js"

/**
 * @category exports
 * @since 0.1.0
 */
export * from "./ReplicaState.js"
