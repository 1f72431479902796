/** Destination scoring: best fit by normalised room left, and preferences that outweigh any fit. */
import { describe, expect, it } from "vitest"
import { Compaction } from "../../../../src/index.js"
import { fromSnapshot } from "../../../../src/compaction/internal/instance.js"
import { Occupancy } from "../../../../src/compaction/internal/occupancy.js"
import { preference, score } from "../../../../src/compaction/internal/scoring.js"

// Two resources; the largest node has CPU 10, memory 20: room is measured in those units.
const instance = fromSnapshot(Compaction.validateOrThrow({
  nodes: [{ id: "a", capacity: { CPU: 10, memory: 20 } }, { id: "b", capacity: { CPU: 10, memory: 20 } }],
  deployments: [{ id: "d", demand: { CPU: 2, memory: 4 } }, { id: "e", demand: { CPU: 6, memory: 2 } }],
  replicas: [{ id: "r", deployment: "d", node: "a" }, { id: "s", deployment: "e", node: "b" }]
}))

describe("scoring", () => {
  it("scores the room left after the replica, each resource relative to the largest node", () => {
    const o = new Occupancy(instance, instance.replicaNode)
    // d on a: CPU (10 - 2 - 2) / 10 + memory (20 - 4 - 4) / 20 = 0.6 + 0.6
    expect(score(instance, o, 0, 0, 0)).toBeCloseTo(1.2)
    // d on b: CPU (10 - 6 - 2) / 10 + memory (20 - 2 - 4) / 20 = 0.2 + 0.7: tighter, so lower
    expect(score(instance, o, 1, 0, 0)).toBeCloseTo(0.9)
  })

  it("adds no preference in best-fit mode", () => {
    expect(preference("best-fit", 2, true, 5, 10)).toBe(0)
  })

  it("in anchored mode puts the nodes that stay ahead of any fit", () => {
    const stays = preference("anchored", 2, true, 0, 10)
    expect(stays).toBe(-3)
    expect(stays + 2).toBeLessThan(preference("anchored", 2, false, 0, 10) + 0)
  })

  it("in late mode prefers the nodes released last, and the nodes that stay most", () => {
    const early = preference("late", 2, false, 1, 10)
    const late = preference("late", 2, false, 8, 10)
    const stays = preference("late", 2, true, 0, 10)
    expect(late + 2).toBeLessThan(early)
    expect(stays).toBeLessThan(late)
  })
})
