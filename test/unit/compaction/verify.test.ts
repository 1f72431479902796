/**
 * `verify` and the spec agree on every rule: for each kind of bad plan,
 * `verify` refuses it with an id and the spec's predicate with that id fails
 * on it. The table covers every invariant `verify` decides.
 */
import { Either } from "effect"
import { describe, expect, it } from "vitest"
import { type PlanFacts, planInvariants } from "../../../spec/compaction.js"
import { Compaction } from "../../../src/index.js"
import * as Budgets from "../../../src/compaction/internal/verify/budgets.js"
import * as Trace from "../../../src/compaction/internal/verify/trace.js"

type Plan = Compaction.Plan
type Step = Compaction.Step
type Release = Compaction.Release

// a: 3 of 4 CPU, not releasable; b: 2 of 4; c: 1 of 4; d: 1 of 4 (maxSurge 0); e: idle, cordoned;
// f: 2 of 4 (an unmovable replica); g: idle, cost 5. Five non-empty nodes, cost 5.
const s = Compaction.validateOrThrow({
  nodes: [
    { id: "a", capacity: { CPU: 4 }, releasable: false },
    { id: "b", capacity: { CPU: 4 } },
    { id: "c", capacity: { CPU: 4 } },
    { id: "d", capacity: { CPU: 4 } },
    { id: "e", capacity: { CPU: 4 }, acceptsIncoming: false },
    { id: "f", capacity: { CPU: 4 } },
    { id: "g", capacity: { CPU: 4 }, cost: 5 }
  ],
  deployments: [
    { id: "x", demand: { CPU: 1 }, maxReplicasPerNode: 3, maxSurge: 3 },
    { id: "y", demand: { CPU: 2 }, maxSurge: 1 },
    { id: "z", demand: { CPU: 1 }, maxSurge: 0 }
  ],
  replicas: [
    { id: "x1", deployment: "x", node: "a" },
    { id: "x2", deployment: "x", node: "a" },
    { id: "x3", deployment: "x", node: "a" },
    { id: "y1", deployment: "y", node: "b" },
    { id: "x4", deployment: "x", node: "c" },
    { id: "z1", deployment: "z", node: "d" },
    { id: "y2", deployment: "y", node: "f", movable: false }
  ]
})

const deploymentOf = (replica: string): string => s.replicas.find((r) => r.id === replica)?.deployment ?? "?"

/** A step of `replica` from `from` to `to`, named with its deployment unless told otherwise. */
const move = (replica: string, from: string, to: string, wave: number, deployment = deploymentOf(replica)): Step => ({
  replica,
  deployment,
  from,
  to,
  wave
})

/** A plan of these steps and releases, its placement and metrics written out as a replay would (unless overridden). */
const planOf = (
  steps: ReadonlyArray<Step>,
  released: ReadonlyArray<Release>,
  over: { readonly placement?: Plan["placement"]; readonly metrics?: Partial<Compaction.PlanMetrics> } = {}
): Plan => {
  const at = new Map(s.replicas.map((r) => [r.id, r.node]))
  for (const step of steps) at.set(step.replica, step.to)
  const nodesAfter = new Set(at.values())
  const cost = (nodes: ReadonlySet<string>) => [...nodes].reduce((sum, n) => sum + (s.nodes.find((m) => m.id === n)?.cost ?? 0), 0)
  return {
    steps,
    released,
    placement: over.placement ?? [...at].map(([replica, node]) => ({ replica, node })),
    metrics: {
      nodesBefore: 5,
      nodesAfter: nodesAfter.size,
      costBefore: 5,
      costAfter: cost(nodesAfter),
      migrations: steps.length,
      migrationCost: steps.length,
      waves: new Set(steps.map((st) => st.wave)).size,
      complete: true,
      ...over.metrics
    },
    explanations: []
  }
}

/** The plan every row breaks: x4 leaves c for b, and c is released. */
const good = planOf([move("x4", "c", "b", 1)], [{ node: "c", afterWave: 1 }])

type Row = readonly [id: Compaction.VerifiedInvariant, how: string, plan: Plan, options?: Compaction.PlanOptionsInput]

/**
 * Plans that name what the snapshot does not have (or a wave before the first):
 * `verify` refuses them as it decodes them (`InvalidPlan`), before any replay,
 * and the spec's predicate of the rule they break fails on them too.
 */
const malformed: ReadonlyArray<Row> = [
  ["K6", "a step of an unknown replica", planOf([move("ghost", "c", "b", 1, "x")], [])],
  ["K6", "a step to an unknown node", planOf([move("x4", "c", "nowhere", 1)], [{ node: "c", afterWave: 1 }])],
  ["K6", "a step in wave 0", planOf([move("x4", "c", "b", 0)], [{ node: "c", afterWave: 0 }])],
]

const table: ReadonlyArray<Row> = [
  ["K1", "over capacity in the transient, though the final placement fits (the departing replica still counts)", planOf(
    [move("y1", "b", "c", 1), move("x4", "c", "b", 1), move("x1", "a", "c", 1), move("x2", "a", "c", 1)],
    []
  )],
  ["K1", "over capacity in the final placement", planOf(
    [move("x4", "c", "b", 1), move("x1", "a", "b", 2), move("x2", "a", "b", 3)],
    [{ node: "c", afterWave: 1 }]
  )],
  ["K2", "more steps of a deployment in one wave than its maxSurge (3)", planOf(
    [move("x1", "a", "c", 1), move("x2", "a", "c", 1), move("x3", "a", "b", 1), move("x4", "c", "b", 1)],
    []
  )],
  ["K2", "a step of a deployment whose maxSurge is 0", planOf([move("z1", "d", "c", 1)], [{ node: "d", afterWave: 1 }])],
  ["K3", "maxReplicasPerNode exceeded in flight", planOf([move("x4", "c", "a", 1)], [{ node: "c", afterWave: 1 }])],
  ["K4", "a released node receiving", planOf(
    [move("x4", "c", "b", 1), move("y1", "b", "c", 2)],
    [{ node: "c", afterWave: 1 }]
  )],
  ["K4", "a node released before its last departure", planOf([move("x4", "c", "b", 1)], [{ node: "c", afterWave: 0 }])],
  ["K4", "an emptied node not listed as released", planOf([move("x4", "c", "b", 1)], [])],
  ["K4", "a node released twice", planOf([move("x4", "c", "b", 1)], [{ node: "c", afterWave: 1 }, { node: "c", afterWave: 1 }])],
  ["K4", "a node released that was empty before", planOf(
    [move("x4", "c", "b", 1)],
    [{ node: "c", afterWave: 1 }, { node: "g", afterWave: 0 }]
  )],
  ["K5", "an unmovable replica moved", planOf([move("y2", "f", "c", 1)], [{ node: "f", afterWave: 1 }])],
  ["K5", "an unreleasable node released", planOf(good.steps, [...good.released, { node: "a", afterWave: 0 }])],
  ["K6", "a replica moved twice", planOf([move("x4", "c", "b", 1), move("x4", "b", "d", 2)], [{ node: "c", afterWave: 1 }])],
  ["K6", "a step from a node the replica is not on", planOf([move("x4", "b", "d", 1)], [])],
  ["K6", "a step from a node to itself", planOf([move("x4", "c", "c", 1)], [])],
  ["K6", "a step naming another deployment", planOf([move("x4", "c", "b", 1, "y")], [{ node: "c", afterWave: 1 }])],
  ["K7", "over the migration budget (migrationCost defaults to 1)", good, { migrationBudget: 0.5 }],
  ["K7", "more steps in one wave than maxConcurrentMigrations", planOf(
    [move("x4", "c", "b", 1), move("x3", "a", "b", 1)],
    [{ node: "c", afterWave: 1 }]
  ), { maxConcurrentMigrations: 1 }],
  ["K8", "a final placement that loses a replica", planOf(good.steps, good.released, { placement: good.placement.slice(1) })],
  ["K8", "a final placement that lists a replica twice", planOf(good.steps, good.released, {
    placement: [...good.placement.slice(0, -1), ...good.placement.slice(0, 1)]
  })],
  ["K8", "a final placement where the steps did not put the replica", planOf(good.steps, good.released, {
    placement: good.placement.map((p) => (p.replica === "x4" ? { ...p, node: "c" } : p))
  })],
  ["K9", "more non-empty nodes after the plan", planOf([move("x1", "a", "g", 1)], [])],
  ["K9", "a higher cost after the plan", planOf([move("x4", "c", "g", 1)], [{ node: "c", afterWave: 1 }])],
  ["K9", "moves for nothing (a swap)", planOf([move("x4", "c", "b", 1), move("y1", "b", "c", 1)], [])],
  ["K12", "a step into a node that does not accept incoming replicas", planOf([move("x4", "c", "e", 1)], [{ node: "c", afterWave: 1 }])],
  ["K13", "waves not numbered from 1", planOf([move("x4", "c", "b", 2)], [{ node: "c", afterWave: 2 }])],
  ["K13", "metrics.nodesAfter not what the replay says", planOf(good.steps, good.released, { metrics: { nodesAfter: 1 } })],
  ["K13", "metrics.migrations not what the replay says", planOf(good.steps, good.released, { metrics: { migrations: 2 } })]
]

/** The ids of the spec's predicates that fail on a plan. */
const failing = (plan: Plan, options: Compaction.PlanOptionsInput): ReadonlyArray<string> => {
  const facts: PlanFacts = { snapshot: s, options, plan }
  return planInvariants.filter((invariant) => !invariant.holds(facts)).map((invariant) => invariant.id)
}

describe("verify and the spec agree on every rule", () => {
  it("the plan every row breaks holds: verify accepts it and every predicate holds", () => {
    expect(Either.isRight(Compaction.verify(s, good))).toBe(true)
    expect(failing(good, {})).toEqual([])
  })

  it.each(table.map(([id, how, plan, options = {}]) => ({ id, how, plan, options })))("$id: $how", ({ id, options, plan }) => {
    const verdict = Compaction.verify(s, plan, options)
    expect(Either.isLeft(verdict) && verdict.left._tag === "PlanViolation" && verdict.left.invariant).toBe(id)
    expect(failing(plan, options)).toContain(id)
  })

  it.each(malformed.map(([id, how, plan]) => ({ id, how, plan })))("$id, caught when decoding: $how", ({ id, plan }) => {
    const verdict = Compaction.verify(s, plan)
    expect(Either.isLeft(verdict) && verdict.left._tag).toBe("InvalidPlan")
    expect(failing(plan, {})).toContain(id)
  })

  it("the table has a row for every invariant verify decides, and verify decides every plan invariant of the spec", () => {
    const decided: Record<Compaction.VerifiedInvariant, true> = {
      K1: true, K2: true, K3: true, K4: true, K5: true, K6: true, K7: true, K8: true, K9: true, K12: true, K13: true
    }
    const specIds = planInvariants.map((invariant) => invariant.id).sort()
    expect([...new Set(table.map(([id]) => id))].sort()).toEqual(specIds)
    expect(Object.keys(decided).sort()).toEqual(specIds)
  })

  it("a step's migration cost defaults to 1, the schema's default, in both (a step naming no deployment of the snapshot)", () => {
    const plan = planOf([move("x4", "c", "b", 1, "unknown")], [{ node: "c", afterWave: 1 }])
    const options = { migrationBudget: 0.5 }
    expect(Budgets.check(Trace.make(s, plan, options))).toMatchObject({ value: { invariant: "K7" } })
    expect(failing(plan, options)).toContain("K7")
    expect(failing(plan, { migrationBudget: 1 })).not.toContain("K7")
  })

  it("names the wave, step and node of a violation", () => {
    const [, , plan] = table[0] ?? []
    const verdict = Compaction.verify(s, plan as Plan)
    expect(Either.isLeft(verdict) && verdict.left.message).toMatch(/K1 violated \(wave 1, step 0, node "c"\): CPU load 5 exceeds capacity 4/)
  })

  it.each([
    ["no wave, step, node or replica", planOf(good.steps, good.released, { metrics: { nodesAfter: 1 } }), {},
      "K13 violated: metrics.nodesAfter is 1, the replay says 4"],
    ["a node alone", planOf(good.steps, [...good.released, { node: "a", afterWave: 0 }]), {},
      'K5 violated (node "a"): node "a" is not releasable'],
    ["a wave alone", planOf([move("x4", "c", "b", 1), move("x3", "a", "b", 1)], [{ node: "c", afterWave: 1 }]), { maxConcurrentMigrations: 1 },
      "K7 violated (wave 1): 2 steps in one wave, the limit is 1"],
    ["a wave, a step and a replica", planOf([move("y2", "f", "c", 1)], [{ node: "f", afterWave: 1 }]), {},
      'K5 violated (wave 1, step 0, replica "y2"): replica "y2" is not movable'],
    ["a node and a replica", planOf(good.steps, good.released, {
      placement: good.placement.map((p) => (p.replica === "x4" ? { ...p, node: "c" } : p))
    }), {}, 'K8 violated (node "c", replica "x4"): replica "x4" ends on "b", the placement says "c"']
  ] as const)("writes a violation's message naming %s", (_, plan, options, expected) => {
    const verdict = Compaction.verify(s, plan, options)
    expect(Either.isLeft(verdict) && verdict.left.message).toBe(`replicore/compaction.verify: ${expected}`)
  })

  it("answers what the replay saw of a plan that holds every invariant", () => {
    // Before the plan a carries 3 of 4 CPU; in wave 2 b carries y1 (2), x4 (arrived in wave 1) and the arriving x3: 4 of 4.
    const twoWaves = planOf([move("x4", "c", "b", 1), move("x3", "a", "b", 2)], [{ node: "c", afterWave: 1 }])
    expect(Compaction.verify(s, twoWaves)).toEqual(Either.right({ waves: 2, migrations: 2, released: 1, peakUtilization: 1 }))
    // No steps: the peak is the snapshot's own, a's 3 of 4.
    expect(Compaction.verify(s, planOf([], []))).toEqual(Either.right({ waves: 0, migrations: 0, released: 0, peakUtilization: 0.75 }))
  })

  it("accepts the planner's plan", () => {
    const plan = Compaction.plan(s)
    expect(Compaction.verify(s, plan)).toMatchObject({ _tag: "Right" })
    expect(plan.released.length).toBeGreaterThan(0)
  })
})
