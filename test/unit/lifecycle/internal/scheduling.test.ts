/** Pack scheduling of new replicas (OSS `TestPackScheduling`, ray-semantics.md §4 E, case 32) and its placement order. */
import { describe, expect, it } from "vitest"
import { Cluster, running, started, starts } from "../support.js"

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
