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
 * @category actions
 * @since 0.1.0
 */
export type Action = StartReplica | StopReplica | ReleaseNode
