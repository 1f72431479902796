/** `remap`: the same loads and node count, fewer moves. */
import { describe, expect, it } from "vitest"
import { Compaction } from "../../../../src/index.js"
import { fromSnapshot } from "../../../../src/compaction/internal/instance.js"
import { remap } from "../../../../src/compaction/internal/remap.js"

// Four equal nodes; a, b hold two replicas of "x" each; c, d one "y" each.
const instance = fromSnapshot(Compaction.validateOrThrow({
  nodes: ["a", "b", "c", "d"].map((id) => ({ id, capacity: { CPU: 10 } })),
  deployments: [{ id: "x", demand: { CPU: 2 } }, { id: "y", demand: { CPU: 3 } }],
  replicas: [["x", "a"], ["x", "a"], ["x", "b"], ["x", "b"], ["y", "c"], ["y", "d"]].map(([deployment, node], i) => ({
    id: `r${i}`,
    deployment: deployment ?? "",
    node: node ?? ""
  }))
}))
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
})
