/**
 * The typed errors of the replica container, and the union each operation
 * throws. Each error is an effect `Data.TaggedError`: it can be thrown, caught
 * with `Either.try` or `Effect.try`, and matched on its `_tag`. Its message
 * starts with `replicore/container.<function>:` and names the offending item.
 * An operation that throws changes nothing: its input container is as it was.
 *
 * @since 0.1.0
 */
import { Data, type Predicate } from "effect"
import { isTaggedUnion } from "../internal/tagged.js"

/**
 * The container function that refused its input, as named in messages.
 *
 * @category models
 * @since 0.1.0
 */
export type ContainerOperation =
  | "add"
  | "addAll"
  | "get"
  | "pop"
  | "count"
  | "remove"
  | "transition"

const prefix = (operation: ContainerOperation): string => `replicore/container.${operation}:`

const show = (value: unknown): string => {
  if (typeof value === "string") return JSON.stringify(value)
  if (typeof value === "bigint") return `${value}n`
  try {
    return JSON.stringify(value) ?? String(value)
  } catch {
    return String(value)
  }
}

/**
 * A value given as a replica state is not one of `ALL_REPLICA_STATES`.
 *
 * @example
 * import { Container } from "replicore"
 * try {
 *   Container.add(Container.empty(), "STOPPED" as never, { id: "a", version: "v1" })
 * } catch (e) {
 *   e instanceof Container.InvalidReplicaState // true
 * }
 *
 * @category errors
 * @since 0.1.0
 */
export class InvalidReplicaState extends Data.TaggedError("InvalidReplicaState")<{
  readonly operation: ContainerOperation
  readonly state: unknown
}> {
  override get message(): string {
    return `${prefix(this.operation)} ${show(this.state)} is not a replica state`
  }
}

/**
 * A value given as a replica is not a record with a string `id` and a string
 * `version`, or an id given to `remove`/`transition` is not a string (or the
 * ids given to `remove` are not an iterable).
 *
 * @example
 * import { Container } from "replicore"
 * try {
 *   Container.add(Container.empty(), "RUNNING", { id: 7, version: "v1" } as never)
 * } catch (e) {
 *   e instanceof Container.InvalidReplica // true
 * }
 *
 * @category errors
 * @since 0.1.0
 */
export class InvalidReplica extends Data.TaggedError("InvalidReplica")<{
  readonly operation: ContainerOperation
  readonly replica: unknown
  readonly reason: string
}> {
  override get message(): string {
    return `${prefix(this.operation)} invalid replica ${show(this.replica)}: ${this.reason}`
  }
}

/**
 * `add` was given a replica whose id is already in the container.
 *
 * @example
 * import { Container } from "replicore"
 * const c = Container.add(Container.empty(), "RUNNING", { id: "a", version: "v1" })
 * try {
 *   Container.add(c, "STARTING", { id: "a", version: "v2" })
 * } catch (e) {
 *   (e as Container.DuplicateReplica).existingState // "RUNNING"
 * }
 *
 * @category errors
 * @since 0.1.0
 */
export class DuplicateReplica extends Data.TaggedError("DuplicateReplica")<{
  readonly operation: "add" | "addAll"
  readonly id: string
  readonly existingState: string
}> {
  override get message(): string {
    return `${prefix(this.operation)} replica ${show(this.id)} is already in the container (in ${this.existingState})`
  }
}

/**
 * `transition` was given an id that is not in the container.
 *
 * @example
 * import { Container } from "replicore"
 * try {
 *   Container.transition(Container.empty(), "ghost", "STOPPING")
 * } catch (e) {
 *   (e as Container.UnknownReplica).id // "ghost"
 * }
 *
 * @category errors
 * @since 0.1.0
 */
export class UnknownReplica extends Data.TaggedError("UnknownReplica")<{
  readonly operation: "transition"
  readonly id: string
}> {
  override get message(): string {
    return `${prefix(this.operation)} no replica with id ${show(this.id)}`
  }
}

/**
 * `pop` or `count` was given a version filter (`version`, `excludeVersion`)
 * that is not a string.
 *
 * @example
 * import { Container } from "replicore"
 * try {
 *   Container.count(Container.empty(), { version: 2 as never })
 * } catch (e) {
 *   (e as Container.InvalidVersionFilter).filter // "version"
 * }
 *
 * @category errors
 * @since 0.1.0
 */
export class InvalidVersionFilter extends Data.TaggedError("InvalidVersionFilter")<{
  readonly operation: "pop" | "count"
  readonly filter: "version" | "excludeVersion"
  readonly value: unknown
}> {
  override get message(): string {
    return `${prefix(this.operation)} ${this.filter} must be a string, got ${show(this.value)}`
  }
}

/**
 * `pop` was given a `maxReplicas` that is not a non-negative integer (or `Infinity`).
 *
 * @example
 * import { Container } from "replicore"
 * try {
 *   Container.pop(Container.empty(), { maxReplicas: -1 })
 * } catch (e) {
 *   (e as Container.InvalidMaxReplicas).value // -1
 * }
 *
 * @category errors
 * @since 0.1.0
 */
export class InvalidMaxReplicas extends Data.TaggedError("InvalidMaxReplicas")<{
  readonly value: unknown
}> {
  override get message(): string {
    return `${prefix("pop")} maxReplicas must be a non-negative integer or Infinity, got ${show(this.value)}`
  }
}

/**
 * `count` was given both `version` and `excludeVersion` (Ray raises `ValueError` there).
 *
 * @example
 * import { Container } from "replicore"
 * try {
 *   Container.count(Container.empty(), { version: "v1", excludeVersion: "v2" } as never)
 * } catch (e) {
 *   e instanceof Container.ConflictingVersionFilters // true
 * }
 *
 * @category errors
 * @since 0.1.0
 */
export class ConflictingVersionFilters extends Data.TaggedError("ConflictingVersionFilters")<{
  readonly version: unknown
  readonly excludeVersion: unknown
}> {
  override get message(): string {
    return `${prefix("count")} only one of version (${show(this.version)}) or excludeVersion (${
      show(this.excludeVersion)
    }) may be provided`
  }
}

/**
 * What `add` and `addAll` throw: a state that is not a replica state, a value
 * that is not a replica, or an id already in the container (or repeated in
 * the batch).
 *
 * @category errors
 * @since 0.1.0
 */
export type AddError = InvalidReplicaState | InvalidReplica | DuplicateReplica

/**
 * What `get` throws: a listed state that is not a replica state.
 *
 * @category errors
 * @since 0.1.0
 */
export type GetError = InvalidReplicaState

/**
 * What `pop` throws: a listed state that is not a replica state, a version
 * filter that is not a string, or a bad `maxReplicas`.
 *
 * @category errors
 * @since 0.1.0
 */
export type PopError = InvalidReplicaState | InvalidVersionFilter | InvalidMaxReplicas

/**
 * What `count` throws: a listed state that is not a replica state, a version
 * filter that is not a string, or both version filters at once.
 *
 * @category errors
 * @since 0.1.0
 */
export type CountError = InvalidReplicaState | InvalidVersionFilter | ConflictingVersionFilters

/**
 * What `remove` throws: ids that are not an iterable of strings.
 *
 * @category errors
 * @since 0.1.0
 */
export type RemoveError = InvalidReplica

/**
 * What `transition` throws: an id that is not a string or not in the
 * container, or a target that is not a replica state.
 *
 * @category errors
 * @since 0.1.0
 */
export type TransitionError = InvalidReplica | InvalidReplicaState | UnknownReplica

/**
 * Any error the container throws: the union of every operation's errors.
 *
 * @category errors
 * @since 0.1.0
 */
export type ContainerError = AddError | GetError | PopError | CountError | RemoveError | TransitionError

/**
 * Whether a value is one of the container's errors (by its `_tag`).
 *
 * @example
 * import { Container } from "replicore"
 * import { Either } from "effect"
 * const result = Either.try({
 *   try: () => Container.transition(Container.empty(), "ghost", "RUNNING"),
 *   catch: (e) => (Container.isContainerError(e) ? e._tag : "other")
 * })
 * Either.isLeft(result) && result.left // "UnknownReplica"
 *
 * @category refinements
 * @since 0.1.0
 */
export const isContainerError: Predicate.Refinement<unknown, ContainerError> = isTaggedUnion<ContainerError>({
  InvalidReplicaState: true,
  InvalidReplica: true,
  DuplicateReplica: true,
  UnknownReplica: true,
  InvalidVersionFilter: true,
  InvalidMaxReplicas: true,
  ConflictingVersionFilters: true
})
