/**
 * Reading a lifecycle state: counts, replicas, statuses, the compaction cycle.
 *
 * @since 0.1.0
 */
import * as Container from "../container/index.js"
import type { ReplicaContainer, ReplicaState } from "../container/index.js"
import { UnknownDeployment } from "./errors.js"
import { type DeploymentEntry, type StateData, unwrap } from "./internal/state.js"
import type { CompactionStatus, DeploymentStatus, LifecycleState, Replica } from "./State.js"

/**
 * The error the deployment queries throw.
 *
 * @example
 * import { Lifecycle } from "replicore"
 * try {
 *   Lifecycle.countByState(Lifecycle.make({ nodes: [], deployments: [] }), "nope")
 * } catch (e) {
 *   (e as Lifecycle.QueryError)._tag // "UnknownDeployment"
 * }
 *
 * @category errors
 * @since 0.1.0
 */
export type QueryError = UnknownDeployment

const entry = (data: StateData, deployment: string): DeploymentEntry => {
  const d = data.deploymentIndex.get(deployment)
  if (d === undefined) throw new UnknownDeployment({ index: -1, deployment })
  return data.deployments[d] as DeploymentEntry
}

/**
 * How many replicas of a deployment are in each state.
 *
 * @throws {UnknownDeployment} when the deployment is unknown.
 *
 * @example
 * import { Lifecycle } from "replicore"
 * const s = Lifecycle.make({ nodes: [], deployments: [{ id: "d", demand: {}, target: 2 }] })
 * Lifecycle.countByState(Lifecycle.tick(s, { now: 0, events: [] }).state, "d").STARTING // 2
 *
 * @category queries
 * @since 0.1.0
 */
export const countByState = (state: LifecycleState, deployment: string): Readonly<Record<ReplicaState, number>> =>
  Container.countByState(entry(unwrap(state), deployment).replicas)

/**
 * A deployment's replicas: its container (each replica with its version and node).
 *
 * @throws {UnknownDeployment} when the deployment is unknown.
 *
 * @example
 * import { Container, Lifecycle } from "replicore"
 * const s = Lifecycle.make({ nodes: [{ id: "n1", capacity: {} }], deployments: [{ id: "d", demand: {}, target: 1 }] })
 * const c = Lifecycle.replicas(Lifecycle.tick(s, { now: 0, events: [] }).state, "d")
 * Container.get(c).map((r) => r.node) // ["n1"]
 *
 * @category queries
 * @since 0.1.0
 */
export const replicas = (state: LifecycleState, deployment: string): ReplicaContainer<Replica> =>
  entry(unwrap(state), deployment).replicas

/**
 * A deployment's status.
 *
 * @throws {UnknownDeployment} when the deployment is unknown.
 *
 * @example
 * import { Lifecycle } from "replicore"
 * const s = Lifecycle.make({ nodes: [], deployments: [{ id: "d", demand: {}, target: 0 }] })
 * Lifecycle.status(s, "d") // "HEALTHY"
 *
 * @category queries
 * @since 0.1.0
 */
export const status = (state: LifecycleState, deployment: string): DeploymentStatus =>
  entry(unwrap(state), deployment).status

/**
 * Where the compaction cycle stands.
 *
 * @example
 * import { Lifecycle } from "replicore"
 * Lifecycle.compaction(Lifecycle.make({ nodes: [], deployments: [] }))
 * // { phase: "idle", nodes: [], startedAt: null, failures: 0 }
 *
 * @category queries
 * @since 0.1.0
 */
export const compaction = (state: LifecycleState): CompactionStatus => {
  const data = unwrap(state)
  const { active, failures, nextAllowed } = data.compaction
  if (active !== undefined) return { phase: "active", nodes: active.nodes, startedAt: active.startedAt, failures }
  return { phase: failures > 0 && data.now < nextAllowed ? "backoff" : "idle", nodes: [], startedAt: null, failures }
}
