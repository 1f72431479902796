/** The planner's search: its breadth by instance size, and `SearchMachine` from the start to its end. */
import { Either } from "effect"
import { describe, expect, it } from "vitest"
import { instanceOf } from "../fixtures.js"
import { assemble } from "../../../../src/compaction/internal/assemble.js"
import { fromSnapshot } from "../../../../src/compaction/internal/instance.js"
import type { Instance } from "../../../../src/compaction/internal/instance.js"
import { attemptsFor, repacksFor, SearchMachine } from "../../../../src/compaction/internal/planner.js"
import { Compaction } from "../../../../src/index.js"

// Two nodes of CPU 10 (b empty): the base that `withReplicas` fills.
const base = instanceOf({
  nodes: [{ id: "a", capacity: { CPU: 10 } }, { id: "b", capacity: { CPU: 10 } }],
  deployments: [{ id: "x", demand: { CPU: 1 } }],
  replicas: [{ id: "r0", deployment: "x", node: "a" }]
})

/** The base with `count` replicas of x, all on node a (b stays empty): a search of size count + 1. */
const withReplicas = (count: number): Instance => ({
  ...base,
  replicaIds: Array.from({ length: count }, (_, i) => `r${i}`),
  replicaDeployment: new Int32Array(count),
  replicaNode: new Int32Array(count),
  replicaMovable: new Uint8Array(count).fill(1)
})

describe("attemptsFor", () => {
  it("makes 18 attempts up to a size of 165, then 3,000 / (size + 1), at least 2 up to 5,000 and 1 above", () => {
    // size = replicas + nodes in use (1: the empty node does not count).
    expect(attemptsFor(withReplicas(9))).toBe(18) // size 10
    expect(attemptsFor(withReplicas(164))).toBe(18) // size 165: ⌊3000 / 166⌋ = 18
    expect(attemptsFor(withReplicas(165))).toBe(17) // size 166: ⌊3000 / 167⌋ = 17
    expect(attemptsFor(withReplicas(299))).toBe(9) // size 300: ⌊3000 / 301⌋ = 9
    expect(attemptsFor(withReplicas(1499))).toBe(2) // size 1,500: ⌊3000 / 1501⌋ = 1, at least 2
    expect(attemptsFor(withReplicas(4999))).toBe(2) // size 5,000
    expect(attemptsFor(withReplicas(5000))).toBe(1) // size 5,001
  })

  it("counts the nodes in use, not the empty ones", () => {
    // 164 replicas spread over two nodes: size 166, not 165.
    const spread = { ...withReplicas(164), replicaNode: Int32Array.from({ length: 164 }, (_, r) => r % 2) }
    expect(attemptsFor(spread)).toBe(17)
  })
})

describe("repacksFor", () => {
  it("runs every repack up to 4,000 replicas, first fit decreasing by sum up to 12,000, none above", () => {
    expect(repacksFor(withReplicas(4000))).toEqual(["ffd-sum", "ffd-max", "fill"])
    expect(repacksFor(withReplicas(4001))).toEqual(["ffd-sum"])
    expect(repacksFor(withReplicas(12_000))).toEqual(["ffd-sum"])
    expect(repacksFor(withReplicas(12_001))).toEqual([])
  })
})

const options = (input: Compaction.PlanOptionsInput = {}) => Either.getOrThrow(Compaction.planOptions(input))

const run = (machine: SearchMachine): SearchMachine => {
  while (!machine.done) machine.step()
  return machine
}

describe("SearchMachine", () => {
  // a {10} holds x (6), b {10} holds y (3): one of them can go (9 ≤ 10), not both.
  const pair = (a: { cost?: number; migrationCost?: number } = {}, b: { cost?: number } = {}) =>
    instanceOf({
      nodes: [{ id: "a", capacity: { CPU: 10 }, ...a.cost === undefined ? {} : { cost: a.cost } }, { id: "b", capacity: { CPU: 10 }, ...b }],
      deployments: [
        { id: "x", demand: { CPU: 6 }, maxSurge: 8, ...a.migrationCost === undefined ? {} : { migrationCost: a.migrationCost } },
        { id: "y", demand: { CPU: 3 }, maxSurge: 8 }
      ],
      replicas: [{ id: "r0", deployment: "x", node: "a" }, { id: "r1", deployment: "y", node: "b" }]
    })

  it("starts at the snapshot: nothing moves before the first step", () => {
    const machine = new SearchMachine(pair(), options())
    const start = machine.outcome()
    expect(Array.from(start.target)).toEqual([0, 1])
    expect(Array.from(start.level)).toEqual([0, 0])
    expect(Array.from(start.receiving)).toEqual([0, 0])
    expect(machine.done).toBe(false)
  })

  it("releases the node whose replicas cost least to move", () => {
    // x costs 5 to move, y 1: b goes, y joins a.
    const machine = run(new SearchMachine(pair({ migrationCost: 5 }), options()))
    const end = machine.outcome()
    expect(Array.from(end.target)).toEqual([0, 0])
    expect(Array.from(end.level)).toEqual([0, 1])
    expect(Array.from(end.receiving)).toEqual([1, 0])
  })

  it("for the cost objective, releases the dearer node", () => {
    // a costs 9, b 1: moving x to b releases 9 (more than 1), though x costs 5 to move.
    const machine = run(new SearchMachine(pair({ cost: 9, migrationCost: 5 }, { cost: 1 }), options({ objective: "cost" })))
    expect(Array.from(machine.outcome().target)).toEqual([1, 1])
    // For the nodes objective the same cluster releases b (cheaper to move).
    const nodes = run(new SearchMachine(pair({ cost: 9, migrationCost: 5 }, { cost: 1 }), options()))
    expect(Array.from(nodes.outcome().target)).toEqual([0, 0])
  })

  it("moves nothing beyond the migration budget", () => {
    const machine = run(new SearchMachine(pair(), options({ migrationBudget: 0 })))
    expect(Array.from(machine.outcome().target)).toEqual([0, 1])
    expect(machine.outcome().failures.get(0)?.reason).toBe("migration-budget")
  })

  it("merges the search of its own result: a chain of releases ends packed", () => {
    // Four nodes of 10 with 2, 3, 4 and 1: 10 in all, so one node can hold everything and three go.
    const chain = instanceOf({
      nodes: ["a", "b", "c", "d"].map((id) => ({ id, capacity: { CPU: 10 } })),
      deployments: [1, 2, 3, 4].map((n) => ({ id: `d${n}`, demand: { CPU: n }, maxSurge: 8 })),
      replicas: [["d2", "a"], ["d3", "b"], ["d4", "c"], ["d1", "d"]].map(([deployment, node], i) => ({ id: `r${i}`, deployment: deployment ?? "", node: node ?? "" }))
    })
    const end = run(new SearchMachine(chain, options())).outcome()
    expect(new Set(end.target).size).toBe(1)
  })

  it("never gives back a release between two steps: each outcome keeps at most as many nodes as the one before", () => {
    // The chain above: once an attempt has finished, the best one stands while the next ones start from scratch.
    const chain = instanceOf({
      nodes: ["a", "b", "c", "d"].map((id) => ({ id, capacity: { CPU: 10 } })),
      deployments: [1, 2, 3, 4].map((n) => ({ id: `d${n}`, demand: { CPU: n }, maxSurge: 8 })),
      replicas: [["d2", "a"], ["d3", "b"], ["d4", "c"], ["d1", "d"]].map(([deployment, node], i) => ({ id: `r${i}`, deployment: deployment ?? "", node: node ?? "" }))
    })
    const machine = new SearchMachine(chain, options())
    const kept: Array<number> = []
    while (!machine.done) {
      machine.step()
      kept.push(new Set(machine.outcome().target).size)
    }
    expect(kept.every((k, i) => i === 0 || k <= (kept[i - 1] ?? 4))).toBe(true)
    expect(kept[kept.length - 1]).toBe(1)
  })
})

describe("SearchMachine: the lightest node first", () => {
  // Two nodes of CPU 10 and mem 1,000, one replica each; either replica fits beside the other, and
  // either release moves one replica of cost 1 at level 1: a tie, which the first attempt (the
  // lightest node first) settles. A node's load is summed over resources relative to the largest node.
  const two = (first: Record<string, number>, second: Record<string, number>, objective: "nodes" | "cost" = "nodes") =>
    run(
      new SearchMachine(
        instanceOf({
          nodes: [{ id: "n0", capacity: { CPU: 10, mem: 1000 } }, { id: "n1", capacity: { CPU: 10, mem: 1000 } }],
          deployments: [{ id: "x", demand: first, maxSurge: 8 }, { id: "y", demand: second, maxSurge: 8 }],
          replicas: [{ id: "r0", deployment: "x", node: "n0" }, { id: "r1", deployment: "y", node: "n1" }]
        }),
        options({ objective })
      )
    ).outcome()

  it("releases n0 at 1/10 + 300/1,000 = 0.4 before n1 at 4/10 + 100/1,000 = 0.5", () => {
    const end = two({ CPU: 1, mem: 300 }, { CPU: 4, mem: 100 })
    expect(Array.from(end.target)).toEqual([1, 1])
    expect(Array.from(end.level)).toEqual([1, 0])
    expect(Array.from(end.receiving)).toEqual([0, 1])
  })

  it("releases n1 at 1/10 + 400/1,000 = 0.5 before n0 at 1/10 + 500/1,000 = 0.6", () => {
    const end = two({ CPU: 1, mem: 500 }, { CPU: 1, mem: 400 })
    expect(Array.from(end.target)).toEqual([0, 0])
    expect(Array.from(end.level)).toEqual([0, 1])
    expect(Array.from(end.receiving)).toEqual([1, 0])
  })
})

/** Runs a machine on a snapshot to its end, checking with `verify` that the outcome is a valid plan between every two steps. */
const validEveryStep = (input: Compaction.SnapshotInput, optionsInput: Compaction.PlanOptionsInput = {}) => {
  const snapshot = Compaction.validateOrThrow(input)
  const planOptions = options(optionsInput)
  const machine = new SearchMachine(fromSnapshot(snapshot), planOptions)
  let kept = snapshot.nodes.length
  for (let steps = 0; !machine.done; steps++) {
    machine.step()
    const plan = assemble(snapshot, machine.instance, machine.outcome(), planOptions, machine.done)
    const verdict = Compaction.verify(snapshot, plan)
    if (Either.isLeft(verdict)) expect.fail(`step ${steps}: ${verdict.left.message}`)
    // A release once in the outcome stays there.
    const now = new Set(machine.outcome().target).size
    expect(now, `step ${steps}`).toBeLessThanOrEqual(kept)
    kept = now
  }
  return machine.outcome()
}

describe("SearchMachine: a merge with the search of its own result", () => {
  // n1 {7} holds r3 (5, unmovable): it stays, with room for 2. n3 {10} holds r5 (d1) and r7 (d2, 5): room for 4.
  // The other 5 replicas (size 1: r0, r6 of d0; r1, r2, r4 of d1; at most 2 of a deployment per node) fit
  // there: two d1 on n1, r0, r6 and one d1 on n3 (9 of 10). n0, n2 and n4 go; no other node holds 9, so
  // no plan releases more, and no plan moves fewer than those 5 replicas.
  // The first search releases n0 and n2 alone (their replicas fill n1); the search of its result releases n4.
  const merge: Compaction.SnapshotInput = {
    nodes: [8, 7, 8, 10, 4].map((CPU, i) => ({ id: `n${i}`, capacity: { CPU } })),
    deployments: [
      { id: "d0", demand: { CPU: 1 }, maxReplicasPerNode: 2 },
      { id: "d1", demand: { CPU: 1 }, maxReplicasPerNode: 2 },
      { id: "d2", demand: { CPU: 5 }, maxReplicasPerNode: 1 }
    ],
    replicas: [
      { id: "r0", deployment: "d0", node: "n4" },
      { id: "r1", deployment: "d1", node: "n4" },
      { id: "r2", deployment: "d1", node: "n4" },
      { id: "r3", deployment: "d2", node: "n1", movable: false },
      { id: "r4", deployment: "d1", node: "n2" },
      { id: "r5", deployment: "d1", node: "n3" },
      { id: "r6", deployment: "d0", node: "n0" },
      { id: "r7", deployment: "d2", node: "n3" }
    ]
  }
  const check = (end: { readonly target: Int32Array; readonly level: Int32Array; readonly receiving: Int32Array }) => {
    const target = Array.from(end.target)
    expect([...new Set(target)].sort()).toEqual([1, 3])
    expect([target[0], target[3], target[5], target[6], target[7]]).toEqual([3, 1, 3, 3, 3])
    // Two of the three d1 replicas on n1, one on n3.
    expect([target[1], target[2], target[4]].filter((n) => n === 1)).toHaveLength(2)
    // Every arrival fits beside the replicas there at the start: one level, each replica moved straight to its place.
    expect(Array.from(end.level)).toEqual(target.map((n, r) => (n === [4, 4, 4, 1, 2, 3, 0, 3][r] ? 0 : 1)))
    expect(Array.from(end.receiving)).toEqual([0, 2, 0, 3, 0])
  }

  it("releases n0, n2 and n4, each moved replica straight to its place at one level, valid between steps", () => {
    check(validEveryStep(merge))
  })

  // With d0 free to move (and d2, which never moves, dear), releasing all three costs the three d1 moves (r1, r2, r4): 3.
  const freeD0 = {
    ...merge,
    deployments: merge.deployments.map((d) => (d.id === "d0" ? { ...d, migrationCost: 0 } : d.id === "d2" ? { ...d, migrationCost: 2 } : d))
  }
  const movedD1 = (end: { readonly target: Int32Array }) => [1, 2, 4].filter((r) => end.target[r] !== [4, 4, 4, 1, 2, 3, 0, 3][r]).length

  it("takes the merge that spends the whole budget (3)", () => {
    const end = validEveryStep(freeD0, { migrationBudget: 3 })
    check(end)
    expect(movedD1(end)).toBe(3)
  })

  it("with a budget of 2, releases two nodes of the three and moves at most two d1 replicas", () => {
    // n0 and n2 go for 1 (r6 and r4 onto n1); no third node can go within 2.
    const end = validEveryStep(freeD0, { migrationBudget: 2 })
    expect(movedD1(end)).toBeLessThanOrEqual(2)
    expect(new Set(end.target).size).toBe(3)
  })
})

/** Whether planning the placement `end` arrives at again (no budget) releases nothing more. */
const settled = (input: Compaction.SnapshotInput, end: { readonly target: Int32Array }): boolean => {
  const instance = instanceOf(input)
  const again = run(new SearchMachine({ ...instance, replicaNode: end.target }, options())).outcome()
  return new Set(again.target).size === new Set(end.target).size
}

describe("SearchMachine: merges that cannot be taken", () => {
  // Seven nodes of two resources, thirteen movable replicas under per-node limits: the search of the first
  // result plans a release whose moves cannot be ordered with the first plan's, the search with the moved
  // replicas pinned releases nothing, and the search starts over from the first search's other candidates.
  const crowded: Compaction.SnapshotInput = {
    nodes: [
      { id: "n0", capacity: { CPU: 8, memory: 4 } },
      { id: "n1", capacity: { CPU: 4, memory: 5 } },
      { id: "n2", capacity: { CPU: 7, memory: 7 } },
      { id: "n3", capacity: { CPU: 10, memory: 7 } },
      { id: "n4", capacity: { CPU: 10, memory: 7 } },
      { id: "n5", capacity: { CPU: 9, memory: 9 } },
      { id: "n6", capacity: { CPU: 5, memory: 4 } }
    ],
    deployments: [
      { id: "d0", demand: { CPU: 3, memory: 1 }, maxReplicasPerNode: 2, maxSurge: 2 },
      { id: "d1", demand: { CPU: 4, memory: 3 }, maxReplicasPerNode: 3, maxSurge: 2 },
      { id: "d2", demand: { CPU: 4, memory: 0 }, maxReplicasPerNode: 2, maxSurge: 1 },
      { id: "d3", demand: { CPU: 1, memory: 3 }, maxReplicasPerNode: 2, maxSurge: 1 },
      { id: "d4", demand: { CPU: 2, memory: 4 }, maxReplicasPerNode: 2, maxSurge: 2 }
    ],
    replicas: ([["d3", "n6"], ["d3", "n5"], ["d3", "n3"], ["d3", "n0"], ["d4", "n2"], ["d2", "n5"], ["d0", "n6"], ["d1", "n3"], ["d1", "n2"], ["d2", "n5"], ["d2", "n0"], ["d2", "n4"], ["d3", "n1"]] as const).map(([deployment, node], i) => ({ id: `r${i}`, deployment, node }))
  }

  it("ends valid between every two steps, at a placement whose plan releases nothing more", () => {
    const end = validEveryStep(crowded)
    expect(settled(crowded, end)).toBe(true)
  })
})
