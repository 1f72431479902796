/**
 * The typed errors of the replica container. Each one is an effect
 * `Data.TaggedError`: it can be thrown, caught with `Either.try` or
 * `Effect.try`, and matched on its `_tag`. Each names the offending item.
 *
 * @since 0.1.0
 */
import { Data } from "effect"

/**
 * The container function that refused its input, as named in messages.
 *
 * @since 0.1.0
 */
export type ContainerOperation =
  | "add"
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
 * A value given as a replica is not a record with a string `id` and a string `version`,
 * or an id given to `remove`/`transition` is not a string.
 *
 * @example
 * import { Container } from "replicore"
 * try {
 *   Container.add(Container.empty(), "RUNNING", { id: 7, version: "v1" } as never)
 * } catch (e) {
 *   e instanceof Container.InvalidReplica // true
 * }
 *
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
 * @since 0.1.0
 */
export class DuplicateReplica extends Data.TaggedError("DuplicateReplica")<{
  readonly id: string
  readonly existingState: string
}> {
  override get message(): string {
    return `${prefix("add")} replica ${show(this.id)} is already in the container (in ${this.existingState})`
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
 * @since 0.1.0
 */
export class UnknownReplica extends Data.TaggedError("UnknownReplica")<{
  readonly operation: ContainerOperation
  readonly id: string
}> {
  override get message(): string {
    return `${prefix(this.operation)} no replica with id ${show(this.id)}`
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
 * Any error the container throws.
 *
 * @since 0.1.0
 */
export type ContainerError =
  | InvalidReplicaState
  | InvalidReplica
  | DuplicateReplica
  | UnknownReplica
  | InvalidMaxReplicas
  | ConflictingVersionFilters
