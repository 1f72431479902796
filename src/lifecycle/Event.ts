/**
 * The events `tick` reads: what happened in the world since the last tick.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"
import { NodeSpec } from "./Config.js"

/**
 * A replica is ready and healthy, on `node` (the node it really runs on,
 * which wins over the node it was placed on).
 *
 * @category events
 * @since 0.1.0
 */
export const ReplicaStarted = Schema.Struct({
  type: Schema.Literal("replicaStarted"),
  replica: Schema.String,
  node: Schema.String
})

/**
 * A replica's startup failed.
 *
 * @category events
 * @since 0.1.0
 */
export const ReplicaFailed = Schema.Struct({ type: Schema.Literal("replicaFailed"), replica: Schema.String })

/**
 * A running replica failed its health check.
 *
 * @category events
 * @since 0.1.0
 */
export const ReplicaUnhealthy = Schema.Struct({ type: Schema.Literal("replicaUnhealthy"), replica: Schema.String })

/**
 * A replica exited: it no longer holds its node's resources.
 *
 * @category events
 * @since 0.1.0
 */
export const ReplicaStopped = Schema.Struct({ type: Schema.Literal("replicaStopped"), replica: Schema.String })

/**
 * The nodes that are draining, each with its deadline in milliseconds: the
 * whole current map (a node left out is no longer draining), as Ray's cluster
 * cache gives it. A node that has already left (`nodeRemoved`) may still be
 * listed: the map lags behind, and that entry is ignored.
 *
 * @category events
 * @since 0.1.0
 */
export const NodesDraining = Schema.Struct({
  type: Schema.Literal("nodesDraining"),
  nodes: Schema.Record({ key: Schema.String, value: Schema.Number.pipe(Schema.nonNaN()) })
})

/**
 * A node joined the cluster.
 *
 * @category events
 * @since 0.1.0
 */
export const NodeAdded = Schema.Struct({ type: Schema.Literal("nodeAdded"), node: NodeSpec })

/**
 * A node left the cluster (by id). Its live replicas get a `stopReplica` and
 * wait in STOPPING, holding nothing, for their `replicaStopped`. Removing a
 * node that already left changes nothing.
 *
 * @category events
 * @since 0.1.0
 */
export const NodeRemoved = Schema.Struct({ type: Schema.Literal("nodeRemoved"), node: Schema.String })

/**
 * A deployment's target number of replicas, and optionally the version to roll out.
 *
 * @category events
 * @since 0.1.0
 */
export const SetTarget = Schema.Struct({
  type: Schema.Literal("setTarget"),
  deployment: Schema.String,
  target: Schema.Number,
  version: Schema.optional(Schema.String)
})

/**
 * Any event.
 *
 * @category events
 * @since 0.1.0
 */
export const Event = Schema.Union(
  ReplicaStarted,
  ReplicaFailed,
  ReplicaUnhealthy,
  ReplicaStopped,
  NodesDraining,
  NodeAdded,
  NodeRemoved,
  SetTarget
)

/**
 * An event as `tick` uses it (a `nodeAdded` node with its defaults filled in).
 *
 * @category events
 * @since 0.1.0
 */
export type Event = typeof Event.Type

/**
 * An event as written.
 *
 * @category events
 * @since 0.1.0
 */
export type EventInput = typeof Event.Encoded
