/** `remap`: the same loads and node count, fewer moves. */
import { describe, expect, it } from "vitest"
import { instanceOf } from "../fixtures.js"
import { remap } from "../../../../src/compaction/internal/remap.js"

// Four equal nodes; a, b hold two replicas of "x" each; c, d one "y" each.
const instance = instanceOf({
  nodes: ["a", "b", "c", "d"].map((id) => ({ id, capacity: { CPU: 10 } })),
  deployments: [{ id: "x", demand: { CPU: 2 } }, { id: "y", demand: { CPU: 3 } }],
  replicas: [["x", "a"], ["x", "a"], ["x", "b"], ["x", "b"], ["y", "c"], ["y", "d"]].map(([deployment, node], i) => ({
    id: `r${i}`,
    deployment: deployment ?? "",
    node: node ?? ""
  }))
})
const [A, B, C, D] = [0, 1, 2, 3]

const loads = (target: Int32Array): Array<number> => {
  const load = [0, 0, 0, 0]
  target.forEach((n, r) => (load[n] = (load[n] ?? 0) + (r < 4 ? 2 : 3)))
  return load
}

describe("remap", () => {
  it("puts a target node's contents on the node that holds most of them", () => {
    // The target packs everything on d: remapped, it lands on a (two replicas there) or b, never moving more.
    const target = Int32Array.from([D, D, D, D, D, D])
    const result = remap(instance, instance.replicaNode, target)
    const moves = (t: Int32Array) => t.reduce((m, n, r) => m + (n === instance.replicaNode[r] ? 0 : 1), 0)
    expect(new Set(result).size).toBe(1)
    expect(moves(result)).toBe(4)
    expect(moves(result)).toBeLessThan(moves(target))
  })

  it("keeps every load and node count, and lets interchangeable replicas stay", () => {
    // x replicas swap nodes for no reason: remapped, nobody moves.
    const target = Int32Array.from([B, B, A, A, D, C])
    const result = remap(instance, instance.replicaNode, target)
    expect([...result]).toEqual([...instance.replicaNode])
    expect(loads(result)).toEqual(loads(target))
  })

  it("never changes its inputs", () => {
    const target = Int32Array.from([C, C, C, D, D, D])
    const copy = target.slice()
    remap(instance, instance.replicaNode, target)
    expect([...target]).toEqual([...copy])
  })

  it("hosts first: each target node's contents go to a node whose replicas all belong to them, so nothing leaves it", () => {
    // Four nodes of CPU 10, replicas of 5: a holds p, q; b holds s, t; c holds u; d holds v.
    // The packing: X = {p, s}, Y = {q, u}, Z = {t, v}, on whichever nodes.
    const four = instanceOf({
      nodes: ["a", "b", "c", "d"].map((id) => ({ id, capacity: { CPU: 10 } })),
      deployments: ["p", "q", "s", "t", "u", "v"].map((id) => ({ id, demand: { CPU: 5 } })),
      replicas: [["p", "a"], ["q", "a"], ["s", "b"], ["t", "b"], ["u", "c"], ["v", "d"]].map(([deployment, node]) => ({
        id: `r-${deployment}`,
        deployment: deployment ?? "",
        node: node ?? ""
      }))
    })
    const [p, q, s, t, u, v] = [0, 1, 2, 3, 4, 5]
    const packed = new Int32Array(6)
    for (const [r, bin] of [[p, A], [s, A], [q, B], [u, B], [t, C], [v, C]] as const) packed[r] = bin
    const hosted = remap(four, four.replicaNode, packed, "hosts")
    // Y goes to c (u stays, nothing leaves c), Z to d (v stays); X takes a or b, whichever holds more of it.
    expect([hosted[q], hosted[u]]).toEqual([C, C])
    expect([hosted[t], hosted[v]]).toEqual([D, D])
    expect(hosted[p]).toBe(hosted[s])
    expect([A, B]).toContain(hosted[p])
    // The loads are the packing's, node for node up to the renaming.
    expect([...hosted].filter((n) => n === hosted[p])).toHaveLength(2)
    // The overlap way instead: every overlap weighs 2, ties go to the lower target node, then the lower origin node.
    // X takes a (p stays), Y's (q from a) is taken, so Y takes c (u stays), Z takes b (t stays; v moves).
    const overlapped = remap(four, four.replicaNode, packed)
    expect([...overlapped]).toEqual([A, C, A, B, C, B])
  })
})

/** Nodes `{ id: [CPU, cost] }` (acceptsIncoming false when a third entry is 0), deployments `{ id: migrationCost }` of CPU 2, replicas `[deployment, node]` (a third entry 0: not movable). */
const small = (
  nodes: Record<string, readonly [number, number, number?]>,
  deployments: Record<string, number>,
  replicas: ReadonlyArray<readonly [string, string, number?]>
) =>
  instanceOf({
    nodes: Object.entries(nodes).map(([id, [cpu, cost, accepts]]) => ({ id, capacity: { CPU: cpu }, cost, acceptsIncoming: accepts !== 0 })),
    deployments: Object.entries(deployments).map(([id, migrationCost]) => ({ id, demand: { CPU: 2 }, migrationCost, maxSurge: 4 })),
    replicas: replicas.map(([deployment, node, movable], i) => ({ id: `r${i}`, deployment, node, movable: movable !== 0 }))
  })
const remapped = (instance: ReturnType<typeof small>, target: ReadonlyArray<number>, way: "overlap" | "hosts" = "overlap") =>
  [...remap(instance, instance.replicaNode, Int32Array.from(target), way)]

describe("remap, classes", () => {
  it("swaps the contents of two nodes alike in capacity and cost, whatever comes after them", () => {
    // a, b alike (c differs): p (on a) and q (on b) trade places in the target; remapped, both stay.
    const view = small({ a: [10, 1], b: [10, 1], c: [20, 1] }, { p: 1, q: 1 }, [["p", "a"], ["q", "b"]])
    expect(remapped(view, [B, A])).toEqual([A, B])
  })

  it("swaps within each class: a, b alike, c, d alike", () => {
    const view = small({ a: [10, 1], b: [10, 1], c: [20, 1], d: [20, 1] }, { p: 1, q: 1, s: 1, t: 1 }, [["p", "a"], ["q", "b"], ["s", "c"], ["t", "d"]])
    expect(remapped(view, [B, A, D, C])).toEqual([A, B, C, D])
  })

  it("never swaps nodes of different cost", () => {
    const view = small({ a: [10, 1], b: [10, 2] }, { p: 1, q: 1 }, [["p", "a"], ["q", "b"]])
    expect(remapped(view, [B, A])).toEqual([B, A])
    // Cost 1 and CPU 110 against cost 11 and CPU 10: different nodes, however their figures are written.
    const digits = small({ a: [110, 1], b: [10, 11] }, { p: 1, q: 1 }, [["p", "a"], ["q", "b"]])
    expect(remapped(digits, [B, A])).toEqual([B, A])
  })

  it("never swaps onto a node that holds nothing at the origin", () => {
    // b is empty: p's move to b stays a move to b.
    const view = small({ a: [10, 1], b: [10, 1] }, { p: 1 }, [["p", "a"]])
    expect(remapped(view, [B])).toEqual([B])
  })

  it("never swaps a node that holds an unmovable replica", () => {
    // a holds p (unmovable), b holds q, s; the target puts all on a. b holds more of it, but a may not be swapped.
    const view = small({ a: [10, 1], b: [10, 1] }, { p: 1, q: 1, s: 1 }, [["p", "a", 0], ["q", "b"], ["s", "b"]])
    expect(remapped(view, [A, A, A])).toEqual([A, A, A])
  })

  it("never swaps a node that takes no replicas in, nor between two such nodes", () => {
    const view = small({ a: [10, 1, 0], b: [10, 1] }, { p: 1, q: 1, s: 1 }, [["p", "a"], ["q", "b"], ["s", "b"]])
    expect(remapped(view, [A, A, A])).toEqual([A, A, A])
    // a takes nothing in, b is empty: neither is in a class, p's move to b stays.
    const alone = small({ a: [10, 1, 0], b: [10, 1] }, { p: 1 }, [["p", "a"]])
    expect(remapped(alone, [B])).toEqual([B])
  })

  it("weighs each overlap by the migration cost it saves: one replica of cost 5 outweighs two of cost 1", () => {
    // Target: everything on a. Kept on a: p, 1 + 5 = 6; moved to b instead: q, q, 2 × (1 + 1) = 4.
    const view = small({ a: [100, 1], b: [100, 1] }, { p: 5, q: 1 }, [["p", "a"], ["q", "b"], ["q", "b"]])
    expect(remapped(view, [A, A, A])).toEqual([A, A, A])
    // p of cost 3 (1 + 3 = 4) against three q (3 × 2 = 6): everything goes to b.
    const three = small({ a: [100, 1], b: [100, 1] }, { p: 3, q: 1 }, [["p", "a"], ["q", "b"], ["q", "b"], ["q", "b"]])
    expect(remapped(three, [A, A, A, A])).toEqual([B, B, B, B])
  })
})

describe("remap, within a deployment", () => {
  // Every node its own class (capacities differ), so only replicas of one deployment trade places.
  const nodes = { a: [10, 1], b: [11, 1], c: [12, 1], d: [13, 1] } as const

  it("keeps a replica on its origin node when that node receives one of its deployment", () => {
    // r0: a → b, r1: a → c, r2: c → a. c receives r1, so r2 stays; a receives r2, so r0 stays (a takes one only); r1 takes b.
    const view = small(nodes, { x: 1 }, [["x", "a"], ["x", "a"], ["x", "c"]])
    expect(remapped(view, [B, C, A])).toEqual([A, B, C])
  })

  it("undoes a swap of two replicas of a deployment", () => {
    // r0: c → b, r1: b → c: each origin receives the other, so both stay.
    const view = small(nodes, { x: 1 }, [["x", "c"], ["x", "b"]])
    expect(remapped(view, [B, C])).toEqual([C, B])
  })

  it("leaves a replica that does not move where it is", () => {
    // r1 stays on a; r0 moves a → b and finds no place of x that is freed on a.
    const view = small(nodes, { x: 1 }, [["x", "a"], ["x", "a"]])
    expect(remapped(view, [B, A])).toEqual([B, A])
  })

  it("gives the replicas that cannot stay the places left, in node order", () => {
    // r0: a → d, r1, r2: b → c. Nobody's origin receives an x: the places c, c, d go in replica order.
    const view = small(nodes, { x: 1 }, [["x", "a"], ["x", "b"], ["x", "b"]])
    expect(remapped(view, [D, C, C])).toEqual([C, C, D])
  })
})

describe("remap, target nodes without overlap", () => {
  // Nodes a, b, c, d alike; z and y take nothing in, so their replicas overlap no class.
  const alike = { a: [10, 1], b: [10, 1], c: [10, 1], d: [10, 1], z: [10, 1, 0], y: [10, 1, 0] } as const

  it("leaves such a node's contents on it when no other contents took it", () => {
    // a, b, c hold p; q, q; s. The target: everything of theirs on a, u (from z) on c.
    // a's contents go to b (two q, weight 4, against 2 and 2); c's contents have no overlap and c is free: they stay.
    const view = small(alike, { p: 1, q: 1, s: 1, u: 1 }, [["p", "a"], ["q", "b"], ["q", "b"], ["s", "c"], ["u", "z"]])
    expect(remapped(view, [A, A, A, A, C])).toEqual([B, B, B, B, C])
  })

  it("gives it the first node of its class left, in node order, empty in the target or not", () => {
    // b's contents (q from b, w, w from c, p from a, s from d) go to c; c's contents (u from z) have no overlap and c is taken:
    // they get a, the first node nobody took (a and d hold nothing in the target, b's contents went elsewhere).
    const view = small(alike, { q: 1, w: 1, p: 1, s: 1, u: 1 }, [["q", "b"], ["w", "c"], ["w", "c"], ["p", "a"], ["s", "d"], ["u", "z"]])
    expect(remapped(view, [B, B, B, B, B, C])).toEqual([C, C, C, C, C, A])
  })

  it("gives two such nodes distinct nodes", () => {
    // c's contents (v, v from a, s) go to a, d's (w, w from b, t) to b; a's contents (u from z) and b's (x from y) get c and d.
    const view = small(alike, { v: 1, w: 1, s: 1, t: 1, u: 1, x: 1 }, [
      ["v", "a"], ["v", "a"], ["w", "b"], ["w", "b"], ["s", "c"], ["t", "d"], ["u", "z"], ["x", "y"]
    ])
    expect(remapped(view, [C, C, D, D, C, D, A, B])).toEqual([A, A, B, B, A, B, C, D])
  })
})

describe("remap, hosts", () => {
  it("gives a target node's contents the host that keeps the most of them", () => {
    // a, b, c, d alike. X = {p from a, q from b}; Y = {u from c, w, w from d}: c and d are both hosts of Y, d keeps two.
    const view = small({ a: [10, 1], b: [10, 1], c: [10, 1], d: [10, 1] }, { p: 1, q: 1, u: 1, w: 1 }, [
      ["p", "a"], ["q", "b"], ["u", "c"], ["w", "d"], ["w", "d"]
    ])
    expect(remapped(view, [A, A, B, B, B], "hosts")).toEqual([A, A, D, D, D])
  })
})

describe("remap, ties", () => {
  it("gives a target node whose contents two nodes hold equally to the lower node, either way", () => {
    // q on b, p on a (listed in that order), both on b in the target: each overlap weighs 2, a is the lower node.
    const view = small({ a: [10, 1], b: [10, 1] }, { p: 1, q: 1 }, [["q", "b"], ["p", "a"]])
    expect(remapped(view, [B, B])).toEqual([A, A])
    expect(remapped(view, [B, B], "hosts")).toEqual([A, A])
  })
})
