/**
 * Compaction unit tests: Ray's own compaction cases (Anyscale's
 * `TestActiveCompaction` and `test_compact_node`) through `rayCompaction`
 * and the planner; `verify` shown to catch each kind of bad plan, with the
 * spec's K* predicates agreeing; `validate` on bad input, fuzzed.
 */
import { Effect, Either, TestContext } from "effect"
import fc from "fast-check"
import { describe, expect, it } from "vitest"
import { afterPlan, compactionInvariants, type PlanObservation } from "../../spec/compaction.js"
import { Compaction, Runtime } from "../../src/index.js"
import * as Generators from "../../src/testing/generators.js"

type Plan = Compaction.Plan

const snapshot = Compaction.snapshot

/** Nodes `{ id: capacity }`, deployments `{ id: demand }`, replicas `[deployment, node]`. */
const cluster = (
  nodes: Record<string, Record<string, number>>,
  deployments: Record<string, Record<string, number>>,
  replicas: ReadonlyArray<readonly [string, string]>,
  extra: { readonly head?: string; readonly surge?: number } = {}
) =>
  snapshot({
    nodes: Object.entries(nodes).map(([id, capacity]) => ({ id, capacity, releasable: id !== extra.head })),
    deployments: Object.entries(deployments).map(([id, demand]) => ({ id, demand, maxSurge: extra.surge ?? 8 })),
    replicas: replicas.map(([deployment, node], i) => ({ id: `r${i}`, deployment, node }))
  })

/** The node Ray compacts first: the node emptied by the first wave. */
const firstCompacted = (plan: Plan): string | undefined => plan.released.find((r) => r.afterWave === 1)?.node

const verified = (s: Compaction.Snapshot, plan: Plan): Plan => {
  const verdict = Compaction.verify(s, plan)
  if (Either.isLeft(verdict)) throw verdict.left
  return plan
}

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

describe("the planner on Ray's cases", () => {
  it("releases at least as many nodes as Ray, with a verified plan", () => {
    const s = cluster({ n1: { CPU: 9 }, n2: { CPU: 4 }, n3: { CPU: 5 } }, { A: { CPU: 1 }, B: { CPU: 2 }, C: { CPU: 3 } }, [
      ["A", "n2"], ["A", "n2"], ["B", "n3"], ["C", "n1"], ["C", "n1"]
    ])
    const plan = verified(s, Compaction.plan(s))
    expect(plan.released.length).toBeGreaterThanOrEqual(Compaction.rayCompaction(s).released.length)
    expect(plan.metrics.migrations).toBe(1)
  })

  it("returns an empty plan when nothing can be released, and explains the under-used nodes", () => {
    const s = cluster({ a: { CPU: 4 }, b: { CPU: 4 } }, { big: { CPU: 3 } }, [["big", "a"], ["big", "b"]])
    const plan = verified(s, Compaction.plan(s))
    expect(plan.steps).toEqual([])
    expect(plan.released).toEqual([])
    expect(plan.explanations).toEqual([])
    const light = cluster({ a: { CPU: 8 }, b: { CPU: 8 } }, { small: { CPU: 1 } }, [["small", "a"], ["small", "b"], ["small", "b"]])
    const kept = verified(light, Compaction.plan(light, { migrationBudget: 0 }))
    expect(kept.steps).toEqual([])
    expect(kept.explanations).toEqual([
      expect.objectContaining({ node: "a", reason: "migration-budget" }),
      expect.objectContaining({ node: "b", reason: "migration-budget" })
    ])
    const stuck = cluster({ a: { CPU: 8 }, b: { CPU: 8 } }, { big: { CPU: 3 } }, [["big", "a"], ["big", "b"], ["big", "b"]])
    expect(verified(stuck, Compaction.plan(stuck)).explanations).toEqual([
      { node: "a", reason: "no-room", replica: "r0", message: `replica "r0" fits on no other kept node, even after making room` }
    ])
  })

  it("makes room: a replica moves on so that another can land, in two waves", () => {
    const s = snapshot({
      nodes: [{ id: "a", capacity: { CPU: 10 } }, { id: "b", capacity: { CPU: 10 } }, {
        id: "r",
        capacity: { CPU: 10 },
        acceptsIncoming: false
      }],
      deployments: [5, 4, 6, 5].map((cpu, i) => ({ id: `d${i}`, demand: { CPU: cpu } })),
      replicas: [["d0", "a"], ["d1", "a"], ["d2", "b"], ["d3", "r"]].map(([deployment, node], i) => ({
        id: `x${i}`,
        deployment: deployment ?? "",
        node: node ?? ""
      }))
    })
    const plan = verified(s, Compaction.plan(s))
    expect(plan.released).toEqual([{ node: "r", afterWave: 2 }])
    expect(plan.steps).toEqual([
      { replica: "x1", deployment: "d1", from: "a", to: "b", wave: 1 },
      { replica: "x3", deployment: "d3", from: "r", to: "a", wave: 2 }
    ])
  })

  it("never moves a pinned replica nor a replica of a deployment with maxSurge 0", () => {
    const s = snapshot({
      nodes: [{ id: "a", capacity: { CPU: 4 } }, { id: "b", capacity: { CPU: 4 } }, { id: "c", capacity: { CPU: 4 } }],
      deployments: [{ id: "d", demand: { CPU: 1 } }, { id: "frozen", demand: { CPU: 1 }, maxSurge: 0 }],
      replicas: [
        { id: "p", deployment: "d", node: "a", movable: false },
        { id: "f", deployment: "frozen", node: "b" },
        { id: "m", deployment: "d", node: "c" }
      ]
    })
    const plan = verified(s, Compaction.plan(s))
    expect(plan.released.map((r) => r.node)).toEqual(["c"])
    expect(plan.steps.map((st) => st.replica)).toEqual(["m"])
  })

  it("keeps the concurrency limit by splitting waves", () => {
    const s = cluster({ a: { CPU: 8 }, b: { CPU: 8 } }, { d: { CPU: 1 } }, [["d", "a"], ["d", "a"], ["d", "a"], ["d", "b"], ["d", "b"], ["d", "b"], ["d", "b"]])
    const plan = verified(s, Compaction.plan(s, { maxConcurrentMigrations: 1 }))
    expect(plan.metrics.waves).toBe(3)
    expect(Compaction.verify(s, plan, { maxConcurrentMigrations: 1 })._tag).toBe("Right")
  })

  it("refuses bad options with a typed error naming the field", () => {
    const s = cluster({ a: { CPU: 1 } }, { d: { CPU: 1 } }, [])
    expect(() => Compaction.plan(s, { maxConcurrentMigrations: 0 })).toThrow(Compaction.InvalidOptions)
    expect(() => Compaction.plan(s, { migrationBudget: -1 })).toThrow(/options\.migrationBudget/)
    expect(() => Compaction.plan(s, { objective: "speed" } as never)).toThrow(/options\.objective/)
  })
})

describe("verify catches every kind of bad plan", () => {
  // a: 3 of 4 CPU; b: 2 of 4; c: 1 of 4; d: idle. The good plan moves c's replica to b.
  const s = snapshot({
    nodes: ["a", "b", "c", "d"].map((id) => ({ id, capacity: { CPU: 4 }, releasable: id !== "a" })),
    deployments: [{ id: "x", demand: { CPU: 1 }, maxReplicasPerNode: 3, maxSurge: 3 }, { id: "y", demand: { CPU: 2 }, maxSurge: 1 }],
    replicas: [
      { id: "x1", deployment: "x", node: "a" },
      { id: "x2", deployment: "x", node: "a" },
      { id: "x3", deployment: "x", node: "a" },
      { id: "y1", deployment: "y", node: "b" },
      { id: "x4", deployment: "x", node: "c", movable: true }
    ]
  })
  const good = verified(s, Compaction.plan(s))
  const placement = (moves: Record<string, string>) =>
    s.replicas.map((r) => ({ replica: r.id, node: moves[r.id] ?? r.node }))
  const metrics = (over: Partial<Compaction.PlanMetrics>): Compaction.PlanMetrics => ({ ...good.metrics, ...over })

  const bad: ReadonlyArray<readonly [string, string, Plan]> = [
    ["K1", "over capacity in the transient, though the final placement fits (the departing replica still counts)", {
      ...good,
      steps: [
        { replica: "y1", deployment: "y", from: "b", to: "c", wave: 1 },
        { replica: "x4", deployment: "x", from: "c", to: "b", wave: 1 },
        { replica: "x1", deployment: "x", from: "a", to: "c", wave: 1 },
        { replica: "x2", deployment: "x", from: "a", to: "c", wave: 1 }
      ],
      released: [],
      placement: placement({ y1: "c", x4: "b", x1: "c", x2: "c" }),
      metrics: metrics({ migrations: 4, nodesAfter: 3 })
    }],
    ["K2", "more replicas of a deployment in flight than its maxSurge (3)", {
      ...good,
      steps: [
        { replica: "x1", deployment: "x", from: "a", to: "b", wave: 1 },
        { replica: "x2", deployment: "x", from: "a", to: "b", wave: 1 },
        { replica: "x3", deployment: "x", from: "a", to: "c", wave: 1 },
        { replica: "x4", deployment: "x", from: "c", to: "d", wave: 1 }
      ],
      released: [],
      placement: placement({ x1: "b", x2: "b", x3: "c", x4: "d" }),
      metrics: metrics({ migrations: 4 })
    }],
    ["K3", "maxReplicasPerNode exceeded in flight", {
      ...good,
      steps: [{ replica: "x4", deployment: "x", from: "c", to: "a", wave: 1 }],
      placement: placement({ x4: "a" })
    }],
    ["K4", "a released node receiving", {
      ...good,
      steps: [{ replica: "x4", deployment: "x", from: "c", to: "b", wave: 1 }, { replica: "y1", deployment: "y", from: "b", to: "c", wave: 2 }],
      released: [{ node: "c", afterWave: 1 }],
      placement: placement({ x4: "b", y1: "c" }),
      metrics: metrics({ migrations: 2, waves: 2 })
    }],
    ["K4", "a node released before it is empty", { ...good, released: [{ node: "c", afterWave: 0 }] }],
    ["K5", "an unreleasable node released", {
      ...good,
      steps: [
        { replica: "x1", deployment: "x", from: "a", to: "d", wave: 1 }
      ],
      released: [{ node: "a", afterWave: 1 }],
      placement: placement({ x1: "d" }),
      metrics: metrics({ migrations: 1 })
    }],
    ["K6", "a replica moved twice", {
      ...good,
      steps: [{ replica: "x4", deployment: "x", from: "c", to: "b", wave: 1 }, { replica: "x4", deployment: "x", from: "b", to: "a", wave: 2 }],
      placement: placement({ x4: "a" }),
      metrics: metrics({ migrations: 2, waves: 2 })
    }],
    ["K8", "a final placement that loses a replica", { ...good, placement: good.placement.slice(1) }],
    ["K9", "metrics that do not match the replay", { ...good, metrics: metrics({ nodesAfter: 1 }) }],
    ["K9", "moves for nothing (a node emptied onto an idle one)", {
      ...good,
      steps: [{ replica: "x4", deployment: "x", from: "c", to: "d", wave: 1 }],
      released: [{ node: "c", afterWave: 1 }],
      placement: placement({ x4: "d" }),
      metrics: metrics({ nodesAfter: 3 })
    }]
  ]

  it.each(bad)("%s: %s", (invariant, _, plan) => {
    const verdict = Compaction.verify(s, plan)
    expect(Either.isLeft(verdict) && verdict.left.invariant).toBe(invariant)
    // The spec's own predicate for that invariant fails too.
    const observation: PlanObservation = { snapshot: s, options: {}, plan, again: plan, replanned: Compaction.plan(afterPlan(s, good)) }
    expect(compactionInvariants.find((i) => i.id === invariant)?.holds(observation)).toBe(false)
  })

  it("K7: a plan over the migration budget or the concurrency limit", () => {
    const overBudget = Compaction.verify(s, good, { migrationBudget: 0 })
    expect(Either.isLeft(overBudget) && overBudget.left.invariant).toBe("K7")
    const [, , fourInOneWave] = bad[1] ?? []
    const overLimit = Compaction.verify(s, fourInOneWave as Plan, { maxConcurrentMigrations: 2 })
    expect(Either.isLeft(overLimit) && overLimit.left.message).toMatch(/K7 violated \(wave 1\): 4 steps in one wave, the limit is 2/)
    const observation: PlanObservation = {
      snapshot: s,
      options: { migrationBudget: 0 },
      plan: good,
      again: good,
      replanned: Compaction.plan(afterPlan(s, good))
    }
    expect(compactionInvariants.find((i) => i.id === "K7")?.holds(observation)).toBe(false)
  })

  it("names the wave, step and node of a violation", () => {
    const [, , plan] = bad[0] ?? []
    const verdict = Compaction.verify(s, plan as Plan)
    expect(Either.isLeft(verdict) && verdict.left.message).toMatch(/K1 violated \(wave 1, step \d, node "c"\): CPU load 5 exceeds capacity 4/)
  })
})

describe("validate", () => {
  it("names every offending item", () => {
    const result = Compaction.validate({
      nodes: [{ id: "n1", capacity: { CPU: -1 } }, { id: "n1", capacity: { CPU: 1.5 } }, { id: "n2", capacity: { CPU: 1 } }],
      deployments: [{ id: "d", demand: { CPU: 2 } }],
      replicas: [
        { id: "r1", deployment: "e", node: "n2" },
        { id: "r2", deployment: "d", node: "n9" },
        { id: "r3", deployment: "d", node: "n2" }
      ]
    })
    expect(Either.isLeft(result)).toBe(true)
    const message = Either.isLeft(result) ? result.left.message : ""
    expect(message).toContain(`nodes[0] ("n1").capacity.CPU`)
    expect(message).toContain(`nodes[1] ("n1").capacity.CPU`)
    const consistency = Compaction.validate({
      nodes: [{ id: "n1", capacity: { CPU: 1 } }, { id: "n1", capacity: { CPU: 1 } }],
      deployments: [{ id: "d", demand: { CPU: 2 } }],
      replicas: [
        { id: "r1", deployment: "e", node: "n1" },
        { id: "r2", deployment: "d", node: "n9" },
        { id: "r3", deployment: "d", node: "n1" },
        { id: "r3", deployment: "d", node: "n1" }
      ]
    })
    const problems = Either.isLeft(consistency) ? consistency.left.problems : []
    expect(problems).toEqual(expect.arrayContaining([
      { item: `node "n1"`, problem: "duplicate node id" },
      { item: `replica "r3"`, problem: "duplicate replica id" },
      { item: `replica "r1"`, problem: `unknown deployment "e"` },
      { item: `replica "r2"`, problem: `unknown node "n9"` },
      expect.objectContaining({ item: `node "n1"`, problem: expect.stringMatching(/over capacity in CPU/) })
    ]))
  })

  it("never throws on malformed JSON-like input, and always names an item", () => {
    const jsonish = fc.jsonValue()
    const mangled = fc.record({
      nodes: fc.array(fc.record({ id: fc.oneof(fc.string(), fc.integer()), capacity: fc.dictionary(fc.string(), jsonish) }, { requiredKeys: [] })),
      deployments: fc.array(fc.record({ id: fc.string(), demand: fc.dictionary(fc.string(), fc.oneof(fc.integer(), fc.double())) }, { requiredKeys: [] })),
      replicas: fc.array(fc.record({ id: fc.string(), deployment: fc.string(), node: fc.oneof(fc.string(), fc.constant(null)) }, { requiredKeys: [] }))
    }, { requiredKeys: [] })
    fc.assert(fc.property(fc.oneof(jsonish, mangled), (input) => {
      const result = Compaction.validate(input)
      if (Either.isLeft(result)) {
        expect(result.left.problems.length).toBeGreaterThan(0)
        for (const p of result.left.problems) expect(p.item.length).toBeGreaterThan(0)
      } else {
        expect(Either.isRight(Compaction.verify(result.right, Compaction.plan(result.right)))).toBe(true)
      }
    }), { seed: 20261127, numRuns: 2000 })
  })
})

describe("Runtime.planWithin (the planner under a time budget)", () => {
  const s = Compaction.snapshot(Generators.residue({ nodes: 60 }, 3).snapshot)

  it("equals the pure plan when the budget is not reached", () => {
    expect(JSON.stringify(Effect.runSync(Runtime.planWithin(s)))).toBe(JSON.stringify(Compaction.plan(s)))
  })

  it("returns the best safe plan so far when the clock runs out, marked incomplete", () => {
    // Under TestClock time stands still unless adjusted: a zero budget stops after the first attempt.
    const plan = Effect.runSync(Runtime.planWithin(s, { timeBudgetMs: 0 }).pipe(Effect.provide(TestContext.TestContext)))
    expect(plan.metrics.complete).toBe(false)
    expect(Either.isRight(Compaction.verify(s, plan))).toBe(true)
    expect(plan.released.length).toBeGreaterThan(0)
  })

  it("fails with InvalidOptions on bad options", () => {
    const exit = Effect.runSyncExit(Runtime.planWithin(s, { timeBudgetMs: -5 }))
    expect(exit._tag).toBe("Failure")
  })
})
