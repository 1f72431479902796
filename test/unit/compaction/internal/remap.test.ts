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
  })
})
