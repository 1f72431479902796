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
