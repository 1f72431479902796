/** Ray's own compaction cases (Anyscale's `TestActiveCompaction` and `test_compact_node`) through `rayCompaction`. */
import { describe, expect, it } from "vitest"
import { Compaction } from "../../../src/index.js"
import { cluster, firstCompacted, verified } from "./fixtures.js"

describe("rayCompaction reproduces Ray's cases", () => {
  it("compacts the larger of two compactable nodes (CPU 5 over CPU 4), then nothing more", () => {
    const s = cluster({ n1: { CPU: 9 }, n2: { CPU: 4 }, n3: { CPU: 5 } }, { A: { CPU: 1 }, B: { CPU: 2 }, C: { CPU: 3 } }, [
      ["A", "n2"], ["A", "n2"], ["B", "n3"], ["C", "n1"], ["C", "n1"]
    ])
    const plan = verified(s, Compaction.rayCompaction(s))
    expect(plan.released).toEqual([{ node: "n3", afterWave: 1 }])
    expect(plan.steps).toEqual([{ replica: "r2", deployment: "B", from: "n3", to: "n2", wave: 1 }])
  })

  it("compacts the GPU node whose replica fits on the other busy node (basic)", () => {
    const s = cluster({ n1: { GPU: 4, CPU: 8 }, n2: { GPU: 10, CPU: 2 } }, { d1: { GPU: 1, CPU: 2 }, d2: { GPU: 1, CPU: 1 } }, [
      ["d1", "n1"], ["d1", "n1"], ["d1", "n1"], ["d2", "n2"]
    ])
    expect(firstCompacted(verified(s, Compaction.rayCompaction(s)))).toBe("n2")
  })

  it("finds no opportunity when the GPU does not fit", () => {
    const s = cluster({ n1: { GPU: 4, CPU: 8 }, n2: { GPU: 10, CPU: 2 } }, { d1: { GPU: 1, CPU: 2 }, d2: { GPU: 2, CPU: 1 } }, [
      ["d1", "n1"], ["d1", "n1"], ["d1", "n1"], ["d2", "n2"]
    ])
    expect(Compaction.rayCompaction(s).released).toEqual([])
    expect(Compaction.plan(s).released).toEqual([])
  })

  it("never moves replicas onto idle nodes", () => {
    const s = cluster({ n1: { CPU: 3 }, n2: { CPU: 3 } }, { d: { CPU: 1 } }, [["d", "n1"]])
    expect(Compaction.rayCompaction(s).steps).toEqual([])
    expect(Compaction.plan(s).steps).toEqual([])
  })

  it("never compacts the head node", () => {
    const s = cluster({ head: { CPU: 1 }, worker: { CPU: 3 } }, { d: { CPU: 1 } }, [["d", "head"], ["d", "worker"]], { head: "head" })
    expect(Compaction.rayCompaction(s).released).toEqual([])
    expect(Compaction.plan(s).released).toEqual([])
  })

  it("respects custom resources", () => {
    const base = { n1: { CPU: 3 }, n2: { CPU: 1, customx: 10 } }
    const deployments = { d1: { CPU: 1 }, d2: { CPU: 1, customx: 1 } }
    const without = cluster(base, deployments, [["d1", "n1"], ["d1", "n1"], ["d2", "n2"]])
    expect(Compaction.rayCompaction(without).released).toEqual([])
    const withN3 = cluster({ ...base, n3: { CPU: 3, customx: 10 } }, deployments, [
      ["d1", "n1"], ["d1", "n1"], ["d2", "n2"], ["d1", "n3"], ["d1", "n3"]
    ])
    const plan = verified(withN3, Compaction.rayCompaction(withN3))
    expect(firstCompacted(plan)).toBe("n2")
    expect(plan.steps.find((st) => st.from === "n2")?.to).toBe("n3")
  })

  it("spreads one node's replicas over several nodes, best fit", () => {
    const s = cluster({ n1: { CPU: 6 }, n2: { CPU: 6 }, n3: { CPU: 3 } }, { d: { CPU: 1 } }, [
      ...Array.from({ length: 5 }, () => ["d", "n1"] as const),
      ...Array.from({ length: 4 }, () => ["d", "n2"] as const),
      ...Array.from({ length: 3 }, () => ["d", "n3"] as const)
    ])
    const plan = verified(s, Compaction.rayCompaction(s))
    expect(plan.released.map((r) => r.node)).toEqual(["n3"])
    expect(plan.steps.filter((st) => st.to === "n1")).toHaveLength(1)
    expect(plan.steps.filter((st) => st.to === "n2")).toHaveLength(2)
  })

  it("prefers the node with more GPUs (GPU ranks above CPU)", () => {
    const s = cluster({ a: { GPU: 4, CPU: 8 }, b: { GPU: 10, CPU: 2 } }, { d: { GPU: 1 } }, [["d", "a"], ["d", "b"]])
    expect(firstCompacted(verified(s, Compaction.rayCompaction(s)))).toBe("b")
  })
})

describe("rayCompaction writes its rounds as waves", () => {
  // n2's three replicas fit on n1, and n2 (fewer replicas, same size) is compacted: one round of three steps.
  const round = (surge: number) =>
    cluster({ n1: { CPU: 10 }, n2: { CPU: 10 } }, { d: { CPU: 1 } }, [
      ...Array.from({ length: 5 }, () => ["d", "n1"] as const),
      ...Array.from({ length: 3 }, () => ["d", "n2"] as const)
    ], { surge })

  it("splits a round by maxSurge, in replica order", () => {
    const plan = verified(round(1), Compaction.rayCompaction(round(1)))
    expect(plan.steps.map((st) => [st.replica, st.wave])).toEqual([["r5", 1], ["r6", 2], ["r7", 3]])
    expect(plan.released).toEqual([{ node: "n2", afterWave: 3 }])
    const two = verified(round(2), Compaction.rayCompaction(round(2)))
    expect(two.steps.map((st) => st.wave)).toEqual([1, 1, 2])
    expect(two.metrics).toMatchObject({ nodesBefore: 2, nodesAfter: 1, migrations: 3, migrationCost: 3, waves: 2, complete: true })
  })

  it("splits a round by maxConcurrentMigrations", () => {
    const s = round(8)
    const plan = Compaction.rayCompaction(s, { maxConcurrentMigrations: 2 })
    expect(plan.steps.map((st) => st.wave)).toEqual([1, 1, 2])
    expect(Compaction.verify(s, plan, { maxConcurrentMigrations: 2 })._tag).toBe("Right")
  })

  it("explains the under-used nodes it keeps", () => {
    // Both workers empty onto the head node, which stays under half used: it is kept as a destination.
    const s = cluster({ head: { CPU: 10 }, a: { CPU: 10 }, b: { CPU: 10 } }, { d: { CPU: 1 } }, [["d", "head"], ["d", "a"], ["d", "b"]], { head: "head" })
    const plan = verified(s, Compaction.rayCompaction(s))
    expect(plan.released).toEqual([{ node: "a", afterWave: 1 }, { node: "b", afterWave: 2 }])
    expect(plan.explanations).toEqual([{ node: "head", reason: "destination", message: `node "head" receives migrated replicas` }])
    // Nothing fits anywhere: the head node is explained as not releasable.
    const alone = cluster({ head: { CPU: 10 } }, { d: { CPU: 1 } }, [["d", "head"]], { head: "head" })
    expect(Compaction.rayCompaction(alone).explanations).toEqual([{ node: "head", reason: "not-releasable", message: `node "head" is not releasable` }])
  })
})

/** A snapshot from nodes, deployments and replicas given in full (ids r0, r1, … in order), defaults left out. */
const snapshotOf = (
  nodes: ReadonlyArray<Compaction.SnapshotInput["nodes"][number]>,
  deployments: ReadonlyArray<Compaction.SnapshotInput["deployments"][number]>,
  replicas: ReadonlyArray<{ readonly deployment: string; readonly node: string; readonly movable?: boolean }>
) => Compaction.validateOrThrow({ nodes, deployments, replicas: replicas.map((r, i) => ({ id: `r${i}`, ...r })) })

describe("rayCompaction chooses the node in Ray's resource order", () => {
  // A head node "hub" keeps a replica (so it receives) and is never compacted; a and b hold one replica each.
  it("CPU ranks above memory", () => {
    // a has more CPU (4 > 2), b more memory: a is compacted. Its replica goes to the tighter fit, b (CPU 1 left, hub 99).
    const s = cluster({ hub: { CPU: 100, memory: 100 }, a: { CPU: 4, memory: 1 }, b: { CPU: 2, memory: 64 } }, { d: { CPU: 1 } }, [
      ["d", "hub"], ["d", "a"], ["d", "b"]
    ], { head: "hub" })
    const plan = verified(s, Compaction.rayCompaction(s))
    expect(plan.steps).toEqual([{ replica: "r1", deployment: "d", from: "a", to: "b", wave: 1 }])
    expect(plan.released).toEqual([{ node: "a", afterWave: 1 }])
  })

  it("memory ranks above other resources, and CPU is compared first", () => {
    // Same CPU (2), a has more memory (8 > 4), b more of the custom "accel": a is compacted, onto b (CPU 1 left, hub 99).
    const s = cluster({ hub: { CPU: 100, memory: 100, accel: 100 }, b: { CPU: 2, memory: 4, accel: 64 }, a: { CPU: 2, memory: 8, accel: 1 } }, { d: { CPU: 1 } }, [
      ["d", "hub"], ["d", "b"], ["d", "a"]
    ], { head: "hub" })
    const plan = verified(s, Compaction.rayCompaction(s))
    expect(plan.steps).toEqual([{ replica: "r2", deployment: "d", from: "a", to: "b", wave: 1 }])
    expect(plan.released).toEqual([{ node: "a", afterWave: 1 }])
  })

  it("a larger node wins over a smaller one with fewer replicas, wherever it is listed", () => {
    // big (CPU 6, two replicas) beats small (CPU 4, one replica). Both of big's replicas best-fit onto small (3 free, then 2; hub has 9).
    const s = cluster({ hub: { CPU: 10 }, big: { CPU: 6 }, small: { CPU: 4 } }, { d: { CPU: 1 } }, [
      ["d", "hub"], ["d", "big"], ["d", "big"], ["d", "small"]
    ], { head: "hub" })
    const plan = verified(s, Compaction.rayCompaction(s))
    expect(plan.steps).toEqual([
      { replica: "r1", deployment: "d", from: "big", to: "small", wave: 1 },
      { replica: "r2", deployment: "d", from: "big", to: "small", wave: 1 }
    ])
    // small received replicas, so it is not compacted in a later round.
    expect(plan.released).toEqual([{ node: "big", afterWave: 1 }])
  })

  it("on a full tie (same totals, same number of replicas) the first listed node, as Ray's strict comparison keeps it", () => {
    // a and b tie; a is first. Its replica goes to b (2 left after it, hub 8); b received, so nothing more.
    const s = cluster({ hub: { CPU: 10 }, a: { CPU: 4 }, b: { CPU: 4 } }, { d: { CPU: 1 } }, [["d", "hub"], ["d", "a"], ["d", "b"]], { head: "hub" })
    const plan = verified(s, Compaction.rayCompaction(s))
    expect(plan.steps).toEqual([{ replica: "r1", deployment: "d", from: "a", to: "b", wave: 1 }])
    expect(plan.released).toEqual([{ node: "a", afterWave: 1 }])
  })

  it("never compacts a node that received replicas in an earlier round", () => {
    // Round 1: a (CPU 6) beats b (CPU 3); a's replica best-fits onto b (1 free → 0 left, hub 9 → 8).
    // Ray would then empty b onto hub; here b received, so it stays.
    const s = cluster({ hub: { CPU: 10 }, a: { CPU: 6 }, b: { CPU: 3 } }, { d: { CPU: 1 } }, [
      ["d", "hub"], ["d", "a"], ["d", "b"], ["d", "b"]
    ], { head: "hub" })
    const plan = verified(s, Compaction.rayCompaction(s))
    expect(plan.steps).toEqual([{ replica: "r1", deployment: "d", from: "a", to: "b", wave: 1 }])
    expect(plan.released).toEqual([{ node: "a", afterWave: 1 }])
  })
})

describe("rayCompaction places a node's replicas as Ray does", () => {
  it("best fit: the destination left with the least room, the first listed on a tie", () => {
    // t's replica (CPU 1): wide would keep 6, x and y 1 each: x, the first of the two.
    const s = snapshotOf(
      [
        { id: "wide", capacity: { CPU: 8 }, releasable: false },
        { id: "x", capacity: { CPU: 3 }, releasable: false },
        { id: "y", capacity: { CPU: 3 }, releasable: false },
        { id: "t", capacity: { CPU: 2 } }
      ],
      [{ id: "d", demand: { CPU: 1 } }],
      [{ deployment: "d", node: "wide" }, { deployment: "d", node: "x" }, { deployment: "d", node: "y" }, { deployment: "d", node: "t" }]
    )
    const plan = verified(s, Compaction.rayCompaction(s))
    expect(plan.steps).toEqual([{ replica: "r3", deployment: "d", from: "t", to: "x", wave: 1 }])
  })

  it("largest replica first, whatever the replica order", () => {
    // t holds a small (CPU 1) then a big (CPU 3) replica; x has 3 free, y 4.
    // Big first: big → x (0 left), small → y. (Small first would give small → x, big → y.)
    const s = snapshotOf(
      [
        { id: "x", capacity: { CPU: 4 }, releasable: false },
        { id: "y", capacity: { CPU: 5 }, releasable: false },
        { id: "t", capacity: { CPU: 4 } }
      ],
      [{ id: "small", demand: { CPU: 1 } }, { id: "big", demand: { CPU: 3 } }],
      [{ deployment: "small", node: "x" }, { deployment: "small", node: "y" }, { deployment: "small", node: "t" }, { deployment: "big", node: "t" }]
    )
    const plan = verified(s, Compaction.rayCompaction(s))
    expect(plan.placement).toEqual([
      { replica: "r0", node: "x" }, { replica: "r1", node: "y" }, { replica: "r2", node: "y" }, { replica: "r3", node: "x" }
    ])
  })

  it("never onto the target itself, even when it is the best fit", () => {
    // t's replica (CPU 1): t would keep 2, hub 8; it must leave t, for hub.
    const s = cluster({ hub: { CPU: 10 }, t: { CPU: 4 } }, { d: { CPU: 1 } }, [["d", "hub"], ["d", "t"]], { head: "hub" })
    const plan = verified(s, Compaction.rayCompaction(s))
    expect(plan.steps).toEqual([{ replica: "r1", deployment: "d", from: "t", to: "hub", wave: 1 }])
    expect(plan.released).toEqual([{ node: "t", afterWave: 1 }])
  })

  it("never onto a node that does not accept incoming replicas", () => {
    // closed would be the best fit (1 left, open 9) but accepts nothing: t's replica goes to open.
    const s = snapshotOf(
      [
        { id: "closed", capacity: { CPU: 3 }, releasable: false, acceptsIncoming: false },
        { id: "open", capacity: { CPU: 11 }, releasable: false },
        { id: "t", capacity: { CPU: 2 } }
      ],
      [{ id: "d", demand: { CPU: 1 } }],
      [{ deployment: "d", node: "closed" }, { deployment: "d", node: "open" }, { deployment: "d", node: "t" }]
    )
    expect(verified(s, Compaction.rayCompaction(s)).steps).toEqual([{ replica: "r2", deployment: "d", from: "t", to: "open", wave: 1 }])
  })

  it("a replica fits only where every resource has room", () => {
    // t's replica needs CPU 2 and GPU 1. cpuShort has GPU but 1 CPU free (its first resource in name order); gpuShort has CPU but no GPU;
    // roomy has both: the replica goes there although the others would be tighter fits.
    const s = snapshotOf(
      [
        { id: "cpuShort", capacity: { CPU: 2, GPU: 4 }, releasable: false },
        { id: "gpuShort", capacity: { CPU: 4, GPU: 1 }, releasable: false },
        { id: "roomy", capacity: { CPU: 9, GPU: 9 }, releasable: false },
        { id: "t", capacity: { CPU: 2, GPU: 1 } }
      ],
      [{ id: "d", demand: { CPU: 2, GPU: 1 } }, { id: "e", demand: { CPU: 1 } }],
      [{ deployment: "e", node: "cpuShort" }, { deployment: "d", node: "gpuShort" }, { deployment: "e", node: "roomy" }, { deployment: "d", node: "t" }]
    )
    expect(verified(s, Compaction.rayCompaction(s)).steps).toEqual([{ replica: "r3", deployment: "d", from: "t", to: "roomy", wave: 1 }])
  })

  it("respects maxReplicasPerNode, counting the replicas already there and those placed in the same round", () => {
    // d allows two replicas per node; x already holds one. t's two d replicas: the first best-fits x (3 free → 2 left;
    // y would keep 8), which then holds two, so the second goes to y.
    const s = snapshotOf(
      [
        { id: "x", capacity: { CPU: 4 }, releasable: false },
        { id: "y", capacity: { CPU: 10 }, releasable: false },
        { id: "t", capacity: { CPU: 2 } }
      ],
      [{ id: "d", demand: { CPU: 1 }, maxReplicasPerNode: 2, maxSurge: 2 }, { id: "e", demand: { CPU: 1 } }],
      [{ deployment: "d", node: "x" }, { deployment: "e", node: "y" }, { deployment: "d", node: "t" }, { deployment: "d", node: "t" }]
    )
    expect(verified(s, Compaction.rayCompaction(s)).placement.slice(2)).toEqual([{ replica: "r2", node: "x" }, { replica: "r3", node: "y" }])
  })

  it("leaves a node holding an unmovable replica, or a replica whose deployment may not surge", () => {
    const s = snapshotOf(
      [{ id: "hub", capacity: { CPU: 10 }, releasable: false }, { id: "pinned", capacity: { CPU: 4 } }, { id: "frozen", capacity: { CPU: 4 } }],
      [{ id: "d", demand: { CPU: 1 } }, { id: "still", demand: { CPU: 1 }, maxSurge: 0 }],
      [
        { deployment: "d", node: "hub" },
        { deployment: "d", node: "pinned" }, { deployment: "d", node: "pinned", movable: false },
        { deployment: "d", node: "frozen" }, { deployment: "still", node: "frozen" }
      ]
    )
    const plan = Compaction.rayCompaction(s)
    expect(plan.steps).toEqual([])
    expect(plan.released).toEqual([])
  })
})

describe("rayCompaction writes its plan", () => {
  it("takes the deployments in turn (in snapshot order), each up to its maxSurge, steps in replica order within a wave", () => {
    // t's four replicas all go to hub: B's r1, r3 and A's r2, r4. A may surge 1, B 2.
    const s = snapshotOf(
      [{ id: "hub", capacity: { CPU: 20 }, releasable: false }, { id: "t", capacity: { CPU: 10 } }],
      [{ id: "A", demand: { CPU: 1 }, maxSurge: 1 }, { id: "B", demand: { CPU: 1 }, maxSurge: 2 }],
      [{ deployment: "A", node: "hub" }, { deployment: "B", node: "t" }, { deployment: "A", node: "t" }, { deployment: "B", node: "t" }, { deployment: "A", node: "t" }]
    )
    const waves = (options?: Compaction.PlanOptionsInput) => {
      const plan = Compaction.rayCompaction(s, options)
      expect(Compaction.verify(s, plan, options)._tag).toBe("Right")
      return plan.steps.map((st) => [st.replica, st.wave])
    }
    // Unlimited: A gives r2, B gives r1 and r3 (wave 1); then A gives r4.
    expect(waves()).toEqual([["r1", 1], ["r2", 1], ["r3", 1], ["r4", 2]])
    // Two at a time: A gives r2, B one more (r1); then B first: r3, and A: r4.
    expect(waves({ maxConcurrentMigrations: 2 })).toEqual([["r1", 1], ["r2", 1], ["r3", 2], ["r4", 2]])
    // One at a time, A and B in turn: r2, r1, r4, r3.
    expect(waves({ maxConcurrentMigrations: 1 })).toEqual([["r2", 1], ["r1", 2], ["r4", 3], ["r3", 4]])
  })

  it("goes round the deployments in snapshot order, one turn each", () => {
    // t holds one replica each of C, B, A (in that replica order); one migration at a time: A's, then B's, then C's.
    const s = snapshotOf(
      [{ id: "hub", capacity: { CPU: 20 }, releasable: false }, { id: "t", capacity: { CPU: 10 } }],
      [{ id: "A", demand: { CPU: 1 } }, { id: "B", demand: { CPU: 1 } }, { id: "C", demand: { CPU: 1 } }],
      [{ deployment: "A", node: "hub" }, { deployment: "C", node: "t" }, { deployment: "B", node: "t" }, { deployment: "A", node: "t" }]
    )
    const plan = Compaction.rayCompaction(s, { maxConcurrentMigrations: 1 })
    expect(Compaction.verify(s, plan, { maxConcurrentMigrations: 1 })._tag).toBe("Right")
    expect(plan.steps.map((st) => [st.replica, st.wave])).toEqual([["r3", 1], ["r2", 2], ["r1", 3]])
  })

  it("counts nodes and costs before and after, leaving idle nodes out, and the migration cost of every step", () => {
    // a's replica moves to hub; idle holds nothing before or after, and is neither counted nor released.
    const s = snapshotOf(
      [
        { id: "hub", capacity: { CPU: 10 }, releasable: false, cost: 5 },
        { id: "idle", capacity: { CPU: 4 }, cost: 7 },
        { id: "a", capacity: { CPU: 4 }, cost: 3 }
      ],
      [{ id: "d", demand: { CPU: 1 }, migrationCost: 2.5 }],
      [{ deployment: "d", node: "hub" }, { deployment: "d", node: "a" }]
    )
    const plan = verified(s, Compaction.rayCompaction(s))
    expect(plan.released).toEqual([{ node: "a", afterWave: 1 }])
    expect(plan.metrics).toEqual({
      nodesBefore: 2, nodesAfter: 1, costBefore: 5 + 3, costAfter: 5, migrations: 1, migrationCost: 2.5, waves: 1, complete: true
    })
  })

  it("explains a kept node under half used in every resource, and only such nodes", () => {
    // cpu (CPU 2 of 10, no GPU) and gpu (GPU 1 of 4, no CPU) cannot take each other's replica: both kept, "no-room".
    // half holds exactly half its memory; mixed uses 1 of 10 CPU but all its GPU: neither is under half in every resource.
    const s = snapshotOf(
      [
        { id: "cpu", capacity: { CPU: 10 } },
        { id: "gpu", capacity: { GPU: 4 } },
        { id: "half", capacity: { memory: 8 }, releasable: false },
        { id: "mixed", capacity: { CPU: 10, GPU: 2 }, releasable: false, acceptsIncoming: false }
      ],
      [{ id: "c", demand: { CPU: 2 } }, { id: "g", demand: { GPU: 1 } }, { id: "m", demand: { memory: 4 } }, { id: "x", demand: { CPU: 1, GPU: 2 } }],
      [{ deployment: "c", node: "cpu" }, { deployment: "g", node: "gpu" }, { deployment: "m", node: "half" }, { deployment: "x", node: "mixed" }]
    )
    const plan = verified(s, Compaction.rayCompaction(s))
    expect(plan.steps).toEqual([])
    const noRoom = "its replicas fit on no other kept node"
    expect(plan.explanations).toEqual([
      { node: "cpu", reason: "no-room", message: noRoom },
      { node: "gpu", reason: "no-room", message: noRoom }
    ])
  })
})
