/** `Repack`: first fit decreasing from scratch, what stays put, and the make-before-break order. */
import { Either } from "effect"
import { describe, expect, it } from "vitest"
import { Compaction } from "../../../../src/index.js"
import { fromSnapshot } from "../../../../src/compaction/internal/instance.js"
import { Repack, type RepackKind } from "../../../../src/compaction/internal/repack.js"
import { seededRandom } from "../../../../src/internal/random.js"

const options = Either.getOrThrow(Compaction.planOptions({}))

/** One replica per node, one resource: every packing is reachable in one wave. */
const onePerNode = (sizes: ReadonlyArray<number>, capacity: number) =>
  Compaction.validateOrThrow({
    nodes: sizes.map((_, i) => ({ id: `n${String(i).padStart(3, "0")}`, capacity: { CPU: capacity } })),
    deployments: sizes.map((s, i) => ({ id: `d${i}`, demand: { CPU: s }, maxSurge: 1 })),
    replicas: sizes.map((_, i) => ({ id: `r${i}`, deployment: `d${i}`, node: `n${String(i).padStart(3, "0")}` }))
  })

/** First fit decreasing on plain arrays: the reference. */
const ffd = (sizes: ReadonlyArray<number>, capacity: number): number => {
  const bins: Array<number> = []
  for (const s of [...sizes].sort((a, b) => b - a)) {
    const b = bins.findIndex((load) => load + s <= capacity)
    if (b < 0) bins.push(s)
    else bins[b] = (bins[b] ?? 0) + s
  }
  return bins.length
}

const run = (snapshot: Compaction.Snapshot, kind: RepackKind) => {
  const instance = fromSnapshot(snapshot)
  const repack = new Repack(instance, options, kind)
  for (let steps = 0; !repack.done; steps++) {
    if (steps > 10_000) throw new Error("the repack does not finish")
    repack.step()
  }
  return { instance, result: repack.result }
}

describe("Repack", () => {
  it("keeps no more nodes than first fit decreasing from scratch, one replica per node, and orders its moves", () => {
    for (let seed = 1; seed <= 8; seed++) {
      const next = seededRandom(seed)
      const sizes = Array.from({ length: 40 }, () => 20 + Math.floor(next() * 81))
      const snapshot = onePerNode(sizes, 150)
      for (const kind of ["ffd-sum", "ffd-max", "fill"] as const) {
        const { instance, result } = run(snapshot, kind)
        expect(result, `${kind} seed ${seed}`).toBeDefined()
        const kept = new Set(result?.target).size
        if (kind !== "fill") expect(kept, `${kind} seed ${seed}`).toBe(ffd(sizes, 150))
        // Every move has a level, every replica that stays has none.
        result?.target.forEach((n, r) => expect((result.level[r] ?? 0) > 0).toBe(n !== instance.replicaNode[r]))
      }
    }
  })

  it("fills nodes exactly with pairs where first fit decreasing does not", () => {
    // Capacity 10: FFD puts 4+4, 3+3+3, 3 on three nodes; 4+3+3 twice fills two.
    const sizes = [4, 4, 3, 3, 3, 3]
    expect(ffd(sizes, 10)).toBe(3)
    const { result } = run(onePerNode(sizes, 10), "fill")
    expect(new Set(result?.target).size).toBe(2)
  })

  it("leaves unmovable replicas and the replicas of a head node where they are, and fills no node that takes nothing in", () => {
    const snapshot = Compaction.validateOrThrow({
      nodes: [
        { id: "head", capacity: { CPU: 10 }, releasable: false },
        { id: "a", capacity: { CPU: 10 } },
        { id: "cordoned", capacity: { CPU: 10 }, acceptsIncoming: false },
        { id: "b", capacity: { CPU: 10 } }
      ],
      deployments: [{ id: "d", demand: { CPU: 3 } }],
      replicas: [
        { id: "h", deployment: "d", node: "head" },
        { id: "pinned", deployment: "d", node: "a", movable: false },
        { id: "c", deployment: "d", node: "cordoned" },
        { id: "x", deployment: "d", node: "b" }
      ]
    })
    const { instance, result } = run(snapshot, "ffd-sum")
    const node = (r: number) => instance.nodeIds[result?.target[r] ?? -1]
    expect([node(0), node(1)]).toEqual(["head", "a"])
    expect(result?.target.some((n, r) => n === 2 && instance.replicaNode[r] !== 2)).toBe(false)
    // Two nodes stay (head and the pinned one); c and x join them.
    expect(new Set(result?.target).size).toBe(2)
  })

  it("is no candidate when it releases nothing", () => {
    const { result } = run(onePerNode([6, 6, 6], 10), "ffd-sum")
    expect(result).toBeUndefined()
  })
})
