/**
 * The Effect adapters: replica runtimes and the router. The only place with
 * time, concurrency and interruption.
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
