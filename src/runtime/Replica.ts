/**
 * The replica runtime, `Runtime.Replica`: the Effect adapter of the slot core.
 * One replica's admission state lives in a `Ref`, its waiting requests are
 * suspended in `Effect.async` until a transition grants them. This is the only
 * place with concurrency and interruption; every decision is the pure core's.
 *
 * Each effect fails with exactly the errors that the slot operation it runs
 * throws (`Slots.ReserveError`, `Slots.StartError`, …), and a refused
 * operation changes nothing.
 *
 * @since 0.1.0
 */
import { Data, Effect, type Predicate, Ref, type Scope } from "effect"
import { isTaggedUnion } from "../internal/tagged.js"
import * as Slots from "../slots/index.js"

/**
 * How a waiting request is woken: its resume callback once it waits, or
 * `"granted"` when the permit reached it before it began to wait.
 */
type Waiter = ((resume: Effect.Effect<void>) => void) | "granted"

/**
 * One replica's admission runtime.
 *
 * @category models
 * @since 0.1.0
 */
export interface ReplicaRuntime {
  readonly replicaId: string
  /** @internal */
  readonly cell: Ref.Ref<Slots.SlotState>
  /** @internal The waiting requests' wake-ups; only this module touches it, between two pure transitions. */
  readonly waiters: Map<Slots.RequestId, Waiter>
}

/**
 * A request that was refused (`reject: true` at capacity, or the replica is quiescing).
 *
 * @example
 * import { Runtime } from "replicore"
 * new Runtime.Replica.Rejected({ replicaId: "r1", numOngoing: 3 })._tag // "Rejected"
 *
 * @category models
 * @since 0.1.0
 */
export class Rejected extends Data.TaggedClass("Rejected")<{ readonly replicaId: string; readonly numOngoing: number }> {}

/** The declared errors of each slot operation, as guards the compiler checks against the unions. */
const isMakeError = isTaggedUnion<Slots.MakeError>({ InvalidCapacity: true })
const isReserveError = isTaggedUnion<Slots.ReserveError>({ DuplicateSlotToken: true, InvalidSlotId: true })
const isStartError = isTaggedUnion<Slots.StartError>({ UnknownSlotToken: true, DuplicateRequest: true, InvalidSlotId: true })
const isFinishError = isTaggedUnion<Slots.FinishError>({ RequestNotRunning: true })
const isResizeError = isTaggedUnion<Slots.ResizeError>({ InvalidCapacity: true })
/** For the operations that throw nothing: anything thrown is a defect. */
const isNothing = (_: unknown): _ is never => false

/**
 * Runs a pure slot operation as an effect: its declared errors (those `isError`
 * accepts) become the effect's failure, anything else thrown is a defect.
 */
const attempt = <A, E>(run: () => A, isError: Predicate.Refinement<unknown, E>): Effect.Effect<A, E> =>
  Effect.suspend(() => {
    try {
      return Effect.succeed(run())
    } catch (e) {
      return isError(e) ? Effect.fail(e) : Effect.die(e)
    }
  })

/**
 * A runtime with capacity `maxOngoingRequests`.
 * Fails with `Slots.MakeError` (`InvalidCapacity`) unless it is a positive integer.
 *
 * @example
 * import { Effect } from "effect"
 * import { Runtime } from "replicore"
 * const n = Effect.runSync(Effect.flatMap(Runtime.Replica.make("r1", 2), Runtime.Replica.numOngoing)) // 0
 *
 * @category constructors
 * @since 0.1.0
 */
export const make = (replicaId: string, maxOngoingRequests: number): Effect.Effect<ReplicaRuntime, Slots.MakeError> =>
  Effect.flatMap(
    attempt(() => Slots.make(maxOngoingRequests), isMakeError),
    (slots) => Effect.map(Ref.make(slots), (cell) => ({ replicaId, cell, waiters: new Map() }))
  )

/**
 * Applies a pure transition atomically: a declared refusal is the effect's
 * failure and changes nothing; anything else thrown is a defect.
 */
const transition = <A extends { readonly state: Slots.SlotState }, E>(
  runtime: ReplicaRuntime,
  f: (slots: Slots.SlotState) => A,
  isError: Predicate.Refinement<unknown, E>
): Effect.Effect<A, E> =>
  Effect.flatten(
    Ref.modify(runtime.cell, (slots): [Effect.Effect<A, E>, Slots.SlotState] => {
      try {
        const result = f(slots)
        return [Effect.succeed(result), result.state]
      } catch (e) {
        return [isError(e) ? Effect.fail(e) : Effect.die(e), slots]
      }
    })
  )

/** Wakes the waiters that a transition handed a permit to (or marks them, if they have not begun to wait). */
const wake = (runtime: ReplicaRuntime, granted: ReadonlyArray<Slots.RequestId>): Effect.Effect<void> =>
  granted.length === 0 ? Effect.void : Effect.sync(() => {
    for (const id of granted) {
      const waiter = runtime.waiters.get(id)
      if (typeof waiter === "function") {
        runtime.waiters.delete(id)
        waiter(Effect.void)
      } else {
        runtime.waiters.set(id, "granted")
      }
    }
  })

/** Waits until `requestId` is granted a permit. */
const awaitGrant = (runtime: ReplicaRuntime, requestId: Slots.RequestId): Effect.Effect<void> =>
  Effect.async<void>((resume) => {
    if (runtime.waiters.get(requestId) === "granted") {
      runtime.waiters.delete(requestId)
      resume(Effect.void)
    } else {
      runtime.waiters.set(requestId, resume)
    }
  })

/**
 * The state of a reservation taken with {@link reserve}.
 *
 * @category models
 * @since 0.1.0
 */
export interface Reservation {
  readonly token: Slots.SlotToken
  readonly accepted: boolean
  readonly numOngoing: number
}

/**
 * Gives back a reservation's permit unless it was consumed (idempotent).
 *
 * @example
 * import { Effect } from "effect"
 * import { Runtime, Slots } from "replicore"
 * const released = Effect.runSync(
 *   Effect.flatMap(Runtime.Replica.make("r1", 1), (rt) => Runtime.Replica.release(rt, Slots.SlotToken("never-reserved")))
 * ) // false
 *
 * @category combinators
 * @since 0.1.0
 */
export const release = (runtime: ReplicaRuntime, token: Slots.SlotToken): Effect.Effect<boolean> =>
  Effect.flatMap(
    transition(runtime, (s) => Slots.release(s, token), isNothing),
    (r) => Effect.as(wake(runtime, r.granted), r.released)
  )

/**
 * Reserves a permit under `token` as a scoped resource: when the scope closes
 * — normally, by failure or by interruption — the permit is given back unless
 * a request consumed the token first. Never waits; `accepted: false` holds nothing.
 * Fails with `Slots.ReserveError` (`DuplicateSlotToken`, `InvalidSlotId`) when
 * the token already holds a reservation or is not a string, and then holds nothing.
 *
 * @example
 * import { Effect } from "effect"
 * import { Runtime, Slots } from "replicore"
 * const program = Effect.gen(function*() {
 *   const rt = yield* Runtime.Replica.make("r1", 1)
 *   const inside = yield* Effect.scoped(
 *     Effect.flatMap(Runtime.Replica.reserve(rt, Slots.SlotToken("t1")), () => Runtime.Replica.numOngoing(rt))
 *   )
 *   return [inside, yield* Runtime.Replica.numOngoing(rt)] // [1, 0]: released when the scope closed
 * })
 * Effect.runSync(program)
 *
 * @category combinators
 * @since 0.1.0
 */
export const reserve = (
  runtime: ReplicaRuntime,
  token: Slots.SlotToken
): Effect.Effect<Reservation, Slots.ReserveError, Scope.Scope> =>
  Effect.acquireRelease(
    Effect.map(
      transition(runtime, (s) => Slots.reserve(s, token), isReserveError),
      (r) => ({ token, accepted: r.accepted, numOngoing: r.numOngoing })
    ),
    (reservation) => (reservation.accepted ? release(runtime, token) : Effect.void)
  )

/** Ends a running request and passes its permit on (it runs, so `finish` cannot refuse: a refusal is a defect). */
const finishRequest = (runtime: ReplicaRuntime, requestId: Slots.RequestId): Effect.Effect<void> =>
  Effect.flatMap(
    Effect.orDie(transition(runtime, (s) => Slots.finish(s, requestId), isFinishError)),
    (r) => wake(runtime, r.granted)
  )

/**
 * A queued request ends: it leaves the queue if it is still waiting, or else
 * (it was granted a permit, and ran or was interrupted) it finishes and passes
 * the permit on.
 */
const leaveQueue = (runtime: ReplicaRuntime, requestId: Slots.RequestId): Effect.Effect<void> =>
  Effect.flatMap(
    Ref.modify(runtime.cell, (slots): [boolean, Slots.SlotState] => {
      const r = Slots.cancel(slots, requestId)
      return [r.cancelled, r.state]
    }),
    (cancelled) => {
      runtime.waiters.delete(requestId)
      return cancelled ? Effect.void : finishRequest(runtime, requestId)
    }
  )

/**
 * Options of {@link handle}.
 *
 * @category models
 * @since 0.1.0
 */
export interface HandleOptions {
  /** Run on this reservation (consumed, no second acquire). */
  readonly token?: Slots.SlotToken
  /** Answer `Rejected` instead of waiting when no permit is free. */
  readonly reject?: boolean
}

/**
 * Runs `work` as request `requestId` under the replica's admission control:
 * waits for a permit (interruptible; an interrupted waiter leaves the queue),
 * runs the work, and always finishes, passing the permit on. With `reject` it
 * answers `Rejected` rather than waiting. Fails with the work's own error, or
 * with `Slots.StartError` (`UnknownSlotToken`, `DuplicateRequest`,
 * `InvalidSlotId`), and then runs nothing and changes nothing.
 *
 * @example
 * import { Effect } from "effect"
 * import { Runtime, Slots } from "replicore"
 * const answer = Effect.runSync(
 *   Effect.flatMap(Runtime.Replica.make("r1", 1), (rt) => Runtime.Replica.handle(rt, Slots.RequestId("q1"), Effect.succeed("ok")))
 * ) // "ok"
 *
 * @category combinators
 * @since 0.1.0
 */
export const handle = <A, E, R>(
  runtime: ReplicaRuntime,
  requestId: Slots.RequestId,
  work: Effect.Effect<A, E, R>,
  options: HandleOptions = {}
): Effect.Effect<A | Rejected, E | Slots.StartError, R> =>
  Effect.uninterruptibleMask((restore) =>
    Effect.flatMap(
      transition(runtime, (s) => Slots.start(s, requestId, options), isStartError),
      (r): Effect.Effect<A | Rejected, E, R> => {
        if (r.outcome === "rejected") {
          return Effect.succeed(new Rejected({ replicaId: runtime.replicaId, numOngoing: r.numOngoing }))
        }
        if (r.outcome === "started") return Effect.ensuring(restore(work), finishRequest(runtime, requestId))
        // However it ends — done, failed, interrupted while waiting or right after the grant — it leaves the
        // queue if it is still there, or else finishes and passes its permit on.
        return Effect.ensuring(restore(Effect.zipRight(awaitGrant(runtime, requestId), work)), leaveQueue(runtime, requestId))
      }
    )
  )

/**
 * Running plus reserved requests now.
 *
 * @example
 * import { Effect } from "effect"
 * import { Runtime } from "replicore"
 * Effect.runSync(Effect.flatMap(Runtime.Replica.make("r1", 1), Runtime.Replica.numOngoing)) // 0
 *
 * @category getters
 * @since 0.1.0
 */
export const numOngoing = (runtime: ReplicaRuntime): Effect.Effect<number> =>
  Effect.map(Ref.get(runtime.cell), Slots.numOngoing)

/**
 * The replica's slot state now: the pure `Slots.SlotState` value, to query
 * with the slot core's functions.
 *
 * @example
 * import { Effect } from "effect"
 * import { Runtime, Slots } from "replicore"
 * Slots.isDrained(Effect.runSync(Effect.flatMap(Runtime.Replica.make("r1", 1), Runtime.Replica.slotState))) // true
 *
 * @category getters
 * @since 0.1.0
 */
export const slotState = (runtime: ReplicaRuntime): Effect.Effect<Slots.SlotState> => Ref.get(runtime.cell)

/**
 * Sets a new `max_ongoing_requests`, waking the waiters it grants. Fails with
 * `Slots.ResizeError` (`InvalidCapacity`) unless it is a positive integer, and
 * then changes nothing.
 *
 * @example
 * import { Effect } from "effect"
 * import { Runtime } from "replicore"
 * Effect.runSync(Effect.flatMap(Runtime.Replica.make("r1", 1), (rt) => Runtime.Replica.resize(rt, 4)))
 *
 * @category combinators
 * @since 0.1.0
 */
export const resize = (runtime: ReplicaRuntime, maxOngoingRequests: number): Effect.Effect<void, Slots.ResizeError> =>
  Effect.flatMap(
    transition(runtime, (s) => Slots.resize(s, maxOngoingRequests), isResizeError),
    (r) => wake(runtime, r.granted)
  )

/**
 * Starts graceful shutdown: new reservations and token-less starts are refused.
 *
 * @example
 * import { Effect } from "effect"
 * import { Runtime } from "replicore"
 * Effect.runSync(Effect.flatMap(Runtime.Replica.make("r1", 1), Runtime.Replica.quiesce))
 *
 * @category combinators
 * @since 0.1.0
 */
export const quiesce = (runtime: ReplicaRuntime): Effect.Effect<void> =>
  Ref.update(runtime.cell, (slots) => Slots.quiesce(slots).state)
