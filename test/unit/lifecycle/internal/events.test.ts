/**
 * The world's events through `tick`, case by case: a late start report, drains
 * repeated or moved, and nodes that leave and come back (draining, or waiting
 * to be released after a compaction).
 */
import { describe, expect, it } from "vitest"
import { Lifecycle } from "../../../../src/index.js"
import { Cluster, obey, releases, running, started, starts, stopped, stops } from "../support.js"

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

/** What `tick` throws for these events at the cluster's current time (it must throw). */
const refused = (c: Cluster, events: ReadonlyArray<Lifecycle.EventInput>): unknown => {
  try {
    Lifecycle.tick(c.state, { now: c.now, events: [...events] })
  } catch (e) {
    return e
  }
  throw new Error("tick accepted the events")
}

describe("failures and health reports", () => {
  /** Two RUNNING replicas at v1 on n1, then a rollout to v2: one old replica stops, one new one starts. */
  const rollingOut = () => {
    const c = running({ nodes: [{ id: "n1", capacity: CPU(4) }], deployments: [{ id: "d", demand: CPU(1) }] }, {
      d: ["n1", "n1"]
    })
    const rollout = c.tick([{ type: "setTarget", deployment: "d", target: 2, version: "v2" }], 1000)
    expect(c.countsByVersion("d")).toEqual({ "RUNNING v1": 1, "STOPPING v1": 1, "STARTING v2": 1 })
    return { c, rollout }
  }

  it("an old version's replica that turns unhealthy leaves the deployment UPDATING; a failure at the target version makes it UNHEALTHY", () => {
    const { c, rollout } = rollingOut()
    const old = c.replicasIn("d", "RUNNING")[0]!.id
    c.tick([{ type: "replicaUnhealthy", replica: old }], 1000)
    expect(c.status("d")).toBe("UPDATING")
    c.tick([{ type: "replicaFailed", replica: starts(rollout)[0]!.replica }], 1000)
    expect(c.status("d")).toBe("UNHEALTHY")
  })

  it("a failed start stops without grace (it never served); a node that leaves stops its replicas without grace", () => {
    const c = new Cluster({ nodes: [{ id: "n1", capacity: CPU(4) }], deployments: [{ id: "d", demand: CPU(1), target: 1 }] })
    const first = starts(c.tick())[0]!.replica
    const retry = c.tick([{ type: "replicaFailed", replica: first }])
    expect(stops(retry)).toEqual([{ type: "stopReplica", replica: first, graceful: false }])
    const next = starts(retry)[0]!.replica
    c.tick(started(retry))
    const gone = c.tick([{ type: "nodeRemoved", node: "n1" }])
    expect(stops(gone)).toEqual([{ type: "stopReplica", replica: next, graceful: false }])
  })

  it("a failure or health report about a replica already stopping changes nothing", () => {
    const c = new Cluster({ nodes: [{ id: "n1", capacity: CPU(4) }], deployments: [{ id: "d", demand: CPU(1), target: 2 }] })
    const placed = c.tick()
    c.tick([started(placed)[0]!])
    const [ran, never] = starts(placed).map((s) => s.replica)
    c.tick([{ type: "setTarget", deployment: "d", target: 0 }])
    expect(c.counts("d")).toEqual({ STOPPING: 2 })
    for (const replica of [ran!, never!]) {
      for (const type of ["replicaFailed", "replicaUnhealthy"] as const) {
        expect(c.tick([{ type, replica }])).toEqual([])
        expect(c.counts("d")).toEqual({ STOPPING: 2 })
      }
    }
  })

  it("a startup failure after the replica started, or a health report before it did, names the event and the replica", () => {
    const c = new Cluster({ nodes: [{ id: "n1", capacity: CPU(4) }], deployments: [{ id: "d", demand: CPU(1), target: 2 }] })
    const placed = c.tick()
    c.tick([started(placed)[0]!])
    const [ran, starting] = starts(placed).map((s) => s.replica)
    const noop = { type: "nodesDraining", nodes: {} } as const
    expect(refused(c, [noop, { type: "replicaFailed", replica: ran! }])).toMatchObject({
      _tag: "ReplicaAlreadyStarted",
      index: 1,
      replica: ran
    })
    expect(refused(c, [noop, noop, { type: "replicaUnhealthy", replica: starting! }])).toMatchObject({
      _tag: "ReplicaNotStarted",
      index: 2,
      replica: starting
    })
  })
})

describe("replicaStarted of a stopping replica on the node it was placed on", () => {
  it("leaves the stopping replicas in their order", () => {
    const c = new Cluster({ nodes: [{ id: "n1", capacity: CPU(4) }], deployments: [{ id: "d", demand: CPU(1), target: 2 }] })
    const placed = starts(c.tick())
    c.tick([{ type: "setTarget", deployment: "d", target: 0 }])
    const order = c.replicasIn("d", "STOPPING").map((r) => r.id)
    expect([...order].sort()).toEqual(placed.map((s) => s.replica).sort())
    c.tick([{ type: "replicaStarted", replica: order[0]!, node: "n1" }])
    expect(c.replicasIn("d", "STOPPING").map((r) => r.id)).toEqual(order)
  })
})

describe("nodesDraining with several nodes", () => {
  it("a map whose second deadline moved takes it: the replica on that node stops once it is due", () => {
    const c = running({
      nodes: [{ id: "n1", capacity: CPU(1) }, { id: "n2", capacity: CPU(1) }, { id: "n3", capacity: CPU(4) }],
      deployments: [{ id: "d", demand: CPU(1) }]
    }, { d: ["n1", "n2"] })
    c.tick([{ type: "nodesDraining", nodes: { n1: 600_000, n2: 600_000 } }], 1000)
    expect(c.counts("d")).toEqual({ STARTING: 2, PENDING_MIGRATION: 2 })
    const onN2 = c.replicasIn("d", "PENDING_MIGRATION").find((r) => r.node === "n2")!.id
    const due = c.tick([{ type: "nodesDraining", nodes: { n1: 600_000, n2: c.now + 1000 } }], 0)
    expect(stops(due).map((s) => s.replica)).toEqual([onN2])
  })
})

describe("nodeRemoved with a replica already stopping", () => {
  it("stops only the live ones: the stopping one got its stopReplica already", () => {
    const c = running({ nodes: [{ id: "n1", capacity: CPU(4) }], deployments: [{ id: "d", demand: CPU(1) }] }, {
      d: ["n1", "n1"]
    })
    const down = c.tick([{ type: "setTarget", deployment: "d", target: 1 }], 1000)
    expect(stops(down)).toHaveLength(1)
    const live = c.replicasIn("d", "RUNNING")[0]!.id
    const gone = c.tick([{ type: "nodeRemoved", node: "n1" }], 1000)
    expect(stops(gone).map((s) => s.replica)).toEqual([live])
  })
})

describe("setTarget", () => {
  it("the same target and version again changes nothing: an UNHEALTHY deployment stays UNHEALTHY", () => {
    const c = new Cluster({ nodes: [{ id: "n1", capacity: CPU(4) }], deployments: [{ id: "d", demand: CPU(1), target: 1 }] })
    const first = starts(c.tick())[0]!.replica
    c.tick([{ type: "replicaFailed", replica: first }])
    expect(c.status("d")).toBe("UNHEALTHY")
    expect(c.tick([{ type: "setTarget", deployment: "d", target: 1 }, { type: "setTarget", deployment: "d", target: 1, version: "v1" }]))
      .toEqual([])
    expect(c.status("d")).toBe("UNHEALTHY")
  })

  it("a rollback to the version most replicas still run counts only the others as outdated: the deployment may be compacted again", () => {
    const c = running({
      nodes: ["n1", "n2", "n3"].map((id) => ({ id, capacity: CPU(4) })),
      deployments: [{ id: "d", demand: CPU(1), maxSurge: 1 }],
      options: { compaction: "planner" }
    }, { d: ["n1", "n2", "n3"] })
    const rollout = c.tick([{ type: "setTarget", deployment: "d", target: 3, version: "v2" }], 1000)
    const back = c.tick([{ type: "setTarget", deployment: "d", target: 3, version: "v1" }, ...stopped(rollout)], 1000)
    obey(c, back)
    expect(c.countsByVersion("d")).toEqual({ "RUNNING v1": 3 })
    expect(c.status("d")).toBe("HEALTHY")
    c.tick([], PAST_DELAY)
    expect(c.compaction().phase).toBe("active")
  })
})
