/**
 * A replica's admission state: Ray Serve's `max_ongoing_requests` semaphore
 * with reservation tokens, as a pure value.
 *
 * A permit is held either by a reservation (a token from `reserve`, not yet
 * consumed) or by a running request. `start` with a token moves the permit
 * from the reservation to the request, so every request acquires exactly once;
 * `release` (abort) and `finish` give a permit back exactly once, handing it
 * to the oldest waiting request if one waits.
 *
 * @since 0.1.0
 */
import * as OrderedMap from "../internal/orderedMap.js"
import * as StringMap from "../internal/stringMap.js"
import {
  DuplicateRequest,
  DuplicateSlotToken,
  InvalidCapacity,
  InvalidSlotId,
  RequestNotRunning,
  UnknownSlotToken
} from "./errors.js"
import type { RequestId, SlotToken } from "./ids.js"

declare const SlotStateTypeId: unique symbol

/**
 * One replica's admission state. Immutable; every transition returns a new one.
 *
 * @category models
 * @since 0.1.0
 */
export interface SlotState {
  readonly [SlotStateTypeId]: typeof SlotStateTypeId
}

class State {
  constructor(
    readonly capacity: number,
    /** Live reservations: token → 1. */
    readonly reserved: StringMap.StringMap,
    readonly reservedCount: number,
    /** Running requests: id → 1. */
    readonly running: StringMap.StringMap,
    readonly runningCount: number,
    /** Waiting requests in arrival order: sequence → id. */
    readonly queue: OrderedMap.OrderedMap<RequestId>,
    /** Waiting requests: id → sequence. */
    readonly queued: StringMap.StringMap,
    readonly nextSeq: number,
    readonly quiescing: boolean
  ) {}

  get inUse(): number {
    return this.reservedCount + this.runningCount
  }

  with(changes: Partial<Omit<State, "inUse" | "with">>): State {
    return new State(
      changes.capacity ?? this.capacity,
      "reserved" in changes ? changes.reserved : this.reserved,
      changes.reservedCount ?? this.reservedCount,
      "running" in changes ? changes.running : this.running,
      changes.runningCount ?? this.runningCount,
      "queue" in changes ? changes.queue : this.queue,
      "queued" in changes ? changes.queued : this.queued,
      changes.nextSeq ?? this.nextSeq,
      changes.quiescing ?? this.quiescing
    )
  }
}

const wrap = (s: State): SlotState => s as unknown as SlotState
const unwrap = (s: SlotState): State => s as unknown as State

/** The value under `key`; a key that is not a string is in no map (tokens and ids come from callers). */
const lookup = (map: StringMap.StringMap, key: unknown): number | undefined =>
  typeof key === "string" ? StringMap.get(map, key) : undefined

const requireId = (operation: "reserve" | "start", field: "token" | "requestId", value: unknown): void => {
  if (typeof value !== "string") throw new InvalidSlotId({ operation, field, value })
}

const requireCapacity = (operation: "make" | "resize", capacity: unknown): number => {
  if (typeof capacity !== "number" || !Number.isSafeInteger(capacity) || capacity < 1) {
    throw new InvalidCapacity({ operation, capacity })
  }
  return capacity
}

/**
 * A fresh state: no permit in use, nobody waiting.
 *
 * @throws {MakeError} `InvalidCapacity` unless `maxOngoingRequests` is a
 * positive integer.
 *
 * @example
 * import { Slots } from "replicore"
 * Slots.canAccept(Slots.make(2)) // true
 *
 * @category constructors
 * @since 0.1.0
 */
export const make = (maxOngoingRequests: number): SlotState =>
  wrap(new State(requireCapacity("make", maxOngoingRequests), undefined, 0, undefined, 0, undefined, undefined, 0, false))

// ---------------------------------------------------------------------------
// Queries
// ---------------------------------------------------------------------------

/**
 * Running plus reserved requests: Ray's `get_num_ongoing_requests`.
 *
 * @example
 * import { Slots } from "replicore"
 * const { state } = Slots.reserve(Slots.make(2), Slots.SlotToken("t1"))
 * Slots.numOngoing(state) // 1
 *
 * @category getters
 * @since 0.1.0
 */
export const numOngoing = (self: SlotState): number => unwrap(self).inUse

/**
 * Requests waiting for a permit.
 *
 * @example
 * import { Slots } from "replicore"
 * const { state } = Slots.start(Slots.make(1), Slots.RequestId("a"))
 * Slots.numQueued(Slots.start(state, Slots.RequestId("b")).state) // 1
 *
 * @category getters
 * @since 0.1.0
 */
export const numQueued = (self: SlotState): number => OrderedMap.sizeOf(unwrap(self).queue)

/**
 * The current `max_ongoing_requests`.
 *
 * @example
 * import { Slots } from "replicore"
 * Slots.capacity(Slots.make(3)) // 3
 *
 * @category getters
 * @since 0.1.0
 */
export const capacity = (self: SlotState): number => unwrap(self).capacity

/**
 * Whether a new request or reservation would be admitted now: a permit is
 * free, nobody waits, and the replica is not quiescing.
 *
 * @example
 * import { Slots } from "replicore"
 * Slots.canAccept(Slots.quiesce(Slots.make(1)).state) // false
 *
 * @category getters
 * @since 0.1.0
 */
export const canAccept = (self: SlotState): boolean => {
  const s = unwrap(self)
  return !s.quiescing && s.queue === undefined && s.inUse < s.capacity
}

/**
 * Nothing running, reserved or queued: only then may the replica exit.
 *
 * @example
 * import { Slots } from "replicore"
 * Slots.isDrained(Slots.make(1)) // true
 *
 * @category getters
 * @since 0.1.0
 */
export const isDrained = (self: SlotState): boolean => {
  const s = unwrap(self)
  return s.inUse === 0 && s.queue === undefined
}

/**
 * Whether this token holds a live (unconsumed, unreleased) reservation.
 *
 * @example
 * import { Slots } from "replicore"
 * const t = Slots.SlotToken("t1")
 * Slots.isReserved(Slots.reserve(Slots.make(1), t).state, t) // true
 *
 * @category getters
 * @since 0.1.0
 */
export const isReserved = (self: SlotState, token: SlotToken): boolean =>
  lookup(unwrap(self).reserved, token) !== undefined

/**
 * Whether this request is running (holds a permit).
 *
 * @example
 * import { Slots } from "replicore"
 * const q = Slots.RequestId("q1")
 * Slots.isRunning(Slots.start(Slots.make(1), q).state, q) // true
 *
 * @category getters
 * @since 0.1.0
 */
export const isRunning = (self: SlotState, requestId: RequestId): boolean =>
  lookup(unwrap(self).running, requestId) !== undefined

/**
 * Whether this request waits for a permit.
 *
 * @example
 * import { Slots } from "replicore"
 * const s = Slots.start(Slots.make(1), Slots.RequestId("a")).state
 * Slots.isQueued(Slots.start(s, Slots.RequestId("b")).state, Slots.RequestId("b")) // true
 *
 * @category getters
 * @since 0.1.0
 */
export const isQueued = (self: SlotState, requestId: RequestId): boolean =>
  lookup(unwrap(self).queued, requestId) !== undefined

// ---------------------------------------------------------------------------
// Transitions
// ---------------------------------------------------------------------------

/**
 * The answer of {@link reserve}.
 *
 * @category models
 * @since 0.1.0
 */
export interface Reserved {
  readonly state: SlotState
  readonly accepted: boolean
  readonly numOngoing: number
}

/**
 * Reserves a permit under `token`, never waiting: accepted when a permit is
 * free, nobody waits and the replica is not quiescing; otherwise refused with
 * the state unchanged.
 *
 * @throws {ReserveError} `DuplicateSlotToken` when the token already holds a
 * reservation, `InvalidSlotId` when it is not a string; the state is unchanged.
 *
 * @example
 * import { Slots } from "replicore"
 * const r1 = Slots.reserve(Slots.make(1), Slots.SlotToken("t1"))
 * r1.accepted // true
 * Slots.reserve(r1.state, Slots.SlotToken("t2")).accepted // false: full
 *
 * @category combinators
 * @since 0.1.0
 */
export const reserve = (self: SlotState, token: SlotToken): Reserved => {
  const s = unwrap(self)
  requireId("reserve", "token", token)
  if (lookup(s.reserved, token) !== undefined) throw new DuplicateSlotToken({ token })
  if (!canAccept(self)) return { state: self, accepted: false, numOngoing: s.inUse }
  const next = s.with({ reserved: StringMap.set(s.reserved, token, 1), reservedCount: s.reservedCount + 1 })
  return { state: wrap(next), accepted: true, numOngoing: next.inUse }
}

/**
 * The answer of transitions that return a permit: the ids of waiting requests
 * that were handed one, in the order they arrived.
 *
 * @category models
 * @since 0.1.0
 */
export interface Granting {
  readonly state: SlotState
  readonly numOngoing: number
  readonly granted: ReadonlyArray<RequestId>
}

/**
 * The answer of {@link release}.
 *
 * @category models
 * @since 0.1.0
 */
export interface Released extends Granting {
  readonly released: boolean
}

/** Hands free permits to waiting requests, oldest first. */
const grantWaiting = (s: State): readonly [State, ReadonlyArray<RequestId>] => {
  if (s.queue === undefined || s.inUse >= s.capacity) return [s, []]
  let queue: OrderedMap.OrderedMap<RequestId> = s.queue
  let { queued, running, runningCount } = s
  const granted: Array<RequestId> = []
  while (queue !== undefined && runningCount + s.reservedCount < s.capacity) {
    const head = OrderedMap.first(queue) as OrderedMap.Node<RequestId>
    queue = OrderedMap.remove(queue, head.key)
    queued = StringMap.remove(queued, head.value)
    running = StringMap.set(running, head.value, 1)
    runningCount++
    granted.push(head.value)
  }
  return [s.with({ queue, queued, running, runningCount }), granted]
}

/**
 * Gives back the permit of an unconsumed reservation (the abort path), handing
 * it to the oldest waiting request if one waits. An unknown, consumed or
 * already released token answers `released: false` and changes nothing.
 *
 * @example
 * import { Slots } from "replicore"
 * const t = Slots.SlotToken("t1")
 * const { state } = Slots.reserve(Slots.make(1), t)
 * const once = Slots.release(state, t)
 * once.released // true
 * Slots.release(once.state, t).released // false
 *
 * @category combinators
 * @since 0.1.0
 */
export const release = (self: SlotState, token: SlotToken): Released => {
  const s = unwrap(self)
  if (lookup(s.reserved, token) === undefined) {
    return { state: self, released: false, numOngoing: s.inUse, granted: [] }
  }
  const [next, granted] = grantWaiting(
    s.with({ reserved: StringMap.remove(s.reserved, token), reservedCount: s.reservedCount - 1 })
  )
  return { state: wrap(next), released: true, numOngoing: next.inUse, granted }
}

/**
 * Options of {@link start}.
 *
 * @category models
 * @since 0.1.0
 */
export interface StartOptions {
  /** Consume this reservation instead of acquiring a permit. */
  readonly token?: SlotToken
  /** Refuse instead of queueing when no permit is free (Ray's `handle_request_with_rejection`). */
  readonly reject?: boolean
}

/**
 * The answer of {@link start}: `"started"` (holds a permit), `"queued"` (waits
 * for one) or `"rejected"` (holds nothing).
 *
 * @category models
 * @since 0.1.0
 */
export interface Started {
  readonly state: SlotState
  readonly outcome: "started" | "queued" | "rejected"
  readonly accepted: boolean
  readonly numOngoing: number
}

/**
 * Starts a request. With a token it consumes that reservation (no second
 * acquire). Without one it takes a free permit, or queues (or, with
 * `reject`, is rejected) when none is free, someone waits, or the replica is
 * quiescing (which rejects, as no new work is admitted).
 *
 * @throws {StartError} `UnknownSlotToken` for a token that holds no
 * reservation, `DuplicateRequest` for a request id already running or queued,
 * `InvalidSlotId` for a request id or token that is not a string; the state is
 * unchanged.
 *
 * @example
 * import { Slots } from "replicore"
 * const t = Slots.SlotToken("t1")
 * const { state } = Slots.reserve(Slots.make(1), t)
 * const started = Slots.start(state, Slots.RequestId("q1"), { token: t })
 * started.outcome // "started"
 * Slots.numOngoing(started.state) // 1: the reservation became the request
 *
 * @category combinators
 * @since 0.1.0
 */
export const start = (self: SlotState, requestId: RequestId, options: StartOptions = {}): Started => {
  const s = unwrap(self)
  requireId("start", "requestId", requestId)
  if (options.token !== undefined) requireId("start", "token", options.token)
  if (lookup(s.running, requestId) !== undefined) throw new DuplicateRequest({ requestId, status: "running" })
  if (lookup(s.queued, requestId) !== undefined) throw new DuplicateRequest({ requestId, status: "queued" })
  const running = StringMap.set(s.running, requestId, 1)
  if (options.token !== undefined) {
    if (lookup(s.reserved, options.token) === undefined) throw new UnknownSlotToken({ token: options.token })
    const next = s.with({
      reserved: StringMap.remove(s.reserved, options.token),
      reservedCount: s.reservedCount - 1,
      running,
      runningCount: s.runningCount + 1
    })
    return { state: wrap(next), outcome: "started", accepted: true, numOngoing: next.inUse }
  }
  if (canAccept(self)) {
    const next = s.with({ running, runningCount: s.runningCount + 1 })
    return { state: wrap(next), outcome: "started", accepted: true, numOngoing: next.inUse }
  }
  if (options.reject === true || s.quiescing) {
    return { state: self, outcome: "rejected", accepted: false, numOngoing: s.inUse }
  }
  const next = s.with({
    queue: OrderedMap.insert(s.queue, s.nextSeq, requestId),
    queued: StringMap.set(s.queued, requestId, s.nextSeq),
    nextSeq: s.nextSeq + 1
  })
  return { state: wrap(next), outcome: "queued", accepted: false, numOngoing: next.inUse }
}

/**
 * A running request ends (success, error or cancellation): its permit passes
 * to the oldest waiting request, or is returned.
 *
 * @throws {FinishError} `RequestNotRunning` when the request is not running;
 * the state is unchanged.
 *
 * @example
 * import { Slots } from "replicore"
 * let s = Slots.start(Slots.make(1), Slots.RequestId("a")).state
 * s = Slots.start(s, Slots.RequestId("b")).state // queued
 * Slots.finish(s, Slots.RequestId("a")).granted // ["b"]
 *
 * @category combinators
 * @since 0.1.0
 */
export const finish = (self: SlotState, requestId: RequestId): Granting => {
  const s = unwrap(self)
  if (lookup(s.running, requestId) === undefined) throw new RequestNotRunning({ requestId })
  const [next, granted] = grantWaiting(
    s.with({ running: StringMap.remove(s.running, requestId), runningCount: s.runningCount - 1 })
  )
  return { state: wrap(next), numOngoing: next.inUse, granted }
}

/**
 * The answer of {@link cancel}.
 *
 * @category models
 * @since 0.1.0
 */
export interface Cancelled {
  readonly state: SlotState
  readonly cancelled: boolean
}

/**
 * A waiting request leaves the queue, holding nothing. A request that is not
 * waiting answers `cancelled: false` and changes nothing (a running request
 * must `finish` instead).
 *
 * @example
 * import { Slots } from "replicore"
 * let s = Slots.start(Slots.make(1), Slots.RequestId("a")).state
 * s = Slots.start(s, Slots.RequestId("b")).state
 * Slots.numQueued(Slots.cancel(s, Slots.RequestId("b")).state) // 0
 *
 * @category combinators
 * @since 0.1.0
 */
export const cancel = (self: SlotState, requestId: RequestId): Cancelled => {
  const s = unwrap(self)
  const seq = lookup(s.queued, requestId)
  if (seq === undefined) return { state: self, cancelled: false }
  const next = s.with({ queue: OrderedMap.remove(s.queue, seq), queued: StringMap.remove(s.queued, requestId) })
  return { state: wrap(next), cancelled: true }
}

/**
 * Sets a new `max_ongoing_requests`. Lowering it below the permits in use
 * revokes nothing: it only stops new grants until enough are returned.
 * Raising it grants waiting requests at once, in arrival order.
 *
 * @throws {ResizeError} `InvalidCapacity` unless `maxOngoingRequests` is a
 * positive integer; the state is unchanged.
 *
 * @example
 * import { Slots } from "replicore"
 * let s = Slots.start(Slots.make(1), Slots.RequestId("a")).state
 * s = Slots.start(s, Slots.RequestId("b")).state
 * Slots.resize(s, 2).granted // ["b"]
 *
 * @category combinators
 * @since 0.1.0
 */
export const resize = (self: SlotState, maxOngoingRequests: number): Granting => {
  const s = unwrap(self)
  const [next, granted] = grantWaiting(s.with({ capacity: requireCapacity("resize", maxOngoingRequests) }))
  return { state: wrap(next), numOngoing: next.inUse, granted }
}

/**
 * Graceful shutdown began: no new reservation, and no start without a token,
 * is admitted from now on. Running requests, queued ones and live reservations
 * go on as before.
 *
 * @example
 * import { Slots } from "replicore"
 * const { state: s } = Slots.quiesce(Slots.make(1))
 * Slots.reserve(s, Slots.SlotToken("t")).accepted // false
 *
 * @category combinators
 * @since 0.1.0
 */
export const quiesce = (self: SlotState): { readonly state: SlotState } => ({
  state: wrap(unwrap(self).with({ quiescing: true }))
})
