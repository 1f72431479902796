/** `make`: the first state, Ray's defaults, and `InvalidConfig` naming every offending item. */
import { describe, expect, it } from "vitest"
import { Lifecycle } from "../../../src/index.js"
import { deepFreeze } from "../../../spec/freeze.js"

const invalid = (config: unknown): Lifecycle.InvalidConfig => {
  try {
    Lifecycle.make(deepFreeze(config) as Lifecycle.ConfigInput)
  } catch (e) {
    expect(e).toBeInstanceOf(Lifecycle.InvalidConfig)
    expect((e as Error).message).toMatch(/^replicore\/lifecycle\.make: /)
    return e as Lifecycle.InvalidConfig
  }
  throw new Error("make accepted bad input")
}

describe("make", () => {
  it("starts with no replica, deployments UPDATING (HEALTHY at target 0), no compaction", () => {
    const s = Lifecycle.make(deepFreeze({
      nodes: [{ id: "n1", capacity: { CPU: 1 } }],
      deployments: [{ id: "a", demand: { CPU: 1 }, target: 2 }, { id: "b", demand: {}, target: 0 }]
    }))
    expect(Lifecycle.countByState(s, "a")).toEqual({
      STARTING: 0,
      UPDATING: 0,
      RECOVERING: 0,
      RUNNING: 0,
      STOPPING: 0,
      PENDING_MIGRATION: 0
    })
    expect([Lifecycle.status(s, "a"), Lifecycle.status(s, "b")]).toEqual(["UPDATING", "HEALTHY"])
    expect(Lifecycle.compaction(s)).toEqual({ phase: "idle", nodes: [], startedAt: null, failures: 0 })
  })

  it("takes Ray's defaults: version v1, compaction off, 20 s grace", () => {
    const s = Lifecycle.make({
      nodes: [{ id: "n1", capacity: { CPU: 1 } }],
      deployments: [{ id: "a", demand: { CPU: 1 }, target: 1 }]
    })
    const { actions, state } = Lifecycle.tick(s, { now: 0, events: [] })
    expect(actions).toEqual([{ type: "startReplica", replica: "a#0", deployment: "a", version: "v1", node: "n1" }])
    const running = Lifecycle.tick(state, { now: 0, events: [{ type: "replicaStarted", replica: "a#0", node: "n1" }] })
    expect(Lifecycle.tick(running.state, { now: 1e9, events: [] }).actions).toEqual([]) // compaction off
    const draining = Lifecycle.tick(running.state, { now: 1, events: [{ type: "nodesDraining", nodes: { n1: 20_002 } }] })
    expect(draining.actions).toEqual([{ type: "startReplica", replica: "a#1", deployment: "a", version: "v1", node: null }])
    expect(Lifecycle.tick(draining.state, { now: 2, events: [] }).actions).toEqual([
      { type: "stopReplica", replica: "a#0", graceful: true }
    ])
  })

  it("refuses negative or fractional quantities and targets, naming each", () => {
    const e = invalid({
      nodes: [{ id: "n1", capacity: { CPU: -1 } }],
      deployments: [{ id: "d", demand: { CPU: 0.5 }, target: -2 }]
    })
    expect(e.problems.map((p) => p.item)).toEqual(["nodes.0.capacity.CPU", "deployments.0.demand.CPU", "deployments.0.target"])
  })

  it("refuses duplicate ids and a # in a deployment id", () => {
    const e = invalid({
      nodes: [{ id: "n1", capacity: {} }, { id: "n1", capacity: {} }],
      deployments: [{ id: "a#1", demand: {}, target: 0 }, { id: "b", demand: {}, target: 0 }, { id: "b", demand: {}, target: 0 }]
    })
    expect(e.problems).toEqual([
      { item: 'node "n1"', problem: "duplicate node id" },
      { item: 'deployment "b"', problem: "duplicate deployment id" },
      { item: 'deployment "a#1"', problem: "an id must not contain #" }
    ])
  })

  it("refuses bad options: an unknown compaction mode, a rollingUpdatePercent out of (0, 1], bad planner options", () => {
    const e = invalid({
      nodes: [],
      deployments: [],
      options: { compaction: "fast", rollingUpdatePercent: 20, planner: { maxConcurrentMigrations: 0 } }
    })
    expect(e.problems.map((p) => p.item)).toEqual([
      "options.compaction",
      "options.rollingUpdatePercent",
      "options.planner.maxConcurrentMigrations"
    ])
  })

  it("a configuration that is not a record at all is one problem about the input", () => {
    expect(invalid(5).problems).toEqual([{ item: "input", problem: "Expected Struct (Encoded side), actual 5" }])
    expect(invalid(null).problems.map((p) => p.item)).toEqual(["input"])
  })
})
