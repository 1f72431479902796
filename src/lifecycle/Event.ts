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
 * @example
 * import type { Lifecycle } from "replicore"
 * const e: Lifecycle.EventInput = { type: "replicaStarted", replica: "model#0", node: "n1" }
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
 * @example
 * import type { Lifecycle } from "replicore"
 * const e: Lifecycle.EventInput = { type: "replicaFailed", replica: "model#0" }
 *
 * @category events
 * @since 0.1.0
 */
export const ReplicaFailed = Schema.Struct({ type: Schema.Literal("replicaFailed"), replica: Schema.String })

/**
 * A running replica failed its health check.
 *
 * @example
 * import type { Lifecycle } from "replicore"
 * const e: Lifecycle.EventInput = { type: "replicaUnhealthy", replica: "model#0" }
 *
 * @category events
 * @since 0.1.0
 */
export const ReplicaUnhealthy = Schema.Struct({ type: Schema.Literal("replicaUnhealthy"), replica: Schema.String })

/**
 * A replica exited: it no longer holds its node's resources.
 *
 * @example
 * import type { Lifecycle } from "replicore"
 * const e: Lifecycle.EventInput = { type: "replicaStopped", replica: "model#0" }
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
 * @example
 * import type { Lifecycle } from "replicore"
 * const e: Lifecycle.EventInput = { type: "nodesDraining", nodes: { n2: 1_700_000_060_000 } }
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
 * @example
 * import type { Lifecycle } from "replicore"
 * const e: Lifecycle.EventInput = { type: "nodeAdded", node: { id: "n3", capacity: { CPU: 8000 } } }
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
 * @example
 * import type { Lifecycle } from "replicore"
 * const e: Lifecycle.EventInput = { type: "nodeRemoved", node: "n3" }
 *
 * @category events
 * @since 0.1.0
 */
export const NodeRemoved = Schema.Struct({ type: Schema.Literal("nodeRemoved"), node: Schema.String })

/**
 * A deployment's target number of replicas, and optionally the version to roll out.
 *
 * @example
 * import type { Lifecycle } from "replicore"
 * const e: Lifecycle.EventInput = { type: "setTarget", deployment: "model", target: 4, version: "v2" }
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
 * @example
 * import { Lifecycle } from "replicore"
 * import { Either, Schema } from "effect"
 * Either.isRight(Schema.decodeUnknownEither(Lifecycle.Event)({ type: "replicaStopped", replica: "model#0" })) // true
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
 * @example
 * import type { Lifecycle } from "replicore"
 * const replicaOf = (e: Lifecycle.Event): string | undefined => ("replica" in e ? e.replica : undefined)
 *
 * @category events
 * @since 0.1.0
 */
export type Event = typeof Event.Type

/**
 * An event as written.
 *
 * @example
 * import type { Lifecycle } from "replicore"
 * const events: ReadonlyArray<Lifecycle.EventInput> = [{ type: "nodeRemoved", node: "n3" }]
 *
 * @category events
 * @since 0.1.0
 */
export type EventInput = typeof Event.Encoded
