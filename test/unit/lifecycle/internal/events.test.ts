/**
 * The world's events through `tick`, case by case: a late start report, drains
 * repeated or moved, and nodes that leave and come back (draining, or waiting
 * to be released after a compaction).
 */
import { describe, expect, it } from "vitest"
import { Lifecycle } from "../../../../src/index.js"
import { Cluster, releases, running, started, starts, stopped, stops } from "../support.js"

const CPU = (n: number) => ({ CPU: n })
/** Just past the default 300 s compaction delay. */
const PAST_DELAY = 305_000

describe("replicaStarted after the replica was stopped", () => {
  it("holds the node it reports, not the one it was placed on", () => {
    const c = new Cluster({
      nodes: [{ id: "n1", capacity: CPU(2) }, { id: "n2", capacity: CPU(2) }],
      deployments: [{ id: "d", demand: CPU(1), target: 1 }]
    })
    const start = starts(c.tick())[0]!
    expect(start.node).toBe("n1")
    c.tick([{ type: "setTarget", deployment: "d", target: 0 }])
    expect(c.counts("d")).toEqual({ STOPPING: 1 })
    c.tick([{ type: "replicaStarted", replica: start.replica, node: "n2" }])
    expect(c.replicasIn("d", "STOPPING").map((r) => r.node)).toEqual(["n2"])
    // Reported from where it was placed, it stays there.
    const d = new Cluster({ nodes: [{ id: "n1", capacity: CPU(2) }], deployments: [{ id: "d", demand: CPU(1), target: 1 }] })
    const first = starts(d.tick())[0]!
    d.tick([{ type: "setTarget", deployment: "d", target: 0 }])
    d.tick([{ type: "replicaStarted", replica: first.replica, node: "n1" }])
    expect(d.replicasIn("d", "STOPPING").map((r) => r.node)).toEqual(["n1"])
  })
})

describe("nodesDraining", () => {
  const draining = () => {
    const c = running({
      nodes: [{ id: "n1", capacity: CPU(2) }, { id: "n2", capacity: CPU(2) }],
      deployments: [{ id: "d", demand: CPU(1) }]
    }, { d: ["n2"] })
    // The replacement is not reported running yet, so the migrating replica waits for its deadline.
    c.tick([{ type: "nodesDraining", nodes: { n2: 600_000 } }], 1000)
    expect(c.counts("d")).toEqual({ STARTING: 1, PENDING_MIGRATION: 1 })
    return c
  }

  it("the same drain again changes nothing: the very state comes back", () => {
    const c = draining()
    const again = Lifecycle.tick(c.state, { now: c.now, events: [{ type: "nodesDraining", nodes: { n2: 600_000 } }] })
    expect(again.actions).toEqual([])
    expect(again.state).toBe(c.state)
  })

  it("a drain whose deadline moved takes the new deadline: the migrating replica stops once it is due", () => {
    const c = draining()
    const stop = c.tick([{ type: "nodesDraining", nodes: { n2: c.now + 1000 } }], 0)
    expect(stops(stop)).toHaveLength(1)
    expect(c.counts("d")).toEqual({ STARTING: 1, STOPPING: 1 })
  })
})

describe("nodeAdded", () => {
  it("a resource no one named before counts from then on, in Ray's order (GPU first)", () => {
    const c = running({
      nodes: [{ id: "n1", capacity: CPU(1) }],
      deployments: [{ id: "d", demand: CPU(1) }]
    }, { d: ["n1"] })
    // Equal CPU left: the best fit is the node with the fewer GPUs left, the one added last.
    c.tick([{ type: "nodeAdded", node: { id: "n2", capacity: { GPU: 8, CPU: 2 } } }], 1000)
    c.tick([{ type: "nodeAdded", node: { id: "n3", capacity: { GPU: 1, CPU: 2 } } }], 1000)
    const placed = c.tick([{ type: "setTarget", deployment: "d", target: 2 }], 1000)
    expect(starts(placed).map((s) => s.node)).toEqual(["n3"])
  })
})

describe("nodes that leave", () => {
  it("a node that joins again after it left is a node like any other: leaving again stops its replicas", () => {
    const c = running({
      nodes: [{ id: "n1", capacity: CPU(1) }, { id: "n2", capacity: CPU(1) }],
      deployments: [{ id: "d", demand: CPU(1) }]
    }, { d: ["n1"] })
    c.tick([{ type: "nodeRemoved", node: "n2" }], 1000)
    c.tick([{ type: "nodeAdded", node: { id: "n2", capacity: CPU(1) } }], 1000)
    const placed = c.tick([{ type: "setTarget", deployment: "d", target: 2 }], 1000)
    expect(starts(placed).map((s) => s.node)).toEqual(["n2"])
    c.tick(started(placed), 1000)
    const gone = c.tick([{ type: "nodeRemoved", node: "n2" }], 1000)
    expect(stops(gone).map((s) => s.replica)).toEqual(starts(placed).map((s) => s.replica))
  })

  it("a draining node that leaves drains no more: the cluster is quiet again and a compaction may start", () => {
    const c = running({
      nodes: [{ id: "n1", capacity: CPU(4) }, { id: "n2", capacity: CPU(4) }, { id: "n3", capacity: CPU(4) }],
      deployments: [{ id: "d", demand: CPU(1) }],
      options: { compaction: "ray" }
    }, { d: ["n1", "n2"] })
    c.tick([{ type: "nodesDraining", nodes: { n3: 10_000_000 } }], 1000)
    c.tick([{ type: "nodeRemoved", node: "n3" }], 1000)
    c.tick([], PAST_DELAY)
    expect(c.compaction().phase).toBe("active")
  })

  it("a node waiting to be released that leaves is forgotten: back again, it is not released", () => {
    const c = running({
      nodes: [{ id: "n1", capacity: CPU(9) }, { id: "n2", capacity: CPU(4) }, { id: "n3", capacity: CPU(5) }],
      deployments: [{ id: "A", demand: CPU(1) }, { id: "B", demand: CPU(2) }, { id: "C", demand: CPU(3) }],
      options: { compaction: "ray" }
    }, { A: ["n2", "n2"], B: ["n3"], C: ["n1", "n1"] })
    const moved = c.tick([], PAST_DELAY)
    expect(c.compaction().nodes).toEqual(["n3"])
    const stop = c.tick(started(moved), 1000)
    expect(c.compaction().phase).toBe("idle") // complete: n3 waits for its old replica to exit
    c.tick([{ type: "nodeRemoved", node: "n3" }, ...stopped(stop)], 1000)
    const back = c.tick([{ type: "nodeAdded", node: { id: "n3", capacity: CPU(5) } }], 1000)
    expect(releases(back)).toEqual([])
    expect(releases(c.tick([], 1000))).toEqual([])
  })
})
