/**
 * What `make` reads: the nodes, the deployments and the options, as effect
 * Schemas (validated at the boundary) with their defaults.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"
import { PlanOptions, Resources } from "../compaction/index.js"

/**
 * A node: its capacity per resource (non-negative integers in the smallest
 * unit, as in a compaction snapshot) and whether it may be released (false
 * for a head or static node; default true).
 *
 * @example
 * import { Lifecycle } from "replicore"
 * import { Schema } from "effect"
 * Schema.decodeSync(Lifecycle.NodeSpec)({ id: "n1", capacity: { CPU: 4000 } }).releasable // true
 *
 * @category config
 * @since 0.1.0
 */
export const NodeSpec = Schema.Struct({
  id: Schema.String,
  capacity: Resources,
  releasable: Schema.optionalWith(Schema.Boolean, { default: () => true })
})

/**
 * The decoded type.
 *
 * @example
 * import type { Lifecycle } from "replicore"
 * const node: Lifecycle.NodeSpec = { id: "n1", capacity: { CPU: 4000 }, releasable: true }
 *
 * @category config
 * @since 0.1.0
 */
export type NodeSpec = typeof NodeSpec.Type

/**
 * A node as written: `releasable` may be left out.
 *
 * @example
 * import type { Lifecycle } from "replicore"
 * const head: Lifecycle.NodeSpecInput = { id: "head", capacity: { CPU: 2000 }, releasable: false }
 *
 * @category config
 * @since 0.1.0
 */
export type NodeSpecInput = typeof NodeSpec.Encoded

/**
 * A deployment: the demand of one replica, the target number of replicas, the
 * version to run (default `"v1"`), how many of its replicas a compaction may
 * move at once (`maxSurge`, default 1; 0: never move) and at most how many
 * may share a node.
 *
 * @example
 * import { Lifecycle } from "replicore"
 * import { Schema } from "effect"
 * Schema.decodeSync(Lifecycle.DeploymentSpec)({ id: "d", demand: { GPU: 1 }, target: 2 }).version // "v1"
 *
 * @category config
 * @since 0.1.0
 */
export const DeploymentSpec = Schema.Struct({
  id: Schema.String,
  demand: Resources,
  target: Schema.NonNegativeInt,
  version: Schema.optionalWith(Schema.String, { default: () => "v1" }),
  maxSurge: Schema.optionalWith(Schema.NonNegativeInt, { default: () => 1 }),
  maxReplicasPerNode: Schema.optional(Schema.Int.pipe(Schema.greaterThanOrEqualTo(1)))
})

/**
 * The decoded type.
 *
 * @example
 * import type { Lifecycle } from "replicore"
 * const d: Lifecycle.DeploymentSpec = { id: "d", demand: { CPU: 1000 }, target: 2, version: "v1", maxSurge: 1 }
 *
 * @category config
 * @since 0.1.0
 */
export type DeploymentSpec = typeof DeploymentSpec.Type

/**
 * A deployment as written: defaults may be left out.
 *
 * @example
 * import type { Lifecycle } from "replicore"
 * const model: Lifecycle.DeploymentSpecInput = { id: "model", demand: { CPU: 1000 }, target: 3, maxReplicasPerNode: 1 }
 *
 * @category config
 * @since 0.1.0
 */
export type DeploymentSpecInput = typeof DeploymentSpec.Encoded

const Millis = Schema.NonNegative.pipe(Schema.finite())

/** Ray's `graceful_shutdown_timeout_s` (20 s): a draining replica is stopped this long before its node's deadline. */
const GRACEFUL_SHUTDOWN_TIMEOUT_MS = 20_000
/** Anyscale's `NODE_COMPACTION_DELAY_S` (300 s): how long every deployment must be HEALTHY before a compaction. */
const COMPACTION_DELAY_MS = 300_000
/** Anyscale's `COMPACTION_TIMEOUT_S` (1,800 s): a compaction that has not completed by then has failed. */
const COMPACTION_TIMEOUT_MS = 1_800_000
/** Anyscale's `COMPACTION_MAX_BACKOFF_TIME_S` (3,600 s): the longest wait after failed compactions. */
const MAX_BACKOFF_MS = 3_600_000
/** Ray's `rolling_update_percentage` default (20 %): the share of the target replaced at a time. */
const ROLLING_UPDATE_PERCENT = 0.2

/**
 * The lifecycle's options, with Ray's defaults:
 * - `gracefulShutdownTimeoutMs` (20,000): a replica on a draining node is
 *   stopped at `now ≥ deadline − gracefulShutdownTimeoutMs` at the latest;
 * - `compaction` (`"off"`): `"ray"` runs Ray's compaction (one node per round),
 *   `"planner"` executes a `Compaction.plan` wave by wave;
 * - `compactionDelayMs` (300,000): in `"ray"` mode, every deployment HEALTHY
 *   that long, and no node draining, before a compaction starts; in
 *   `"planner"` mode, a deployment HEALTHY at its target that long before a
 *   compaction moves its replicas;
 * - `compactionTimeoutMs` (1,800,000): a compaction still running then has failed;
 * - `maxBackoffMs` (3,600,000): after `f` consecutive failures the next compaction
 *   waits `min(2^f s, maxBackoffMs)`;
 * - `rollingUpdatePercent` (0.2, a fraction of the target in (0, 1]): a rolling update
 *   stops at most `max(floor(rollingUpdatePercent × target), 1)` old replicas at a time;
 * - `planner`: the options given to `Compaction.plan` in `"planner"` mode.
 *
 * @example
 * import { Lifecycle } from "replicore"
 * import { Schema } from "effect"
 * Schema.decodeSync(Lifecycle.Options)({}).gracefulShutdownTimeoutMs // 20000
 *
 * @category config
 * @since 0.1.0
 */
export const Options = Schema.Struct({
  gracefulShutdownTimeoutMs: Schema.optionalWith(Millis, { default: () => GRACEFUL_SHUTDOWN_TIMEOUT_MS }),
  compaction: Schema.optionalWith(Schema.Literal("off", "ray", "planner"), { default: () => "off" as const }),
  compactionDelayMs: Schema.optionalWith(Millis, { default: () => COMPACTION_DELAY_MS }),
  compactionTimeoutMs: Schema.optionalWith(Millis, { default: () => COMPACTION_TIMEOUT_MS }),
  maxBackoffMs: Schema.optionalWith(Millis, { default: () => MAX_BACKOFF_MS }),
  rollingUpdatePercent: Schema.optionalWith(
    Schema.Number.pipe(Schema.greaterThan(0), Schema.lessThanOrEqualTo(1)),
    { default: () => ROLLING_UPDATE_PERCENT }
  ),
  planner: Schema.optional(PlanOptions)
})

/**
 * The options with their defaults filled in.
 *
 * @example
 * import type { Lifecycle } from "replicore"
 * const mode = (o: Lifecycle.Options): string => o.compaction
 *
 * @category config
 * @since 0.1.0
 */
export type Options = typeof Options.Type

/**
 * The options as given: every field optional.
 *
 * @example
 * import type { Lifecycle } from "replicore"
 * const options: Lifecycle.OptionsInput = { compaction: "planner", compactionDelayMs: 60_000 }
 *
 * @category config
 * @since 0.1.0
 */
export type OptionsInput = typeof Options.Encoded

/**
 * What `make` reads.
 *
 * @example
 * import { Lifecycle } from "replicore"
 * import { Schema } from "effect"
 * Schema.decodeSync(Lifecycle.Config)({ nodes: [], deployments: [] }).options.compaction // "off"
 *
 * @category config
 * @since 0.1.0
 */
export const Config = Schema.Struct({
  nodes: Schema.Array(NodeSpec),
  deployments: Schema.Array(DeploymentSpec),
  options: Schema.optionalWith(Options, { default: () => Schema.decodeSync(Options)({}) })
})

/**
 * The decoded type.
 *
 * @example
 * import type { Lifecycle } from "replicore"
 * const nodes = (c: Lifecycle.Config): number => c.nodes.length
 *
 * @category config
 * @since 0.1.0
 */
export type Config = typeof Config.Type

/**
 * What `make` reads, as written: defaults may be left out.
 *
 * @example
 * import type { Lifecycle } from "replicore"
 * const config: Lifecycle.ConfigInput = { nodes: [{ id: "n1", capacity: { CPU: 4000 } }], deployments: [] }
 *
 * @category config
 * @since 0.1.0
 */
export type ConfigInput = typeof Config.Encoded
