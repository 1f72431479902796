/** Ray's choice of the node to compact (Anyscale's `TestActiveCompaction`, ray-semantics.md §4 D, 20–22 and 28–31). */
import { describe, expect, it } from "vitest"
import { Cluster, running, started, starts } from "../support.js"

/** Just past the default 300 s compaction delay. */
const PAST_DELAY = 305_000

const compacted = (c: Cluster): ReadonlyArray<string> => {
  c.tick([], PAST_DELAY)
  return c.compaction().nodes
}

describe("which node Ray compacts (cases 20–22, 28–31)", () => {
  const basic = (d2Gpu: number) =>
    running({
      nodes: [{ id: "n1", capacity: { GPU: 4, CPU: 8 } }, { id: "n2", capacity: { GPU: 10, CPU: 2 } }],
      deployments: [{ id: "d1", demand: { GPU: 1, CPU: 2 } }, { id: "d2", demand: { GPU: d2Gpu, CPU: 1 } }],
      options: { compaction: "ray" }
    }, { d1: ["n1", "n1", "n1"], d2: ["n2"] })

  it("20: the node whose replicas fit on the other busy nodes, still returned while active", () => {
    const c = basic(1)
    expect(compacted(c)).toEqual(["n2"])
    c.tick([], 1000)
    expect(c.compaction()).toMatchObject({ phase: "active", nodes: ["n2"] })
  })

  it("21: none when a replica does not fit elsewhere (2 GPUs needed, 1 free)", () => {
    const c = basic(2)
    expect(compacted(c)).toEqual([])
    expect(c.compaction().phase).toBe("idle")
  })

  it("22: never moves replicas onto idle nodes", () => {
    const c = running({
      nodes: [{ id: "n1", capacity: { CPU: 3 } }, { id: "n2", capacity: { CPU: 3 } }],
      deployments: [{ id: "d", demand: { CPU: 1 } }],
      options: { compaction: "ray" }
    }, { d: ["n1"] })
    expect(compacted(c)).toEqual([])
    expect(c.compaction()).toEqual({ phase: "idle", nodes: [], startedAt: null, failures: 0 }) // none started, none cancelled
  })

  it("28: never compacts the head (non-releasable) node", () => {
    const c = running({
      nodes: [{ id: "head", capacity: { CPU: 1 }, releasable: false }, { id: "worker", capacity: { CPU: 3 } }],
      deployments: [{ id: "d", demand: { CPU: 1 } }],
      options: { compaction: "ray" }
    }, { d: ["head", "worker"] })
    expect(compacted(c)).toEqual([])
  })

  it("29: custom resources must fit too (customx 0.1 as 1 of 10 units)", () => {
    const c = running({
      nodes: [{ id: "n1", capacity: { CPU: 3 } }, { id: "n2", capacity: { CPU: 1, customx: 10 } }],
      deployments: [{ id: "d1", demand: { CPU: 1 } }, { id: "d2", demand: { CPU: 1, customx: 1 } }],
      options: { compaction: "ray", compactionDelayMs: 0 }
    }, { d1: ["n1", "n1"], d2: ["n2"] })
    expect(c.compaction().phase).toBe("idle") // n1 has no customx
    const upscale = c.tick([
      { type: "nodeAdded", node: { id: "n3", capacity: { CPU: 3, customx: 10 } } },
      { type: "setTarget", deployment: "d1", target: 4 }
    ], 1000)
    c.tick(started(upscale, () => "n3"), 1000)
    expect(c.compaction()).toMatchObject({ phase: "active", nodes: ["n2"] })
  })

  it("30: a node whose replicas spread over several nodes, best fit each", () => {
    const c = running({
      nodes: [{ id: "n1", capacity: { CPU: 6 } }, { id: "n2", capacity: { CPU: 6 } }, { id: "n3", capacity: { CPU: 3 } }],
      deployments: [{ id: "d", demand: { CPU: 1 } }],
      options: { compaction: "ray" }
    }, { d: ["n1", "n1", "n1", "n1", "n1", "n2", "n2", "n2", "n2", "n3", "n3", "n3"] })
    const actions = c.tick([], PAST_DELAY)
    expect(c.compaction().nodes).toEqual(["n3"])
    expect(starts(actions).map((s) => s.node)).toEqual(["n1", "n2", "n2"])
  })

  it("31: the larger node is preferred, GPU before CPU", () => {
    const c = running({
      nodes: [{ id: "a", capacity: { GPU: 4, CPU: 8 } }, { id: "b", capacity: { GPU: 10, CPU: 2 } }],
      deployments: [{ id: "d", demand: { GPU: 1 } }],
      options: { compaction: "ray" }
    }, { d: ["a", "b"] })
    expect(compacted(c)).toEqual(["b"])
  })

  it("equal sizes: the node with fewer replicas to move", () => {
    const c = running({
      nodes: [{ id: "n1", capacity: { CPU: 4 } }, { id: "n2", capacity: { CPU: 4 } }],
      deployments: [{ id: "d", demand: { CPU: 1 } }],
      options: { compaction: "ray" }
    }, { d: ["n1", "n1", "n2"] })
    expect(compacted(c)).toEqual(["n2"])
  })

  it("respects maxReplicasPerNode on the destination", () => {
    const c = running({
      nodes: [{ id: "n1", capacity: { CPU: 4 } }, { id: "n2", capacity: { CPU: 4 } }],
      deployments: [{ id: "d", demand: { CPU: 1 }, maxReplicasPerNode: 1 }],
      options: { compaction: "ray" }
    }, { d: ["n1", "n2"] })
    expect(compacted(c)).toEqual([])
  })

  it("a larger node is preferred even when a smaller one comes later with fewer replicas to move", () => {
    const c = running({
      nodes: [{ id: "a", capacity: { CPU: 6 } }, { id: "b", capacity: { CPU: 4 } }, {
        id: "head",
        capacity: { CPU: 10 },
        releasable: false
      }],
      deployments: [{ id: "d", demand: { CPU: 1 } }],
      options: { compaction: "ray" }
    }, { d: ["a", "a", "b", "head"] })
    expect(compacted(c)).toEqual(["a"])
  })

  it("the replicas to move are placed largest first: smallest first would not fit them", () => {
    // t's replicas need 3, 3, 2, 2 (largest first in any order they came); the busy nodes have 3, 4, 3 left.
    const c = new Cluster({
      nodes: [{ id: "t", capacity: { CPU: 12 } }, { id: "x", capacity: { CPU: 4 } }, { id: "y", capacity: { CPU: 3 } }],
      deployments: [{ id: "small", demand: { CPU: 1 }, target: 3 }, { id: "large", demand: { CPU: 2 }, target: 0 }],
      options: { compaction: "ray" }
    })
    c.tick(started(c.tick(), (_, i) => ["t", "x", "y"][i]!))
    const large = c.tick([{ type: "setTarget", deployment: "large", target: 2 }])
    c.tick(started(large, () => "t"))
    // t holds small (1) then large (2, 2): largest first, 2 → y, 2 → x, 1 → x; smallest first, 1 → y, 2 → x, 2 fits nowhere.
    expect(compacted(c)).toEqual(["t"])
  })

  it("each replica to move goes to the best fit: the first or the last node that fits would leave one out", () => {
    const c = running({
      nodes: [
        { id: "t", capacity: { CPU: 12 } },
        { id: "a", capacity: { CPU: 4 } },
        { id: "b", capacity: { CPU: 5 } },
        { id: "c", capacity: { CPU: 4 } }
      ],
      deployments: [{ id: "p", demand: { CPU: 3 } }, { id: "q", demand: { CPU: 2 } }, { id: "s", demand: { CPU: 1 } }],
      options: { compaction: "ray" }
    }, { p: ["t", "t"], q: ["t", "t"], s: ["a", "b", "c"] })
    // Left: a 3, b 4, c 3. Best fit: 3 → a, 3 → c, 2 → b, 2 → b. First fit: 3 → a, 3 → b, 2 → c, then no room for 2.
    expect(compacted(c)).toEqual(["t"])
  })

  describe("maxReplicasPerNode counts the replicas it moves there as well", () => {
    const layout = (maxReplicasPerNode: number) =>
      running({
        nodes: [{ id: "t", capacity: { CPU: 9 } }, { id: "x", capacity: { CPU: 8 } }],
        deployments: [{ id: "d", demand: { CPU: 1 }, maxReplicasPerNode }, { id: "e", demand: { CPU: 1 } }],
        options: { compaction: "ray" }
      }, { d: ["t", "t", "x"], e: ["x"] })

    it("2 per node: x holds one, so only one of t's two fits there and t is not compacted", () => {
      expect(compacted(layout(2))).toEqual([])
    })

    it("3 per node: both fit on x", () => {
      expect(compacted(layout(3))).toEqual(["t"])
    })

    it("x holding none of t's three: 3 per node, all fit there; 2 per node, the third fits nowhere (x's own replica may still go to t)", () => {
      const three = (maxReplicasPerNode: number) =>
        running({
          nodes: [{ id: "t", capacity: { CPU: 9 } }, { id: "x", capacity: { CPU: 8 } }],
          deployments: [{ id: "d", demand: { CPU: 1 }, maxReplicasPerNode }, { id: "e", demand: { CPU: 1 } }],
          options: { compaction: "ray" }
        }, { d: ["t", "t", "t"], e: ["x"] })
      expect(compacted(three(3))).toEqual(["t"])
      expect(compacted(three(2))).toEqual(["x"])
    })

    it("between nodes left with the same room, the first takes the replica (a min over the nodes in order)", () => {
      // t moves e (2) then d (1, at most 1 per node). x and y both have 2 left; x already holds a d.
      // e → x (the first of the two), then d → y. Were e put on y, d would fit nowhere.
      const c = running({
        nodes: [{ id: "t", capacity: { CPU: 10 } }, { id: "x", capacity: { CPU: 3 } }, { id: "y", capacity: { CPU: 3 } }],
        deployments: [{ id: "d", demand: { CPU: 1 }, maxReplicasPerNode: 1 }, { id: "e", demand: { CPU: 2 } }, {
          id: "f",
          demand: { CPU: 1 }
        }],
        options: { compaction: "ray" }
      }, { d: ["t", "x"], e: ["t"], f: ["y"] })
      expect(compacted(c)).toEqual(["t"])
    })
  })
})
