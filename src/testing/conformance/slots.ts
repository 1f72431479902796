/**
 * The slot admission conformance kit: your own implementation of a replica's
 * `max_ongoing_requests` semaphore with reservation tokens checked by
 * replicore's own model-based suite and exhaustive exploration, against the
 * reference model and the conservation ledger of `spec/slots`, every `S*`
 * invariant after every operation.
 *
 * @since 0.1.0
 */
import {
  EXHAUSTIVE_CAPACITIES,
  EXHAUSTIVE_MAX_DEPTH,
  EXHAUSTIVE_REQUESTS,
  EXHAUSTIVE_TOKENS,
  exhaustiveSlotActions,
  initialSlotObservationOf,
  MODEL_REQUESTS,
  MODEL_TOKENS,
  showSlotOp,
  type SlotImplementation,
  slotInvariants,
  slotKey,
  slotOp,
  type SlotOp,
  slotStepOf
} from "../../../spec/slots.js"
import { coreAnswer } from "../../../spec/lockstep.js"
import fc from "fast-check"
import type { ConformanceOptions, ConformanceReport } from "./Conformance.js"
import { check, DEFAULT_MAX_COMMANDS, property, type Suite } from "../internal/conformance.js"

/**
 * Your slot admission, seen through the operations of replicore's (see the
 * README's table). Each operation answers the new state as `state` beside
 * exactly the fields replicore answers: `reserve` → `accepted`, `numOngoing`;
 * `release` → `released`, `numOngoing`, `granted` (the queued requests handed
 * a permit, `[]` when none); `start` → `outcome` (`"started"`, `"queued"` or
 * `"rejected"`), `accepted`, `numOngoing`; `finish` and `resize` →
 * `numOngoing`, `granted`; `cancel` → `cancelled`; `quiesce` → nothing else.
 * A refused operation throws an error whose `_tag` is the tag of replicore's
 * error for that case (`DuplicateSlotToken`, `UnknownSlotToken`,
 * `DuplicateRequest`, `RequestNotRunning`, `InvalidCapacity`).
 *
 * A mutable implementation gives `copy`, which the kit calls before every
 * operation; without it the implementation is taken to be persistent and its
 * inputs are deep-frozen.
 *
 * @category models
 * @since 0.1.0
 */
export interface SlotAdapter<S> {
  readonly make: (maxOngoingRequests: number) => S
  readonly copy?: (self: S) => S
  readonly reserve: (self: S, token: string) => { readonly state: S; readonly accepted: boolean; readonly numOngoing: number }
  readonly release: (self: S, token: string) => {
    readonly state: S
    readonly released: boolean
    readonly numOngoing: number
    readonly granted: ReadonlyArray<string>
  }
  readonly start: (self: S, requestId: string, options: { readonly token?: string; readonly reject?: boolean }) => {
    readonly state: S
    readonly outcome: "started" | "queued" | "rejected"
    readonly accepted: boolean
    readonly numOngoing: number
  }
  readonly finish: (self: S, requestId: string) => { readonly state: S; readonly numOngoing: number; readonly granted: ReadonlyArray<string> }
  readonly cancel: (self: S, requestId: string) => { readonly state: S; readonly cancelled: boolean }
  readonly resize: (self: S, maxOngoingRequests: number) => {
    readonly state: S
    readonly numOngoing: number
    readonly granted: ReadonlyArray<string>
  }
  readonly quiesce: (self: S) => { readonly state: S }
  readonly capacity: (self: S) => number
  readonly numOngoing: (self: S) => number
  readonly numQueued: (self: S) => number
  readonly canAccept: (self: S) => boolean
  readonly isDrained: (self: S) => boolean
  readonly isReserved: (self: S, token: string) => boolean
  readonly isRunning: (self: S, requestId: string) => boolean
  readonly isQueued: (self: S, requestId: string) => boolean
}

/** The slot invariants that judge any implementation: S7 is about replicore's own error messages. */
const INVARIANTS = slotInvariants.filter((i) => i.id !== "S7")

const withoutState = ({ state: _state, ...rest }: { readonly state: unknown }): Readonly<Record<string, unknown>> => rest

const implementationOf = <S>(a: SlotAdapter<S>): SlotImplementation<S> => ({
  make: a.make,
  apply: (s: S, op: SlotOp) =>
    coreAnswer(s, () => {
      const answer = (result: { readonly state: S }) => [withoutState(result), result.state] as const
      switch (op.kind) {
        case "reserve":
          return answer(a.reserve(s, op.token))
        case "release":
          return answer(a.release(s, op.token))
        case "start":
          return answer(a.start(s, op.requestId, {
            ...(op.token === undefined ? {} : { token: op.token }),
            ...(op.reject === undefined ? {} : { reject: op.reject })
          }))
        case "finish":
          return answer(a.finish(s, op.requestId))
        case "cancel":
          return answer(a.cancel(s, op.requestId))
        case "resize":
          return answer(a.resize(s, op.capacity))
        case "quiesce":
          return answer(a.quiesce(s))
      }
    }),
  view: (s, tokens, requests) => ({
    capacity: a.capacity(s),
    numOngoing: a.numOngoing(s),
    numQueued: a.numQueued(s),
    canAccept: a.canAccept(s),
    isDrained: a.isDrained(s),
    reserved: tokens.filter((t) => a.isReserved(s, t)),
    running: requests.filter((r) => a.isRunning(s, r)),
    queued: requests.filter((r) => a.isQueued(s, r))
  }),
  ...(a.copy === undefined ? {} : { copy: a.copy })
})

const suiteOf = <S>(a: SlotAdapter<S>): Suite<number, ReturnType<typeof initialSlotObservationOf<S>>, SlotOp> => {
  const implementation = implementationOf(a)
  return {
    core: "slots",
    setup: fc.integer({ min: 1, max: 3 }),
    start: (capacity) => initialSlotObservationOf(implementation, capacity, MODEL_TOKENS, MODEL_REQUESTS),
    op: slotOp,
    step: slotStepOf(implementation),
    show: showSlotOp,
    invariants: INVARIANTS,
    exhaustive: {
      initials: EXHAUSTIVE_CAPACITIES.map((c) => initialSlotObservationOf(implementation, c, EXHAUSTIVE_TOKENS, EXHAUSTIVE_REQUESTS)),
      actions: exhaustiveSlotActions,
      key: slotKey,
      maxDepth: EXHAUSTIVE_MAX_DEPTH
    }
  }
}

/**
 * The model-based property of replicore's slot suite over your
 * implementation, for `fc.assert`: a capacity from 1 to 3, then random
 * reservations, releases, starts, finishes, cancels, resizes and quiesces,
 * tokens replayed after use, in lockstep with the reference model and the
 * ledger of grants and returns, every invariant after every operation.
 *
 * @example
 * import { Slots } from "replicore"
 * import { slotProperty, type SlotAdapter } from "replicore/testing"
 * import fc from "fast-check"
 * const replicore: SlotAdapter<Slots.SlotState> = {
 *   make: Slots.make,
 *   reserve: (s, t) => Slots.reserve(s, Slots.SlotToken(t)),
 *   release: (s, t) => Slots.release(s, Slots.SlotToken(t)),
 *   start: (s, id, o) => Slots.start(s, Slots.RequestId(id), {
 *     ...(o.token === undefined ? {} : { token: Slots.SlotToken(o.token) }),
 *     ...(o.reject === undefined ? {} : { reject: o.reject })
 *   }),
 *   finish: (s, id) => Slots.finish(s, Slots.RequestId(id)),
 *   cancel: (s, id) => Slots.cancel(s, Slots.RequestId(id)),
 *   resize: Slots.resize,
 *   quiesce: Slots.quiesce,
 *   capacity: Slots.capacity,
 *   numOngoing: Slots.numOngoing,
 *   numQueued: Slots.numQueued,
 *   canAccept: Slots.canAccept,
 *   isDrained: Slots.isDrained,
 *   isReserved: (s, t) => Slots.isReserved(s, Slots.SlotToken(t)),
 *   isRunning: (s, id) => Slots.isRunning(s, Slots.RequestId(id)),
 *   isQueued: (s, id) => Slots.isQueued(s, Slots.RequestId(id))
 * }
 * fc.assert(slotProperty(replicore), { numRuns: 20, seed: 1 }) // passes
 *
 * @category conformance
 * @since 0.1.0
 */
export const slotProperty = <S>(adapter: SlotAdapter<S>, maxCommands: number = DEFAULT_MAX_COMMANDS): fc.IProperty<[unknown, unknown]> =>
  property(suiteOf(adapter), maxCommands) as unknown as fc.IProperty<[unknown, unknown]>

/**
 * Runs replicore's slot suite against your implementation: the model-based
 * property (`options.numRuns` runs, default 100, with `options.seed`), then
 * the exhaustive exploration from capacities 1, 2 and 3 over 3 tokens and 3
 * requests, to a fixpoint. Every `S*` invariant is checked after every
 * operation, except S7 (replicore's own error messages).
 *
 * @throws {ConformanceFailure} naming the invariant, with the seed, the path and the shrunk operations (or a shortest sequence).
 *
 * @example
 * import { Slots } from "replicore"
 * import { checkSlots, type SlotAdapter } from "replicore/testing"
 * const replicore: SlotAdapter<Slots.SlotState> = {
 *   make: Slots.make,
 *   reserve: (s, t) => Slots.reserve(s, Slots.SlotToken(t)),
 *   release: (s, t) => Slots.release(s, Slots.SlotToken(t)),
 *   start: (s, id, o) => Slots.start(s, Slots.RequestId(id), {
 *     ...(o.token === undefined ? {} : { token: Slots.SlotToken(o.token) }),
 *     ...(o.reject === undefined ? {} : { reject: o.reject })
 *   }),
 *   finish: (s, id) => Slots.finish(s, Slots.RequestId(id)),
 *   cancel: (s, id) => Slots.cancel(s, Slots.RequestId(id)),
 *   resize: Slots.resize,
 *   quiesce: Slots.quiesce,
 *   capacity: Slots.capacity,
 *   numOngoing: Slots.numOngoing,
 *   numQueued: Slots.numQueued,
 *   canAccept: Slots.canAccept,
 *   isDrained: Slots.isDrained,
 *   isReserved: (s, t) => Slots.isReserved(s, Slots.SlotToken(t)),
 *   isRunning: (s, id) => Slots.isRunning(s, Slots.RequestId(id)),
 *   isQueued: (s, id) => Slots.isQueued(s, Slots.RequestId(id))
 * }
 * checkSlots(replicore, { numRuns: 20, seed: 1, exhaustive: false }).invariants
 * // ["S1", "S2", "S3", "S4", "S5", "S6"]
 *
 * @category conformance
 * @since 0.1.0
 */
export const checkSlots = <S>(adapter: SlotAdapter<S>, options: ConformanceOptions = {}): ConformanceReport =>
  check(suiteOf(adapter), options)
