/** The planner's dense view: built a chunk at a time, every field where the snapshot says. */
import { describe, expect, it } from "vitest"
import {
  building,
  capacityOf,
  demandOf,
  deploymentCount,
  deploymentOf,
  fromSnapshot,
  limitOf,
  migrationCostOf,
  nodeCount,
  replicaCount,
  replicasByNode,
  resourceCount,
  scaleOf,
  sizeOf
} from "../../../../src/compaction/internal/instance.js"
import { Compaction } from "../../../../src/index.js"

const small = Compaction.validateOrThrow({
  nodes: [
    { id: "a", capacity: { CPU: 4000, GPU: 1, memory: 256 }, cost: 3 },
    { id: "b", capacity: { memory: 512, GPU: 1 }, releasable: false, acceptsIncoming: false }
  ],
  deployments: [
    { id: "x", demand: { CPU: 1000 }, maxReplicasPerNode: 2, maxSurge: 0 },
    { id: "y", demand: { memory: 100, GPU: 1 }, migrationCost: 5 }
  ],
  replicas: [
    { id: "r0", deployment: "y", node: "a" },
    { id: "r1", deployment: "x", node: "a" },
    { id: "r2", deployment: "y", node: "b", movable: false }
  ]
})

describe("fromSnapshot", () => {
  it("lays resources out as sorted columns and every record at its index", () => {
    const view = fromSnapshot(small)
    expect(view.resources).toEqual(["CPU", "GPU", "memory"])
    expect([...view.capacity]).toEqual([4000, 1, 256, 0, 1, 512])
    expect([...view.scale]).toEqual([4000, 1, 512])
    expect([...view.cost]).toEqual([3, 1])
    expect([...view.releasable]).toEqual([1, 0])
    expect([...view.accepts]).toEqual([1, 0])
    expect([...view.demand]).toEqual([1000, 0, 0, 0, 1, 100])
    expect([...view.maxPerNode]).toEqual([2, 0])
    expect([...view.maxSurge]).toEqual([0, 1])
    expect([...view.migrationCost]).toEqual([1, 5])
    expect(view.replicaIds).toEqual(["r0", "r1", "r2"])
    expect([...view.replicaDeployment]).toEqual([1, 0, 1])
    expect([...view.replicaNode]).toEqual([0, 0, 1])
    // r1's deployment may not surge, r2 is not movable.
    expect([...view.replicaMovable]).toEqual([1, 0, 0])
  })

  it("gives a snapshot without resources one unnamed column", () => {
    const view = fromSnapshot(Compaction.validateOrThrow({ nodes: [{ id: "a", capacity: {} }], deployments: [], replicas: [] }))
    expect(view.resources).toEqual([""])
    expect([...view.capacity]).toEqual([0])
  })
})

describe("accessors", () => {
  // Built inside each test, not when the suite is collected: a mutation run switches its mutant on only for the tests.

  it("count the records and read each table by index", () => {
    const view = fromSnapshot(small)
    expect([resourceCount(view), nodeCount(view), deploymentCount(view), replicaCount(view)]).toEqual([3, 2, 2, 3])
    // r0 is a replica of y (deployment 1); y demands GPU 1 and memory 100 (columns 1, 2), x CPU 1000.
    expect(deploymentOf(view, 0)).toBe(1)
    expect([demandOf(view, 0, 0), demandOf(view, 1, 1), demandOf(view, 1, 2), demandOf(view, 1, 0)]).toEqual([1000, 1, 100, 0])
    // b: no CPU, GPU 1, memory 512.
    expect([capacityOf(view, 1, 0), capacityOf(view, 1, 1), capacityOf(view, 1, 2), capacityOf(view, 0, 0)]).toEqual([0, 1, 512, 4000])
    expect([scaleOf(view, 0), scaleOf(view, 2)]).toEqual([4000, 512])
    expect([limitOf(view, 0), limitOf(view, 1)]).toEqual([2, 0])
    expect([migrationCostOf(view, 0), migrationCostOf(view, 1)]).toEqual([1, 5])
  })

  it("read past the end as 0 (a scale as 1)", () => {
    const view = fromSnapshot(small)
    expect([deploymentOf(view, 3), demandOf(view, 2, 0), capacityOf(view, 2, 0), limitOf(view, 2), migrationCostOf(view, 2)]).toEqual([0, 0, 0, 0, 0])
    expect(scaleOf(view, 3)).toBe(1)
  })

  it("sizeOf sums a deployment's demands, each over the largest capacity of its resource", () => {
    const view = fromSnapshot(small)
    // x: 1000 / 4000; y: 1 / 1 + 100 / 512.
    expect(sizeOf(view, 0)).toBeCloseTo(0.25, 12)
    expect(sizeOf(view, 1)).toBeCloseTo(1 + 100 / 512, 12)
    // One resource: p's size is 2 / 8 whatever q (the next row) demands.
    const one = fromSnapshot(Compaction.validateOrThrow({
      nodes: [{ id: "n", capacity: { CPU: 8 } }],
      deployments: [{ id: "p", demand: { CPU: 2 } }, { id: "q", demand: { CPU: 4 } }],
      replicas: []
    }))
    expect(sizeOf(one, 0)).toBeCloseTo(0.25, 12)
    expect(sizeOf(one, 1)).toBeCloseTo(0.5, 12)
  })

  it("replicasByNode lists each node's replicas in snapshot order, an empty list for an empty node", () => {
    const view = fromSnapshot(small)
    expect(replicasByNode(view, Int32Array.from([1, 0, 1]))).toEqual([[1], [0, 2]])
    expect(replicasByNode(view, Int32Array.from([0, 0, 0]))).toEqual([[0, 1, 2], []])
  })
})

describe("fromSnapshot, resources", () => {
  it("sorts resource names whatever order the records name them in, and scales by the largest capacity", () => {
    // Names met in the order memory, CPU, GPU; the larger node comes first.
    const view = fromSnapshot(Compaction.validateOrThrow({
      nodes: [{ id: "a", capacity: { memory: 8, CPU: 2 } }, { id: "b", capacity: { memory: 4, CPU: 1 } }],
      deployments: [{ id: "d", demand: { GPU: 1 } }],
      replicas: []
    }))
    expect(view.resources).toEqual(["CPU", "GPU", "memory"])
    expect([...view.capacity]).toEqual([2, 0, 8, 1, 0, 4])
    // No node has a GPU: its scale stays 1.
    expect([...view.scale]).toEqual([2, 1, 8])
    expect([...view.demand]).toEqual([0, 1, 0])
  })
})

describe("building", () => {
  const pausesOf = (snapshot: Parameters<typeof building>[0]) => {
    const steps = building(snapshot)
    let pauses = 0
    let next = steps.next()
    for (; next.done !== true; next = steps.next()) pauses++
    return { pauses, view: next.value }
  }

  it("pauses once per chunk of 4096 records of each list, and not at all for an empty list", () => {
    // One node: its names, then its record; no deployment, no replica.
    const { pauses, view } = pausesOf(Compaction.validateOrThrow({ nodes: [{ id: "n", capacity: { CPU: 1 } }], deployments: [], replicas: [] }))
    expect(pauses).toBe(2)
    expect(view.nodeIds).toEqual(["n"])
    // 10,000 replicas: nodes 1 + 1, deployments 1 + 1, replicas ceil(10000 / 4096) = 3.
    const replicas = 10_000
    const big = pausesOf(Compaction.validateOrThrow({
      nodes: [{ id: "n", capacity: { CPU: replicas } }],
      deployments: [{ id: "d", demand: { CPU: 1 } }],
      replicas: Array.from({ length: replicas }, (_, i) => ({ id: `r${i}`, deployment: "d", node: "n" }))
    }))
    expect(big.pauses).toBe(7)
    expect(big.view.replicaIds.every((id, i) => id === `r${i}`)).toBe(true)
    // Exactly one chunk of replicas: one pause for it, none after.
    const full = pausesOf(Compaction.validateOrThrow({
      nodes: [{ id: "n", capacity: { CPU: 4096 } }],
      deployments: [{ id: "d", demand: { CPU: 1 } }],
      replicas: Array.from({ length: 4096 }, (_, i) => ({ id: `r${i}`, deployment: "d", node: "n" }))
    }))
    expect(full.pauses).toBe(5)
  })

  it("pauses between chunks of records, then returns the view", () => {
    const replicas = 10_000
    const snapshot = Compaction.validateOrThrow({
      nodes: [{ id: "n", capacity: { CPU: replicas } }],
      deployments: [{ id: "d", demand: { CPU: 1 } }],
      replicas: Array.from({ length: replicas }, (_, i) => ({ id: `r${i}`, deployment: "d", node: "n" }))
    })
    const steps = building(snapshot)
    let pauses = 0
    let next = steps.next()
    for (; next.done !== true; next = steps.next()) pauses++
    // Nodes and deployments (one chunk each, twice for the nodes: names, then records), then 10,000 replicas in several chunks.
    expect(pauses).toBeGreaterThan(4)
    expect(next.value.replicaIds).toHaveLength(replicas)
    expect(next.value.replicaNode.every((n) => n === 0)).toBe(true)
  })
})
