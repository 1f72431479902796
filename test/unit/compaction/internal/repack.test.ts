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

  it("fills on every resource: each trial fill is taken back from each", () => {
    // n0 of (CPU 4, mem 4), four nodes of (10, 10), one replica of (2, 2) on each: all five fill n1 (the first of the
    // largest) exactly, as the fills find by trying sets of replicas on it and taking each trial back.
    const snapshot = Compaction.validateOrThrow({
      nodes: [0, 1, 2, 3, 4].map((n) => ({ id: `n${n}`, capacity: n === 0 ? { CPU: 4, mem: 4 } : { CPU: 10, mem: 10 } })),
      deployments: [{ id: "a", demand: { CPU: 2, mem: 2 }, maxSurge: 5 }],
      replicas: [0, 1, 2, 3, 4].map((n) => ({ id: `r${n}`, deployment: "a", node: `n${n}` }))
    })
    const { result } = run(snapshot, "fill")
    expect(Array.from(result?.target ?? [])).toEqual([1, 1, 1, 1, 1])
    expect(Array.from(result?.receiving ?? [])).toEqual([0, 4, 0, 0, 0])
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

/** Runs every kind of repack on a snapshot given as input, with the options given. */
const runAll = (input: Compaction.SnapshotInput, planOptions: Compaction.PlanOptionsInput = {}) => {
  const snapshot = Compaction.validateOrThrow(input)
  const instance = fromSnapshot(snapshot)
  const opts = Either.getOrThrow(Compaction.planOptions(planOptions))
  return (["ffd-sum", "ffd-max", "fill"] as const).map((kind) => {
    const repack = new Repack(instance, opts, kind)
    for (let steps = 0; !repack.done; steps++) {
      if (steps > 10_000) throw new Error("the repack does not finish")
      repack.step()
    }
    const ids = repack.result === undefined ? undefined : [...repack.result.target].map((n) => instance.nodeIds[n])
    return { kind, result: repack.result, ids }
  })
}

const threeOfThree = (cost?: ReadonlyArray<number>) => ({
  nodes: ["a", "b", "c"].map((id, i) => ({ id, capacity: { CPU: 10 }, ...(cost === undefined ? {} : { cost: cost[i] ?? 0 }) })),
  deployments: [{ id: "d", demand: { CPU: 3 }, maxSurge: 1 }],
  replicas: ["a", "b", "c"].map((node, i) => ({ id: `r${i}`, deployment: "d", node }))
})

describe("Repack candidates", () => {
  it("writes the whole candidate: target, levels, receivers, releases and the migration cost spent", () => {
    // Three replicas of 3 CPU on three nodes of 10: all fit on a (the lowest of equal nodes); b's and c's
    // replicas move to a in one level, a receives 2, b and c are released, 2 migrations of cost 1 each.
    for (const { kind, result } of runAll(threeOfThree())) {
      expect(result, kind).toBeDefined()
      expect([...(result?.target ?? [])], kind).toEqual([0, 0, 0])
      expect([...(result?.level ?? [])], kind).toEqual([0, 1, 1])
      expect([...(result?.receiving ?? [])], kind).toEqual([2, 0, 0])
      expect([...(result?.released ?? [])], kind).toEqual([0, 1, 1])
      expect(result?.spent, kind).toBe(2)
      expect(result?.failures.size, kind).toBe(0)
    }
  })

  it("is no candidate when its moves cost more than the migration budget, and is one when they cost exactly the budget", () => {
    for (const { kind, result } of runAll(threeOfThree(), { migrationBudget: 1 })) expect(result, kind).toBeUndefined()
    for (const { kind, result } of runAll(threeOfThree(), { migrationBudget: 2 })) expect(result?.spent, kind).toBe(2)
  })

  it("packs onto the largest nodes first, or the cheapest per unit of capacity for the cost objective", () => {
    // CPU scale 20: a 10/20 = 0.5, b 1, c 0.5. By size: b first, all on b. Per cost (10, 100, 1): a 0.05, b 0.01, c 0.5: c first.
    const input = {
      ...threeOfThree([10, 100, 1]),
      nodes: [
        { id: "a", capacity: { CPU: 10 }, cost: 10 },
        { id: "b", capacity: { CPU: 20 }, cost: 100 },
        { id: "c", capacity: { CPU: 10 }, cost: 1 }
      ]
    }
    for (const { kind, ids } of runAll(input)) expect(ids, kind).toEqual(["b", "b", "b"])
    for (const { kind, ids } of runAll(input, { objective: "cost" })) expect(ids, kind).toEqual(["c", "c", "c"])
    // A free node is the cheapest of all.
    const free = { ...input, nodes: input.nodes.map((n) => (n.id === "b" ? { ...n, cost: 0 } : n)) }
    for (const { kind, ids } of runAll(free, { objective: "cost" })) expect(ids, kind).toEqual(["b", "b", "b"])
  })

  it("sizes a node by the sum of its capacities relative to the largest of each resource", () => {
    // Scales CPU 20, MEM 100: a {2, 100} is 0.1 + 1 = 1.1, b {20, 50} is 1 + 0.5 = 1.5: b first, both replicas on b.
    const input = {
      nodes: [{ id: "a", capacity: { CPU: 2, MEM: 100 } }, { id: "b", capacity: { CPU: 20, MEM: 50 } }],
      deployments: [{ id: "d", demand: { CPU: 1, MEM: 10 }, maxSurge: 1 }],
      replicas: [{ id: "r0", deployment: "d", node: "a" }, { id: "r1", deployment: "d", node: "b" }]
    }
    for (const { kind, ids } of runAll(input)) expect(ids, kind).toEqual(["b", "b"])
  })

  it("packs onto the lower node of two of the same size", () => {
    // Scales CPU 10, MEM 10: a {10, 5} and b {5, 10} are both 1.5; both replicas fit on either: a, the lower.
    const input = {
      nodes: [{ id: "a", capacity: { CPU: 10, MEM: 5 } }, { id: "b", capacity: { CPU: 5, MEM: 10 } }],
      deployments: [{ id: "x", demand: { CPU: 4, MEM: 1 }, maxSurge: 1 }, { id: "y", demand: { CPU: 1, MEM: 4 }, maxSurge: 1 }],
      replicas: [{ id: "r0", deployment: "x", node: "a" }, { id: "r1", deployment: "y", node: "b" }]
    }
    for (const { kind, ids } of runAll(input)) expect(ids, kind).toEqual(["a", "a"])
  })

  it("packs onto the nodes that stay anyway before larger ones", () => {
    // a holds an unmovable replica: it stays, so it is filled first although b is larger; b and c are released.
    const input = {
      nodes: [{ id: "a", capacity: { CPU: 10 } }, { id: "b", capacity: { CPU: 20 } }, { id: "c", capacity: { CPU: 10 } }],
      deployments: [{ id: "d", demand: { CPU: 3 }, maxSurge: 1 }],
      replicas: [
        { id: "pinned", deployment: "d", node: "a", movable: false },
        { id: "s1", deployment: "d", node: "b" },
        { id: "s2", deployment: "d", node: "c" }
      ]
    }
    for (const { kind, ids } of runAll(input)) expect(ids, kind).toEqual(["a", "a", "a"])
    // The same with the larger node listed first.
    const [a, b, c] = input.nodes
    for (const { kind, ids } of runAll({ ...input, nodes: [b, a, c].flatMap((n) => (n === undefined ? [] : [n])) })) {
      expect(ids, kind).toEqual(["a", "a", "a"])
    }
  })

  it("never packs onto a node that holds nothing", () => {
    // e is empty and the largest: x and y still go to a, and b is released.
    const input = {
      nodes: [{ id: "a", capacity: { CPU: 10 } }, { id: "b", capacity: { CPU: 10 } }, { id: "e", capacity: { CPU: 100 } }],
      deployments: [{ id: "d", demand: { CPU: 3 }, maxSurge: 1 }],
      replicas: [{ id: "x", deployment: "d", node: "a" }, { id: "y", deployment: "d", node: "b" }]
    }
    for (const { kind, ids } of runAll(input)) expect(ids, kind).toEqual(["a", "a"])
  })

  it("leaves every replica of a node that holds an unmovable one and takes nothing in where it is", () => {
    // p is cordoned and holds an unmovable replica: m stays with it. x and y (a and b) go to a; b is released.
    const input = {
      nodes: [{ id: "p", capacity: { CPU: 10 }, acceptsIncoming: false }, { id: "a", capacity: { CPU: 10 } }, { id: "b", capacity: { CPU: 10 } }],
      deployments: [{ id: "d", demand: { CPU: 3 }, maxSurge: 1 }],
      replicas: [
        { id: "pinned", deployment: "d", node: "p", movable: false },
        { id: "m", deployment: "d", node: "p" },
        { id: "x", deployment: "d", node: "a" },
        { id: "y", deployment: "d", node: "b" }
      ]
    }
    for (const { kind, ids } of runAll(input)) expect(ids, kind).toEqual(["p", "p", "a", "a"])
  })

  it("keeps maxReplicasPerNode: two replicas a node, so two nodes of three", () => {
    // Four replicas of 1 CPU, at most 2 a node: a keeps r0, r1; b keeps r2 and receives r3; c is released.
    const input = {
      nodes: ["a", "b", "c"].map((id) => ({ id, capacity: { CPU: 10 } })),
      deployments: [{ id: "d", demand: { CPU: 1 }, maxSurge: 2, maxReplicasPerNode: 2 }],
      replicas: ["a", "a", "b", "c"].map((node, i) => ({ id: `r${i}`, deployment: "d", node }))
    }
    for (const { kind, ids } of runAll(input)) expect(ids, kind).toEqual(["a", "a", "b", "b"])
  })

  it("never moves an unmovable replica, even where a node that stays anyway has room for it", () => {
    // a (20) and b (10) both hold an unmovable replica; a is the larger, so m and z go to a and c is released;
    // pinned2 stays on b, m does not (b takes replicas in: only its unmovable replica is held there).
    const input = {
      nodes: [{ id: "a", capacity: { CPU: 20 } }, { id: "b", capacity: { CPU: 10 } }, { id: "c", capacity: { CPU: 10 } }],
      deployments: [{ id: "d", demand: { CPU: 5 }, maxSurge: 1 }, { id: "e", demand: { CPU: 1 }, maxSurge: 1 }],
      replicas: [
        { id: "pinned1", deployment: "e", node: "a", movable: false },
        { id: "pinned2", deployment: "d", node: "b", movable: false },
        { id: "m", deployment: "d", node: "b" },
        { id: "z", deployment: "d", node: "c" }
      ]
    }
    for (const { kind, ids } of runAll(input)) expect(ids, kind).toEqual(["a", "b", "a", "a"])
  })

  it("leaves the replicas of a node that is not releasable where they are, even when a larger node that stays has room", () => {
    // a (20, an unmovable replica) and head (10, not releasable) both stay; a is the larger: z goes to a, c is released,
    // h stays on head (it would fit on a too).
    const input = {
      nodes: [{ id: "a", capacity: { CPU: 20 } }, { id: "head", capacity: { CPU: 10 }, releasable: false }, { id: "c", capacity: { CPU: 10 } }],
      deployments: [{ id: "d", demand: { CPU: 5 }, maxSurge: 1 }, { id: "e", demand: { CPU: 1 }, maxSurge: 1 }],
      replicas: [
        { id: "pinned", deployment: "e", node: "a", movable: false },
        { id: "h", deployment: "d", node: "head" },
        { id: "z", deployment: "d", node: "c" }
      ]
    }
    for (const { kind, ids } of runAll(input)) expect(ids, kind).toEqual(["a", "head", "a"])
  })

  it("sizes the fills in the resource the replicas need most of, relative to the room", () => {
    // Four nodes {CPU 100, MEM 10, GPU 0}, one replica each, 1 CPU and MEM 4, 5, 6, 5 (s, q, p, r). MEM is needed
    // most (20 of 40 against 4 of 400 CPU; GPU none of none): by MEM the fills are p + s on a, q + r on b, two nodes.
    // (Sized by CPU, every replica is 1: s + q on a, p alone, r alone, three nodes.) FFD by sum and by max agree.
    const input = {
      nodes: ["a", "b", "c", "d"].map((id) => ({ id, capacity: { CPU: 100, MEM: 10, GPU: 0 } })),
      deployments: [4, 5, 6].map((m) => ({ id: `m${m}`, demand: { CPU: 1, MEM: m }, maxSurge: 1 })),
      replicas: [
        { id: "s", deployment: "m4", node: "a" },
        { id: "q", deployment: "m5", node: "b" },
        { id: "p", deployment: "m6", node: "c" },
        { id: "r", deployment: "m5", node: "d" }
      ]
    }
    for (const { kind, ids } of runAll(input)) expect(ids, kind).toEqual(["a", "b", "a", "b"])
  })

  it("is finished once done: a further step changes nothing", () => {
    const snapshot = Compaction.validateOrThrow(threeOfThree())
    const repack = new Repack(fromSnapshot(snapshot), options, "ffd-sum")
    while (!repack.done) repack.step()
    const result = repack.result
    expect(result).toBeDefined()
    repack.step()
    expect(repack.result).toBe(result)
  })

  it("maps the packing onto the node that already holds most of it", () => {
    // Three nodes of 10: x (3) on a, y and z (3) on b, w (1) on c: all fit on one node; b holds two of them, so all go
    // to b (two moves, not three onto a).
    const input = {
      nodes: ["a", "b", "c"].map((id) => ({ id, capacity: { CPU: 10 } })),
      deployments: [{ id: "d3", demand: { CPU: 3 }, maxSurge: 1 }, { id: "d1", demand: { CPU: 1 }, maxSurge: 1 }],
      replicas: [
        { id: "x", deployment: "d3", node: "a" },
        { id: "y", deployment: "d3", node: "b" },
        { id: "z", deployment: "d3", node: "b" },
        { id: "w", deployment: "d1", node: "c" }
      ]
    }
    for (const { kind, ids } of runAll(input)) expect(ids, kind).toEqual(["b", "b", "b", "b"])
  })

  it("is no candidate when a replica fits on no destination", () => {
    // z (6) leaves c, which takes nothing in, and fits neither beside x (6) on a nor beside y (6) on b (e, empty, is no destination).
    const input = {
      nodes: [
        { id: "e", capacity: { CPU: 100 } },
        { id: "a", capacity: { CPU: 10 } },
        { id: "b", capacity: { CPU: 10 } },
        { id: "c", capacity: { CPU: 10 }, acceptsIncoming: false }
      ],
      deployments: [{ id: "d", demand: { CPU: 6 }, maxSurge: 1 }],
      replicas: ["a", "b", "c"].map((node, i) => ({ id: `r${i}`, deployment: "d", node }))
    }
    for (const { kind, result } of runAll(input)) expect(result, kind).toBeUndefined()
  })

  it("for the cost objective fills a free node first, even one without capacity", () => {
    // z costs nothing: the cheapest per unit of capacity, whatever its capacity (none), so the replica of no demand
    // stays on it; x and y go to a, b is released.
    const input = {
      nodes: [{ id: "a", capacity: { CPU: 10 } }, { id: "b", capacity: { CPU: 10 } }, { id: "z", capacity: { CPU: 0 }, cost: 0 }],
      deployments: [{ id: "d", demand: { CPU: 3 }, maxSurge: 1 }, { id: "nothing", demand: { CPU: 0 }, maxSurge: 1 }],
      replicas: [
        { id: "x", deployment: "d", node: "a" },
        { id: "y", deployment: "d", node: "b" },
        { id: "q", deployment: "nothing", node: "z" }
      ]
    }
    for (const { kind, ids } of runAll(input, { objective: "cost" })) expect(ids, kind).toEqual(["a", "a", "z"])
  })

  it("finishes as no candidate when no replica may move", () => {
    const input = {
      nodes: [{ id: "a", capacity: { CPU: 10 } }, { id: "b", capacity: { CPU: 10 } }],
      deployments: [{ id: "d", demand: { CPU: 3 }, maxSurge: 1 }],
      replicas: ["a", "b"].map((node, i) => ({ id: `r${i}`, deployment: "d", node, movable: false }))
    }
    for (const { kind, result } of runAll(input)) expect(result, kind).toBeUndefined()
  })

  it("counts the replicas that stay against their node's room", () => {
    // a keeps its unmovable replica (6 of 10): only x (4) fits beside it; y and z (4) go together, onto c (y stays);
    // b and d are released.
    const input = {
      nodes: ["a", "b", "c", "d"].map((id) => ({ id, capacity: { CPU: 10 } })),
      deployments: [{ id: "p", demand: { CPU: 6 }, maxSurge: 1 }, { id: "d", demand: { CPU: 4 }, maxSurge: 1 }],
      replicas: [
        { id: "pinned", deployment: "p", node: "a", movable: false },
        { id: "x", deployment: "d", node: "b" },
        { id: "y", deployment: "d", node: "c" },
        { id: "z", deployment: "d", node: "d" }
      ]
    }
    for (const { kind, ids } of runAll(input)) expect(ids, kind).toEqual(["a", "a", "c", "c"])
  })

  it("takes the mapping onto hosts when its order is shorter", () => {
    // Nodes of 10: a holds p 6, q 3; b holds s 4, t 5; c holds u 3; d holds v 5. The packing: {p, s}, {t, v}, {q, u}.
    // Mapped by overlap (p on a, t on b, u on c): q a→c, then s b→a, then v d→b: three levels, d released.
    // Mapped onto hosts (u's c, v's d; p's a): q a→c and t b→d, then s b→a: two levels, b released. The hosts win.
    const input = {
      nodes: ["a", "b", "c", "d"].map((id) => ({ id, capacity: { CPU: 10 } })),
      deployments: (
        [["p", 6], ["s", 4], ["q", 3], ["t", 5], ["u", 3], ["v", 5]] as const
      ).map(([id, cpu]) => ({ id, demand: { CPU: cpu }, maxSurge: 1 })),
      replicas: (
        [["p", "a"], ["s", "b"], ["q", "a"], ["t", "b"], ["u", "c"], ["v", "d"]] as const
      ).map(([deployment, node]) => ({ id: deployment, deployment, node }))
    }
    for (const { kind, ids, result } of runAll(input)) {
      expect(ids, kind).toEqual(["a", "a", "c", "d", "c", "d"])
      expect([...(result?.level ?? [])], kind).toEqual([0, 2, 1, 1, 0, 0])
    }
  })

  it("keeps the mapping that keeps the most replicas in place when the hosts' order is no shorter", () => {
    // Nodes of 10: a holds p (5) and x (1), b holds q (5) and y (1), c holds z (1). Every packing puts p, q on a and
    // x, y, z on b; c is released. By overlap (a and b each hold one replica of each bin; ties to the lower node): the
    // bins stay on a and b, x a→b and z c→b in level 1, q b→a in level 2 (a has room for it once x has left).
    // Onto hosts (all of c's replicas go to the second bin: c hosts it, a keeps the first): x a→c and y b→c in
    // level 1, q b→a in level 2, b released. As many releases in as many levels: the overlap's order is kept.
    const input = {
      nodes: ["a", "b", "c"].map((id) => ({ id, capacity: { CPU: 10 } })),
      deployments: [{ id: "big", demand: { CPU: 5 }, maxSurge: 1 }, { id: "small", demand: { CPU: 1 }, maxSurge: 1 }],
      replicas: (
        [["p", "big", "a"], ["x", "small", "a"], ["q", "big", "b"], ["y", "small", "b"], ["z", "small", "c"]] as const
      ).map(([id, deployment, node]) => ({ id, deployment, node }))
    }
    for (const { kind, ids, result } of runAll(input)) {
      expect(ids, kind).toEqual(["a", "b", "a", "b", "b"])
      expect([...(result?.level ?? [])], kind).toEqual([0, 1, 2, 0, 1])
      expect([...(result?.released ?? [])], kind).toEqual([0, 0, 1])
    }
  })

  it("takes the mapping onto hosts when the other's order blocks beyond repair", () => {
    // Nodes of 10: b holds v (8), a holds u (8) and s (1), c holds t (1). Every packing puts v, s, t on the first node, a,
    // and u on b. By overlap (the first bin holds one replica of each node: ties go to the lower, a; the second stays
    // on b): v b→a and u a→b each wait for the other's room, t c→a fills a in level 1, then nothing fits and neither v
    // nor u may stay home (b keeps u's 8, a v's 8 and s, t): no order. Onto hosts (all of b's and of c's replicas
    // go to the first bin: b, the lower, hosts it; a takes the second): v and u stay, s a→b and t c→b in one level,
    // c released.
    const input = {
      nodes: ["a", "b", "c"].map((id) => ({ id, capacity: { CPU: 10 } })),
      deployments: [{ id: "v", demand: { CPU: 8 } }, { id: "u", demand: { CPU: 8 } }, { id: "small", demand: { CPU: 1 } }],
      replicas: (
        [["v", "v", "b"], ["u", "u", "a"], ["s", "small", "a"], ["t", "small", "c"]] as const
      ).map(([id, deployment, node]) => ({ id, deployment, node }))
    }
    for (const { kind, ids, result } of runAll(input)) {
      expect(ids, kind).toEqual(["b", "a", "b", "b"])
      expect([...(result?.level ?? [])], kind).toEqual([0, 0, 1, 1])
      expect([...(result?.released ?? [])], kind).toEqual([0, 0, 1])
    }
  })

  /** Four nodes {A 10, B `roomB`}, one replica each: s (A 4), q (A 5), p (A 6), r (A 5), all B `b`. */
  const fourOfTwoResources = (roomB: number, b: number) => ({
    nodes: ["a", "b", "c", "d"].map((id) => ({ id, capacity: { A: 10, B: roomB } })),
    deployments: [4, 5, 6].map((m) => ({ id: `a${m}`, demand: { A: m, B: b }, maxSurge: 1 })),
    replicas: [
      { id: "s", deployment: "a4", node: "a" },
      { id: "q", deployment: "a5", node: "b" },
      { id: "p", deployment: "a6", node: "c" },
      { id: "r", deployment: "a5", node: "d" }
    ]
  })

  it("of resources needed alike, sizes the fills in the first", () => {
    // Four nodes {A 10, B 10}, one replica each: s (A 4), q (A 5), p (A 6), r (A 5), all B 5. A and B are both needed
    // 20 of 40: A, the first, sizes the fills: p + s on a, q + r on b, two nodes. (By B every replica is 5: s + q,
    // then p alone, r alone, three nodes.) FFD by sum (p, q, r, s) and by max (p, s, q, r) pair them alike.
    for (const { kind, ids } of runAll(fourOfTwoResources(10, 5))) expect(ids, kind).toEqual(["a", "b", "a", "b"])
  })

  it("weighs each resource's need against the room of every destination", () => {
    // Four nodes {A 10, B 20}, one replica each: s (A 4), q (A 5), p (A 6), r (A 5), all B 6. A is needed 20 of 40,
    // B 24 of 80: A sizes the fills, p + s on a, q + r on b, two nodes. (By B every replica is 6: two of them on a
    // node, whichever fit A, and the last two apart, three nodes.)
    expect(runAll(fourOfTwoResources(20, 6)).find(({ kind }) => kind === "fill")?.ids).toEqual(["a", "b", "a", "b"])
  })

  it("orders first fit by the sum of the shares or by the largest share", () => {
    // Nodes {A 10, B 10}: u (A 6) on a, w (A 3, B 5) on b, z (A 4, B 5) on c.
    // By sum (z .9, w .8, u .6): z + w share a node, u another; mapped, z and w go to b (w stays), u stays on a.
    // By max (u .6, then w and z .5 each, in replica order): u + w on a, z alone, where it is.
    // By the fills (A needed most; u 6, z 4, w 3): u, then z fills a's A exactly; w alone, where it is.
    const input = {
      nodes: ["a", "b", "c"].map((id) => ({ id, capacity: { A: 10, B: 10 } })),
      deployments: [
        { id: "u", demand: { A: 6 }, maxSurge: 1 },
        { id: "w", demand: { A: 3, B: 5 }, maxSurge: 1 },
        { id: "z", demand: { A: 4, B: 5 }, maxSurge: 1 }
      ],
      replicas: ["u", "w", "z"].map((d, i) => ({ id: d, deployment: d, node: ["a", "b", "c"][i] ?? "" }))
    }
    const expected = { "ffd-sum": ["a", "b", "b"], "ffd-max": ["a", "a", "c"], fill: ["a", "b", "a"] }
    for (const { kind, ids } of runAll(input)) expect(ids, kind).toEqual(expected[kind])
  })

  it("packs onto the last node listed as onto any other", () => {
    // b, listed last, is the larger: x and y (two deployments) both go to b, a is released.
    const input = {
      nodes: [{ id: "a", capacity: { CPU: 10 } }, { id: "b", capacity: { CPU: 20 } }],
      deployments: [{ id: "dx", demand: { CPU: 3 }, maxSurge: 1 }, { id: "dy", demand: { CPU: 3 }, maxSurge: 1 }],
      replicas: [{ id: "x", deployment: "dx", node: "a" }, { id: "y", deployment: "dy", node: "b" }]
    }
    for (const { kind, ids } of runAll(input)) expect(ids, kind).toEqual(["b", "b"])
  })

  it("fills a node up to maxReplicasPerNode, however many fills it tried", () => {
    // At most 3 replicas of d a node. First fit: a takes r0, r1, r2 (r2 joins), r3 stays on c, b is released.
    // The fills: a takes r0, then the pair r1 + r3 (two beat one; the walk's first pair), r2 stays on b, c is released.
    const input = {
      nodes: ["a", "b", "c"].map((id) => ({ id, capacity: { CPU: 10 } })),
      deployments: [{ id: "d", demand: { CPU: 1 }, maxSurge: 2, maxReplicasPerNode: 3 }],
      replicas: ["a", "a", "b", "c"].map((node, i) => ({ id: `r${i}`, deployment: "d", node }))
    }
    for (const { kind, ids } of runAll(input)) expect(ids, kind).toEqual(kind === "fill" ? ["a", "a", "b", "a"] : ["a", "a", "a", "c"])
  })

  it("places every replica by first fit, however many steps it takes", () => {
    // 501 replicas of 1 on nodes of 501, one each: all fit on one node, every other node is released.
    const snapshot = onePerNode(Array.from({ length: 501 }, () => 1), 501)
    for (const kind of ["ffd-sum", "ffd-max"] as const) expect(new Set(run(snapshot, kind).result?.target).size, kind).toBe(1)
  })
})
