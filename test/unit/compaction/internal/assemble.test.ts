/**
 * `assemble`: a target placement written out as a plan — steps in waves, the wave after which each
 * released node is empty, the final placement, metrics, and why each kept node under half used in
 * every resource stays.
 */
import { Either } from "effect"
import { describe, expect, it } from "vitest"
import { Compaction } from "../../../../src/index.js"
import { assemble, type Outcome } from "../../../../src/compaction/internal/assemble.js"
import { fromSnapshot } from "../../../../src/compaction/internal/instance.js"
import type { Failure } from "../../../../src/compaction/internal/packing.js"

/**
 * Nodes (index: id, capacity, cost):
 *   0 a {CPU 10} 5      r0 (s) leaves for c
 *   1 b {CPU 10} 7      r1, r2 (s) leave for c
 *   2 c {CPU 20, GPU 0} 11   empty at the start; receives r0, r1, r2: CPU 9 of 20, under half (GPU 0 of 0 is no use)
 *   3 h {CPU 10} 13     r3 (s): CPU 3, under half; the next node is over half in CPU
 *   4 i {CPU 10} 17     r5 (big): CPU 6, over half
 *   5 g {CPU 10, GPU 2} 19   r4 (gpu): CPU 1, GPU 1 — exactly half of its GPU: not under half
 *   6 u … 10 z {CPU 10}  29, 31, 37, 41, 43   r6 … r10 (s), CPU 3 each, under half
 *  11 k {CPU 10} 23     empty throughout
 * Deployment s: CPU 3, migration cost 2.
 */
const snapshot = Compaction.validateOrThrow({
  nodes: [
    { id: "a", capacity: { CPU: 10 }, cost: 5 },
    { id: "b", capacity: { CPU: 10 }, cost: 7 },
    { id: "c", capacity: { CPU: 20, GPU: 0 }, cost: 11 },
    { id: "h", capacity: { CPU: 10 }, cost: 13, releasable: false },
    { id: "i", capacity: { CPU: 10 }, cost: 17 },
    { id: "g", capacity: { CPU: 10, GPU: 2 }, cost: 19 },
    { id: "u", capacity: { CPU: 10 }, cost: 29 },
    { id: "m", capacity: { CPU: 10 }, cost: 31 },
    { id: "x", capacity: { CPU: 10 }, cost: 37 },
    { id: "y", capacity: { CPU: 10 }, cost: 41 },
    { id: "z", capacity: { CPU: 10 }, cost: 43 },
    { id: "k", capacity: { CPU: 10 }, cost: 23 }
  ],
  deployments: [
    { id: "s", demand: { CPU: 3 }, maxSurge: 8, migrationCost: 2 },
    { id: "gpu", demand: { CPU: 1, GPU: 1 } },
    { id: "big", demand: { CPU: 6 } }
  ],
  replicas: [
    { id: "r0", deployment: "s", node: "a" },
    { id: "r1", deployment: "s", node: "b" },
    { id: "r2", deployment: "s", node: "b" },
    { id: "r3", deployment: "s", node: "h" },
    { id: "r4", deployment: "gpu", node: "g" },
    { id: "r5", deployment: "big", node: "i" },
    { id: "r6", deployment: "s", node: "u", movable: false },
    { id: "r7", deployment: "s", node: "m" },
    { id: "r8", deployment: "s", node: "x" },
    { id: "r9", deployment: "s", node: "y" },
    { id: "r10", deployment: "s", node: "z" }
  ]
})
const instance = fromSnapshot(snapshot)

// Why nodes stay: h not releasable, u an unmovable r6, m the budget, x no room for r8, z no room (no replica named); y has none.
const failures = new Map<number, Failure>([
  [3, { reason: "not-releasable" }],
  [6, { reason: "unmovable-replica", replica: 6 }],
  [7, { reason: "migration-budget" }],
  [8, { reason: "no-room", replica: 8 }],
  [10, { reason: "no-room" }]
])

// r0, r1, r2 move to c (node 2) in level 1; c receives 3.
const outcome: Outcome = {
  target: Int32Array.from([2, 2, 2, 3, 5, 4, 6, 7, 8, 9, 10]),
  level: Int32Array.from([1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0]),
  receiving: Int32Array.from([0, 0, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0]),
  failures
}

const plan = (input: Compaction.PlanOptionsInput, complete: boolean) =>
  assemble(snapshot, instance, outcome, Either.getOrThrow(Compaction.planOptions(input)), complete)

const step = (replica: string, from: string, wave: number) => ({ replica, deployment: "s", from, to: "c", wave })

const explained = {
  c: { node: "c", reason: "destination", message: "node \"c\" receives migrated replicas" },
  h: { node: "h", reason: "not-releasable", message: "node \"h\" is not releasable" },
  u: { node: "u", reason: "unmovable-replica", replica: "r6", message: "replica \"r6\" on it is not movable (or its deployment's maxSurge is 0)" },
  m: { node: "m", reason: "migration-budget", message: "emptying it would exceed the migration budget" },
  x: { node: "x", reason: "no-room", replica: "r8", message: "replica \"r8\" fits on no other kept node, even after making room" },
  yNoRoom: { node: "y", reason: "no-room", message: "its replicas fit on no other kept node" },
  yNotSearched: { node: "y", reason: "not-searched", message: "node \"y\" was not searched before the search stopped" },
  z: { node: "z", reason: "no-room", message: "its replicas fit on no other kept node" }
}

describe("assemble", () => {
  it("writes steps in waves, releases after each node's last departure, the placement and the metrics", () => {
    // Two steps a wave: r0, r1 in wave 1, r2 in wave 2; a is empty after wave 1, b after wave 2.
    const p = plan({ maxConcurrentMigrations: 2 }, true)
    expect(p.steps).toStrictEqual([step("r0", "a", 1), step("r1", "b", 1), step("r2", "b", 2)])
    expect(p.released).toStrictEqual([{ node: "a", afterWave: 1 }, { node: "b", afterWave: 2 }])
    expect(p.placement).toStrictEqual(
      ["c", "c", "c", "h", "g", "i", "u", "m", "x", "y", "z"].map((node, i) => ({ replica: `r${i}`, node }))
    )
    // Before: every node but c and k (10); after: every node but a, b and k (9).
    // Cost before 5+7+13+17+19+29+31+37+41+43 = 242; after 242 - 5 - 7 + 11 = 241.
    expect(p.metrics).toStrictEqual({
      nodesBefore: 10,
      nodesAfter: 9,
      costBefore: 242,
      costAfter: 241,
      migrations: 3,
      migrationCost: 6,
      waves: 2,
      complete: true
    })
  })

  it("puts every step in one wave when concurrency is unlimited", () => {
    const p = plan({}, true)
    expect(p.steps).toStrictEqual([step("r0", "a", 1), step("r1", "b", 1), step("r2", "b", 1)])
    expect(p.released).toStrictEqual([{ node: "a", afterWave: 1 }, { node: "b", afterWave: 1 }])
    expect(p.metrics.waves).toBe(1)
  })

  it("explains every kept node under half used in every resource, in node order", () => {
    // Not i (CPU over half), not g (GPU exactly half), not a, b or k (empty at the end).
    const p = plan({}, true)
    expect(p.explanations).toStrictEqual([explained.c, explained.h, explained.u, explained.m, explained.x, explained.yNoRoom, explained.z])
  })

  it("says a node without a failure was not searched when the search stopped early, and keeps the failures it has", () => {
    const p = plan({}, false)
    expect(p.metrics.complete).toBe(false)
    expect(p.explanations).toStrictEqual([explained.c, explained.h, explained.u, explained.m, explained.x, explained.yNotSearched, explained.z])
  })

  it("leaves an unplanned snapshot as it is", () => {
    // Nothing moves: no step, no release, the start placement, before = after.
    const p = assemble(snapshot, instance, {
      target: instance.replicaNode,
      level: new Int32Array(11),
      receiving: new Int32Array(12),
      failures: new Map()
    }, Either.getOrThrow(Compaction.planOptions({})), true)
    expect(p.steps).toStrictEqual([])
    expect(p.released).toStrictEqual([])
    expect(p.metrics).toStrictEqual({
      nodesBefore: 10,
      nodesAfter: 10,
      costBefore: 242,
      costAfter: 242,
      migrations: 0,
      migrationCost: 0,
      waves: 0,
      complete: true
    })
  })
})
