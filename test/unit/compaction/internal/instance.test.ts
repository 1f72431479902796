/** The planner's dense view: built a chunk at a time, every field where the snapshot says. */
import { describe, expect, it } from "vitest"
import { building, fromSnapshot } from "../../../../src/compaction/internal/instance.js"
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

describe("building", () => {
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
