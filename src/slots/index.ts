/**
 * The slot reservation core: a replica's `max_ongoing_requests` semaphore
 * with reservation tokens, as pure transitions.
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
export * from "./ids.js"

/**
 * @category exports
 * @since 0.1.0
 */
export * from "./SlotState.js"
