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
})
