/** `Packing`: one planning attempt's working state — drains all or nothing, best fit, make-room in two levels, kept reasons, rounds. */
import { describe, expect, it } from "vitest"
import { instanceOf } from "../fixtures.js"
import { type DestinationMode, gridAxes, Packing } from "../../../../src/compaction/internal/packing.js"

type NodeInput = { readonly id: string; readonly capacity: Record<string, number>; readonly releasable?: boolean; readonly acceptsIncoming?: boolean }
type DeploymentInput = { readonly id: string; readonly demand: Record<string, number>; readonly maxReplicasPerNode?: number }

/** Nodes, deployments, replicas `[deployment, node]` or `[deployment, node, movable]`, ids r0, r1, … */
const build = (
  nodes: ReadonlyArray<NodeInput>,
  deployments: ReadonlyArray<DeploymentInput>,
  replicas: ReadonlyArray<readonly [string, string, boolean?]>
) =>
  instanceOf({
    nodes: nodes.map((n) => ({ ...n })),
    deployments: deployments.map((d) => ({ ...d, maxSurge: 8 })),
    replicas: replicas.map(([deployment, node, movable], i) => ({ id: `r${i}`, deployment, node, movable: movable ?? true }))
  })

const cpu = (id: string, CPU: number, extra: Partial<NodeInput> = {}): NodeInput => ({ id, capacity: { CPU }, ...extra })
const dep = (id: string, CPU: number, extra: Partial<DeploymentInput> = {}): DeploymentInput => ({ id, demand: { CPU }, ...extra })
const list = (a: ArrayLike<number>): Array<number> => Array.from(a)

describe("Packing: the state at the start", () => {
  it("starts at the snapshot: targets where the replicas are, no level, unmovable replicas pinned", () => {
    const instance = build([cpu("a", 10), cpu("b", 10)], [dep("x", 2)], [["x", "a"], ["x", "b", false], ["x", "b"]])
    const p = new Packing(instance, Infinity)
    expect(list(p.target)).toEqual([0, 1, 1])
    expect(list(p.level)).toEqual([0, 0, 0])
    expect(list(p.pinned)).toEqual([0, 1, 0])
    expect(list(p.released)).toEqual([0, 0])
    expect(list(p.receiving)).toEqual([0, 0])
    expect(p.spent).toBe(0)
    expect(p.R).toBe(1)
  })

  it("sizes a replica as its demand summed over resources, each relative to the largest node", () => {
    // CPU scale 10 (largest node), GPU scale 4: 5 / 10 + 1 / 4 = 0.75.
    const instance = build(
      [{ id: "a", capacity: { CPU: 10, GPU: 4 } }, cpu("b", 8)],
      [{ id: "g", demand: { CPU: 5, GPU: 1 } }],
      [["g", "a"]]
    )
    expect(new Packing(instance, Infinity).size(0)).toBeCloseTo(0.75, 12)
  })
})

describe("gridAxes", () => {
  it("takes the two resources with the largest total demand, each relative to the largest node", () => {
    // Columns A, B, C (sorted by name); largest nodes A 10, B 100, C 2.
    // p (A 1, B 20, C 1): 0.1, 0.2, 0.5 per replica; q (A 1, B 20): 0.1, 0.2, 0.
    // Totals over the replicas p, q: A 0.2, B 0.4, C 0.5: C, then B.
    // (Raw demands would rank B first; q alone, the last replica, would rank B, then A.)
    const instance = instanceOf({
      nodes: [{ id: "n", capacity: { A: 10, B: 100, C: 2 } }, { id: "m", capacity: { A: 5, B: 50, C: 1 } }],
      deployments: [{ id: "p", demand: { A: 1, B: 20, C: 1 } }, { id: "q", demand: { A: 1, B: 20 } }],
      replicas: [{ id: "r0", deployment: "p", node: "n" }, { id: "r1", deployment: "q", node: "n" }]
    })
    expect(instance.resources).toEqual(["A", "B", "C"])
    expect(gridAxes(instance)).toEqual([2, 1])
  })

  it("counts every replica of a deployment", () => {
    // a (A 3): 0.3 of A, twice: 0.6; b (B 5): 0.5 of B; c (C 4): 0.4 of C. A, then B.
    const instance = instanceOf({
      nodes: [{ id: "n", capacity: { A: 10, B: 10, C: 10 } }],
      deployments: [{ id: "b", demand: { B: 5 } }, { id: "c", demand: { C: 4 } }, { id: "a", demand: { A: 3 } }],
      replicas: [{ id: "r0", deployment: "a", node: "n" }, { id: "r1", deployment: "b", node: "n" }, { id: "r2", deployment: "c", node: "n" }, { id: "r3", deployment: "a", node: "n" }]
    })
    expect(gridAxes(instance)).toEqual([0, 1])
  })

  it("keeps a tie in column order", () => {
    // A and C tie at 0.3 (B 0.1): A, then C; with B and C tied under a larger A: A, then B.
    const tie = (demand: Record<string, number>) =>
      gridAxes(
        instanceOf({
          nodes: [{ id: "n", capacity: { A: 10, B: 10, C: 10 } }],
          deployments: [{ id: "x", demand }],
          replicas: [{ id: "r0", deployment: "x", node: "n" }]
        })
      )
    expect(tie({ A: 3, B: 1, C: 3 })).toEqual([0, 2])
    expect(tie({ A: 1, B: 3, C: 3 })).toEqual([1, 2])
    expect(tie({ A: 5, B: 2, C: 2 })).toEqual([0, 1])
  })

  it("takes the single resource twice", () => {
    expect(gridAxes(instanceOf({ nodes: [cpu("n", 10)], deployments: [dep("x", 2)], replicas: [{ id: "r0", deployment: "x", node: "n" }] }))).toEqual([0, 0])
    expect(gridAxes(instanceOf({ nodes: [cpu("n", 10)], deployments: [], replicas: [] }))).toEqual([0, 0])
  })
})

describe("Packing.candidates", () => {
  it("lists the non-empty releasable nodes without pinned replicas, and says why the others stay", () => {
    // a: free to go; h: a head node; p: holds the unmovable r2 (after the movable r1); e: empty.
    const instance = build(
      [cpu("a", 10), cpu("h", 10, { releasable: false }), cpu("p", 10), cpu("e", 10)],
      [dep("x", 2)],
      [["x", "a"], ["x", "p"], ["x", "p", false], ["x", "h"]]
    )
    const p = new Packing(instance, Infinity)
    expect(p.candidates()).toEqual([0])
    expect(p.failures.get(1)).toEqual({ reason: "not-releasable" })
    expect(p.failures.get(2)).toEqual({ reason: "unmovable-replica", replica: 2 })
    expect(p.failures.has(0)).toBe(false)
    expect(p.failures.has(3)).toBe(false)
  })

  it("leaves out the nodes released or receiving in the round", () => {
    // a (x 2) drains onto b (x 5, free 5): a released, b receiving; c (x 5) stays a candidate.
    const instance = build([cpu("a", 10), cpu("b", 10), cpu("c", 10)], [dep("x", 2), dep("y", 5)], [["x", "a"], ["y", "b"], ["y", "c"]])
    const p = new Packing(instance, Infinity)
    expect(p.candidates()).toEqual([0, 1, 2])
    expect(p.drain(0)).toBe(true)
    expect(p.candidates()).toEqual([2])
  })
})

describe("Packing.drain", () => {
  // a holds r0 (two, 2) and r1 (four, 4); b holds r2 (four, free 6), c holds r3 (six, free 4).
  const instance = build(
    [cpu("a", 10), cpu("b", 10), cpu("c", 10)],
    [dep("two", 2), dep("four", 4), dep("six", 6)],
    [["two", "a"], ["four", "a"], ["four", "b"], ["six", "c"]]
  )

  it("moves the largest replica first, each to the tightest node where it fits", () => {
    // Largest first: r1 (4) fits b (6 left → 2) and c (4 left → 0): c, the tightest. Then r0 (2): b (6 → 4); c is full.
    // (Smallest first would put r0 on c (4 → 2) and r1 on b.)
    const p = new Packing(instance, Infinity)
    expect(p.drain(0)).toBe(true)
    expect(list(p.target)).toEqual([1, 2, 1, 2])
    expect(list(p.level)).toEqual([1, 1, 0, 0])
    expect(list(p.released)).toEqual([1, 0, 0])
    expect(list(p.receiving)).toEqual([0, 1, 1])
    expect(p.spent).toBe(2)
  })

  it("keeps a node that became a destination: no drain, no reason", () => {
    const p = new Packing(instance, Infinity)
    expect(p.drain(0)).toBe(true)
    expect(p.drain(1)).toBe(false)
    expect(list(p.target)).toEqual([1, 2, 1, 2])
    expect(p.failures.has(1)).toBe(false)
  })

  it("stops at the migration budget and takes back every move", () => {
    // Two moves of cost 1: a budget of 2 suffices (spent may equal it), 1 does not.
    expect(new Packing(instance, 2).drain(0)).toBe(true)
    const p = new Packing(instance, 1)
    expect(p.drain(0)).toBe(false)
    expect(p.failures.get(0)).toEqual({ reason: "migration-budget" })
    expect(list(p.target)).toEqual([0, 0, 1, 2])
    expect(list(p.level)).toEqual([0, 0, 0, 0])
    expect(list(p.receiving)).toEqual([0, 0, 0])
    expect(list(p.released)).toEqual([0, 0, 0])
    expect(p.spent).toBe(0)
  })

  it("adds fractional migration costs exactly and restores the sum on an undo", () => {
    const costly = instanceOf({
      nodes: [cpu("a", 10), cpu("b", 10)],
      deployments: [{ id: "x", demand: { CPU: 1 }, migrationCost: 0.1, maxSurge: 8 }, { id: "y", demand: { CPU: 1 }, migrationCost: 0.2, maxSurge: 8 }],
      replicas: [{ id: "r0", deployment: "x", node: "a" }, { id: "r1", deployment: "y", node: "a" }, { id: "r2", deployment: "x", node: "b" }]
    })
    const p = new Packing(costly, Infinity)
    expect(p.drain(0)).toBe(true)
    expect(p.spent).toBeCloseTo(0.3, 12)
    const q = new Packing(costly, 0.25)
    expect(q.drain(0)).toBe(false)
    expect(q.spent).toBe(0)
  })

  it("fails all or nothing on a replica that fits nowhere, and offers the node again as a destination", () => {
    // a {CPU 10, GPU 4} holds r0 (CPU 6, size 0.6) and r1 (GPU 1, size 0.25); b {CPU 10} holds r2 (CPU 3).
    // r0 goes to b first, then r1 fits nowhere (no other GPU), and no eviction frees a GPU: r0 comes back.
    const gpu = build(
      [{ id: "a", capacity: { CPU: 10, GPU: 4 } }, cpu("b", 10)],
      [dep("six", 6), { id: "g", demand: { GPU: 1 } }, dep("three", 3)],
      [["six", "a"], ["g", "a"], ["three", "b"]]
    )
    const p = new Packing(gpu, Infinity)
    expect(p.drain(0)).toBe(false)
    expect(p.failures.get(0)).toEqual({ reason: "no-room", replica: 1 })
    expect(list(p.target)).toEqual([0, 0, 1])
    expect(list(p.level)).toEqual([0, 0, 0])
    expect(list(p.receiving)).toEqual([0, 0])
    expect(p.spent).toBe(0)
    // a kept: b's r2 (CPU 3) fits in a's 4 free CPU.
    expect(p.drain(1)).toBe(true)
    expect(list(p.target)).toEqual([0, 0, 0])
    expect(list(p.released)).toEqual([0, 1])
  })

  it("moves nothing onto an empty node nor onto one that accepts no replicas", () => {
    // c holds r0 (2): b has room but accepts nothing, e is empty.
    const closed = build([cpu("c", 10), cpu("b", 10, { acceptsIncoming: false }), cpu("e", 10)], [dep("x", 2)], [["x", "c"], ["x", "b"]])
    const p = new Packing(closed, Infinity)
    expect(p.drain(0)).toBe(false)
    expect(p.failures.get(0)).toEqual({ reason: "no-room", replica: 0 })
    expect(list(p.target)).toEqual([0, 1])
  })
})

describe("Packing: make-room moves", () => {
  // c holds X (6); a {10} holds Y (2) then V (3): free 5; b {10} holds Z (6): free 4. X fits nowhere directly.
  // Room on a: a lacks 5 + 6 − 10 = 1 at the end of the round; Y and V each free that, and both fit on b (4 free):
  // the smaller, Y, moves to b first (level 1), then X lands on a (level 2). Room on b: Z (6) fits nowhere else.
  // (Nodes b, c, a and replicas Y, X, V, Z in that order; deployment 0 is the smallest.)
  const scenario = (x: DeploymentInput, yMovable = true) =>
    build(
      [cpu("b", 10), cpu("c", 10), cpu("a", 10)],
      [dep("y", 2), dep("v", 3), dep("z", 6), x],
      [["y", "a", yMovable], ["x", "c"], ["v", "a"], ["z", "b"]]
    )
  const [B, C, A] = [0, 1, 2]

  it("moves the smallest replica that frees enough to a third node, then lands the replica in its place", () => {
    const p = new Packing(scenario(dep("x", 6)), Infinity)
    expect(p.drain(C)).toBe(true)
    expect(list(p.target)).toEqual([B, A, A, B])
    expect(list(p.level)).toEqual([1, 2, 0, 0])
    expect(list(p.receiving)).toEqual([1, 0, 1])
    expect(p.spent).toBe(2)
  })

  it("does the same under a per-node limit that the destination does not reach", () => {
    // x at most 1 per node: a holds none, so any of its replicas may make room.
    const p = new Packing(scenario(dep("x", 6, { maxReplicasPerNode: 1 })), Infinity)
    expect(p.drain(C)).toBe(true)
    expect(list(p.target)).toEqual([B, A, A, B])
  })

  it("of two replicas alike, evicts the first", () => {
    // a holds Y0 and Y1 (2 each), c holds X (7): a lacks 4 + 7 − 10 = 1; both Ys free it and fit b's 4: the first, Y0, goes.
    const twins = build(
      [cpu("b", 10), cpu("c", 10), cpu("a", 10)],
      [dep("y", 2), dep("z", 6), dep("x", 7)],
      [["y", "a"], ["x", "c"], ["y", "a"], ["z", "b"]]
    )
    const p = new Packing(twins, Infinity)
    expect(p.drain(C)).toBe(true)
    expect(list(p.target)).toEqual([B, A, A, B])
  })

  it("looks beyond the demand's own grid cell", () => {
    // c holds X (9, the top quarter of 10: no kept node there); a {10} holds Y (4) and V (1): 5 free, lacks 5 + 9 − 10 = 4,
    // which Y alone frees; b {10} holds Z (6): 4 free, room for Y.
    const far = build(
      [cpu("c", 10), cpu("a", 10), cpu("b", 10)],
      [dep("x", 9), dep("y", 4), dep("v", 1), dep("z", 6)],
      [["x", "c"], ["y", "a"], ["v", "a"], ["z", "b"]]
    )
    const p = new Packing(far, Infinity)
    expect(p.drain(0)).toBe(true)
    expect(list(p.target)).toEqual([1, 2, 1, 2])
  })

  it("never evicts a pinned replica", () => {
    // Y unmovable: V (3) frees a's missing 1 and fits b's 4.
    const p = new Packing(scenario(dep("x", 6), false), Infinity)
    expect(p.drain(C)).toBe(true)
    expect(list(p.target)).toEqual([A, A, B, B])
    expect(list(p.level)).toEqual([0, 2, 1, 0])
  })

  it("evicts only a replica of the same deployment where the limit is reached", () => {
    // L (3) at most 1 per node. c holds X (L); a {10} holds W (L) and Y (2): X fits by capacity, not by the limit;
    // b {10} holds Z (8): 2 free. Evicting Y would break the limit on a; W fits nowhere else (b's 2 < 3); Z neither.
    const limited = build(
      [cpu("b", 10), cpu("c", 10), cpu("a", 10)],
      [dep("L", 3, { maxReplicasPerNode: 1 }), dep("y", 2), dep("z", 8)],
      [["L", "c"], ["L", "a"], ["y", "a"], ["z", "b"]]
    )
    const p = new Packing(limited, Infinity)
    expect(p.drain(C)).toBe(false)
    expect(p.failures.get(C)).toEqual({ reason: "no-room", replica: 0 })
    expect(list(p.target)).toEqual([C, A, A, B])
  })

  it("evicts only a replica that frees enough of every resource lacking", () => {
    // c holds X (6); a {10} holds Y (1) and V (4): it lacks 1 + 4 + 6 − 10 = 1, which Y frees exactly;
    // b {10} holds Z (8): 2 free, room for Y alone. Y moves to b, X lands on a.
    const exact = build(
      [cpu("b", 10), cpu("c", 10), cpu("a", 10)],
      [dep("x", 6), dep("y", 1), dep("v", 4), dep("z", 8)],
      [["x", "c"], ["y", "a"], ["v", "a"], ["z", "b"]]
    )
    const p = new Packing(exact, Infinity)
    expect(p.drain(C)).toBe(true)
    expect(list(p.target)).toEqual([A, B, A, B])
    // With a lacking 2 (Y of 1 too small, V of 4 too large for b), nothing frees a.
    const short = build(
      [cpu("b", 10), cpu("c", 10), cpu("a", 10)],
      [dep("x", 7), dep("y", 1), dep("v", 4), dep("z", 8)],
      [["x", "c"], ["y", "a"], ["v", "a"], ["z", "b"]]
    )
    const q = new Packing(short, Infinity)
    expect(q.drain(C)).toBe(false)
    expect(q.failures.get(C)).toEqual({ reason: "no-room", replica: 0 })
  })

  // c holds X (6); a1, a2, … {10} in X's grid cell (5 free: 6 and 5 both in the third quarter of 10): each but
  // the last holds one pinned replica (5), the last Y (2) and V (3); b {10} holds W (8): 2 free, room for Y.
  const crowded = (kept: number) =>
    build(
      [cpu("c", 10), cpu("b", 10), ...Array.from({ length: kept }, (_, i) => cpu(`a${i}`, 10))],
      [dep("x", 6), dep("p", 5), dep("y", 2), dep("v", 3), dep("w", 8)],
      [
        ["x", "c"],
        ["w", "b"],
        ...Array.from({ length: kept - 1 }, (_, i) => ["p", `a${i}`, false] as const),
        ["y", `a${kept - 1}`],
        ["v", `a${kept - 1}`]
      ]
    )

  it("tries up to 6 kept nodes of a grid cell (a 48-node search over at least 8 cells)", () => {
    // 3 in the cell: the third makes room.
    const three = new Packing(crowded(3), Infinity)
    expect(three.drain(0)).toBe(true)
    expect(three.target[0]).toBe(4)
    // 7 in the cell: the seventh is not tried; b cannot make room (W fits nowhere else).
    const seven = new Packing(crowded(7), Infinity)
    expect(seven.drain(0)).toBe(false)
    expect(seven.failures.get(0)).toEqual({ reason: "no-room", replica: 0 })
  })

  it("makes room on node 0, evicting the smaller of two replicas listed larger first", () => {
    // As above, with a first: a {10} holds V (3) then Y (2), 5 free, lacking 5 + 6 − 10 = 1; b {10} holds Z (6), 4 free;
    // c holds X (6), which fits nowhere. Both V and Y free a's missing 1 and fit b: Y, the smaller, moves to b, X lands on a.
    // b cannot make room (Z fits nowhere else). (Deployments x, z, v, y in that order: y is the last.)
    const first = build(
      [cpu("a", 10), cpu("b", 10), cpu("c", 10)],
      [dep("x", 6), dep("z", 6), dep("v", 3), dep("y", 2)],
      [["x", "c"], ["z", "b"], ["v", "a"], ["y", "a"]]
    )
    const p = new Packing(first, Infinity)
    expect(p.drain(2)).toBe(true)
    expect(list(p.target)).toEqual([0, 1, 0, 1])
    expect(list(p.level)).toEqual([2, 0, 0, 1])
  })

  // (CPU 100, a 32 × 32 grid above 1,000 nodes in use, one axis twice: a cell spans 3.125 of free CPU.) c holds X (60, cell 19);
  // kept nodes hold one pinned replica each, nearest X's cell first: 58 free (cell 18), 55 twice (17), 51 twice (16), 48 twice (15),
  // 45 (14); then m (cell 14) holds Y (15) and a pinned V (40): 45 free, lacking 15, which Y frees; b holds a pinned W (80): 20 free,
  // room for Y. The other nodes are full (pinned replicas of 100, cell 0), up to `inUse` nodes holding replicas.
  // With `eighthMakesRoom`, the last kept node in cell 14 holds a Y and a V as m does.
  const large = (inUse: number, eighthMakesRoom = false) => {
    const kept = [42, 45, 45, 49, 49, 52, 52, 55]
    const full = inUse - kept.length - 3
    return build(
      [cpu("c", 100), ...kept.map((_, i) => cpu(`k${i}`, 100)), cpu("m", 100), cpu("b", 100), ...Array.from({ length: full }, (_, i) => cpu(`f${i}`, 100))],
      [dep("x", 60), dep("y", 15), dep("v", 40), dep("w", 80), dep("full", 100), ...[42, 45, 49, 52, 55].map((u) => dep(`p${u}`, u))],
      [
        ["x", "c"],
        ...kept.flatMap((u, i): Array<readonly [string, string, boolean?]> =>
          eighthMakesRoom && i === 7 ? [["y", "k7"], ["v", "k7", false]] : [[`p${u}`, `k${i}`, false]]
        ),
        ["y", "m"],
        ["v", "m", false],
        ["w", "b", false],
        ...Array.from({ length: full }, (_, i) => ["full", `f${i}`, false] as const)
      ]
    )
  }

  it("tries 48 kept nodes, 6 a cell, up to 2,000 nodes in use; above, 8, 2 a cell", () => {
    // m is the ninth in the order: tried at 2,000 nodes in use, not at 2,001.
    const at = new Packing(large(2000), Infinity)
    expect(at.drain(0)).toBe(true)
    expect(at.target[0]).toBe(9)
    expect(at.target[9]).toBe(10)
    const above = new Packing(large(2001), Infinity)
    expect(above.drain(0)).toBe(false)
    expect(above.failures.get(0)).toEqual({ reason: "no-room", replica: 0 })
    // The eighth is tried above 2,000 too.
    const eighth = new Packing(large(2001, true), Infinity)
    expect(eighth.drain(0)).toBe(true)
    expect(eighth.target[0]).toBe(8)
  })

  it("makes room on the kept node nearest the demand's grid cell first", () => {
    // (a, b 100 each; the grid on b, then a, 4 × 4: cells of 25) c holds X (30, 30), cell (1, 1). m1 has (30, 20) free, cell
    // (0, 1), one step from X's; m2 has (80, 20), cell (0, 3), three steps; o has (15, 15), cell (0, 0). X fits nowhere;
    // m1 and m2 each lack 10 of b, which their e1 or e2 (10, 10) frees, and which fits o. m1, the nearer, makes room.
    const instance = instanceOf({
      nodes: ["c", "m1", "m2", "o"].map((id) => ({ id, capacity: { a: 100, b: 100 } })),
      deployments: [
        { id: "x", demand: { a: 30, b: 30 } },
        { id: "e", demand: { a: 10, b: 10 } },
        { id: "p1", demand: { a: 60, b: 70 } },
        { id: "p2", demand: { a: 10, b: 70 } },
        { id: "q", demand: { a: 85, b: 85 } }
      ],
      replicas: [
        { id: "r0", deployment: "x", node: "c" },
        { id: "r1", deployment: "e", node: "m1" },
        { id: "r2", deployment: "p1", node: "m1", movable: false },
        { id: "r3", deployment: "e", node: "m2" },
        { id: "r4", deployment: "p2", node: "m2", movable: false },
        { id: "r5", deployment: "q", node: "o", movable: false }
      ]
    })
    const p = new Packing(instance, Infinity)
    expect(p.drain(0)).toBe(true)
    expect(p.target[0]).toBe(1)
    expect(p.target[1]).toBe(3)
    expect(p.target[3]).toBe(2)
  })

  it("never evicts a replica that already moved in the round", () => {
    // b, d {10} hold Z (8) each: 2 free; c1 {6} holds X1 (6), c2 {3} holds X2 (3); a {10} holds Y (2), V (3).
    // Drain c1: X1 fits nowhere; a lacks 5 + 6 − 10 = 1: Y (the smaller) goes to b (tie with d, the lower index), X1 lands on a.
    // Drain c2: X2 fits nowhere (a: 10 − max(5, 9) = 1); a lacks 9 + 3 − 10 = 2: Y has moved, V (3) fits nowhere
    // (d: 2 free); b and d lack 3 and 1, their Z fits nowhere: c2 stays.
    const instance = build(
      [cpu("b", 10), cpu("d", 10), cpu("c1", 6), cpu("c2", 3), cpu("a", 10)],
      [dep("z", 8), dep("x1", 6), dep("x2", 3), dep("y", 2), dep("v", 3)],
      [["z", "b"], ["z", "d"], ["x1", "c1"], ["x2", "c2"], ["y", "a"], ["v", "a"]]
    )
    const p = new Packing(instance, Infinity)
    expect(p.drain(2)).toBe(true)
    expect(list(p.target)).toEqual([0, 1, 4, 3, 0, 4])
    expect(p.drain(3)).toBe(false)
    expect(p.failures.get(3)).toEqual({ reason: "no-room", replica: 3 })
    expect(list(p.target)).toEqual([0, 1, 4, 3, 0, 4])
  })
})

describe("Packing: what stays out of reach", () => {
  it("moves nothing onto a node released in the round", () => {
    // a (six, 6) drains onto b (four, 6 free; tie with c, the lower index). c's four (4) then fits nowhere: a is gone,
    // b is full, and b's own four fits nowhere else.
    const instance = build([cpu("a", 10), cpu("b", 10), cpu("c", 10)], [dep("six", 6), dep("four", 4)], [["six", "a"], ["four", "b"], ["four", "c"]])
    const p = new Packing(instance, Infinity)
    expect(p.drain(0)).toBe(true)
    expect(list(p.target)).toEqual([1, 1, 2])
    expect(p.drain(2)).toBe(false)
    expect(list(p.target)).toEqual([1, 1, 2])
  })

  it("moves nothing onto a node that accepts none, even after its own drain failed", () => {
    // c {10, accepts nothing} holds six (6): fits nowhere (b: 3 free, d {4}: none), b's seven fits nowhere else,
    // d's four frees too little. d's four (4) then fits neither b (3 free) nor, as it accepts nothing, c (4 free).
    const instance = build(
      [cpu("c", 10, { acceptsIncoming: false }), cpu("b", 10), cpu("d", 4)],
      [dep("six", 6), dep("seven", 7), dep("four", 4)],
      [["six", "c"], ["seven", "b"], ["four", "d"]]
    )
    const p = new Packing(instance, Infinity)
    expect(p.drain(0)).toBe(false)
    expect(p.drain(2)).toBe(false)
    expect(list(p.target)).toEqual([0, 1, 2])
  })

  it("puts every replica back on the drained node when a drain fails", () => {
    // b {10} holds two (8 free); a holds six and four: six goes to b (2 left), four fits nowhere: six comes back to a.
    const instance = build([cpu("b", 10), cpu("a", 10)], [dep("two", 2), dep("six", 6), dep("four", 4)], [["two", "b"], ["six", "a"], ["four", "a"]])
    const p = new Packing(instance, Infinity)
    expect(p.drain(1)).toBe(false)
    expect(list(p.target)).toEqual([0, 1, 1])
  })

  it("files a node that received under its new room", () => {
    // (CPU 100) d1's x (60) goes to b (70 free → 10; d2 would keep 35). Then d2's y (5): b (10 → 5 left) is
    // tighter than g (30 → 25 left), though b had the most room at the start.
    const instance = build(
      [cpu("d1", 100), cpu("b", 100), cpu("g", 100), cpu("d2", 100)],
      [dep("x", 60), dep("b30", 30), dep("g70", 70), dep("y", 5)],
      [["x", "d1"], ["b30", "b"], ["g70", "g"], ["y", "d2"]]
    )
    const p = new Packing(instance, Infinity)
    expect(p.drain(0)).toBe(true)
    expect(p.target[0]).toBe(1)
    expect(p.drain(3)).toBe(true)
    expect(p.target[3]).toBe(1)
  })

  it("forgets the demands that failed once a drain is undone", () => {
    // a holds six and four; b {10} holds two (8 free); c {5} holds four (1 free).
    // Drain a: six goes to b (2 left), four fits nowhere, and no eviction helps: undone.
    // Drain c: its four now fits b (8 free) directly, a first-level move.
    const instance = build(
      [cpu("a", 10), cpu("b", 10), cpu("c", 5)],
      [dep("six", 6), dep("four", 4), dep("two", 2)],
      [["six", "a"], ["four", "a"], ["two", "b"], ["four", "c"]]
    )
    const p = new Packing(instance, Infinity)
    expect(p.drain(0)).toBe(false)
    expect(p.failures.get(0)).toEqual({ reason: "no-room", replica: 1 })
    expect(p.drain(2)).toBe(true)
    expect(list(p.target)).toEqual([0, 0, 1, 1])
    expect(list(p.level)).toEqual([0, 0, 0, 1])
  })
})

describe("Packing: the reach of a best-fit query", () => {
  // Resources a, b, z (10 each at most; the grid on a and b, a 16 × 16 grid in free a and b). c1 {1, 1, 1} holds A (1, 1, 1),
  // cell (1, 1); c2 {5, 5, 1} holds B (5, 5, 1), cell (8, 8); neither accepts replicas. f {10, 10, 10} holds a pinned P
  // (4, 4, 5): free (6, 6, 5), cell (9, 9), room for A and B. `blockers` nodes {a 10, b 10} hold a pinned Q (7, 7): free
  // (3, 3, 0), cell (4, 4), no room for z. A's query visits (4, 4) before (9, 9); B's never visits (4, 4). c3 {1, 1} (accepting
  // none) holds W (1, 1), which fits a blocker.
  const blocked = (blockers: number) =>
    instanceOf({
      nodes: [
        { id: "c1", capacity: { a: 1, b: 1, z: 1 }, acceptsIncoming: false },
        { id: "c2", capacity: { a: 5, b: 5, z: 1 }, acceptsIncoming: false },
        { id: "c3", capacity: { a: 1, b: 1 }, acceptsIncoming: false },
        { id: "f", capacity: { a: 10, b: 10, z: 10 } },
        ...Array.from({ length: blockers }, (_, i) => ({ id: `k${i}`, capacity: { a: 10, b: 10 } }))
      ],
      deployments: [
        { id: "A", demand: { a: 1, b: 1, z: 1 } },
        { id: "B", demand: { a: 5, b: 5, z: 1 } },
        { id: "P", demand: { a: 4, b: 4, z: 5 } },
        { id: "Q", demand: { a: 7, b: 7 } },
        { id: "W", demand: { a: 1, b: 1 } }
      ],
      replicas: [
        { id: "r0", deployment: "A", node: "c1" },
        { id: "r1", deployment: "B", node: "c2" },
        { id: "r2", deployment: "P", node: "f", movable: false },
        { id: "r3", deployment: "W", node: "c3" },
        ...Array.from({ length: blockers }, (_, i) => ({ id: `q${i}`, deployment: "Q", node: `k${i}`, movable: false }))
      ]
    })
  const within = blocked(511)
  const beyond = blocked(512)

  it("looks at 512 nodes at most", () => {
    // Behind 511 blockers, f is the 512th node A's query looks at; behind 512, the 513th.
    const p = new Packing(within, Infinity)
    expect(p.drain(0)).toBe(true)
    expect(p.target[0]).toBe(3)
    const q = new Packing(beyond, Infinity)
    expect(q.drain(0)).toBe(false)
    expect(q.failures.get(0)).toEqual({ reason: "no-room", replica: 0 })
  })

  it("fails a demand at least as large as one that found no destination, without a query", () => {
    // B alone goes to f; after A found nothing (f out of its reach), B, larger in every resource, fails too, even after
    // W's move (a move frees no capacity in its round).
    const alone = new Packing(beyond, Infinity)
    expect(alone.drain(1)).toBe(true)
    expect(alone.target[1]).toBe(3)
    const after = new Packing(beyond, Infinity)
    expect(after.drain(0)).toBe(false)
    expect(after.drain(2)).toBe(true)
    expect(after.drain(1)).toBe(false)
    expect(after.failures.get(1)).toEqual({ reason: "no-room", replica: 1 })
  })
})

describe("Packing: the failures remembered", () => {
  it("remembers no failure of a search that left a node out", () => {
    // a {10} holds e (3) and a pinned p (4): 3 free; c1 {5} holds r1 (5), c2 {3} holds r2 (3); all else full.
    // r1 fits nowhere; making room on a, e (3) finds no node but a: c1 stays. r2 (3) then fits a.
    const instance = build(
      [cpu("a", 10), cpu("c1", 5), cpu("c2", 3)],
      [dep("e", 3), dep("p", 4), dep("r1", 5), dep("r2", 3)],
      [["e", "a"], ["p", "a", false], ["r1", "c1"], ["r2", "c2"]]
    )
    const p = new Packing(instance, Infinity)
    expect(p.drain(1)).toBe(false)
    expect(p.drain(2)).toBe(true)
    expect(p.target[3]).toBe(0)
  })

  it("remembers no failure of a deployment with a per-node limit", () => {
    // L (3) at most 1 per node: a {10} holds one (7 free), c1 {3} holds another, which fits nowhere (a holds an L). c1 stays.
    // c2 {4, accepts none} holds y (4, no limit): it fits a.
    const instance = build(
      [cpu("a", 10), cpu("c1", 3), cpu("c2", 4, { acceptsIncoming: false })],
      [dep("L", 3, { maxReplicasPerNode: 1 }), dep("y", 4)],
      [["L", "a"], ["L", "c1"], ["y", "c2"]]
    )
    const p = new Packing(instance, Infinity)
    expect(p.drain(1)).toBe(false)
    expect(p.drain(2)).toBe(true)
    expect(p.target[2]).toBe(0)
  })
})

describe("Packing: destination modes", () => {
  // d holds r0 (2); h (a head node, 8 free) holds r1; b (3 free) holds r2; f (5 free) holds r3.
  const instance = build(
    [cpu("d", 10), cpu("h", 10, { releasable: false }), cpu("b", 10), cpu("f", 10)],
    [dep("x", 2), dep("h2", 2), dep("b7", 7), dep("f5", 5)],
    [["x", "d"], ["h2", "h"], ["b7", "b"], ["f5", "f"]]
  )
  const destination = (mode: DestinationMode, rank?: Float64Array) => {
    const p = new Packing(instance, Infinity, mode, rank)
    expect(p.drain(0)).toBe(true)
    return p.target[0]
  }

  it("best fit: the tightest node", () => {
    expect(destination("best-fit")).toBe(2)
  })

  it("anchored: a node that stays anyway first, then the tightest", () => {
    expect(destination("anchored")).toBe(1)
    // Without the head node, b and f may both go: the tightest, b.
    const free = build(
      [cpu("d", 10), cpu("b", 10), cpu("f", 10)],
      [dep("x", 2), dep("b7", 7), dep("f5", 5)],
      [["x", "d"], ["b7", "b"], ["f5", "f"]]
    )
    const p = new Packing(free, Infinity, "anchored")
    expect(p.drain(0)).toBe(true)
    expect(p.target[0]).toBe(1)
  })

  it("anchored: a node holding a pinned replica stays anyway", () => {
    // As above with f holding an unmovable replica (5) and a movable one (1): f (4 free) beats the tighter b (3 free).
    const pinned = build(
      [cpu("d", 10), cpu("b", 10), cpu("f", 10)],
      [dep("x", 2), dep("b7", 7), dep("f5", 5), dep("one", 1)],
      [["x", "d"], ["b7", "b"], ["f5", "f", false], ["one", "f"]]
    )
    const p = new Packing(pinned, Infinity, "anchored")
    expect(p.drain(0)).toBe(true)
    expect(p.target[0]).toBe(2)
  })

  it("anchored: a node receiving in the round stays anyway", () => {
    // d1's x (40) goes to b (70 free, the tightest: g has 25). Then d2's y (20): g (5 left) is tighter, but b receives.
    const instance = build(
      [cpu("d1", 100), cpu("b", 100), cpu("g", 100), cpu("d2", 100)],
      [dep("x", 40), dep("b30", 30), dep("g75", 75), dep("y", 20)],
      [["x", "d1"], ["b30", "b"], ["g75", "g"], ["y", "d2"]]
    )
    const p = new Packing(instance, Infinity, "anchored")
    expect(p.drain(0)).toBe(true)
    expect(p.target[0]).toBe(1)
    expect(p.drain(3)).toBe(true)
    expect(p.target[3]).toBe(1)
    const q = new Packing(instance, Infinity, "best-fit")
    q.drain(0)
    q.drain(3)
    expect(q.target[3]).toBe(2)
  })

  it("late: a node that stays first, then the node latest in the release order", () => {
    expect(destination("late", Float64Array.from([0, 1, 2, 3]))).toBe(1)
    const free = build(
      [cpu("d", 10), cpu("b", 10), cpu("f", 10)],
      [dep("x", 2), dep("b7", 7), dep("f5", 5)],
      [["x", "d"], ["b7", "b"], ["f5", "f"]]
    )
    // f comes after b in the release order: f, although b is tighter; with the order reversed, b.
    const p = new Packing(free, Infinity, "late", Float64Array.from([0, 1, 2]))
    expect(p.drain(0)).toBe(true)
    expect(p.target[0]).toBe(2)
    const q = new Packing(free, Infinity, "late", Float64Array.from([0, 2, 1]))
    expect(q.drain(0)).toBe(true)
    expect(q.target[0]).toBe(1)
  })

  it("best fit, the default, stops one diagonal of the grid after the first fit; a preference looks further", () => {
    // (CPU 10, a 4 × 4 grid in free CPU, one axis twice) d's r0 (3, cell (1, 1)); t has 4 free (cell (1, 1)), s 6 (cell (2, 2)),
    // u 8 (cell (3, 3)). The cells with room for sure come first: s fits in (2, 2), on diagonal 4; (3, 3), on diagonal 6, ends
    // the search before the boundary cell (1, 1), which holds the tighter t. Anchored (no node stays anyway) finds t.
    const stop = build(
      [cpu("d", 10), cpu("t", 10), cpu("s", 10), cpu("u", 10)],
      [dep("x", 3), dep("t6", 6), dep("s4", 4), dep("u2", 2)],
      [["x", "d"], ["t6", "t"], ["s4", "s"], ["u2", "u"]]
    )
    const p = new Packing(stop, Infinity)
    expect(p.drain(0)).toBe(true)
    expect(p.target[0]).toBe(2)
    const q = new Packing(stop, Infinity, "anchored")
    expect(q.drain(0)).toBe(true)
    expect(q.target[0]).toBe(1)
  })

  it("best fit looks one diagonal past the first fit, and no further", () => {
    // (a, b, z 100 each; the grid on a and b, 4 × 4: cells of 25) d's r0 (10, 10, 10), cell (0, 0). s has (49, 49, 100) free,
    // diagonal 2: room left 39 + 39 + 90; t has (50, 25, 100), diagonal 3: 40 + 15 + 90, tighter; u has (50, 50, 10),
    // diagonal 4: 40 + 40 + 0, the tightest, but two diagonals past s, the first fit.
    const next = instanceOf({
      nodes: ["d", "s", "t", "u"].map((id) => ({ id, capacity: { a: 100, b: 100, z: 100 } })),
      deployments: [
        { id: "x", demand: { a: 10, b: 10, z: 10 } },
        { id: "s51", demand: { a: 51, b: 51 } },
        { id: "t50", demand: { a: 50, b: 75 } },
        { id: "u50", demand: { a: 50, b: 50, z: 90 } }
      ],
      replicas: [
        { id: "r0", deployment: "x", node: "d" },
        { id: "r1", deployment: "s51", node: "s" },
        { id: "r2", deployment: "t50", node: "t" },
        { id: "r3", deployment: "u50", node: "u" }
      ]
    })
    const p = new Packing(next, Infinity)
    expect(p.drain(0)).toBe(true)
    expect(p.target[0]).toBe(2)
  })

  it("breaks a tie in score by the lower node index", () => {
    // d's r0 (2) fits b and f alike (both 5 free).
    const tie = build([cpu("d", 10), cpu("b", 10), cpu("f", 10)], [dep("x", 2), dep("y", 5)], [["x", "d"], ["y", "b"], ["y", "f"]])
    const p = new Packing(tie, Infinity)
    expect(p.drain(0)).toBe(true)
    expect(p.target[0]).toBe(1)
  })
})

describe("Packing: ties", () => {
  it("prefers the lower node index between two equally tight nodes, in whatever order they were filed", () => {
    // x3 (3) at most 1 per node. d1's x3 goes to b (8 free → 5), not to f (which holds an x3 already); b is filed again, after f.
    // d2's y (2) then fits b and f alike (5 free each): b, the lower index.
    const instance = build(
      [cpu("d1", 10), cpu("b", 10), cpu("f", 10), cpu("d2", 10)],
      [dep("x3", 3, { maxReplicasPerNode: 1 }), dep("two", 2), dep("y", 2)],
      [["x3", "d1"], ["two", "b"], ["x3", "f"], ["two", "f"], ["y", "d2"]]
    )
    const p = new Packing(instance, Infinity)
    expect(p.drain(0)).toBe(true)
    expect(p.target[0]).toBe(1)
    expect(p.drain(3)).toBe(true)
    expect(p.target[4]).toBe(1)
  })
})

describe("Packing.startRound", () => {
  it("pins the replicas that moved, keeps the receiving nodes, and gives later moves higher levels", () => {
    // Round 1: a (x 2) drains onto b (y 5, 5 free). Round 2: b receives, so stays; c (x 2) drains onto b (3 free).
    const instance = build(
      [cpu("a", 10), cpu("b", 10), cpu("c", 10)],
      [dep("x", 2), dep("y", 5)],
      [["x", "a"], ["y", "b"], ["x", "c"]]
    )
    const p = new Packing(instance, Infinity)
    expect(p.drain(0)).toBe(true)
    expect(list(p.level)).toEqual([1, 0, 0])
    p.startRound()
    expect(list(p.pinned)).toEqual([1, 0, 0])
    expect(p.candidates()).toEqual([2])
    expect(p.drain(2)).toBe(true)
    expect(list(p.target)).toEqual([1, 1, 1])
    expect(list(p.level)).toEqual([1, 0, 2])
    expect(list(p.receiving)).toEqual([0, 2, 0])
  })
})
