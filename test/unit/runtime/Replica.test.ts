/**
 * The replica runtime: scoped reservations, waiting with interruption, and
 * error channels that carry exactly the slot core's declared errors.
 */
import { Cause, Deferred, Effect, Exit, Fiber, Option } from "effect"
import { describe, expect, it } from "vitest"
import { Runtime, Slots } from "../../../src/index.js"

const Q = Slots.RequestId
const T = Slots.SlotToken
const run = <A, E>(effect: Effect.Effect<A, E>) => Effect.runPromise(effect)

/** Request "a" takes a permit and holds it until `release` runs (which waits for it to finish). */
const holdPermit = (rt: Runtime.Replica.ReplicaRuntime) =>
  Effect.gen(function*() {
    const gate = yield* Deferred.make<void>()
    const holder = yield* Effect.fork(Runtime.Replica.handle(rt, Q("a"), Deferred.await(gate)))
    yield* Effect.yieldNow()
    return { release: Effect.zipRight(Deferred.succeed(gate, undefined), Fiber.join(holder)) }
  })
describe("replica runtime", () => {
  it("a scoped reservation is released when its scope closes, on success, failure or interruption", () =>
    run(Effect.gen(function*() {
      const rt = yield* Runtime.Replica.make("r1", 2)
      yield* Effect.scoped(Runtime.Replica.reserve(rt, T("ok")))
      yield* Effect.exit(Effect.scoped(Effect.zipRight(Runtime.Replica.reserve(rt, T("fails")), Effect.fail("boom"))))
      const fiber = yield* Effect.fork(Effect.scoped(Effect.zipRight(Runtime.Replica.reserve(rt, T("interrupted")), Effect.never)))
      yield* Effect.yieldNow()
      expect(yield* Runtime.Replica.numOngoing(rt)).toBe(1)
      yield* Fiber.interrupt(fiber)
      expect(yield* Runtime.Replica.numOngoing(rt)).toBe(0)
      expect(Slots.isDrained(yield* Runtime.Replica.slotState(rt))).toBe(true)
    })))

  it("a request on a reservation consumes it: no second acquire, nothing left to release", () =>
    run(Effect.gen(function*() {
      const rt = yield* Runtime.Replica.make("r1", 1)
      const during = yield* Effect.scoped(Effect.gen(function*() {
        yield* Runtime.Replica.reserve(rt, T("t"))
        return yield* Runtime.Replica.handle(rt, Q("q"), Runtime.Replica.numOngoing(rt), { token: T("t") })
      }))
      expect(during).toBe(1)
      expect(yield* Runtime.Replica.numOngoing(rt)).toBe(0)
      expect(yield* Runtime.Replica.release(rt, T("t"))).toBe(false)
    })))

  it("waiters are served in arrival order; with reject a full replica answers Rejected", () =>
    run(Effect.gen(function*() {
      const rt = yield* Runtime.Replica.make("r1", 1)
      const order: Array<string> = []
      const first = yield* holdPermit(rt)
      const waiting = yield* Effect.forEach(["b", "c"], (id) =>
        Effect.fork(Runtime.Replica.handle(rt, Q(id), Effect.sync(() => order.push(id)))).pipe(Effect.tap(Effect.yieldNow())))
      const rejected = yield* Runtime.Replica.handle(rt, Q("d"), Effect.succeed("ran"), { reject: true })
      expect(rejected).toBeInstanceOf(Runtime.Replica.Rejected)
      yield* first.release
      yield* Fiber.joinAll(waiting)
      expect(order).toEqual(["b", "c"])
      expect(Slots.isDrained(yield* Runtime.Replica.slotState(rt))).toBe(true)
    })))

  it("an interrupted waiter leaves the queue holding nothing", () =>
    run(Effect.gen(function*() {
      const rt = yield* Runtime.Replica.make("r1", 1)
      const first = yield* holdPermit(rt)
      yield* Effect.yieldNow()
      const waiter = yield* Effect.fork(Runtime.Replica.handle(rt, Q("b"), Effect.void))
      yield* Effect.yieldNow()
      expect(Slots.numQueued(yield* Runtime.Replica.slotState(rt))).toBe(1)
      yield* Fiber.interrupt(waiter)
      expect(Slots.numQueued(yield* Runtime.Replica.slotState(rt))).toBe(0)
      yield* first.release
      expect(Slots.isDrained(yield* Runtime.Replica.slotState(rt))).toBe(true)
    })))

  it("a waiter interrupted right after it was granted a permit passes the permit on", () =>
    run(Effect.gen(function*() {
      const rt = yield* Runtime.Replica.make("r1", 1)
      const first = yield* holdPermit(rt)
      yield* Effect.yieldNow()
      const b = yield* Effect.fork(Runtime.Replica.handle(rt, Q("b"), Effect.never))
      yield* Effect.yieldNow()
      const c = yield* Effect.fork(Runtime.Replica.handle(rt, Q("c"), Effect.succeed("c ran")))
      yield* Effect.yieldNow()
      // a finishes: b is granted (running) but is interrupted before it can run its work.
      yield* first.release
      expect(Slots.isRunning(yield* Runtime.Replica.slotState(rt), Q("b"))).toBe(true)
      yield* Fiber.interrupt(b)
      expect(yield* Fiber.join(c)).toBe("c ran")
      expect(Slots.isDrained(yield* Runtime.Replica.slotState(rt))).toBe(true)
    })))

  it("resize wakes waiters at once; quiesce refuses new work but lets held reservations run", () =>
    run(Effect.gen(function*() {
      const rt = yield* Runtime.Replica.make("r1", 1)
      const first = yield* holdPermit(rt)
      yield* Effect.yieldNow()
      const second = yield* Effect.fork(Runtime.Replica.handle(rt, Q("b"), Effect.succeed("b ran")))
      yield* Effect.yieldNow()
      yield* Runtime.Replica.resize(rt, 2)
      expect(yield* Fiber.join(second)).toBe("b ran")
      yield* Effect.scoped(Effect.gen(function*() {
        const held = yield* Runtime.Replica.reserve(rt, T("held"))
        expect(held.accepted).toBe(true)
        yield* Runtime.Replica.quiesce(rt)
        expect((yield* Runtime.Replica.reserve(rt, T("new"))).accepted).toBe(false)
        expect(yield* Runtime.Replica.handle(rt, Q("new"), Effect.succeed("ran"))).toBeInstanceOf(Runtime.Replica.Rejected)
        expect(yield* Runtime.Replica.handle(rt, Q("held"), Effect.succeed("held ran"), { token: T("held") })).toBe("held ran")
      }))
      yield* first.release
      expect(Slots.isDrained(yield* Runtime.Replica.slotState(rt))).toBe(true)
      expect(Effect.runSync(Effect.exit(Runtime.Replica.resize(rt, 0)))._tag).toBe("Failure")
    })))
})

/** The failure of an exit, or `undefined` when it succeeded or died. */
const failureOf = <A, E>(exit: Exit.Exit<A, E>): E | undefined =>
  Exit.isFailure(exit) ? Option.getOrUndefined(Cause.failureOption(exit.cause)) : undefined

describe("each effect fails with exactly the slot operation's errors, and changes nothing", () => {
  it("make: InvalidCapacity as a failure, not a throw or a defect", () => {
    const exit = Effect.runSyncExit(Runtime.Replica.make("r1", 0))
    expect(failureOf(exit)?._tag).toBe("InvalidCapacity")
    expect(failureOf(exit)?.message).toBe("replicore/slots.make: max_ongoing_requests must be a positive integer, got 0")
  })

  it("reserve: DuplicateSlotToken, and the first reservation is still held", () =>
    run(Effect.gen(function*() {
      const rt = yield* Runtime.Replica.make("r1", 2)
      const exit = yield* Effect.scoped(Effect.gen(function*() {
        yield* Runtime.Replica.reserve(rt, T("t"))
        const second = yield* Effect.exit(Runtime.Replica.reserve(rt, T("t")))
        expect(yield* Runtime.Replica.numOngoing(rt)).toBe(1)
        return second
      }))
      expect(failureOf(exit)?._tag).toBe("DuplicateSlotToken")
      expect(yield* Runtime.Replica.numOngoing(rt)).toBe(0)
    })))

  it("handle: UnknownSlotToken and DuplicateRequest, and the work does not run", () =>
    run(Effect.gen(function*() {
      const rt = yield* Runtime.Replica.make("r1", 2)
      let ran = 0
      const work = Effect.sync(() => ran++)
      const unknown = yield* Effect.exit(Runtime.Replica.handle(rt, Q("q"), work, { token: T("ghost") }))
      expect(failureOf(unknown)?._tag).toBe("UnknownSlotToken")
      const first = yield* holdPermit(rt)
      const duplicate = yield* Effect.exit(Runtime.Replica.handle(rt, Q("a"), work))
      expect(failureOf(duplicate)?._tag).toBe("DuplicateRequest")
      expect(ran).toBe(0)
      expect(yield* Runtime.Replica.numOngoing(rt)).toBe(1)
      yield* first.release
      expect(Slots.isDrained(yield* Runtime.Replica.slotState(rt))).toBe(true)
    })))

  it("resize: InvalidCapacity, and the capacity is unchanged", () =>
    run(Effect.gen(function*() {
      const rt = yield* Runtime.Replica.make("r1", 3)
      const exit = yield* Effect.exit(Runtime.Replica.resize(rt, -1))
      expect(failureOf(exit)?.message).toBe("replicore/slots.resize: max_ongoing_requests must be a positive integer, got -1")
      expect(Slots.capacity(yield* Runtime.Replica.slotState(rt))).toBe(3)
    })))
})

