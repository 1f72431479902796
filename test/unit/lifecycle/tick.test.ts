/** `tick`: settling, purity, and one typed error for each kind of bad input, with the state unchanged. */
import { Either } from "effect"
import { describe, expect, it } from "vitest"
import { Lifecycle } from "../../../src/index.js"
import { deepFreeze } from "../../../spec/freeze.js"
import { Cluster, running, started, starts } from "./support.js"

const base = () =>
  running({
    nodes: [{ id: "n1", capacity: { CPU: 4 } }, { id: "n2", capacity: { CPU: 4 } }],
    deployments: [{ id: "d", demand: { CPU: 1 } }]
  }, { d: ["n1", "n2"] })

/** The error `tick` throws for these events, after checking that the state it was given still answers the same. */
const refusal = (c: Cluster, events: ReadonlyArray<unknown>, now = c.now): Lifecycle.TickError => {
  const before = JSON.stringify([Lifecycle.countByState(c.state, "d"), Lifecycle.compaction(c.state)])
  const result = Either.try({
    try: () => Lifecycle.tick(c.state, deepFreeze({ now, events: events as never })),
    catch: (e) => e as Lifecycle.TickError
  })
  expect(Either.isLeft(result)).toBe(true)
  expect(JSON.stringify([Lifecycle.countByState(c.state, "d"), Lifecycle.compaction(c.state)])).toBe(before)
  const error = Either.getLeft(result).pipe((o) => (o._tag === "Some" ? o.value : undefined)) as Lifecycle.TickError
  expect(error.message).toMatch(/^replicore\/lifecycle\.tick: /)
  return error
}

describe("tick settles", () => {
  it("a second tick at the same now with no events changes nothing and emits nothing", () => {
    const c = new Cluster({
      nodes: [{ id: "n1", capacity: { CPU: 2 } }],
      deployments: [{ id: "d", demand: { CPU: 1 }, target: 3 }],
      options: { compaction: "planner", compactionDelayMs: 0 }
    })
    const placed = c.tick()
    const state = c.state
    expect(Lifecycle.tick(state, { now: c.now, events: [] })).toEqual({ state, actions: [] })
    c.tick(started(placed.filter((a) => a.type === "startReplica" && a.node !== null)))
    const again = Lifecycle.tick(c.state, { now: c.now, events: [] })
    expect(again.actions).toEqual([])
    expect(again.state).toBe(c.state)
  })

  it("never changes its input (every input is deep-frozen) and gives the same answer twice", () => {
    const c = base()
    const input = deepFreeze({ now: c.now + 1, events: [{ type: "nodesDraining" as const, nodes: { n1: 1e6 } }] })
    const a = Lifecycle.tick(c.state, input)
    const b = Lifecycle.tick(c.state, input)
    expect(b.actions).toEqual(a.actions)
    expect(Lifecycle.countByState(b.state, "d")).toEqual(Lifecycle.countByState(a.state, "d"))
    expect(Lifecycle.countByState(c.state, "d").RUNNING).toBe(2)
  })

  it("a failed start is stopped and replaced in the same tick; the deployment is UNHEALTHY until it is HEALTHY again", () => {
    const c = new Cluster({ nodes: [{ id: "n1", capacity: { CPU: 4 } }], deployments: [{ id: "d", demand: { CPU: 1 }, target: 1 }] })
    const first = starts(c.tick())[0]!.replica
    const retry = c.tick([{ type: "replicaFailed", replica: first }])
    expect(retry.map((a) => a.type)).toEqual(["stopReplica", "startReplica"])
    expect(c.status("d")).toBe("UNHEALTHY")
    c.tick([{ type: "replicaStopped", replica: first }, ...started(retry)])
    expect(c.status("d")).toBe("HEALTHY")
  })

  it("a replica stopped before it reported may still report started, on the node it really runs on", () => {
    const c = new Cluster({ nodes: [{ id: "n1", capacity: { CPU: 4 } }], deployments: [{ id: "d", demand: { CPU: 1 }, target: 1 }] })
    const first = starts(c.tick())[0]!.replica
    c.tick([{ type: "setTarget", deployment: "d", target: 0 }])
    c.tick([{ type: "replicaStarted", replica: first, node: "n1" }])
    expect(c.counts("d")).toEqual({ STOPPING: 1 })
    expect(refusal(c, [{ type: "replicaStarted", replica: first, node: "n1" }])._tag).toBe("ReplicaAlreadyStarted")
  })

  it("a removed node's replicas are stopped and hold nothing; removing it again changes nothing", () => {
    const c = base()
    const actions = c.tick([{ type: "nodeRemoved", node: "n2" }])
    expect(actions.filter((a) => a.type === "stopReplica")).toHaveLength(1)
    expect(starts(actions).map((s) => s.node)).toEqual(["n1"])
    expect(c.tick([{ type: "nodeRemoved", node: "n2" }, { type: "nodesDraining", nodes: { n2: 5 } }])).toEqual([])
  })
})

describe("tick refuses bad input with a typed error and changes nothing", () => {
  it("UnknownReplica", () => {
    const e = refusal(base(), [{ type: "replicaStopped", replica: "d#99" }])
    expect(e).toMatchObject({ _tag: "UnknownReplica", index: 0, replica: "d#99" })
    expect(refusal(base(), [{ type: "replicaFailed", replica: "nope" }])._tag).toBe("UnknownReplica")
  })

  it("UnknownNode: in replicaStarted, nodesDraining, nodeRemoved", () => {
    const c = new Cluster({ nodes: [{ id: "n1", capacity: { CPU: 4 } }], deployments: [{ id: "d", demand: { CPU: 1 }, target: 1 }] })
    const id = starts(c.tick())[0]!.replica
    expect(refusal(c, [{ type: "replicaStarted", replica: id, node: "n9" }])).toMatchObject({ _tag: "UnknownNode", node: "n9" })
    expect(refusal(c, [{ type: "nodesDraining", nodes: { n9: 1 } }])).toMatchObject({ _tag: "UnknownNode", node: "n9" })
    expect(refusal(c, [{ type: "nodeRemoved", node: "n9" }])).toMatchObject({ _tag: "UnknownNode", node: "n9" })
  })

  it("DuplicateNode", () => {
    expect(refusal(base(), [{ type: "nodeAdded", node: { id: "n1", capacity: {} } }])).toMatchObject({
      _tag: "DuplicateNode",
      node: "n1"
    })
  })

  it("UnknownDeployment and InvalidTarget (negative, fractional)", () => {
    expect(refusal(base(), [{ type: "setTarget", deployment: "x", target: 1 }])).toMatchObject({
      _tag: "UnknownDeployment",
      deployment: "x"
    })
    expect(refusal(base(), [{ type: "setTarget", deployment: "d", target: -1 }])).toMatchObject({
      _tag: "InvalidTarget",
      target: -1
    })
    expect(refusal(base(), [{ type: "setTarget", deployment: "d", target: 1.5 }])._tag).toBe("InvalidTarget")
  })

  it("ReplicaAlreadyStarted: started twice, or a startup failure after it started", () => {
    const c = base()
    const id = c.replicasIn("d", "RUNNING")[0]!.id
    expect(refusal(c, [{ type: "replicaStarted", replica: id, node: "n1" }])).toMatchObject({
      _tag: "ReplicaAlreadyStarted",
      replica: id
    })
    expect(refusal(c, [{ type: "replicaFailed", replica: id }])._tag).toBe("ReplicaAlreadyStarted")
  })

  it("ReplicaNotStarted: unhealthy before it started", () => {
    const c = new Cluster({ nodes: [], deployments: [{ id: "d", demand: {}, target: 1 }] })
    const id = starts(c.tick())[0]!.replica
    expect(refusal(c, [{ type: "replicaUnhealthy", replica: id }])).toMatchObject({ _tag: "ReplicaNotStarted" })
  })

  it("TimeWentBack", () => {
    const c = base()
    c.tick([], 10)
    expect(refusal(c, [], c.now - 1)).toMatchObject({ _tag: "TimeWentBack", previous: c.now })
  })

  it("InvalidEvent: an unknown type, a missing field, a non-finite now, an error in a later event", () => {
    const c = base()
    const unknown = refusal(c, [{ type: "replicaExploded" }])
    expect(unknown).toMatchObject({ _tag: "InvalidEvent", index: 0 })
    expect((unknown as Lifecycle.InvalidEvent).problems[0]?.item).toMatch(/^events\[0\]/)
    expect(refusal(c, [{ type: "replicaStarted", replica: "d#0" }])._tag).toBe("InvalidEvent")
    expect(refusal(c, [], Number.NaN)).toMatchObject({ _tag: "InvalidEvent", index: -1 })
    const later = refusal(c, [{ type: "nodesDraining", nodes: { n1: 1e9 } }, { type: "nodeAdded", node: { id: "x", capacity: { CPU: -1 } } }])
    expect(later).toMatchObject({ _tag: "InvalidEvent", index: 1 })
  })

  it("InvalidEvent for the input itself: not a record, events not an array, now not a number", () => {
    const c = base()
    const inputProblem = (input: unknown) => {
      const result = Either.try({ try: () => Lifecycle.tick(c.state, input as never), catch: (e) => e as Lifecycle.TickError })
      if (Either.isRight(result)) throw new Error("expected a refusal")
      expect(result.left).toMatchObject({ _tag: "InvalidEvent", index: -1 })
      return (result.left as Lifecycle.InvalidEvent).problems
    }
    expect(inputProblem(null)).toEqual([{ item: "input", problem: "expected { now, events }" }])
    expect(inputProblem(7)).toEqual([{ item: "input", problem: "expected { now, events }" }])
    expect(inputProblem({ now: c.now, events: "x" })).toEqual([{ item: "input", problem: "events must be an array" }])
    expect(inputProblem({ now: "1", events: [] })).toEqual([{ item: "input", problem: "now must be a finite number, got 1" }])
  })
})
