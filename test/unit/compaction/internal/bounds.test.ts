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

const sum = (xs: ReadonlyArray<number>): number => xs.reduce((a, b) => a + b, 0)

/**
 * Martello and Toth's L2 as the textbook states it, for integer sizes: for every integer alpha in [0, c / 2],
 * J1 = the items above c - alpha, J2 = those in (c / 2, c - alpha], J3 = those in [alpha, c / 2];
 * L(alpha) = |J1| + |J2| + max(0, ⌈(ΣJ3 - (|J2| c - ΣJ2)) / c⌉); L2 = the largest L(alpha), and at least ⌈Σ / c⌉.
 */
const textbookL2 = (sizes: ReadonlyArray<number>, c: number): number => {
  let best = Math.ceil(sum(sizes) / c)
  for (let alpha = 0; alpha <= c / 2; alpha++) {
    const j1 = sizes.filter((s) => s > c - alpha)
    const j2 = sizes.filter((s) => s > c / 2 && s <= c - alpha)
    const j3 = sizes.filter((s) => s >= alpha && s <= c / 2)
    best = Math.max(best, j1.length + j2.length + Math.max(0, Math.ceil((sum(j3) - (j2.length * c - sum(j2))) / c)))
  }
  return best
}

describe("l2", () => {
  it("counts the items over half a bin, which L1 does not", () => {
    // Three items of 6 in bins of 10: L1 = ⌈18 / 10⌉ = 2, but no two share a bin.
    expect(l2(Float64Array.from([6, 6, 6]), 10)).toBe(3)
    expect(l2(Float64Array.from([2, 3, 5, 5]), 10)).toBe(2)
    expect(l2(new Float64Array(0), 10)).toBe(0)
  })

  it("counts the items that cannot share a bin with an item of size alpha", () => {
    // c = 10, sizes 4, 7, 7: alpha = 4 puts both 7s in J1 (above 10 - 4 = 6) and the 4 in J3: 2 + ⌈4 / 10⌉ = 3,
    // while alpha = 0 gives 2 + max(0, ⌈(4 - (20 - 14)) / 10⌉) = 2 and L1 = ⌈18 / 10⌉ = 2. Indeed 4 + 7 > 10: 3 bins.
    expect(l2(Float64Array.from([4, 7, 7]), 10)).toBe(3)
  })

  it("counts in J3 the items of size alpha", () => {
    // c = 10, sizes 5, 5, 5, 6, 6: alpha = 5 has J1 = {6, 6} (above 5), J2 empty, J3 = {5, 5, 5}: 2 + ⌈15 / 10⌉ = 4,
    // over L(0) = 2 + ⌈(15 - (20 - 12)) / 10⌉ = 3 and L1 = ⌈27 / 10⌉ = 3. Indeed each 6 takes a bin alone, the 5s two more.
    expect(l2(Float64Array.from([5, 5, 5, 6, 6]), 10)).toBe(4)
  })

  it("is at least L1 when an item is larger than a bin", () => {
    // One item of 25 in bins of 10: every L(alpha) is 1, L1 = ⌈25 / 10⌉ = 3.
    expect(l2(Float64Array.from([25]), 10)).toBe(3)
  })

  it("is 0 with no bin to count in (c ≤ 0) and with no item", () => {
    expect(l2(Float64Array.from([3]), 0)).toBe(0)
    expect(l2(Float64Array.from([0, 0]), 0)).toBe(0)
    expect(l2(Float64Array.from([1, 2]), -4)).toBe(0)
    expect(l2(new Float64Array(0), 0)).toBe(0)
  })

  it("equals the textbook L2 on seeded small inputs: duplicates, items of c / 2 and of c - alpha, items above c", () => {
    let seed = 13
    const next = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed / 2 ** 31)
    for (let t = 0; t < 2000; t++) {
      const c = 1 + Math.floor(next() * 12)
      const sizes = Array.from({ length: Math.floor(next() * 9) }, () => Math.floor(next() * (c + 3))).sort((a, b) => a - b)
      expect(l2(Float64Array.from(sizes), c), JSON.stringify({ sizes, c })).toBe(textbookL2(sizes, c))
    }
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

  // Nodes of CPU 10 and a deployment of 1 CPU with one replica on each of a, b and c: L1 = L2 = 1.
  const ones = (nodes: Compaction.SnapshotInput["nodes"], movable: (node: string) => boolean = () => true) =>
    instanceOf({
      nodes,
      deployments: [{ id: "one", demand: { CPU: 1 } }],
      replicas: ["a", "b", "c"].map((node) => ({ id: node, deployment: "one", node, movable: movable(node) }))
    })

  it("counts the nodes that are not releasable", () => {
    // a and b may not be released and hold a replica: 2, over L2 = 1.
    const i = ones(["a", "b", "c"].map((id) => ({ id, capacity: { CPU: 10 }, releasable: id === "c" })))
    expect(lowerBound(i, i.replicaNode)).toBe(2)
  })

  it("counts the releasable nodes holding a replica that may not move", () => {
    // Every node releasable; the replicas on a and b may not move: 2, over L2 = 1.
    const i = ones(["a", "b", "c"].map((id) => ({ id, capacity: { CPU: 10 } })), (node) => node === "c")
    expect(lowerBound(i, i.replicaNode)).toBe(2)
  })

  it("counts a node holding an unmovable replica once", () => {
    // a is not releasable and holds two replicas that may not move, b one: a and b, 2.
    const i = instanceOf({
      nodes: ["a", "b", "c"].map((id) => ({ id, capacity: { CPU: 10 }, releasable: id !== "a" })),
      deployments: [{ id: "one", demand: { CPU: 1 } }],
      replicas: ["a", "a", "b", "c"].map((node, k) => ({ id: `r${k}`, deployment: "one", node, movable: node === "c" }))
    })
    expect(lowerBound(i, i.replicaNode)).toBe(2)
  })

  it("takes only L1 over the largest node in use when the nodes in use differ, even where L2 over it is higher", () => {
    // a (6 CPU), b and c (10 CPU) hold a replica of 6 each. The capacities differ, so the bound is
    // L1 = ⌈18 / 10⌉ = 2 (L2 over 10 would be 3: no two 6s share a node).
    const i = instanceOf({
      nodes: [{ id: "a", capacity: { CPU: 6 } }, { id: "b", capacity: { CPU: 10 } }, { id: "c", capacity: { CPU: 10 } }],
      deployments: [{ id: "six", demand: { CPU: 6 } }],
      replicas: ["a", "b", "c"].map((node) => ({ id: node, deployment: "six", node }))
    })
    expect(lowerBound(i, i.replicaNode)).toBe(2)
  })

  it("takes L2 over the nodes in use whatever the capacities of the empty ones", () => {
    // a, b, c (10 CPU) hold a replica of 6 each: L2 = 3. The empty nodes of 20 and 4 CPU are no destination.
    const i = instanceOf({
      nodes: [
        { id: "big", capacity: { CPU: 20 } },
        ...["a", "b", "c"].map((id) => ({ id, capacity: { CPU: 10 } })),
        { id: "small", capacity: { CPU: 4 } }
      ],
      deployments: [{ id: "six", demand: { CPU: 6 } }],
      replicas: ["a", "b", "c"].map((node) => ({ id: node, deployment: "six", node }))
    })
    expect(lowerBound(i, i.replicaNode)).toBe(3)
  })

  it("takes the largest bound over the resources: here the second one", () => {
    // Nodes of 10 CPU and 2 GPU, a replica of 1 CPU and 2 GPU on each: CPU gives 1, GPU gives ⌈6 / 2⌉ = 3.
    const i = instanceOf({
      nodes: ["a", "b", "c"].map((id) => ({ id, capacity: { CPU: 10, GPU: 2 } })),
      deployments: [{ id: "gpu", demand: { CPU: 1, GPU: 2 } }],
      replicas: ["a", "b", "c"].map((node) => ({ id: node, deployment: "gpu", node }))
    })
    expect(lowerBound(i, i.replicaNode)).toBe(3)
  })

  it("reads each replica's demand of its own deployment", () => {
    // Two nodes of 10 CPU hold five replicas of 1 and one of 9: L1 = ⌈14 / 10⌉ = 2, and L2 = 2 (the 9 in J2
    // leaves 1 short of the 5 in J3: 1 + ⌈4 / 10⌉). a holds the five, b the 9.
    const i = instanceOf({
      nodes: ["a", "b"].map((id) => ({ id, capacity: { CPU: 10 } })),
      deployments: [{ id: "one", demand: { CPU: 1 } }, { id: "nine", demand: { CPU: 9 } }],
      replicas: [
        ...["a", "a", "a", "a", "a"].map((node, k) => ({ id: `o${k}`, deployment: "one", node })),
        { id: "n", deployment: "nine", node: "b" }
      ]
    })
    expect(lowerBound(i, i.replicaNode)).toBe(2)
  })

  it("gives no bound for a resource the nodes in use have none of", () => {
    // Nodes of 10 CPU and 0 GPU, nobody demands GPU: CPU's L2 over three replicas of 6 gives 3, GPU nothing.
    const i = instanceOf({
      nodes: ["a", "b", "c"].map((id) => ({ id, capacity: { CPU: 10, GPU: 0 } })),
      deployments: [{ id: "six", demand: { CPU: 6 } }],
      replicas: ["a", "b", "c"].map((node) => ({ id: node, deployment: "six", node }))
    })
    expect(lowerBound(i, i.replicaNode)).toBe(3)
  })

  it("counts a deployment's replicas over its per-node limit", () => {
    const i = instance({
      replicas: ["a", "b", "c", "d"].map((node, k) => ({ id: `s${k}`, deployment: "small", node }))
    })
    expect(lowerBound(i, i.replicaNode)).toBe(4)
  })
})
