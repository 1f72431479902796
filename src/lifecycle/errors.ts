/**
 * The typed errors of the lifecycle core. Each is an effect `Data.TaggedError`
 * whose message starts with `replicore/lifecycle.<function>:` and names the
 * offending item; a call that throws one changes nothing.
 *
 * @since 0.1.0
 */
import { Data } from "effect"

/**
 * One thing wrong with an input: the item (`deployments[1] ("d").target`,
 * `events[3].replica`) and what is wrong with it.
 *
 * @category errors
 * @since 0.1.0
 */
export interface InputProblem {
  readonly item: string
  readonly problem: string
}

const listProblems = (problems: ReadonlyArray<InputProblem>): string =>
  problems.map((p) => `  - ${p.item}: ${p.problem}`).join("\n")

const show = (value: unknown): string => {
  try {
    return JSON.stringify(value) ?? String(value)
  } catch {
    return String(value)
  }
}

/**
 * `make` was given nodes, deployments or options that do not decode, or
 * duplicate ids.
 *
 * @example
 * import { Lifecycle } from "replicore"
 * try {
 *   Lifecycle.make({ nodes: [], deployments: [{ id: "d", demand: { CPU: 1 }, target: -1 }] })
 * } catch (e) {
 *   e instanceof Lifecycle.InvalidConfig // true
 * }
 *
 * @category errors
 * @since 0.1.0
 */
export class InvalidConfig extends Data.TaggedError("InvalidConfig")<{
  readonly problems: ReadonlyArray<InputProblem>
}> {
  override get message(): string {
    return `replicore/lifecycle.make: invalid configuration:\n${listProblems(this.problems)}`
  }
}

/**
 * `tick` was given an event that is not one of the event shapes, or a `now`
 * that is not a finite number.
 *
 * @example
 * import { Lifecycle } from "replicore"
 * const s = Lifecycle.make({ nodes: [], deployments: [] })
 * try {
 *   Lifecycle.tick(s, { now: 0, events: [{ type: "replicaExploded" } as never] })
 * } catch (e) {
 *   (e as Lifecycle.InvalidEvent).index // 0
 * }
 *
 * @category errors
 * @since 0.1.0
 */
export class InvalidEvent extends Data.TaggedError("InvalidEvent")<{
  /** The event's position in `events`, or -1 for the tick input itself. */
  readonly index: number
  readonly problems: ReadonlyArray<InputProblem>
}> {
  override get message(): string {
    return `replicore/lifecycle.tick: invalid ${this.index < 0 ? "input" : `event ${this.index}`}:\n${
      listProblems(this.problems)
    }`
  }
}

/**
 * `tick` was given a `now` before the `now` of the tick before it.
 *
 * @example
 * import { Lifecycle } from "replicore"
 * const s = Lifecycle.tick(Lifecycle.make({ nodes: [], deployments: [] }), { now: 10, events: [] }).state
 * try {
 *   Lifecycle.tick(s, { now: 5, events: [] })
 * } catch (e) {
 *   (e as Lifecycle.TimeWentBack).previous // 10
 * }
 *
 * @category errors
 * @since 0.1.0
 */
export class TimeWentBack extends Data.TaggedError("TimeWentBack")<{
  readonly now: number
  readonly previous: number
}> {
  override get message(): string {
    return `replicore/lifecycle.tick: now ${this.now} is before the previous tick's now ${this.previous}`
  }
}

/**
 * An event names a replica the lifecycle does not hold.
 *
 * @example
 * import { Lifecycle } from "replicore"
 * const s = Lifecycle.make({ nodes: [], deployments: [] })
 * try {
 *   Lifecycle.tick(s, { now: 0, events: [{ type: "replicaStopped", replica: "ghost" }] })
 * } catch (e) {
 *   (e as Lifecycle.UnknownReplica).replica // "ghost"
 * }
 *
 * @category errors
 * @since 0.1.0
 */
export class UnknownReplica extends Data.TaggedError("UnknownReplica")<{
  readonly index: number
  readonly replica: string
}> {
  override get message(): string {
    return `replicore/lifecycle.tick: event ${this.index} names unknown replica ${show(this.replica)}`
  }
}

/**
 * An event names a node the lifecycle does not know.
 *
 * @example
 * import { Lifecycle } from "replicore"
 * const s = Lifecycle.make({ nodes: [], deployments: [] })
 * try {
 *   Lifecycle.tick(s, { now: 0, events: [{ type: "nodeRemoved", node: "n9" }] })
 * } catch (e) {
 *   (e as Lifecycle.UnknownNode).node // "n9"
 * }
 *
 * @category errors
 * @since 0.1.0
 */
export class UnknownNode extends Data.TaggedError("UnknownNode")<{
  readonly index: number
  readonly node: string
}> {
  override get message(): string {
    return `replicore/lifecycle.tick: event ${this.index} names unknown node ${show(this.node)}`
  }
}

/**
 * A `nodeAdded` event adds a node whose id is already known.
 *
 * @example
 * import { Lifecycle } from "replicore"
 * const s = Lifecycle.make({ nodes: [{ id: "n1", capacity: { CPU: 1 } }], deployments: [] })
 * try {
 *   Lifecycle.tick(s, { now: 0, events: [{ type: "nodeAdded", node: { id: "n1", capacity: { CPU: 1 } } }] })
 * } catch (e) {
 *   (e as Lifecycle.DuplicateNode).node // "n1"
 * }
 *
 * @category errors
 * @since 0.1.0
 */
export class DuplicateNode extends Data.TaggedError("DuplicateNode")<{
  readonly index: number
  readonly node: string
}> {
  override get message(): string {
    return `replicore/lifecycle.tick: event ${this.index} adds node ${show(this.node)}, which is already known`
  }
}

/**
 * A deployment id that the lifecycle does not hold, in a `setTarget` event
 * or a query.
 *
 * @example
 * import { Lifecycle } from "replicore"
 * const s = Lifecycle.make({ nodes: [], deployments: [] })
 * try {
 *   Lifecycle.status(s, "nope")
 * } catch (e) {
 *   (e as Lifecycle.UnknownDeployment).deployment // "nope"
 * }
 *
 * @category errors
 * @since 0.1.0
 */
export class UnknownDeployment extends Data.TaggedError("UnknownDeployment")<{
  /** The event's position, or -1 for a query. */
  readonly index: number
  readonly deployment: string
}> {
  override get message(): string {
    return `replicore/lifecycle.${this.index < 0 ? "query" : "tick"}: ${
      this.index < 0 ? "" : `event ${this.index} names `
    }unknown deployment ${show(this.deployment)}`
  }
}

/**
 * A `setTarget` event whose target is not a non-negative integer.
 *
 * @example
 * import { Lifecycle } from "replicore"
 * const s = Lifecycle.make({ nodes: [], deployments: [{ id: "d", demand: {}, target: 0 }] })
 * try {
 *   Lifecycle.tick(s, { now: 0, events: [{ type: "setTarget", deployment: "d", target: -1 }] })
 * } catch (e) {
 *   (e as Lifecycle.InvalidTarget).target // -1
 * }
 *
 * @category errors
 * @since 0.1.0
 */
export class InvalidTarget extends Data.TaggedError("InvalidTarget")<{
  readonly index: number
  readonly deployment: string
  readonly target: number
}> {
  override get message(): string {
    return `replicore/lifecycle.tick: event ${this.index} sets deployment ${show(this.deployment)} to target ${
      this.target
    }, which is not a non-negative integer`
  }
}

/**
 * `replicaStarted` (or `replicaFailed`, a startup failure) for a replica that
 * has already started.
 *
 * @example
 * import { Lifecycle } from "replicore"
 * let s = Lifecycle.make({ nodes: [{ id: "n1", capacity: { CPU: 1 } }], deployments: [{ id: "d", demand: { CPU: 1 }, target: 1 }] })
 * const first = Lifecycle.tick(s, { now: 0, events: [] })
 * const id = first.actions[0]?.type === "startReplica" ? first.actions[0].replica : ""
 * s = Lifecycle.tick(first.state, { now: 1, events: [{ type: "replicaStarted", replica: id, node: "n1" }] }).state
 * try {
 *   Lifecycle.tick(s, { now: 2, events: [{ type: "replicaStarted", replica: id, node: "n1" }] })
 * } catch (e) {
 *   e instanceof Lifecycle.ReplicaAlreadyStarted // true
 * }
 *
 * @category errors
 * @since 0.1.0
 */
export class ReplicaAlreadyStarted extends Data.TaggedError("ReplicaAlreadyStarted")<{
  readonly index: number
  readonly replica: string
}> {
  override get message(): string {
    return `replicore/lifecycle.tick: event ${this.index}: replica ${show(this.replica)} has already started`
  }
}

/**
 * `replicaUnhealthy` for a replica that has not started yet (a startup
 * failure is `replicaFailed`).
 *
 * @example
 * import { Lifecycle } from "replicore"
 * const s = Lifecycle.make({ nodes: [], deployments: [{ id: "d", demand: {}, target: 1 }] })
 * const { state, actions } = Lifecycle.tick(s, { now: 0, events: [] })
 * const id = actions[0]?.type === "startReplica" ? actions[0].replica : ""
 * try {
 *   Lifecycle.tick(state, { now: 0, events: [{ type: "replicaUnhealthy", replica: id }] })
 * } catch (e) {
 *   e instanceof Lifecycle.ReplicaNotStarted // true
 * }
 *
 * @category errors
 * @since 0.1.0
 */
export class ReplicaNotStarted extends Data.TaggedError("ReplicaNotStarted")<{
  readonly index: number
  readonly replica: string
}> {
  override get message(): string {
    return `replicore/lifecycle.tick: event ${this.index}: replica ${show(this.replica)} has not started`
  }
}
