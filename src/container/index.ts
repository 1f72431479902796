/**
 * The replica container core: replicas grouped by lifecycle state.
 *
 * @since 0.1.0
 */
export * from "./errors.js"
export * from "./ReplicaContainer.js"
export { ALL_REPLICA_STATES, isReplicaState, type ReplicaState } from "./ReplicaState.js"
