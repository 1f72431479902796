/** `Occupancy`: first- and second-level fits, per-node limits, and the undo journal. */
import { describe, expect, it } from "vitest"
import { instanceOf } from "../fixtures.js"
import { type Move, Occupancy } from "../../../../src/compaction/internal/occupancy.js"

// Nodes a, b, c of CPU 10; replicas: p (6) on a, q (4) on b, s (5) on c; deployment "lim" at most 1 per node.
const instance = instanceOf({
  nodes: ["a", "b", "c"].map((id) => ({ id, capacity: { CPU: 10 } })),
  deployments: [
    { id: "six", demand: { CPU: 6 } },
    { id: "four", demand: { CPU: 4 } },
    { id: "lim", demand: { CPU: 5 }, maxReplicasPerNode: 1 }
  ],
  replicas: [
    { id: "p", deployment: "six", node: "a" },
    { id: "q", deployment: "four", node: "b" },
    { id: "s", deployment: "lim", node: "c" }
  ]
})
const [A, B, C] = [0, 1, 2]
const [P, Q, S] = [0, 1, 2]

describe("Occupancy", () => {
  it("fits a first-level move only where it fits on top of the load", () => {
    const o = new Occupancy(instance, instance.replicaNode)
    expect(o.fitsEarly(Q, A)).toBe(true) // 6 + 4 ≤ 10
    expect(o.fitsEarly(P, B)).toBe(true) // 4 + 6 ≤ 10
    expect(o.fitsEarly(P, C)).toBe(false) // 5 + 6 > 10
    expect([o.free(A, 0), o.free(B, 0), o.free(C, 0)]).toEqual([4, 6, 5])
  })

  it("counts departures until the round ends: a first-level move does not free its source early", () => {
    const o = new Occupancy(instance, instance.replicaNode)
    o.move({ replica: Q, from: B, to: A, early: true })
    // b's late load dropped to 0, but its early load still holds q: b's room is still 6, not 10.
    expect(o.free(B, 0)).toBe(6)
    expect(o.fitsEarly(P, B)).toBe(true)
    expect(o.fitsEarly(S, B)).toBe(true)
    expect(o.lateDeficit(B, 0, 0)).toBe(6 - 10)
    expect(o.free(A, 0)).toBe(0)
    expect(o.lateDeficit(A, 1, 0)).toBe(10 + 4 - 10)
  })

  it("holds per-node limits in both levels", () => {
    const o = new Occupancy(instance, instance.replicaNode)
    expect(o.lateCount(C, 2)).toBe(1)
    expect(o.fitsEarly(S, A)).toBe(false) // 6 + 5 > 10 anyway
    const big = new Occupancy(instance, Int32Array.from([B, B, C]))
    expect(big.fitsEarly(S, A)).toBe(true) // a is empty
    big.move({ replica: S, from: C, to: A, early: true })
    expect(big.lateCount(A, 2)).toBe(1)
    expect(big.lateCount(C, 2)).toBe(0)
  })

  it("rolls back to a mark, the last move first, and commit forgets the journal", () => {
    const o = new Occupancy(instance, instance.replicaNode)
    const first: Move = { replica: Q, from: B, to: A, early: true }
    o.move(first)
    const mark = o.mark()
    const second: Move = { replica: S, from: C, to: B, early: false }
    const third: Move = { replica: P, from: A, to: C, early: true }
    o.move(second)
    o.move(third)
    const undone: Array<Move> = []
    o.rollback(mark, (m) => undone.push(m))
    expect(undone).toEqual([third, second])
    expect([o.free(A, 0), o.free(B, 0), o.free(C, 0)]).toEqual([0, 6, 5])
    o.commit()
    o.rollback(0, (m) => undone.push(m))
    expect(undone).toHaveLength(2)
    expect(o.free(A, 0)).toBe(0)
  })

  it("scores the room left after the replica, each resource relative to the largest node, plus the preference", () => {
    // Two resources; the largest node has CPU 10, memory 20: room is measured in those units.
    const two = instanceOf({
      nodes: [{ id: "a", capacity: { CPU: 10, memory: 20 } }, { id: "b", capacity: { CPU: 10, memory: 20 } }],
      deployments: [{ id: "d", demand: { CPU: 2, memory: 4 } }, { id: "e", demand: { CPU: 6, memory: 2 } }],
      replicas: [{ id: "r", deployment: "d", node: "a" }, { id: "s", deployment: "e", node: "b" }]
    })
    const o = new Occupancy(two, two.replicaNode)
    // d on a: CPU (10 - 2 - 2) / 10 + memory (20 - 4 - 4) / 20 = 0.6 + 0.6
    expect(o.score(0, 0, 0)).toBeCloseTo(1.2)
    // d on b: CPU (10 - 6 - 2) / 10 + memory (20 - 2 - 4) / 20 = 0.2 + 0.7: tighter, so lower
    expect(o.score(1, 0, 0)).toBeCloseTo(0.9)
    expect(o.score(1, 0, -3)).toBeCloseTo(-2.1)
  })
})
