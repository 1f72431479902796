/**
 * The typed errors of the slot reservation core, and the union each operation
 * throws. Each error is an effect `Data.TaggedError` whose message starts with
 * `replicore/slots.<function>:` and names the offending item; a refused
 * operation changes nothing.
 *
 * @since 0.1.0
 */
import { Data, type Predicate } from "effect"
import { isTaggedUnion } from "../internal/tagged.js"

/**
 * The slot function that refused its input, as named in messages.
 *
 * @category models
 * @since 0.1.0
 */
export type SlotOperation = "make" | "reserve" | "start" | "finish" | "resize"

const prefix = (operation: SlotOperation): string => `replicore/slots.${operation}:`

const show = (value: unknown): string => {
  if (typeof value === "bigint") return `${value}n`
  try {
    return JSON.stringify(value) ?? String(value)
  } catch {
    return String(value)
  }
}

/**
 * A capacity (`max_ongoing_requests`) that is not a positive integer.
 *
 * @example
 * import { Slots } from "replicore"
 * try {
 *   Slots.make(0)
 * } catch (e) {
 *   (e as Slots.InvalidCapacity).capacity // 0
 * }
 *
 * @category errors
 * @since 0.1.0
 */
export class InvalidCapacity extends Data.TaggedError("InvalidCapacity")<{
  readonly operation: "make" | "resize"
  readonly capacity: unknown
}> {
  override get message(): string {
    return `${prefix(this.operation)} max_ongoing_requests must be a positive integer, got ${String(this.capacity)}`
  }
}

/**
 * `reserve` was given a token that already holds a reservation (Ray leaks a permit there).
 *
 * @example
 * import { Slots } from "replicore"
 * const { state } = Slots.reserve(Slots.make(2), Slots.SlotToken("t1"))
 * try {
 *   Slots.reserve(state, Slots.SlotToken("t1"))
 * } catch (e) {
 *   (e as Slots.DuplicateSlotToken).token // "t1"
 * }
 *
 * @category errors
 * @since 0.1.0
 */
export class DuplicateSlotToken extends Data.TaggedError("DuplicateSlotToken")<{ readonly token: string }> {
  override get message(): string {
    return `${prefix("reserve")} slot token ${JSON.stringify(this.token)} already holds a reservation`
  }
}

/**
 * `start` was given a token that holds no reservation: never reserved, already
 * released, or already consumed by another request.
 *
 * @example
 * import { Slots } from "replicore"
 * try {
 *   Slots.start(Slots.make(1), Slots.RequestId("q1"), { token: Slots.SlotToken("ghost") })
 * } catch (e) {
 *   (e as Slots.UnknownSlotToken).token // "ghost"
 * }
 *
 * @category errors
 * @since 0.1.0
 */
export class UnknownSlotToken extends Data.TaggedError("UnknownSlotToken")<{ readonly token: string }> {
  override get message(): string {
    return `${prefix("start")} request tried to consume an unknown reserved slot ${JSON.stringify(this.token)}`
  }
}

/**
 * `start` was given a request id that is already running or queued.
 *
 * @example
 * import { Slots } from "replicore"
 * const { state } = Slots.start(Slots.make(1), Slots.RequestId("q1"))
 * try {
 *   Slots.start(state, Slots.RequestId("q1"))
 * } catch (e) {
 *   (e as Slots.DuplicateRequest).requestId // "q1"
 * }
 *
 * @category errors
 * @since 0.1.0
 */
export class DuplicateRequest extends Data.TaggedError("DuplicateRequest")<{
  readonly requestId: string
  readonly status: "running" | "queued"
}> {
  override get message(): string {
    return `${prefix("start")} request ${JSON.stringify(this.requestId)} is already ${this.status}`
  }
}

/**
 * `reserve` or `start` was given a token or a request id that is not a string.
 *
 * @example
 * import { Slots } from "replicore"
 * try {
 *   Slots.reserve(Slots.make(1), null as never)
 * } catch (e) {
 *   (e as Slots.InvalidSlotId).field // "token"
 * }
 *
 * @category errors
 * @since 0.1.0
 */
export class InvalidSlotId extends Data.TaggedError("InvalidSlotId")<{
  readonly operation: "reserve" | "start"
  readonly field: "token" | "requestId"
  readonly value: unknown
}> {
  override get message(): string {
    return `${prefix(this.operation)} ${this.field} must be a string, got ${show(this.value)}`
  }
}

/**
 * `finish` was given a request id that is not running.
 *
 * @example
 * import { Slots } from "replicore"
 * try {
 *   Slots.finish(Slots.make(1), Slots.RequestId("q1"))
 * } catch (e) {
 *   (e as Slots.RequestNotRunning).requestId // "q1"
 * }
 *
 * @category errors
 * @since 0.1.0
 */
export class RequestNotRunning extends Data.TaggedError("RequestNotRunning")<{ readonly requestId: string }> {
  override get message(): string {
    return `${prefix("finish")} request ${JSON.stringify(this.requestId)} is not running`
  }
}

/**
 * What `make` throws: a capacity that is not a positive integer.
 *
 * @category errors
 * @since 0.1.0
 */
export type MakeError = InvalidCapacity

/**
 * What `reserve` throws: a token that already holds a reservation, or one
 * that is not a string.
 *
 * @category errors
 * @since 0.1.0
 */
export type ReserveError = DuplicateSlotToken | InvalidSlotId

/**
 * What `start` throws: a token that holds no reservation, a request id
 * already running or queued, or a token or request id that is not a string.
 *
 * @category errors
 * @since 0.1.0
 */
export type StartError = UnknownSlotToken | DuplicateRequest | InvalidSlotId

/**
 * What `finish` throws: a request that is not running.
 *
 * @category errors
 * @since 0.1.0
 */
export type FinishError = RequestNotRunning

/**
 * What `resize` throws: a capacity that is not a positive integer.
 *
 * @category errors
 * @since 0.1.0
 */
export type ResizeError = InvalidCapacity

/**
 * Any error the slot core throws: the union of every operation's errors.
 *
 * @category errors
 * @since 0.1.0
 */
export type SlotError = MakeError | ReserveError | StartError | FinishError | ResizeError

/**
 * Whether a value is one of the slot core's errors (by its `_tag`).
 *
 * @example
 * import { Slots } from "replicore"
 * import { Either } from "effect"
 * const result = Either.try({
 *   try: () => Slots.finish(Slots.make(1), Slots.RequestId("q1")),
 *   catch: (e) => (Slots.isSlotError(e) ? e._tag : "other")
 * })
 * Either.isLeft(result) && result.left // "RequestNotRunning"
 *
 * @category refinements
 * @since 0.1.0
 */
export const isSlotError: Predicate.Refinement<unknown, SlotError> = isTaggedUnion<SlotError>({
  InvalidCapacity: true,
  DuplicateSlotToken: true,
  UnknownSlotToken: true,
  DuplicateRequest: true,
  RequestNotRunning: true,
  InvalidSlotId: true
})
