/** `verify` catches each kind of bad plan, with the spec's K* predicates agreeing. */
import { Either } from "effect"
import { describe, expect, it } from "vitest"
import { afterPlan, compactionInvariants, type PlanObservation } from "../../../spec/compaction.js"
import { Compaction } from "../../../src/index.js"
import { verified } from "./fixtures.js"

type Plan = Compaction.Plan

const snapshot = Compaction.validateOrThrow

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
    expect(Either.isLeft(verdict) && verdict.left._tag === "PlanViolation" && verdict.left.invariant).toBe(invariant)
    // The spec's own predicate for that invariant fails too.
    const observation: PlanObservation = { snapshot: s, options: {}, plan, again: plan, replanned: Compaction.plan(afterPlan(s, good)) }
    expect(compactionInvariants.find((i) => i.id === invariant)?.holds(observation)).toBe(false)
  })

  it("K7: a plan over the migration budget or the concurrency limit", () => {
    const overBudget = Compaction.verify(s, good, { migrationBudget: 0 })
    expect(Either.isLeft(overBudget) && overBudget.left._tag === "PlanViolation" && overBudget.left.invariant).toBe("K7")
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
