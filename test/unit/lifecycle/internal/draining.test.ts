/** Draining (Ray's `TestStopReplicasOnDrainingNodes`, ray-semantics.md §4 B, cases 11–17): start then stop. */
import { describe, expect, it } from "vitest"
import type { Lifecycle } from "../../../../src/index.js"
import { Cluster, started, starts, stopped, stops } from "../support.js"

const CPU = (n: number) => ({ CPU: n })

/**
 * Cases 11–13 start here: target 2, both replicas STARTING before any node
 * exists (so neither has a node yet), then n1 and n2 join.
 */
const twoStarting = () => {
  const c = new Cluster({ nodes: [], deployments: [{ id: "d", demand: CPU(1), target: 2 }] })
  const placed = c.tick()
  expect(starts(placed).map((s) => s.node)).toEqual([null, null])
  c.tick([{ type: "nodeAdded", node: { id: "n1", capacity: CPU(3) } }, {
    type: "nodeAdded",
    node: { id: "n2", capacity: CPU(3) }
  }])
  return { c, r1: starts(placed)[0]!.replica, r2: starts(placed)[1]!.replica }
}

/** Case 12's first step: n2 drains (deadline 60 s), then r1 is ready on n1 and r2 on n2. */
const migrating = () => {
  const { c, r1, r2 } = twoStarting()
  c.tick([{ type: "nodesDraining", nodes: { n2: 60_000 } }])
  const actions = c.tick([
    { type: "replicaStarted", replica: r1, node: "n1" },
    { type: "replicaStarted", replica: r2, node: "n2" }
  ])
  return { c, r1, r2, actions }
}

describe("draining (Ray's cases 11–17)", () => {
  it("11: a drain changes nothing for replicas that have no node yet", () => {
    const { c } = twoStarting()
    expect(c.tick([{ type: "nodesDraining", nodes: { n2: 60_000 } }])).toEqual([])
    expect(c.counts("d")).toEqual({ STARTING: 2 })
  })

  it("12: starts the replacement first, stops the old replica once the replacement runs", () => {
    const { actions, c, r2 } = migrating()
    expect(c.counts("d")).toEqual({ RUNNING: 1, PENDING_MIGRATION: 1, STARTING: 1 })
    expect(starts(actions).map((s) => s.node)).toEqual(["n1"]) // never the draining node
    expect(c.tick([], 5000)).toEqual([]) // deadline 60 s − 20 s grace not reached
    expect(c.counts("d")).toEqual({ RUNNING: 1, PENDING_MIGRATION: 1, STARTING: 1 })
    const stop = c.tick(started(actions), 5000)
    expect(stops(stop)).toEqual([{ type: "stopReplica", replica: r2, graceful: true }])
    expect(c.counts("d")).toEqual({ RUNNING: 2, STOPPING: 1 })
    c.tick(stopped(stop))
    expect(c.counts("d")).toEqual({ RUNNING: 2 })
    expect(c.status("d")).toBe("HEALTHY")
  })

  it("13: stops the old replica at now ≥ deadline − gracefulShutdownTimeoutMs, replacement or not", () => {
    const { actions, c, r2 } = migrating()
    expect(c.tick([], 39_999)).toEqual([])
    const due = c.tick([], 1)
    expect(c.now).toBe(40_000)
    expect(stops(due)).toEqual([{ type: "stopReplica", replica: r2, graceful: true }])
    expect(c.counts("d")).toEqual({ RUNNING: 1, STOPPING: 1, STARTING: 1 })
    c.tick(stopped(due))
    expect(c.counts("d")).toEqual({ RUNNING: 1, STARTING: 1 })
    c.tick(started(actions), 5000)
    expect(c.counts("d")).toEqual({ RUNNING: 2 })
    expect(c.status("d")).toBe("HEALTHY")
  })

  it("14: several draining nodes: the earliest deadline stops first", () => {
    const c = new Cluster({
      nodes: ["n1", "n2", "n3", "n4"].map((id) => ({ id, capacity: CPU(8) })),
      deployments: [{ id: "d", demand: CPU(1), target: 4 }]
    })
    const placed = c.tick()
    c.tick([{ type: "nodesDraining", nodes: { n2: 60_000, n3: 100_000, n4: 40_000 } }])
    const replacements = c.tick(started(placed, (_, i) => `n${i + 1}`))
    expect(c.counts("d")).toEqual({ RUNNING: 1, PENDING_MIGRATION: 3, STARTING: 3 })
    expect(starts(replacements).map((s) => s.node)).toEqual(["n1", "n1", "n1"])
    const onNode = (replica: string) => started(placed, (_, i) => `n${i + 1}`).find((e) => "replica" in e && e.replica === replica)
    const order: Array<unknown> = []
    const expected = [
      { RUNNING: 2, STOPPING: 1, PENDING_MIGRATION: 2, STARTING: 2 },
      { RUNNING: 3, STOPPING: 2, PENDING_MIGRATION: 1, STARTING: 1 },
      { RUNNING: 4, STOPPING: 3 }
    ]
    starts(replacements).forEach((s, i) => {
      const stop = c.tick([{ type: "replicaStarted", replica: s.replica, node: "n1" }], 1000)
      expect(c.counts("d")).toEqual(expected[i])
      order.push(...stops(stop).map((x) => onNode(x.replica)))
    })
    expect(order.map((e) => (e as { node: string }).node)).toEqual(["n4", "n2", "n3"])
    c.tick(stopped(c.log))
    expect(c.counts("d")).toEqual({ RUNNING: 4 })
    expect(c.status("d")).toBe("HEALTHY")
  })

  it("15: a migrating replica that turns unhealthy stops at once; its replacement is not doubled", () => {
    const { actions, c, r2 } = migrating()
    const stop = c.tick([{ type: "replicaUnhealthy", replica: r2 }])
    expect(stops(stop)).toEqual([{ type: "stopReplica", replica: r2, graceful: false }])
    expect(starts(stop)).toEqual([])
    expect(c.counts("d")).toEqual({ RUNNING: 1, STOPPING: 1, STARTING: 1 })
    c.tick([...started(actions), ...stopped(stop)], 1000)
    expect(c.counts("d")).toEqual({ RUNNING: 2 })
  })

  it("16: a STARTING replica on a draining node stops at once, its replacement goes elsewhere", () => {
    const c = new Cluster({
      nodes: [{ id: "n1", capacity: CPU(2) }, { id: "n2", capacity: CPU(1) }],
      deployments: [{ id: "d", demand: CPU(1), target: 2 }]
    })
    const placed = starts(c.tick())
    const onN1 = placed.find((s) => s.node === "n1")!
    const onN2 = placed.find((s) => s.node === "n2")!
    c.tick([{ type: "replicaStarted", replica: onN1.replica, node: "n1" }])
    const actions = c.tick([{ type: "nodesDraining", nodes: { n2: 60_000 } }])
    expect(stops(actions)).toEqual([{ type: "stopReplica", replica: onN2.replica, graceful: true }])
    expect(starts(actions).map((s) => s.node)).toEqual(["n1"])
    expect(c.counts("d")).toEqual({ RUNNING: 1, STOPPING: 1, STARTING: 1 })
    c.tick([...started(actions), ...stopped(actions)], 1000)
    expect(c.counts("d")).toEqual({ RUNNING: 2 })
    expect(c.status("d")).toBe("HEALTHY")
  })

  it("17: a new version during a drain stops the old STARTING and migrating replicas first", () => {
    const c = new Cluster({
      nodes: [{ id: "n1", capacity: CPU(20) }, { id: "n2", capacity: CPU(20) }],
      deployments: [{ id: "d", demand: CPU(1), target: 10 }]
    })
    c.tick(started(c.tick(), (_, i) => (i === 0 ? "n2" : "n1")))
    c.tick([{ type: "nodesDraining", nodes: { n2: 600_000 } }])
    expect(c.countsByVersion("d")).toEqual({ "RUNNING v1": 9, "PENDING_MIGRATION v1": 1, "STARTING v1": 1 })
    const rollout = c.tick([{ type: "setTarget", deployment: "d", target: 10, version: "v2" }])
    expect(c.countsByVersion("d")).toEqual({ "RUNNING v1": 9, "STOPPING v1": 2, "STARTING v2": 1 })
    expect(stops(rollout).map((s) => s.graceful)).toEqual([false, false]) // only RUNNING ones stop gracefully
    expect(starts(rollout).map((s) => s.node)).toEqual(["n1"])
    const next = c.tick([...started(rollout), ...stopped(rollout)], 1000)
    expect(c.countsByVersion("d")).toEqual({ "RUNNING v1": 7, "RUNNING v2": 1, "STOPPING v1": 2, "STARTING v2": 2 })
    expect(stops(next).map((s) => s.graceful)).toEqual([true, true])
  })

  it("a replica goes back to RUNNING when its node stops draining; the surplus is trimmed", () => {
    const { actions, c } = migrating()
    const back = c.tick([{ type: "nodesDraining", nodes: {} }])
    expect(c.counts("d")).toEqual({ RUNNING: 2, STOPPING: 1 })
    expect(stops(back).map((s) => s.replica)).toEqual(starts(actions).map((s) => s.replica))
  })
})

describe("the order of migration and trim", () => {
  it("replicas migrate in the order they run and, with equal deadlines, the first to migrate stops first", () => {
    // n1 is the tightest fit, so d#0 is placed there and d#1 on n2; both report running on n2, d#0 first.
    const c = new Cluster({
      nodes: [{ id: "n1", capacity: CPU(1) }, { id: "n2", capacity: CPU(2) }, { id: "n3", capacity: CPU(4) }],
      deployments: [{ id: "d", demand: CPU(1), target: 2 }]
    })
    const placed = starts(c.tick())
    expect(placed.map((s) => s.node)).toEqual(["n1", "n2"])
    const [first, second] = placed.map((s) => s.replica)
    c.tick([{ type: "replicaStarted", replica: first!, node: "n2" }, { type: "replicaStarted", replica: second!, node: "n2" }])
    expect(c.replicasIn("d", "RUNNING").map((r) => r.id)).toEqual([first, second])
    const replacements = c.tick([{ type: "nodesDraining", nodes: { n2: 600_000 } }], 1000)
    expect(c.replicasIn("d", "PENDING_MIGRATION").map((r) => r.id)).toEqual([first, second])
    const stop = c.tick([started(replacements)[0]!], 1000)
    expect(stops(stop).map((s) => s.replica)).toEqual([first])
  })

  it("a replica stopped because its deadline is due counts against the surplus: the others wait for their replacements", () => {
    const c = new Cluster({
      nodes: [{ id: "n1", capacity: CPU(4) }, { id: "n2", capacity: CPU(1) }, { id: "n3", capacity: CPU(1) }],
      deployments: [{ id: "d", demand: CPU(1), target: 2 }]
    })
    const placed = c.tick()
    c.tick(started(placed, (_, i) => (i === 0 ? "n2" : "n3")))
    const onN2 = c.replicasIn("d", "RUNNING").find((r) => r.node === "n2")!.id
    const actions = c.tick([{ type: "nodesDraining", nodes: { n2: c.now + 1000, n3: 10_000_000 } }], 1000)
    expect(stops(actions).map((s) => s.replica)).toEqual([onN2])
    expect(c.counts("d")).toEqual({ PENDING_MIGRATION: 1, STOPPING: 1, STARTING: 2 })
  })
})

describe("a node that held only migrated replicas is idle again once they stop", () => {
  /**
   * d#0 runs on n1 (CPU 4), d#1 on n2 (CPU 2); n2 drains and d#1's replacement
   * goes to n1. Once d#1 stops (`stop` drives that) and n2 no longer drains,
   * n2 holds only a stopping replica: idle, so a new replica goes to the busy
   * n1 although n2 would fit tighter.
   */
  const afterMigration = (stop: (c: Cluster, replacement: ReadonlyArray<Lifecycle.Action>) => void) => {
    const c = new Cluster({
      nodes: [{ id: "n1", capacity: CPU(4) }, { id: "n2", capacity: CPU(2) }],
      deployments: [{ id: "d", demand: CPU(1), target: 2 }]
    })
    c.tick(started(c.tick(), (_, i) => (i === 0 ? "n1" : "n2")))
    const replacement = c.tick([{ type: "nodesDraining", nodes: { n2: 600_000 } }], 1000)
    expect(starts(replacement).map((s) => s.node)).toEqual(["n1"])
    stop(c, replacement)
    c.tick([{ type: "nodesDraining", nodes: {} }], 1000)
    expect(c.replicasIn("d", "STOPPING").map((r) => r.node)).toEqual(["n2"])
    return starts(c.tick([{ type: "setTarget", deployment: "d", target: 3 }], 1000)).map((s) => s.node)
  }

  it("stopped as surplus once its replacement runs", () => {
    expect(afterMigration((c, replacement) => void c.tick(started(replacement), 1000))).toEqual(["n1"])
  })

  it("stopped because its deadline is due", () => {
    expect(afterMigration((c) => void c.tick([], 600_000))).toEqual(["n1"])
  })

  it("back to RUNNING when its node stops draining, then stopped as unhealthy", () => {
    const c = new Cluster({
      nodes: [{ id: "n1", capacity: CPU(4) }, { id: "n2", capacity: CPU(2) }],
      deployments: [{ id: "d", demand: CPU(1), target: 2 }]
    })
    c.tick(started(c.tick(), (_, i) => (i === 0 ? "n1" : "n2")))
    c.tick([{ type: "nodesDraining", nodes: { n2: 600_000 } }], 1000)
    c.tick([{ type: "nodesDraining", nodes: {} }], 1000) // back to RUNNING; the surplus replacement (STARTING) stops
    expect(c.counts("d")).toEqual({ RUNNING: 2, STOPPING: 1 })
    const onN2 = c.replicasIn("d", "RUNNING").find((r) => r.node === "n2")!.id
    const retry = c.tick([{ type: "replicaUnhealthy", replica: onN2 }], 1000)
    expect(starts(retry).map((s) => s.node)).toEqual(["n1"])
  })
})
