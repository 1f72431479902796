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
  drainable,
  initialWorld,
  lifecycleInvariants,
  type LifecycleModel,
  showWorldAction,
  startable,
  stoppable,
  type World,
  type WorldAction,
  worldKey,
  type WorldSetup,
  worldStep
} from "../spec/lifecycle/index.js"
import { featuresOf, type TickFeature } from "./support/lifecycle.js"
import { writeReport } from "./support/report.js"

const MODES: ReadonlyArray<CompactionMode> = ["ray", "planner"]
const MAX_TARGET = 2
/** Target changes are offered only while fewer replicas than this are alive (STOPPING ones included). */
const MAX_LIVE_FOR_TARGET_CHANGE = 3
/** And only up to this sum of targets (2 + 2: every target ≤ 2 combination). */
const MAX_TARGET_SUM = 4
/** One step of time: the grace period, so a deadline set `DEADLINE_IN_MS` ahead is due one step later. */
const STEP_MS = 20_000
const DEADLINE_IN_MS = 2 * STEP_MS
/** Large enough never to cut the search: the scope is exhausted by the world's bounds, not by depth. */
const MAX_DEPTH = 500

/**
 * Three nodes of 2 CPUs, two deployments of 1 CPU with one replica each. A
 * compaction may start one step after the cluster settled and times out after
 * two; the back-off is capped at 1 s, so one step always passes it (and the
 * key need not count failures).
 */
const setup = (compaction: CompactionMode): WorldSetup => ({
  nodes: [
    { id: "n1", capacity: { cpu: 2 } },
    { id: "n2", capacity: { cpu: 2 } },
    { id: "n3", capacity: { cpu: 2 } }
  ],
  deployments: [
    { id: "a", demand: { cpu: 1 }, target: 1, maxSurge: 1 },
    { id: "b", demand: { cpu: 1 }, target: 1, maxSurge: 1 }
  ],
  options: {
    compaction,
    gracefulShutdownTimeoutMs: STEP_MS,
    compactionDelayMs: STEP_MS,
    compactionTimeoutMs: 2 * STEP_MS,
    maxBackoffMs: 1_000
  }
})

const indices = (n: number): ReadonlyArray<number> => Array.from({ length: n }, (_, i) => i)

/** The world answers in order: the oldest pending start or stop (by the time it was asked) happens next. */
const deliverOldest = (m: LifecycleModel): ReadonlyArray<WorldAction> => {
  const start = startable(m)[0]
  const stop = stoppable(m)[0]
  if (start === undefined && stop === undefined) return []
  if (stop === undefined || (start !== undefined && start.since <= stop.since)) return [{ kind: "start", pick: 0 }]
  return [{ kind: "stopped", pick: 0 }]
}

/**
 * Every world action offered in a state: the next start or stop, the one
 * draining event (any node, once), each target change within the bounds,
 * and one step of time. Failures, health, ending a drain and out-of-order
 * answers are left to the model-based test: with them the scope does not
 * finish within the CI budget.
 */
const actions = (w: World): ReadonlyArray<WorldAction> => {
  const m = w.observation.modelAfter
  const targetSum = m.deployments.reduce((n, d) => n + d.target, 0)
  const changes = m.replicas.length >= MAX_LIVE_FOR_TARGET_CHANGE ? [] : m.deployments.flatMap((d, deployment) =>
    indices(MAX_TARGET + 1)
      .filter((t) => t !== d.target && targetSum - d.target + t <= MAX_TARGET_SUM)
      .map((target) => ({ kind: "setTarget" as const, deployment, target, rollout: false }))
  )
  return [
    ...deliverOldest(m),
    ...(m.drained ? [] : indices(drainable(m).length).map((pick) => ({ kind: "drain" as const, pick, deadlineInMs: DEADLINE_IN_MS }))),
    ...changes,
    { kind: "advance", ms: STEP_MS }
  ]
}

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

describe(`lifecycle exhaustive (2 deployments, 3 nodes, targets ≤ ${MAX_TARGET}, one drain, ${STEP_MS / 1000} s steps)`, () => {
  it.each(MODES)("compaction %s: every L* invariant in every reachable state, scope exhausted", (mode) => {
    const report = explore({
      initial: initialWorld(setup(mode)),
      actions,
      step: (w, a) => worldStep(w, a),
      key: worldKey,
      invariants: invariantsFor(mode),
      maxDepth: MAX_DEPTH,
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
    bound: `2 deployments, 3 nodes of 2 CPUs, targets ≤ ${MAX_TARGET} (changed while < ${MAX_LIVE_FOR_TARGET_CHANGE} ` +
      `replicas live), one draining event, starts and stops answered in order, time in ${STEP_MS / 1000} s steps, ` +
      `compaction ${MODES.join(" / ")}`,
    distinctStates: reports.reduce((n, r) => n + r.states, 0),
    transitions: reports.reduce((n, r) => n + r.transitions, 0),
    depth: Math.max(...reports.map((r) => r.depth)),
    complete: reports.every((r) => r.complete),
    evaluations
  })
})
