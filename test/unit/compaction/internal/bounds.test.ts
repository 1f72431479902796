/** `bounds`: Martello–Toth L2 against a brute-force optimum, and the planner's lower bound on kept nodes. */
import { describe, expect, it } from "vitest"
import { Compaction } from "../../../../src/index.js"
import { instanceOf } from "../fixtures.js"
import { l2, lowerBound } from "../../../../src/compaction/internal/bounds.js"

/** The fewest bins of capacity c that hold every item: tries every assignment (tiny inputs only). */
const optimum = (sizes: ReadonlyArray<number>, c: number): number => {
  let best = sizes.length
  const bins: Array<number> = []
  const place = (i: number): void => {
    if (bins.length >= best) return
    if (i === sizes.length) return void (best = bins.length)
    const s = sizes[i] ?? 0
    for (let b = 0; b < bins.length; b++) {
      if ((bins[b] ?? 0) + s <= c) {
        bins[b] = (bins[b] ?? 0) + s
        place(i + 1)
        bins[b] = (bins[b] ?? 0) - s
      }
    }
    bins.push(s)
    place(i + 1)
    bins.pop()
  }
  place(0)
  return best
}

describe("l2", () => {
  it("counts the items over half a bin, which L1 does not", () => {
    // Three items of 6 in bins of 10: L1 = ⌈18 / 10⌉ = 2, but no two share a bin.
    expect(l2(Float64Array.from([6, 6, 6]), 10)).toBe(3)
    expect(l2(Float64Array.from([2, 3, 5, 5]), 10)).toBe(2)
    expect(l2(new Float64Array(0), 10)).toBe(0)
  })

  it("is never above the optimum and never below L1, on seeded small inputs", () => {
    let seed = 7
    const next = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed / 2 ** 31)
    for (let t = 0; t < 200; t++) {
      const sizes = Array.from({ length: 1 + Math.floor(next() * 7) }, () => 1 + Math.floor(next() * 10)).sort((a, b) => a - b)
      const bound = l2(Float64Array.from(sizes), 10)
      expect(bound, JSON.stringify(sizes)).toBeLessThanOrEqual(optimum(sizes, 10))
      expect(bound).toBeGreaterThanOrEqual(Math.ceil(sizes.reduce((a, b) => a + b, 0) / 10))
    }
  })
})

describe("lowerBound", () => {
  const instance = (extra: Partial<Compaction.SnapshotInput> = {}) =>
    instanceOf({
      nodes: ["a", "b", "c", "d", "idle"].map((id) => ({ id, capacity: { CPU: 10 }, releasable: id !== "d" })),
      deployments: [{ id: "big", demand: { CPU: 6 } }, { id: "small", demand: { CPU: 1 }, maxReplicasPerNode: 1 }],
      replicas: [
        { id: "x", deployment: "big", node: "a" },
        { id: "y", deployment: "big", node: "b" },
        { id: "z", deployment: "big", node: "c" },
        { id: "s", deployment: "small", node: "a" }
      ],
      ...extra
    })

  it("takes the largest of L2, the nodes that must stay and the per-node limits, over the nodes in use", () => {
    // Three replicas of 6 need three nodes; the empty node "idle" and the head "d" (empty) change nothing.
    expect(lowerBound(instance(), instance().replicaNode)).toBe(3)
  })

  it("takes the total demand over the largest node when the nodes in use differ in capacity", () => {
    // Nodes of 10, 6 and 2 CPU hold 7 replicas of 2: 14 CPU over the largest node, 10, needs ⌈14 / 10⌉ = 2 nodes
    // (a and b hold 16); nothing is anchored and no deployment has a per-node limit, so that sum is the bound.
    const i = instanceOf({
      nodes: [{ id: "a", capacity: { CPU: 10 } }, { id: "b", capacity: { CPU: 6 } }, { id: "c", capacity: { CPU: 2 } }],
      deployments: [{ id: "two", demand: { CPU: 2 } }],
      replicas: ["a", "a", "a", "a", "b", "b", "c"].map((node, k) => ({ id: `r${k}`, deployment: "two", node }))
    })
    expect(lowerBound(i, i.replicaNode)).toBe(2)
  })

  it("is 0 when no node holds a replica", () => {
    // Nodes of different capacities and no replica: a plan keeps no non-empty node.
    const i = instanceOf({
      nodes: [{ id: "a", capacity: { CPU: 10 } }, { id: "b", capacity: { CPU: 6 } }],
      deployments: [{ id: "two", demand: { CPU: 2 } }],
      replicas: []
    })
    expect(lowerBound(i, i.replicaNode)).toBe(0)
  })

  it("counts a deployment's replicas over its per-node limit", () => {
    const i = instance({
      replicas: ["a", "b", "c", "d"].map((node, k) => ({ id: `s${k}`, deployment: "small", node }))
    })
    expect(lowerBound(i, i.replicaNode)).toBe(4)
  })
})
