/** Candidates compared by `better`: more released (nodes, or their cost for the cost objective), then less migration cost, then fewer levels. */
import { Either } from "effect"
import { describe, expect, it } from "vitest"
import { Compaction } from "../../../../src/index.js"
import { better, type Candidate, highestLevel, releasedValue } from "../../../../src/compaction/internal/candidate.js"
import { fromSnapshot } from "../../../../src/compaction/internal/instance.js"

// Three nodes: n0 costs 5, n1 and n2 cost 1 each; one replica on each.
const snapshot = Compaction.validateOrThrow({
  nodes: [
    { id: "n0", capacity: { CPU: 4 }, cost: 5 },
    { id: "n1", capacity: { CPU: 4 }, cost: 1 },
    { id: "n2", capacity: { CPU: 4 }, cost: 1 }
  ],
  deployments: [{ id: "d", demand: { CPU: 1 } }],
  replicas: [
    { id: "r0", deployment: "d", node: "n0" },
    { id: "r1", deployment: "d", node: "n1" },
    { id: "r2", deployment: "d", node: "n2" }
  ]
})
const instance = fromSnapshot(snapshot)
const byNodes = Either.getOrThrow(Compaction.planOptions({ objective: "nodes" }))
const byCost = Either.getOrThrow(Compaction.planOptions({ objective: "cost" }))

/** A candidate releasing the given nodes; only released, spent and level are compared. */
const candidate = (released: ReadonlyArray<number>, spent: number, level: ReadonlyArray<number> = [0, 0, 0]): Candidate => ({
  target: new Int32Array(3),
  level: Int32Array.from(level),
  receiving: new Int32Array(3),
  failures: new Map(),
  released: Uint8Array.from([0, 1, 2], (n) => (released.includes(n) ? 1 : 0)),
  spent
})

describe("candidate", () => {
  it("values what a candidate releases: its nodes, or their summed cost for the cost objective", () => {
    expect(releasedValue(instance, candidate([0], 1), byNodes)).toBe(1)
    expect(releasedValue(instance, candidate([1, 2], 2), byNodes)).toBe(2)
    expect(releasedValue(instance, candidate([0], 1), byCost)).toBe(5)
    expect(releasedValue(instance, candidate([0, 2], 2), byCost)).toBe(6)
    expect(releasedValue(instance, candidate([], 0), byCost)).toBe(0)
  })

  it("prefers the candidate releasing more: more nodes, or more cost for the cost objective", () => {
    const costly = candidate([0], 1)
    const two = candidate([1, 2], 1)
    expect(better(instance, two, costly, byNodes)).toBe(true)
    expect(better(instance, costly, two, byNodes)).toBe(false)
    expect(better(instance, costly, two, byCost)).toBe(true)
    expect(better(instance, two, costly, byCost)).toBe(false)
  })

  it("on equal release prefers less migration cost, then a lower highest level", () => {
    expect(better(instance, candidate([1], 1), candidate([2], 2), byNodes)).toBe(true)
    expect(better(instance, candidate([1], 2), candidate([2], 1), byNodes)).toBe(false)
    expect(better(instance, candidate([1], 1, [1, 0, 0]), candidate([2], 1, [0, 2, 0]), byNodes)).toBe(true)
    expect(better(instance, candidate([1], 1, [0, 2, 0]), candidate([2], 1, [1, 0, 0]), byNodes)).toBe(false)
    expect(better(instance, candidate([1], 1, [1, 0, 0]), candidate([2], 1, [0, 0, 1]), byNodes)).toBe(false)
  })

  it("reads the highest level of any move, 0 when nothing moves", () => {
    expect(highestLevel(Int32Array.from([0, 3, 1]))).toBe(3)
    expect(highestLevel(new Int32Array(3))).toBe(0)
  })
})
