/**
 * The lifecycle states a replica can be in, as Ray Serve names them.
 *
 * @since 0.1.0
 */

/**
 * Every replica state, in Ray's declaration order. This order is the default
 * order of `get`, `pop` and `count`, and the fixed order in which `remove`
 * returns what it took.
 *
 * @example
 * import { Container } from "replicore"
 * Container.ALL_REPLICA_STATES[0] // "STARTING"
 *
 * @category constants
 * @since 0.1.0
 */
export const ALL_REPLICA_STATES = [
  "STARTING",
  "UPDATING",
  "RECOVERING",
  "RUNNING",
  "STOPPING",
  "PENDING_MIGRATION"
] as const

/**
 * A replica's lifecycle state: a closed union of the six names in
 * {@link ALL_REPLICA_STATES}.
 *
 * @category models
 * @since 0.1.0
 */
export type ReplicaState = (typeof ALL_REPLICA_STATES)[number]

/**
 * Tells whether a value is one of the six replica states.
 *
 * @example
 * import { Container } from "replicore"
 * Container.isReplicaState("RUNNING") // true
 * Container.isReplicaState("STOPPED") // false
 *
 * @category refinements
 * @since 0.1.0
 */
export const isReplicaState = (value: unknown): value is ReplicaState =>
  (ALL_REPLICA_STATES as ReadonlyArray<unknown>).includes(value)
