/**
 * The lifecycle's state and what its queries return.
 *
 * @since 0.1.0
 */

declare const LifecycleStateTypeId: unique symbol

/**
 * The lifecycle's whole state: an immutable value made by `make` and advanced
 * by `tick`, read through the queries. Its inside is not part of the API.
 *
 * @category state
 * @since 0.1.0
 */
export interface LifecycleState {
  readonly [LifecycleStateTypeId]: "LifecycleState"
}

/**
 * A replica as the lifecycle holds it in a deployment's container: its id
 * (chosen by the core), version, deployment, and node (where it was placed,
 * or where it reported it runs; `null` while it waits for a node).
 *
 * @category state
 * @since 0.1.0
 */
export interface Replica {
  readonly id: string
  readonly version: string
  readonly deployment: string
  readonly node: string | null
}

/**
 * A deployment's status, as Ray's `check_curr_status` gives it: HEALTHY when
 * exactly the target number of replicas run the target version and nothing
 * starts or stops; UNHEALTHY after a replica of the target version failed to
 * start or failed a health check, until it is HEALTHY again; UPDATING otherwise.
 *
 * @category state
 * @since 0.1.0
 */
export type DeploymentStatus = "UPDATING" | "HEALTHY" | "UNHEALTHY"

/**
 * Where the compaction cycle stands: `idle` (none running; one may start),
 * `active` (emptying `nodes`, started at `startedAt`), or `backoff` (waiting
 * after `failures` consecutive failed compactions).
 *
 * @category state
 * @since 0.1.0
 */
export interface CompactionStatus {
  readonly phase: "idle" | "active" | "backoff"
  /** Every node the active compaction will empty (all its waves); empty otherwise. */
  readonly nodes: ReadonlyArray<string>
  /** The `now` of the tick that started the active compaction, or `null`. */
  readonly startedAt: number | null
  /** Consecutive failed (cancelled or timed out) compactions; 0 after one completes. */
  readonly failures: number
}
