/**
 * The actions `tick` answers with: what the world should do.
 *
 * @since 0.1.0
 */

/**
 * Start a new replica (its id chosen by the core) of `deployment` at
 * `version`, on `node` (the pack scheduler's choice, a soft affinity), or
 * anywhere once the node autoscaler adds a node when `node` is `null`
 * (nothing fits).
 *
 * @example
 * import type { Lifecycle } from "replicore"
 * const start: Lifecycle.StartReplica = { type: "startReplica", replica: "model#0", deployment: "model", version: "v1", node: "n1" }
 *
 * @category actions
 * @since 0.1.0
 */
export interface StartReplica {
  readonly type: "startReplica"
  readonly replica: string
  readonly deployment: string
  readonly version: string
  readonly node: string | null
}

/**
 * Stop a replica, gracefully (drain its requests) or not.
 *
 * @example
 * import type { Lifecycle } from "replicore"
 * const stop: Lifecycle.StopReplica = { type: "stopReplica", replica: "model#0", graceful: true }
 *
 * @category actions
 * @since 0.1.0
 */
export interface StopReplica {
  readonly type: "stopReplica"
  readonly replica: string
  readonly graceful: boolean
}

/**
 * A node that a compaction emptied holds no replica any more: it may be given back.
 *
 * @example
 * import type { Lifecycle } from "replicore"
 * const release: Lifecycle.ReleaseNode = { type: "releaseNode", node: "n2" }
 *
 * @category actions
 * @since 0.1.0
 */
export interface ReleaseNode {
  readonly type: "releaseNode"
  readonly node: string
}

/**
 * Any action.
 *
 * @example
 * import type { Lifecycle } from "replicore"
 * const describe = (a: Lifecycle.Action): string => (a.type === "releaseNode" ? a.node : a.replica)
 *
 * @category actions
 * @since 0.1.0
 */
export type Action = StartReplica | StopReplica | ReleaseNode
