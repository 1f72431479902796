/**
 * Bounded exhaustive check of the replica lifecycle: 2 deployments, 3 nodes,
 * targets 0–2, one draining event, time advancing in steps of 20 s, in the
 * `"ray"` and `"planner"` compaction modes. Every world action the scope
 * offers is tried in every reachable state, breadth-first to a fixpoint (the
 * key abstracts time to the differences the rules compare), with every `L*`
 * invariant evaluated after every tick.
 */
import { afterAll, describe, expect, it } from "vitest"
import { explore, type ExploreReport } from "../src/testing/index.js"
import {
  type CompactionMode,
  EXHAUSTIVE_BOUNDS,
  EXHAUSTIVE_MAX_DEPTH,
  EXHAUSTIVE_MODES,
  EXHAUSTIVE_STEP_MS,
  exhaustiveActions,
  exhaustiveScope,
  exhaustiveSetup,
  initialWorld,
  lifecycleInvariants,
  showWorldAction,
  type World,
  type WorldAction,
  worldKey,
  worldStep
} from "../spec/lifecycle/index.js"
import { featuresOf, type TickFeature } from "./support/lifecycle.js"
import { writeReport } from "./support/report.js"

const actions = exhaustiveActions(EXHAUSTIVE_BOUNDS)

const reports: Array<ExploreReport<World, WorldAction>> = []

/** The features the exploration reached, per mode: the floors show the scope is not vacuous. */
const reached = new Map<CompactionMode, Set<TickFeature>>()
const invariantsFor = (mode: CompactionMode) => {
  const seen = new Set<TickFeature>()
  reached.set(mode, seen)
  return lifecycleInvariants.map((i, n) => ({
    id: i.id,
    holds: (w: World) => {
      if (n === 0) for (const f of featuresOf(w.observation)) seen.add(f)
      return i.holds(w.observation)
    }
  }))
}
const MUST_REACH: ReadonlyArray<TickFeature> = [
  "migrating",
  "drainStarted",
  "deadlineDue",
  "compactionStarted",
  "compactionCompleted",
  "compactionCancelled",
  "nodeReleased",
  "nodeRemoved",
  "unplaced"
]

describe(`lifecycle exhaustive (2 deployments, 3 nodes, targets ≤ ${EXHAUSTIVE_BOUNDS.maxTarget}, one drain, ${EXHAUSTIVE_STEP_MS / 1000} s steps)`, () => {
  it.each(EXHAUSTIVE_MODES)("compaction %s: every L* invariant in every reachable state, scope exhausted", (mode) => {
    const report = explore({
      initial: initialWorld(exhaustiveSetup(mode)),
      actions,
      step: (w, a) => worldStep(w, a),
      key: worldKey,
      invariants: invariantsFor(mode),
      maxDepth: EXHAUSTIVE_MAX_DEPTH,
      showAction: showWorldAction
    })
    reports.push(report)
    expect(report.counterexample?.trace).toBeUndefined()
    expect(report.complete).toBe(true)
    expect(report.states).toBeGreaterThan(1000)
    for (const feature of MUST_REACH) expect(reached.get(mode)?.has(feature), feature).toBe(true)
  })
})

afterAll(() => {
  if (reports.length === 0) return
  const evaluations: Record<string, number> = {}
  for (const r of reports) for (const [id, n] of Object.entries(r.evaluations)) evaluations[id] = (evaluations[id] ?? 0) + n
  writeReport({
    check: "properties/lifecycle.exhaustive.test.ts › exhaustive",
    core: "lifecycle",
    kind: "exhaustive",
    bound: exhaustiveScope(EXHAUSTIVE_BOUNDS, EXHAUSTIVE_MODES),
    distinctStates: reports.reduce((n, r) => n + r.states, 0),
    transitions: reports.reduce((n, r) => n + r.transitions, 0),
    depth: Math.max(...reports.map((r) => r.depth)),
    complete: reports.every((r) => r.complete),
    evaluations
  })
})
