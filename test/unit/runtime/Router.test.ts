/**
 * The router: its selection and single dispatch (Ray's router cases 43–45),
 * and the errors of `chooseReplica` and `dispatch`.
 */
import { Cause, Deferred, Effect, Exit, Fiber, Option } from "effect"
import { describe, expect, it } from "vitest"
import { Runtime, Slots } from "../../../src/index.js"

const Q = Slots.RequestId
const run = <A, E>(effect: Effect.Effect<A, E>) => Effect.runPromise(effect)

const at = (runtime: Runtime.Replica.ReplicaRuntime, replicaId = runtime.replicaId, port: number | undefined = 8000) => ({
  replicaId,
  nodeId: `node-${replicaId}`,
  nodeIp: "10.0.0.1",
  ...(port === undefined ? {} : { port }),
  runtime
})

/** The failure of an exit, or `undefined` when it succeeded or died. */
const failureOf = <A, E>(exit: Exit.Exit<A, E>): E | undefined =>
  Exit.isFailure(exit) ? Option.getOrUndefined(Cause.failureOption(exit.cause)) : undefined

describe("router and selection", () => {
  it("dispatch runs once; the second dispatch fails with AlreadyDispatched", () =>
    run(Effect.gen(function*() {
      const rt = yield* Runtime.Replica.make("r1", 2)
      const router = yield* Runtime.Router.make([at(rt)], "router")
      const [first, second] = yield* Effect.scoped(Effect.gen(function*() {
        const selection = yield* Runtime.Router.chooseReplica(router)
        expect(selection.address).toBe("10.0.0.1:8000")
        const first = yield* selection.dispatch(Q("q1"), Effect.succeed(1))
        const second = yield* Effect.exit(selection.dispatch(Q("q2"), Effect.succeed(2)))
        return [first, second] as const
      }))
      expect(first.result).toBe(1)
      expect(first.selection.status).toBe("dispatched")
      expect(Exit.isFailure(second) && JSON.stringify(second.cause)).toContain("AlreadyDispatched")
      expect(yield* Runtime.Replica.numOngoing(rt)).toBe(0)
    })))

  it("leaving the scope without dispatch releases the slot exactly once", () =>
    run(Effect.gen(function*() {
      const rt = yield* Runtime.Replica.make("r1", 1)
      const router = yield* Runtime.Router.make([at(rt)], "router")
      const token = yield* Effect.scoped(Effect.gen(function*() {
        const selection = yield* Runtime.Router.chooseReplica(router)
        expect(yield* Runtime.Replica.numOngoing(rt)).toBe(1)
        return selection.token
      }))
      expect(yield* Runtime.Replica.numOngoing(rt)).toBe(0)
      expect(yield* Runtime.Replica.release(rt, token)).toBe(false)
    })))

  it("a replica that left the routing set fails the dispatch with ReplicaUnavailable and its slot is released", () =>
    run(Effect.gen(function*() {
      const rt = yield* Runtime.Replica.make("r1", 1)
      const router = yield* Runtime.Router.make([at(rt)], "router")
      const exit = yield* Effect.scoped(Effect.gen(function*() {
        const selection = yield* Runtime.Router.chooseReplica(router)
        yield* Runtime.Router.setReplicas(router, [])
        const exit = yield* Effect.exit(selection.dispatch(Q("q"), Effect.succeed("ran")))
        expect(yield* Runtime.Replica.numOngoing(rt)).toBe(0)
        return exit
      }))
      expect(Exit.isFailure(exit) && JSON.stringify(exit.cause)).toContain("ReplicaUnavailable")
    })))

  it("refused reservations move on to another replica; NoReplicaAvailable when all refuse", () =>
    run(Effect.gen(function*() {
      const full = yield* Runtime.Replica.make("full", 1)
      const free = yield* Runtime.Replica.make("free", 1)
      yield* Effect.forkDaemon(Runtime.Replica.handle(full, Q("hog"), Effect.never))
      yield* Effect.yieldNow()
      const router = yield* Runtime.Router.make([at(full), at(free)], "router")
      const chosen = yield* Effect.scoped(Effect.map(Runtime.Router.chooseReplica(router), (s) => s.replicaId))
      expect(chosen).toBe("free")
      const none = yield* Effect.exit(Effect.scoped(Effect.gen(function*() {
        yield* Runtime.Router.chooseReplica(router)
        return yield* Runtime.Router.chooseReplica(router)
      })))
      expect(Exit.isFailure(none) && JSON.stringify(none.cause)).toContain("NoReplicaAvailable")
    })))

  it("a request id already on the replica fails the dispatch with DuplicateRequest, and the work does not run", () =>
    run(Effect.gen(function*() {
      const rt = yield* Runtime.Replica.make("r1", 2)
      const gate = yield* Deferred.make<void>()
      const holder = yield* Effect.fork(Runtime.Replica.handle(rt, Q("q"), Deferred.await(gate)))
      yield* Effect.yieldNow()
      const router = yield* Runtime.Router.make([at(rt)], "router")
      let ran = false
      const exit = yield* Effect.scoped(Effect.gen(function*() {
        const selection = yield* Runtime.Router.chooseReplica(router)
        return yield* Effect.exit(selection.dispatch(Q("q"), Effect.sync(() => (ran = true))))
      }))
      expect(failureOf(exit)?._tag).toBe("DuplicateRequest")
      expect(ran).toBe(false)
      yield* Deferred.succeed(gate, undefined)
      yield* Fiber.join(holder)
      expect(yield* Runtime.Replica.numOngoing(rt)).toBe(0)
    })))

  it("an empty routing set fails with NoReplicaAvailable, naming the function", () =>
    run(Effect.gen(function*() {
      const router = yield* Runtime.Router.make([], "router")
      const exit = yield* Effect.exit(Effect.scoped(Runtime.Router.chooseReplica(router)))
      expect(failureOf(exit)?.message).toBe("replicore/router.chooseReplica: no replica accepted a reservation (0 tried)")
    })))
})
