/**
 * `tick`: one step of the controller, as a pure function of the state, the
 * time and what happened.
 *
 * @since 0.1.0
 */
import type { Action } from "./Action.js"
import {
  type DuplicateNode,
  InvalidEvent,
  type InvalidTarget,
  type ReplicaAlreadyStarted,
  type ReplicaNotStarted,
  TimeWentBack,
  type UnknownDeployment,
  type UnknownNode,
  type UnknownReplica
} from "./errors.js"
import type { EventInput } from "./Event.js"
import { Draft } from "./internal/draft.js"
import { applyEvents } from "./internal/events.js"
import { settle } from "./internal/settle.js"
import { unwrap, wrap } from "./internal/state.js"
import type { LifecycleState } from "./State.js"

/**
 * The errors `tick` throws.
 *
 * @example
 * import { Lifecycle } from "replicore"
 * import { Either } from "effect"
 * const s = Lifecycle.make({ nodes: [], deployments: [] })
 * const r = Either.try({ try: () => Lifecycle.tick(s, { now: 0, events: [{ type: "nodeRemoved", node: "n9" }] }), catch: (e) => e as Lifecycle.TickError })
 * Either.isLeft(r) && r.left._tag // "UnknownNode"
 *
 * @category errors
 * @since 0.1.0
 */
export type TickError =
  | InvalidEvent
  | TimeWentBack
  | UnknownReplica
  | UnknownNode
  | DuplicateNode
  | UnknownDeployment
  | InvalidTarget
  | ReplicaAlreadyStarted
  | ReplicaNotStarted

/**
 * What a tick reads: the time (milliseconds, never going back) and the events
 * since the last tick, in the order they happened.
 *
 * @example
 * import type { Lifecycle } from "replicore"
 * const input: Lifecycle.TickInput = { now: 1_000, events: [{ type: "replicaStopped", replica: "model#0" }] }
 *
 * @category ticking
 * @since 0.1.0
 */
export interface TickInput {
  readonly now: number
  readonly events: ReadonlyArray<EventInput>
}

/**
 * What a tick answers: the new state and the actions to take, in order.
 *
 * @example
 * import { Lifecycle } from "replicore"
 * const result: Lifecycle.TickResult = Lifecycle.tick(Lifecycle.make({ nodes: [], deployments: [] }), { now: 0, events: [] })
 * result.actions // []
 *
 * @category ticking
 * @since 0.1.0
 */
export interface TickResult {
  readonly state: LifecycleState
  readonly actions: ReadonlyArray<Action>
}

const invalidInput = (problem: string): InvalidEvent => new InvalidEvent({ index: -1, problems: [{ item: "input", problem }] })

/**
 * One controller tick (Ray's `DeploymentStateManager.update`): applies the
 * events in order, then does everything that follows without time passing:
 * health and startup transitions, the compaction cycle (cancel, complete,
 * time out, start), draining (start the replacement, then stop the old
 * replica, earliest deadline first, at the latest when the deadline is due),
 * rolling updates, scaling, pack scheduling of new replicas, downscale, and
 * node releases. A tick settles: a second tick at the same `now` with no
 * events changes nothing and emits nothing. Pure: the input state is never
 * changed, and only what changed is copied: O(k log N) for k replica changes,
 * plus a constant per deployment and, when replicas must be placed, one scan
 * of the nodes per replica (Ray's best fit).
 *
 * @throws {InvalidEvent} when an event has no known shape, or `now` is not a finite number.
 * @throws {TimeWentBack} when `now` is before the last tick's.
 * @throws {UnknownReplica} when an event names a replica the lifecycle does not hold.
 * @throws {UnknownNode} when an event names an unknown node.
 * @throws {DuplicateNode} when `nodeAdded` adds a known node.
 * @throws {UnknownDeployment} when `setTarget` names an unknown deployment.
 * @throws {InvalidTarget} when `setTarget`'s target is not a non-negative integer.
 * @throws {ReplicaAlreadyStarted} when a replica that started reports `replicaStarted` or `replicaFailed`.
 * @throws {ReplicaNotStarted} when a replica that has not started reports `replicaUnhealthy`.
 *
 * @example
 * import { Lifecycle } from "replicore"
 * let state = Lifecycle.make({
 *   nodes: [{ id: "n1", capacity: { CPU: 4 } }, { id: "n2", capacity: { CPU: 4 } }],
 *   deployments: [{ id: "model", demand: { CPU: 1 }, target: 1 }]
 * })
 * const first = Lifecycle.tick(state, { now: 0, events: [] })
 * const start = first.actions[0] // { type: "startReplica", replica: "model#0", deployment: "model", version: "v1", node: "n1" }
 * state = Lifecycle.tick(first.state, { now: 1000, events: [{ type: "replicaStarted", replica: "model#0", node: "n1" }] }).state
 * // n1 drains: the replica goes to PENDING_MIGRATION and its replacement starts on n2
 * const drained = Lifecycle.tick(state, { now: 2000, events: [{ type: "nodesDraining", nodes: { n1: 60_000 } }] })
 * drained.actions // [{ type: "startReplica", replica: "model#1", deployment: "model", version: "v1", node: "n2" }]
 * Lifecycle.countByState(drained.state, "model").PENDING_MIGRATION // 1
 *
 * @category ticking
 * @since 0.1.0
 */
export const tick = (state: LifecycleState, input: TickInput): TickResult => {
  const data = unwrap(state)
  if (typeof input !== "object" || input === null) throw invalidInput("expected { now, events }")
  const { events, now } = input
  if (!Number.isFinite(now)) throw invalidInput(`now must be a finite number, got ${String(now)}`)
  if (!Array.isArray(events)) throw invalidInput("events must be an array")
  if (now < data.now) throw new TimeWentBack({ now, previous: data.now })
  const draft = new Draft(data, now)
  applyEvents(draft, events)
  settle(draft)
  if (draft.actions.length === 0 && now === data.now && data.settled && draft.nodes === data.nodes &&
    draft.deployments === data.deployments && draft.compaction === data.compaction && draft.draining === data.draining &&
    draft.quietSince === data.quietSince)
  {
    return { state, actions: draft.actions }
  }
  return { state: wrap(draft.finish()), actions: draft.actions }
}
