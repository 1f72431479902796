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

  describe("early and late loads over two resources", () => {
    // The same two nodes: a holds r (d: CPU 2, memory 4), b holds s (e: CPU 6, memory 2).
    const two = instanceOf({
      nodes: [{ id: "a", capacity: { CPU: 10, memory: 20 } }, { id: "b", capacity: { CPU: 10, memory: 20 } }],
      deployments: [{ id: "d", demand: { CPU: 2, memory: 4 } }, { id: "e", demand: { CPU: 6, memory: 2 } }],
      replicas: [{ id: "r", deployment: "d", node: "a" }, { id: "s", deployment: "e", node: "b" }]
    })
    const [A2, B2] = [0, 1]
    const [R2, S2] = [0, 1]

    it("frees and scores each node by the larger of its two loads, per resource", () => {
      const o = new Occupancy(two, two.replicaNode)
      // s moves b → a in the second level: a's late load is r + s = (8, 6), its early load still r = (2, 4);
      // b's late load is empty, its early load still s = (6, 2).
      o.move({ replica: S2, from: B2, to: A2, early: false })
      expect([o.free(A2, 0), o.free(A2, 1)]).toEqual([10 - 8, 20 - 6])
      expect([o.free(B2, 0), o.free(B2, 1)]).toEqual([10 - 6, 20 - 2])
      // e on a: CPU (10 - 8 - 6) / 10 + memory (20 - 6 - 2) / 20 = -0.4 + 0.6
      expect(o.score(A2, 1, 0)).toBeCloseTo(0.2)
      // d on b: CPU (10 - 6 - 2) / 10 + memory (20 - 2 - 4) / 20 = 0.2 + 0.7
      expect(o.score(B2, 0, 0)).toBeCloseTo(0.9)
    })

    it("adds a second-level arrival to the late load only", () => {
      const o = new Occupancy(two, two.replicaNode)
      // s moves b → a in the first level, then r moves a → b in the second: b's early load keeps s (6, 2),
      // its late load holds r (2, 4); so b's free CPU is 10 - 6, its free memory 20 - 4.
      o.move({ replica: S2, from: B2, to: A2, early: true })
      o.move({ replica: R2, from: A2, to: B2, early: false })
      expect([o.free(B2, 0), o.free(B2, 1)]).toEqual([4, 16])
    })
  })

  describe("per-node limits", () => {
    // Nodes x, y, z, w of CPU 100 (room is never short); "one" at most 1 per node, "two" at most 2.
    const limited = instanceOf({
      nodes: ["x", "y", "z", "w"].map((id) => ({ id, capacity: { CPU: 100 } })),
      deployments: [
        { id: "one", demand: { CPU: 1 }, maxReplicasPerNode: 1 },
        { id: "two", demand: { CPU: 1 }, maxReplicasPerNode: 2 }
      ],
      replicas: [
        { id: "o1", deployment: "one", node: "x" },
        { id: "o2", deployment: "one", node: "z" },
        { id: "t1", deployment: "two", node: "x" },
        { id: "t2", deployment: "two", node: "y" },
        { id: "t3", deployment: "two", node: "z" }
      ]
    })
    const [X, Y, W] = [0, 1, 3]
    const [O1, O2, T1, T2, T3] = [0, 1, 2, 3, 4]

    it("refuses a first-level move where a replica of the deployment is still counted during the first level", () => {
      const o = new Occupancy(limited, limited.replicaNode)
      o.move({ replica: O1, from: X, to: Y, early: true })
      // o1 leaves x at the end of the round only: during the first level x still holds it.
      expect(o.fitsEarly(O2, X)).toBe(false)
      expect(o.fitsEarly(O2, Y)).toBe(false)
      expect(o.fitsEarly(O2, W)).toBe(true)
    })

    it("refuses a first-level move where a second-level arrival fills the limit at the end of the round", () => {
      const o = new Occupancy(limited, limited.replicaNode)
      o.move({ replica: O1, from: X, to: Y, early: false })
      expect(o.fitsEarly(O2, Y)).toBe(false)
      expect(o.lateCount(Y, 0)).toBe(1)
    })

    it("counts a first-level arrival in the first level, and a second-level arrival only at the end of the round", () => {
      // y holds t2; t1 arrives in the first level and t2 leaves: y holds 2 of "two" during the first level, 1 at the end.
      const first = new Occupancy(limited, limited.replicaNode)
      first.move({ replica: T1, from: X, to: Y, early: true })
      first.move({ replica: T2, from: Y, to: W, early: true })
      expect(first.fitsEarly(T3, Y)).toBe(false)
      // The same with t1 arriving in the second level: y holds 1 of "two" in both levels, so t3 fits.
      const second = new Occupancy(limited, limited.replicaNode)
      second.move({ replica: T1, from: X, to: Y, early: false })
      second.move({ replica: T2, from: Y, to: W, early: true })
      expect(second.fitsEarly(T3, Y)).toBe(true)
      expect(second.lateCount(Y, 1)).toBe(1)
    })
  })
})
