/**
 * Ray's replica-side slot reservation cases (ray-semantics §4.F, derived from
 * replica.py and test_replica_backpressure.py), and bad input.
 */
import { Either } from "effect"
import { describe, expect, it } from "vitest"
import { Slots } from "../../../src/index.js"
import { deepFreeze } from "../../../spec/freeze.js"

const T = Slots.SlotToken
const Q = Slots.RequestId

describe("Ray slot reservation", () => {
  it("max_ongoing_requests = 2: two reservations accepted, the third refused and nothing reserved", () => {
    const s0 = deepFreeze(Slots.make(2))
    const r1 = Slots.reserve(s0, T("t1"))
    expect([r1.accepted, r1.numOngoing]).toEqual([true, 1])
    const r2 = Slots.reserve(deepFreeze(r1.state), T("t2"))
    expect([r2.accepted, r2.numOngoing]).toEqual([true, 2])
    const r3 = Slots.reserve(deepFreeze(r2.state), T("t3"))
    expect([r3.accepted, r3.numOngoing]).toEqual([false, 2])
    expect(r3.state).toBe(r2.state)
    expect(Slots.isReserved(r3.state, T("t3"))).toBe(false)
    expect(Slots.numOngoing(r3.state)).toBe(2)
  })

  it("release is idempotent: (True, 1), then (False, 1), and (False, 1) for an unknown token", () => {
    let s = Slots.reserve(Slots.reserve(Slots.make(2), T("t1")).state, T("t2")).state
    const once = Slots.release(s, T("t1"))
    expect([once.released, once.numOngoing]).toEqual([true, 1])
    s = deepFreeze(once.state)
    const twice = Slots.release(s, T("t1"))
    expect([twice.released, twice.numOngoing]).toEqual([false, 1])
    expect(twice.state).toBe(s)
    expect([Slots.release(s, T("nope")).released, Slots.release(s, T("nope")).numOngoing]).toEqual([false, 1])
  })

  it("a reserved request runs on its token with no second acquire, and the token cannot be released after", () => {
    const s = Slots.reserve(Slots.make(2), T("t2")).state
    const started = Slots.start(s, Q("req"), { token: T("t2") })
    expect(started.outcome).toBe("started")
    expect(Slots.numOngoing(started.state)).toBe(1) // ongoing 1 + reserved 0
    const done = Slots.finish(started.state, Q("req"))
    expect(done.numOngoing).toBe(0)
    expect(Slots.isDrained(done.state)).toBe(true)
    expect([Slots.release(done.state, T("t2")).released, Slots.release(done.state, T("t2")).numOngoing]).toEqual([
      false,
      0
    ])
  })

  it("an unknown token at start fails and changes no count", () => {
    const s = deepFreeze(Slots.reserve(Slots.make(2), T("t1")).state)
    const result = Either.try({ try: () => Slots.start(s, Q("req"), { token: T("ghost") }), catch: (e) => e })
    expect(Either.isLeft(result) && result.left).toBeInstanceOf(Slots.UnknownSlotToken)
    expect((result as Either.Left<Error, never>).left.message).toBe(
      `replicore/slots.start: request tried to consume an unknown reserved slot "ghost"`
    )
    expect(Slots.numOngoing(s)).toBe(1)
    expect(Slots.isReserved(s, T("t1"))).toBe(true)
  })

  it("with rejection: refused at capacity, accepted after the reservation is released", () => {
    const s = Slots.reserve(Slots.make(1), T("t1")).state
    const refused = Slots.start(s, Q("req"), { reject: true })
    expect([refused.outcome, refused.accepted, refused.numOngoing]).toEqual(["rejected", false, 1])
    const freed = Slots.release(s, T("t1")).state
    const accepted = Slots.start(freed, Q("req"), { reject: true })
    expect([accepted.outcome, accepted.accepted, accepted.numOngoing]).toEqual(["started", true, 1])
  })

  it("while quiescing: no reservation, no start without a token; a held reservation still runs", () => {
    const held = Slots.reserve(Slots.make(2), T("t1")).state
    const s = Slots.quiesce(held).state
    expect(Slots.reserve(s, T("t2")).accepted).toBe(false)
    expect(Slots.start(s, Q("new")).outcome).toBe("rejected")
    expect(Slots.start(s, Q("old"), { token: T("t1") }).outcome).toBe("started")
  })

  it("a full semaphore queues requests in arrival order; a cancelled waiter holds nothing", () => {
    let s = Slots.start(Slots.make(1), Q("a")).state
    s = Slots.start(s, Q("b")).state
    s = Slots.start(s, Q("c")).state
    expect(Slots.numQueued(s)).toBe(2)
    expect(Slots.reserve(s, T("t")).accepted).toBe(false) // a reservation never overtakes a waiter
    const cancelled = Slots.cancel(s, Q("b"))
    expect(cancelled.cancelled).toBe(true)
    expect(Slots.cancel(cancelled.state, Q("b")).cancelled).toBe(false)
    expect(Slots.finish(cancelled.state, Q("a")).granted).toEqual(["c"])
    expect(Slots.finish(s, Q("a")).granted).toEqual(["b"])
  })

  it("resize: lowering revokes nothing, raising grants waiters at once in order", () => {
    let s = Slots.start(Slots.start(Slots.make(2), Q("a")).state, Q("b")).state
    s = Slots.resize(s, 1).state
    expect(Slots.numOngoing(s)).toBe(2)
    s = Slots.start(s, Q("c")).state
    s = Slots.start(s, Q("d")).state
    const afterA = Slots.finish(s, Q("a"))
    expect(afterA.granted).toEqual([]) // 1 running, capacity 1: still full
    expect(Slots.resize(afterA.state, 3).granted).toEqual(["c", "d"])
  })
})

describe("bad input: typed errors, nothing changes", () => {
  const refusal = (f: () => unknown): Slots.SlotError => {
    const r = Either.try({ try: f, catch: (e) => e })
    if (Either.isRight(r)) throw new Error("expected a refusal")
    if (!Slots.isSlotError(r.left)) throw new Error(`not a slot error: ${String(r.left)}`)
    return r.left
  }
  it.each([0, -1, 1.5, Number.NaN, Infinity])("capacity %s", (capacity) => {
    expect(refusal(() => Slots.make(capacity))._tag).toBe("InvalidCapacity")
    expect(refusal(() => Slots.resize(Slots.make(1), capacity)).message).toMatch(/^replicore\/slots\.resize:/)
  })
  it("duplicate token, duplicate request, finishing what does not run", () => {
    const s = deepFreeze(Slots.start(Slots.reserve(Slots.make(1), T("t")).state, Q("a"), { token: T("t") }).state)
    const queued = deepFreeze(Slots.start(s, Q("b")).state)
    expect(refusal(() => Slots.reserve(Slots.reserve(Slots.make(2), T("x")).state, T("x")))._tag).toBe(
      "DuplicateSlotToken"
    )
    expect(refusal(() => Slots.start(s, Q("a")))).toMatchObject({ _tag: "DuplicateRequest", requestId: "a", status: "running" })
    expect(refusal(() => Slots.start(queued, Q("b")))).toMatchObject({ _tag: "DuplicateRequest", requestId: "b", status: "queued" })
    expect(refusal(() => Slots.finish(queued, Q("b")))._tag).toBe("RequestNotRunning")
    expect(Slots.numQueued(queued)).toBe(1)
  })
})

/**
 * Every operation throws only the errors of its declared union (each tag list
 * is checked against the union by the compiler), with a message that starts
 * with the operation's name and names the item, and changes nothing.
 */
describe("each operation throws exactly its declared errors", () => {
  type Tags<E extends { readonly _tag: string }> = { readonly [K in E["_tag"]]: true }
  const make: Tags<Slots.MakeError> = { InvalidCapacity: true }
  const reserve: Tags<Slots.ReserveError> = { DuplicateSlotToken: true, InvalidSlotId: true }
  const start: Tags<Slots.StartError> = { UnknownSlotToken: true, DuplicateRequest: true, InvalidSlotId: true }
  const finish: Tags<Slots.FinishError> = { RequestNotRunning: true }
  const resize: Tags<Slots.ResizeError> = { InvalidCapacity: true }
  const s = deepFreeze(Slots.start(Slots.reserve(Slots.make(2), T("held")).state, Q("run")).state)
  const cases: ReadonlyArray<readonly [string, Record<string, true>, () => unknown, string]> = [
    ["make", make, () => Slots.make(0), "got 0"],
    ["reserve", reserve, () => Slots.reserve(s, T("held")), `"held"`],
    ["reserve", reserve, () => Slots.reserve(s, null as never), "token must be a string, got null"],
    ["start", start, () => Slots.start(s, Q("new"), { token: T("ghost") }), `"ghost"`],
    ["start", start, () => Slots.start(s, Q("run")), `"run"`],
    ["start", start, () => Slots.start(s, undefined as never), "requestId must be a string, got undefined"],
    ["start", start, () => Slots.start(s, Q("new"), { token: 7 as never }), "token must be a string, got 7"],
    ["finish", finish, () => Slots.finish(s, Q("never")), `"never"`],
    ["finish", finish, () => Slots.finish(s, null as never), "null"],
    ["resize", resize, () => Slots.resize(s, 2.5), "got 2.5"]
  ]

  it.each(cases)("%s refuses with one of its errors (%#)", (operation, declared, call, item) => {
    const r = Either.try({ try: call, catch: (e) => e })
    if (Either.isRight(r)) throw new Error("expected a refusal")
    const e = r.left
    if (!Slots.isSlotError(e)) throw new Error(`${operation} threw something else: ${String(e)}`)
    expect(Object.keys(declared)).toContain(e._tag)
    expect(e.message.startsWith(`replicore/slots.${operation}: `)).toBe(true)
    expect(e.message).toContain(item)
    expect([Slots.numOngoing(s), Slots.isReserved(s, T("held")), Slots.isRunning(s, Q("run"))]).toEqual([2, true, true])
  })

  it("a token or request id that is not a string holds nothing: release, cancel and the queries answer so", () => {
    expect(Slots.release(s, null as never).released).toBe(false)
    expect(Slots.cancel(s, undefined as never).cancelled).toBe(false)
    expect([Slots.isReserved(s, 1 as never), Slots.isRunning(s, null as never), Slots.isQueued(s, {} as never)]).toEqual([
      false,
      false,
      false
    ])
  })

  it("isSlotError refuses anything else", () => {
    expect(Slots.isSlotError(new Error("x"))).toBe(false)
    expect(Slots.isSlotError({ _tag: "DuplicateReplica" })).toBe(false)
    expect(Slots.isSlotError(undefined)).toBe(false)
  })
})
