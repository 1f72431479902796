/** Pack scheduling of new replicas (OSS `TestPackScheduling`, ray-semantics.md §4 E, case 32) and its placement order. */
import { describe, expect, it } from "vitest"
import { Compaction } from "../../../../src/index.js"
import { Cluster, running, started, starts, stops } from "../support.js"

describe("pack scheduling", () => {
  it("32: largest request first, best fit", () => {
    const c = new Cluster({
      nodes: [{ id: "n1", capacity: { CPU: 3 } }, { id: "n2", capacity: { CPU: 2 } }],
      deployments: [{ id: "d1", demand: { CPU: 1 }, target: 2 }, { id: "d2", demand: { CPU: 3 }, target: 1 }]
    })
    expect(starts(c.tick()).map((s) => [s.deployment, s.node])).toEqual([["d2", "n1"], ["d1", "n2"], ["d1", "n2"]])
  })

  it("busy nodes before idle ones, whatever the fit", () => {
    const c = running({
      nodes: [{ id: "idle", capacity: { CPU: 1 } }, { id: "busy", capacity: { CPU: 8 } }],
      deployments: [{ id: "d", demand: { CPU: 1 } }]
    }, { d: ["busy"] })
    const up = c.tick([{ type: "setTarget", deployment: "d", target: 2 }])
    expect(starts(up).map((s) => s.node)).toEqual(["busy"])
  })

  it("a tie on the first resource is decided by the next ones in Ray's order (CPU, then memory, then by name)", () => {
    const c = new Cluster({
      nodes: [
        { id: "roomy", capacity: { CPU: 2, memory: 64, disk: 1 } },
        { id: "tight", capacity: { CPU: 2, memory: 16, disk: 9 } }
      ],
      deployments: [{ id: "d", demand: { CPU: 1 }, target: 1 }]
    })
    expect(starts(c.tick()).map((s) => s.node)).toEqual(["tight"])
    const byName = new Cluster({
      nodes: [{ id: "a", capacity: { CPU: 2, zeta: 1, alpha: 5 } }, { id: "b", capacity: { CPU: 2, zeta: 9, alpha: 3 } }],
      deployments: [{ id: "d", demand: { CPU: 1 }, target: 1 }]
    })
    expect(starts(byName.tick()).map((s) => s.node)).toEqual(["b"]) // alpha before zeta: b has less alpha left
    // CPU and memory tie: the third resource decides, whichever node comes first (after a roomier one).
    for (const [first, second] of [["x", "y"], ["y", "x"]] as const) {
      const third = new Cluster({
        nodes: [
          { id: "z", capacity: { CPU: 8, memory: 8, disk: 50 } },
          { id: first, capacity: { CPU: 4, memory: 8, disk: first === "x" ? 5 : 50 } },
          { id: second, capacity: { CPU: 4, memory: 8, disk: second === "x" ? 5 : 50 } }
        ],
        deployments: [{ id: "d", demand: { CPU: 1, memory: 1 }, target: 1 }]
      })
      expect(starts(third.tick()).map((s) => s.node)).toEqual(["x"])
    }
    const even = new Cluster({
      nodes: [{ id: "first", capacity: { CPU: 2, memory: 8 } }, { id: "second", capacity: { CPU: 2, memory: 8 } }],
      deployments: [{ id: "d", demand: { CPU: 1 }, target: 1 }]
    })
    expect(starts(even.tick()).map((s) => s.node)).toEqual(["first"]) // a full tie keeps the earlier node
  })

  it("GPU ranks first in best fit: the node with the fewest GPUs left wins", () => {
    const c = new Cluster({
      nodes: [{ id: "a", capacity: { GPU: 2, CPU: 1 } }, { id: "b", capacity: { GPU: 1, CPU: 8 } }],
      deployments: [{ id: "d", demand: { GPU: 1, CPU: 1 }, target: 1 }]
    })
    expect(starts(c.tick()).map((s) => s.node)).toEqual(["b"])
  })

  it("node null when nothing fits; the reported node wins", () => {
    const c = new Cluster({
      nodes: [{ id: "n1", capacity: { CPU: 1 } }],
      deployments: [{ id: "d", demand: { CPU: 2 }, target: 1 }]
    })
    const placed = c.tick()
    expect(starts(placed).map((s) => s.node)).toEqual([null])
    c.tick([{ type: "nodeAdded", node: { id: "big", capacity: { CPU: 4 } } }, ...started(placed, () => "big")])
    expect(c.replicasIn("d", "RUNNING").map((r) => r.node)).toEqual(["big"])
  })

  it("never on a draining node; a STOPPING replica holds its node until it exits", () => {
    const c = running({
      nodes: [{ id: "n1", capacity: { CPU: 1 } }, { id: "n2", capacity: { CPU: 4 } }],
      deployments: [{ id: "d", demand: { CPU: 1 } }]
    }, { d: ["n1"] })
    const unhealthy = c.tick([{ type: "replicaUnhealthy", replica: c.replicasIn("d", "RUNNING")[0]!.id }])
    expect(starts(unhealthy).map((s) => s.node)).toEqual(["n2"]) // n1 is still held by the STOPPING replica
    const c2 = running({
      nodes: [{ id: "n1", capacity: { CPU: 4 } }, { id: "n2", capacity: { CPU: 4 } }],
      deployments: [{ id: "d", demand: { CPU: 1 } }]
    }, { d: ["n1"] })
    const up = c2.tick([{ type: "nodesDraining", nodes: { n2: 1e9 } }, { type: "setTarget", deployment: "d", target: 8 }])
    expect(starts(up).map((s) => s.node)).toEqual(["n1", "n1", "n1", null, null, null, null])
  })

  it("maxReplicasPerNode holds: a second replica goes to another node", () => {
    const c = new Cluster({
      nodes: [{ id: "n1", capacity: { CPU: 4 } }, { id: "n2", capacity: { CPU: 4 } }],
      deployments: [{ id: "d", demand: { CPU: 1 }, target: 3, maxReplicasPerNode: 1 }]
    })
    expect(starts(c.tick()).map((s) => s.node)).toEqual(["n1", "n2", null])
  })
})

describe("maxReplicasPerNode with several deployments", () => {
  it("the replicas placed in the same tick count, for a deployment that is not the first", () => {
    const c = new Cluster({
      nodes: [{ id: "n1", capacity: { CPU: 4 } }, { id: "n2", capacity: { CPU: 4 } }],
      deployments: [{ id: "other", demand: { CPU: 1 }, target: 0 }, { id: "d", demand: { CPU: 1 }, target: 3, maxReplicasPerNode: 1 }]
    })
    expect(starts(c.tick()).map((s) => s.node)).toEqual(["n1", "n2", null])
  })
})

describe("planner replacements go to their step's destination", () => {
  const PAST_DELAY = 305_000

  it("the plan's destination, not the pack scheduler's best fit", () => {
    const nodes = [
      { id: "n0", capacity: { CPU: 4 } },
      { id: "n1", capacity: { CPU: 3 } },
      { id: "head", capacity: { CPU: 2 }, releasable: false }
    ]
    const c = running({ nodes, deployments: [{ id: "d", demand: { CPU: 1 } }], options: { compaction: "planner" } }, {
      d: ["n1", "n1", "n0", "head"]
    })
    // The same cluster as the planner sees it: it empties n0, and its replica goes where the plan says.
    const plan = Compaction.plan(Compaction.validateOrThrow({
      nodes,
      deployments: [{ id: "d", demand: { CPU: 1 } }],
      replicas: [
        { id: "a", deployment: "d", node: "n1" },
        { id: "b", deployment: "d", node: "n1" },
        { id: "c", deployment: "d", node: "n0" },
        { id: "e", deployment: "d", node: "head" }
      ]
    }))
    expect(plan.steps.map((s) => [s.replica, s.from])).toEqual([["c", "n0"]])
    const to = plan.steps[0]!.to
    // The pack scheduler would take n1: n1 and head both have 1 left, and n1 comes first.
    expect(to).toBe("head")
    const actions = c.tick([], PAST_DELAY)
    expect(c.compaction().nodes).toEqual(["n0"])
    expect(starts(actions).map((s) => s.node)).toEqual([to])
  })

  /** The cluster of the test above, its compaction just started: d's replica on n0 moves to head. */
  const toHead = () => {
    const c = running({
      nodes: [{ id: "n0", capacity: { CPU: 4 } }, { id: "n1", capacity: { CPU: 3 } }, { id: "head", capacity: { CPU: 2 }, releasable: false }],
      deployments: [{ id: "d", demand: { CPU: 1 } }],
      options: { compaction: "planner" }
    }, { d: ["n1", "n1", "n0", "head"] })
    const replacement = starts(c.tick([], PAST_DELAY))
    expect(replacement.map((s) => s.node)).toEqual(["head"])
    expect(c.compaction()).toMatchObject({ phase: "active", nodes: ["n0"] })
    return { c, replacement: replacement[0]!.replica }
  }

  it("once its step's replacement runs, a new replica of the deployment is placed as usual (head is full)", () => {
    const { c, replacement } = toHead()
    const more = c.tick([{ type: "replicaStarted", replica: replacement, node: "head" }, {
      type: "setTarget",
      deployment: "d",
      target: 5
    }], 1000)
    expect(starts(more).map((s) => s.node)).toEqual(["n1"])
    expect(c.compaction().phase).toBe("active")
  })

  it("a step whose replacement failed gets a new one on its destination; when that has no room, the compaction is cancelled", () => {
    const { c, replacement } = toHead()
    // The failed replacement holds head until it exits, so the new one does not fit there.
    const retry = c.tick([{ type: "replicaFailed", replica: replacement }], 1000)
    expect(c.compaction()).toMatchObject({ phase: "backoff", failures: 1 })
    // Cancelled: the replica on n0 serves again, so the new replica (placed as usual) is surplus and stops at once.
    const [again] = starts(retry)
    expect(stops(retry).map((s) => s.replica)).toEqual([replacement, again!.replica])
    expect(c.counts("d")).toEqual({ RUNNING: 4, STOPPING: 2 })
  })

  it("a step whose replica stopped migrating (it turned unhealthy) takes no replacement: new replicas are placed as usual", () => {
    const { c, replacement } = toHead()
    const source = c.replicasIn("d", "PENDING_MIGRATION")[0]!.id
    const actions = c.tick([{ type: "replicaUnhealthy", replica: source }, { type: "replicaFailed", replica: replacement }], 1000)
    expect(stops(actions).map((s) => s.replica)).toEqual([source, replacement])
    expect(starts(actions).map((s) => s.node)).toEqual(["n1"]) // not head, the step's destination (its failed replacement still holds it)
    expect(c.compaction().phase).toBe("active")
  })

  it("two steps of one deployment in one wave: each replacement to its own step's destination", () => {
    // n3 is the only node that may be released; its two replicas go one to n1 and one to n2 (each has room for one).
    const c = running({
      nodes: [
        { id: "n1", capacity: { CPU: 2 }, releasable: false },
        { id: "n2", capacity: { CPU: 2 }, releasable: false },
        { id: "n3", capacity: { CPU: 2 } }
      ],
      deployments: [{ id: "d", demand: { CPU: 1 }, maxSurge: 2 }],
      options: { compaction: "planner" }
    }, { d: ["n1", "n2", "n3", "n3"] })
    const actions = c.tick([], PAST_DELAY)
    expect(c.compaction()).toMatchObject({ phase: "active", nodes: ["n3"] })
    expect(starts(actions).map((s) => s.node).sort()).toEqual(["n1", "n2"])
  })
})

describe("a node waiting to be released", () => {
  it("takes no new replica, though it is the only one with room", () => {
    const c = running({
      nodes: [{ id: "n1", capacity: { CPU: 9 } }, { id: "n2", capacity: { CPU: 4 } }, { id: "n3", capacity: { CPU: 5 } }],
      deployments: [{ id: "A", demand: { CPU: 1 } }, { id: "B", demand: { CPU: 2 } }, { id: "C", demand: { CPU: 3 } }],
      options: { compaction: "ray" }
    }, { A: ["n2", "n2"], B: ["n3"], C: ["n1", "n1"] })
    const moved = c.tick([], 305_000)
    expect(c.compaction().nodes).toEqual(["n3"])
    c.tick(started(moved), 1000)
    expect(c.compaction().phase).toBe("idle") // complete: n3 waits for B's old replica to exit
    // C needs 3 CPU twice: n1 has 3 left, n2 none; n3 has 3 left but is to be released.
    expect(starts(c.tick([{ type: "setTarget", deployment: "C", target: 4 }], 1000)).map((s) => s.node)).toEqual(["n1", null])
  })
})

describe("best fit over several resources", () => {
  it("GPU decides first though it is the second resource named; each placement takes every resource it needs", () => {
    // CPU first would pick b (2 CPUs) first; GPU first picks a (2 GPUs). a takes two (its GPUs), b two (its CPUs), then none fits.
    const c = new Cluster({
      nodes: [{ id: "a", capacity: { CPU: 4, GPU: 2 } }, { id: "b", capacity: { CPU: 2, GPU: 4 } }],
      deployments: [{ id: "d", demand: { CPU: 1, GPU: 1 }, target: 5 }]
    })
    expect(starts(c.tick()).map((s) => s.node)).toEqual(["a", "a", "b", "b", null])
  })

  it("a draining node takes nothing even when it is the only node with room", () => {
    const c = running({
      nodes: [{ id: "n1", capacity: { CPU: 1 } }, { id: "n2", capacity: { CPU: 4 } }],
      deployments: [{ id: "d", demand: { CPU: 1 } }]
    }, { d: ["n1"] })
    c.tick([{ type: "nodesDraining", nodes: { n2: 10_000_000 } }], 1000)
    expect(starts(c.tick([{ type: "setTarget", deployment: "d", target: 2 }], 1000)).map((s) => s.node)).toEqual([null])
  })
})

describe("placing several requests in one tick", () => {
  it("each deployment gets its own best fit: a smaller replica after a larger one goes to the tighter node", () => {
    const c = new Cluster({
      nodes: [{ id: "n1", capacity: { CPU: 5 } }, { id: "n2", capacity: { CPU: 1 } }],
      deployments: [{ id: "small", demand: { CPU: 1 }, target: 1 }, { id: "large", demand: { CPU: 3 }, target: 1 }]
    })
    expect(starts(c.tick()).map((s) => [s.deployment, s.node])).toEqual([["large", "n1"], ["small", "n2"]])
  })

  it("once nothing fits, every further replica of the deployment gets node null", () => {
    const c = new Cluster({
      nodes: [{ id: "n1", capacity: { CPU: 4 } }, { id: "n2", capacity: { CPU: 4 } }],
      deployments: [{ id: "d", demand: { CPU: 1 }, target: 4, maxReplicasPerNode: 1 }]
    })
    expect(starts(c.tick()).map((s) => s.node)).toEqual(["n1", "n2", null, null])
  })
})
