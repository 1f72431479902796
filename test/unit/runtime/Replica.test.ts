/**
 * The Effect adapters: scoped reservations, waiting with interruption, the
 * router's selection and its single dispatch (Ray's router cases 43–45).
 */
import { Deferred, Effect, Exit, Fiber } from "effect"
import { describe, expect, it } from "vitest"
import { Runtime, Selection, Slots } from "../../../src/index.js"

const Q = Slots.RequestId
const T = Slots.SlotToken
const run = <A, E>(effect: Effect.Effect<A, E>) => Effect.runPromise(effect)

/** Request "a" takes a permit and holds it until `release` runs (which waits for it to finish). */
const holdPermit = (rt: Runtime.ReplicaRuntime) =>
  Effect.gen(function*() {
    const gate = yield* Deferred.make<void>()
    const holder = yield* Effect.fork(Runtime.handle(rt, Q("a"), Deferred.await(gate)))
    yield* Effect.yieldNow()
    return { release: Effect.zipRight(Deferred.succeed(gate, undefined), Fiber.join(holder)) }
  })
const at = (runtime: Runtime.ReplicaRuntime, replicaId = runtime.replicaId, port: number | undefined = 8000) => ({
  replicaId,
  nodeId: `node-${replicaId}`,
  nodeIp: "10.0.0.1",
  ...(port === undefined ? {} : { port }),
  runtime
})

describe("replica runtime", () => {
  it("a scoped reservation is released when its scope closes, on success, failure or interruption", () =>
    run(Effect.gen(function*() {
      const rt = yield* Runtime.make("r1", 2)
      yield* Effect.scoped(Runtime.reserve(rt, T("ok")))
      yield* Effect.exit(Effect.scoped(Effect.zipRight(Runtime.reserve(rt, T("fails")), Effect.fail("boom"))))
      const fiber = yield* Effect.fork(Effect.scoped(Effect.zipRight(Runtime.reserve(rt, T("interrupted")), Effect.never)))
      yield* Effect.yieldNow()
      expect(yield* Runtime.numOngoing(rt)).toBe(1)
      yield* Fiber.interrupt(fiber)
      expect(yield* Runtime.numOngoing(rt)).toBe(0)
      expect(Slots.isDrained(yield* Runtime.snapshot(rt))).toBe(true)
    })))

  it("a request on a reservation consumes it: no second acquire, nothing left to release", () =>
    run(Effect.gen(function*() {
      const rt = yield* Runtime.make("r1", 1)
      const during = yield* Effect.scoped(Effect.gen(function*() {
        yield* Runtime.reserve(rt, T("t"))
        return yield* Runtime.handle(rt, Q("q"), Runtime.numOngoing(rt), { token: T("t") })
      }))
      expect(during).toBe(1)
      expect(yield* Runtime.numOngoing(rt)).toBe(0)
      expect(yield* Runtime.release(rt, T("t"))).toBe(false)
    })))

  it("waiters are served in arrival order; with reject a full replica answers Rejected", () =>
    run(Effect.gen(function*() {
      const rt = yield* Runtime.make("r1", 1)
      const order: Array<string> = []
      const first = yield* holdPermit(rt)
      const waiting = yield* Effect.forEach(["b", "c"], (id) =>
        Effect.fork(Runtime.handle(rt, Q(id), Effect.sync(() => order.push(id)))).pipe(Effect.tap(Effect.yieldNow())))
      const rejected = yield* Runtime.handle(rt, Q("d"), Effect.succeed("ran"), { reject: true })
      expect(rejected).toBeInstanceOf(Runtime.Rejected)
      yield* first.release
      yield* Fiber.joinAll(waiting)
      expect(order).toEqual(["b", "c"])
      expect(Slots.isDrained(yield* Runtime.snapshot(rt))).toBe(true)
    })))

  it("an interrupted waiter leaves the queue holding nothing", () =>
    run(Effect.gen(function*() {
      const rt = yield* Runtime.make("r1", 1)
      const first = yield* holdPermit(rt)
      yield* Effect.yieldNow()
      const waiter = yield* Effect.fork(Runtime.handle(rt, Q("b"), Effect.void))
      yield* Effect.yieldNow()
      expect(Slots.numQueued(yield* Runtime.snapshot(rt))).toBe(1)
      yield* Fiber.interrupt(waiter)
      expect(Slots.numQueued(yield* Runtime.snapshot(rt))).toBe(0)
      yield* first.release
      expect(Slots.isDrained(yield* Runtime.snapshot(rt))).toBe(true)
    })))

  it("a waiter interrupted right after it was granted a permit passes the permit on", () =>
    run(Effect.gen(function*() {
      const rt = yield* Runtime.make("r1", 1)
      const first = yield* holdPermit(rt)
      yield* Effect.yieldNow()
      const b = yield* Effect.fork(Runtime.handle(rt, Q("b"), Effect.never))
      yield* Effect.yieldNow()
      const c = yield* Effect.fork(Runtime.handle(rt, Q("c"), Effect.succeed("c ran")))
      yield* Effect.yieldNow()
      // a finishes: b is granted (running) but is interrupted before it can run its work.
      yield* first.release
      expect(Slots.isRunning(yield* Runtime.snapshot(rt), Q("b"))).toBe(true)
      yield* Fiber.interrupt(b)
      expect(yield* Fiber.join(c)).toBe("c ran")
      expect(Slots.isDrained(yield* Runtime.snapshot(rt))).toBe(true)
    })))

  it("resize wakes waiters at once; quiesce refuses new work but lets held reservations run", () =>
    run(Effect.gen(function*() {
      const rt = yield* Runtime.make("r1", 1)
      const first = yield* holdPermit(rt)
      yield* Effect.yieldNow()
      const second = yield* Effect.fork(Runtime.handle(rt, Q("b"), Effect.succeed("b ran")))
      yield* Effect.yieldNow()
      yield* Runtime.resize(rt, 2)
      expect(yield* Fiber.join(second)).toBe("b ran")
      yield* Effect.scoped(Effect.gen(function*() {
        const held = yield* Runtime.reserve(rt, T("held"))
        expect(held.accepted).toBe(true)
        yield* Runtime.quiesce(rt)
        expect((yield* Runtime.reserve(rt, T("new"))).accepted).toBe(false)
        expect(yield* Runtime.handle(rt, Q("new"), Effect.succeed("ran"))).toBeInstanceOf(Runtime.Rejected)
        expect(yield* Runtime.handle(rt, Q("held"), Effect.succeed("held ran"), { token: T("held") })).toBe("held ran")
      }))
      yield* first.release
      expect(Slots.isDrained(yield* Runtime.snapshot(rt))).toBe(true)
      expect(Effect.runSync(Effect.exit(Runtime.resize(rt, 0)))._tag).toBe("Failure")
    })))
})

describe("router and selection", () => {
  it("address is ip:port whenever a port is set, port 0 included", () => {
    expect(Selection.address({ replicaId: "r", nodeId: "n", nodeIp: "1.2.3.4", port: 0 })).toBe("1.2.3.4:0")
    expect(Selection.address({ replicaId: "r", nodeId: "n", nodeIp: "1.2.3.4" })).toBe("1.2.3.4")
  })

  it("dispatch runs once; the second dispatch fails with AlreadyDispatched", () =>
    run(Effect.gen(function*() {
      const rt = yield* Runtime.make("r1", 2)
      const router = yield* Runtime.makeRouter([at(rt)], "router")
      const [first, second] = yield* Effect.scoped(Effect.gen(function*() {
        const selection = yield* Runtime.chooseReplica(router)
        expect(selection.address).toBe("10.0.0.1:8000")
        const first = yield* selection.dispatch(Q("q1"), Effect.succeed(1))
        const second = yield* Effect.exit(selection.dispatch(Q("q2"), Effect.succeed(2)))
        return [first, second] as const
      }))
      expect(first.result).toBe(1)
      expect(first.selection.status).toBe("dispatched")
      expect(Exit.isFailure(second) && JSON.stringify(second.cause)).toContain("AlreadyDispatched")
      expect(yield* Runtime.numOngoing(rt)).toBe(0)
    })))

  it("leaving the scope without dispatch releases the slot exactly once", () =>
    run(Effect.gen(function*() {
      const rt = yield* Runtime.make("r1", 1)
      const router = yield* Runtime.makeRouter([at(rt)], "router")
      const token = yield* Effect.scoped(Effect.gen(function*() {
        const selection = yield* Runtime.chooseReplica(router)
        expect(yield* Runtime.numOngoing(rt)).toBe(1)
        return selection.token
      }))
      expect(yield* Runtime.numOngoing(rt)).toBe(0)
      expect(yield* Runtime.release(rt, token)).toBe(false)
    })))

  it("a replica that left the routing set fails the dispatch with ReplicaUnavailable and its slot is released", () =>
    run(Effect.gen(function*() {
      const rt = yield* Runtime.make("r1", 1)
      const router = yield* Runtime.makeRouter([at(rt)], "router")
      const exit = yield* Effect.scoped(Effect.gen(function*() {
        const selection = yield* Runtime.chooseReplica(router)
        yield* Runtime.setReplicas(router, [])
        const exit = yield* Effect.exit(selection.dispatch(Q("q"), Effect.succeed("ran")))
        expect(yield* Runtime.numOngoing(rt)).toBe(0)
        return exit
      }))
      expect(Exit.isFailure(exit) && JSON.stringify(exit.cause)).toContain("ReplicaUnavailable")
    })))

  it("refused reservations move on to another replica; NoReplicaAvailable when all refuse", () =>
    run(Effect.gen(function*() {
      const full = yield* Runtime.make("full", 1)
      const free = yield* Runtime.make("free", 1)
      yield* Effect.forkDaemon(Runtime.handle(full, Q("hog"), Effect.never))
      yield* Effect.yieldNow()
      const router = yield* Runtime.makeRouter([at(full), at(free)], "router")
      const chosen = yield* Effect.scoped(Effect.map(Runtime.chooseReplica(router), (s) => s.replicaId))
      expect(chosen).toBe("free")
      const none = yield* Effect.exit(Effect.scoped(Effect.gen(function*() {
        yield* Runtime.chooseReplica(router)
        return yield* Runtime.chooseReplica(router)
      })))
      expect(Exit.isFailure(none) && JSON.stringify(none.cause)).toContain("NoReplicaAvailable")
    })))
})
