/**
 * `unsearchedPlan`: the plan of a search that has not looked at the cluster yet, reached through the
 * public path `Search.best(Search.start(snapshot))` (no step taken, so the planner's view is not built).
 * Nothing moves, every node stays, metrics count the non-empty nodes, and every non-empty node under
 * half used in every resource it has (exactly half counts as used; a resource of capacity 0 is ignored)
 * is explained as not searched.
 */
import { describe, expect, it } from "vitest"
import { deepFreeze } from "../../../../spec/freeze.js"
import { Compaction } from "../../../../src/index.js"

const { Search } = Compaction

const unsearched = (input: Compaction.SnapshotInput) => Search.best(Search.start(deepFreeze(Compaction.validateOrThrow(input))))

const notSearched = (node: string) => ({ node, reason: "not-searched", message: expect.stringContaining(JSON.stringify(node)) })

// a: 2 CPU, 10 MEM; b: 2 CPU, 20 MEM; c demands nothing.
const deployments = [
  { id: "a", demand: { CPU: 2, MEM: 10 } },
  { id: "b", demand: { CPU: 2, MEM: 20 } },
  { id: "c", demand: {} }
]

describe("unsearchedPlan (Search.best before any step)", () => {
  const input: Compaction.SnapshotInput = {
    nodes: [
      // a + b: CPU 4 of 10, MEM 30 of 100: under half in both.
      { id: "n1", capacity: { CPU: 10, MEM: 100 }, cost: 3 },
      // a + a + b: CPU 6 of 10 (each replica alone is under half): used.
      { id: "n2", capacity: { CPU: 10, MEM: 100 }, cost: 2 },
      // a + b: CPU 4 of 8, exactly half: used.
      { id: "n3", capacity: { CPU: 8, MEM: 100 }, cost: 1 },
      // empty: neither counted nor explained.
      { id: "n6", capacity: { CPU: 10 }, cost: 100 },
      // a: CPU 2 of 10, MEM 10 of 100, GPU of capacity 0 ignored: under half.
      { id: "n4", capacity: { CPU: 10, MEM: 100, GPU: 0 }, cost: 4 },
      // b: CPU 2 of 10, MEM 20 of 100, DISK that nothing demands: under half.
      { id: "n5", capacity: { CPU: 10, MEM: 100, DISK: 50 }, cost: 7 },
      // b: CPU 2 of 100 but MEM 20 of 30: used in its second resource.
      { id: "n7", capacity: { CPU: 100, MEM: 30 }, cost: 6 },
      // c only: non-empty, nothing used.
      { id: "n8", capacity: { CPU: 10 }, cost: 5 }
    ],
    deployments,
    replicas: [
      { id: "r1", deployment: "a", node: "n1" },
      { id: "r3", deployment: "a", node: "n2" },
      { id: "r2", deployment: "b", node: "n1" },
      { id: "r4", deployment: "a", node: "n2" },
      { id: "r5", deployment: "b", node: "n2" },
      { id: "r6", deployment: "a", node: "n3" },
      { id: "r7", deployment: "b", node: "n3" },
      { id: "r8", deployment: "a", node: "n4" },
      { id: "r9", deployment: "b", node: "n5" },
      { id: "r10", deployment: "b", node: "n7" },
      { id: "r11", deployment: "c", node: "n8" }
    ]
  }

  it("moves nothing, keeps every replica where it is and is marked incomplete", () => {
    const plan = unsearched(input)
    expect(plan.steps).toEqual([])
    expect(plan.released).toEqual([])
    expect(plan.placement).toEqual([
      { replica: "r1", node: "n1" },
      { replica: "r3", node: "n2" },
      { replica: "r2", node: "n1" },
      { replica: "r4", node: "n2" },
      { replica: "r5", node: "n2" },
      { replica: "r6", node: "n3" },
      { replica: "r7", node: "n3" },
      { replica: "r8", node: "n4" },
      { replica: "r9", node: "n5" },
      { replica: "r10", node: "n7" },
      { replica: "r11", node: "n8" }
    ])
    expect(plan.metrics).toEqual({
      nodesBefore: 7,
      nodesAfter: 7,
      costBefore: 3 + 2 + 1 + 4 + 7 + 6 + 5,
      costAfter: 3 + 2 + 1 + 4 + 7 + 6 + 5,
      migrations: 0,
      migrationCost: 0,
      waves: 0,
      complete: false
    })
  })

  it("explains, in node order, each non-empty node under half used in every resource it has", () => {
    expect(unsearched(input).explanations).toEqual([notSearched("n1"), notSearched("n4"), notSearched("n5"), notSearched("n8")])
  })

  it("sums the load of several replicas and deployments on a node", () => {
    // Each of three replicas uses a sixth of the CPU; together half of it: used.
    const three = unsearched({
      nodes: [{ id: "n", capacity: { CPU: 12, MEM: 100 } }],
      deployments,
      replicas: [
        { id: "x", deployment: "a", node: "n" },
        { id: "y", deployment: "b", node: "n" },
        { id: "z", deployment: "a", node: "n" }
      ]
    })
    expect(three.explanations).toEqual([])
    // Two of them: a third of the CPU, MEM 30 of 100: under half.
    const two = unsearched({
      nodes: [{ id: "n", capacity: { CPU: 12, MEM: 100 } }],
      deployments,
      replicas: [
        { id: "x", deployment: "a", node: "n" },
        { id: "y", deployment: "b", node: "n" }
      ]
    })
    expect(two.explanations).toEqual([notSearched("n")])
  })

  it("explains nothing and counts nothing for a cluster without replicas", () => {
    const plan = unsearched({ nodes: [{ id: "n", capacity: { CPU: 4 }, cost: 9 }], deployments, replicas: [] })
    expect(plan.explanations).toEqual([])
    expect(plan.placement).toEqual([])
    expect(plan.metrics).toMatchObject({ nodesBefore: 0, nodesAfter: 0, costBefore: 0, costAfter: 0, complete: false })
  })

  it("passes verify: an empty plan is a valid answer", () => {
    const snapshot = Compaction.validateOrThrow(input)
    expect(Compaction.verify(snapshot, Search.best(Search.start(snapshot)))._tag).toBe("Right")
  })
})
