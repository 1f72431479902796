/**
 * The benchmark's lower bounds, on clusters small enough to bound by hand:
 * L1, Martello–Toth L2, the count bound by each resource and by the sum of
 * shares, and the nodes that must stay.
 */
import { describe, expect, it } from "vitest"
import { bounds, flatten } from "../../../../bench/compaction/cluster.js"
import { Compaction } from "../../../../src/index.js"

/** One replica per node, every node alike unless `capacities` says otherwise. */
const cluster = (demands: ReadonlyArray<Record<string, number>>, capacity: Record<string, number>, extra: { capacities?: ReadonlyArray<Record<string, number>>; unmovable?: ReadonlyArray<number> } = {}) =>
  flatten(Compaction.validateOrThrow({
    nodes: demands.map((_, i) => ({ id: `n${i}`, capacity: extra.capacities?.[i] ?? capacity })),
    deployments: demands.map((demand, i) => ({ id: `d${i}`, demand })),
    replicas: demands.map((_, i) => ({ id: `r${i}`, deployment: `d${i}`, node: `n${i}`, movable: !(extra.unmovable ?? []).includes(i) }))
  }))

describe("bounds", () => {
  it("L2 counts the items above half a node that L1 spreads over the others", () => {
    // Three items of 60 on nodes of 100: L1 = ⌈180 / 100⌉ = 2, but no two share a node.
    const b = bounds(cluster([{ CPU: 60 }, { CPU: 60 }, { CPU: 60 }], { CPU: 100 }))
    expect(b.l1).toBe(2)
    expect(b.l2).toBe(3)
    expect(b.best).toBe(3)
  })

  it("the count bound: how many replicas fit on one node, by each resource", () => {
    // Seven items of 26 on nodes of 100: three fit (78), four do not (104). L1 = ⌈182 / 100⌉ = 2; count = ⌈7 / 3⌉ = 3.
    const b = bounds(cluster(Array.from({ length: 7 }, () => ({ CPU: 26 })), { CPU: 100 }))
    expect(b.l1).toBe(2)
    expect(b.count).toBe(3)
    expect(b.best).toBe(3)
  })

  it("the count bound by the sum of shares: anti-correlated items, at most two per node", () => {
    // (40, 30) and (30, 40): each takes 0.7 of the node's two resources, so three never fit (2.1 > 2);
    // per resource three smallest fit (90), and L1 = ⌈280 / 100⌉ = 3. The optimum is 4 pairs.
    const demands = Array.from({ length: 8 }, (_, i) => (i % 2 === 0 ? { CPU: 40, memory: 30 } : { CPU: 30, memory: 40 }))
    const b = bounds(cluster(demands, { CPU: 100, memory: 100 }))
    expect(b.l1).toBe(3)
    expect(b.count).toBe(4)
    expect(b.best).toBe(4)
  })

  it("counts shares that fill a node exactly as fitting", () => {
    // Thirds of a node: three fit exactly, whatever the rounding of 1/3 + 1/3 + 1/3 in two resources.
    const b = bounds(cluster(Array.from({ length: 6 }, () => ({ CPU: 1, memory: 1 })), { CPU: 3, memory: 3 }))
    expect(b.count).toBe(2)
  })

  it("uses L2 only where every node has the same capacity, and counts the nodes that must stay", () => {
    const mixed = bounds(cluster([{ CPU: 60 }, { CPU: 60 }, { CPU: 60 }], { CPU: 100 }, { capacities: [{ CPU: 100 }, { CPU: 200 }, { CPU: 100 }] }))
    expect(mixed.l1).toBe(1)
    expect(mixed.l2).toBe(1)
    const pinned = bounds(cluster([{ CPU: 1 }, { CPU: 1 }, { CPU: 1 }], { CPU: 100 }, { unmovable: [0, 2] }))
    expect(pinned.constraints).toBe(2)
    expect(pinned.best).toBe(2)
  })
})
