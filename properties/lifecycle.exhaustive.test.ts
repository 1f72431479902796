/**
 * Bounded exhaustive check of the replica lifecycle: 2 deployments, 3 nodes,
 * targets 0–2, one draining event (and its end), time advancing in steps of
 * 20 s up to a horizon, in the `"ray"` and `"planner"` compaction modes.
 * Every world action is tried in every reachable state (each start, failure,
 * stop and unhealthy report of any replica that can have one, each target
 * change, draining any node), breadth-first to a fixpoint, with every `L*`
 * invariant evaluated after every tick.
 */
import { afterAll, describe, expect, it } from "vitest"
import { explore, type ExploreReport } from "../src/testing/index.js"
import {
  type CompactionMode,
  drainable,
  failable,
  initialWorld,
  lifecycleInvariants,
  serving,
  showWorldAction,
  startable,
  stoppable,
  undrainable,
  type World,
  type WorldAction,
  worldKey,
  type WorldSetup,
  worldStep
} from "../spec/lifecycle/index.js"
import { writeReport } from "./support/report.js"

const MODES: ReadonlyArray<CompactionMode> = ["ray", "planner"]
const MAX_TARGET = 2
/** One step of time: the grace period, so a deadline set `DEADLINE_IN_MS` ahead is due one step later. */
const STEP_MS = 20_000
const DEADLINE_IN_MS = 40_000
/** Time stops here: the state space is finite because time is bounded. */
const HORIZON_MS = 8 * STEP_MS
/** Large enough never to cut the search: the scope is exhausted by the horizon, not by depth. */
const MAX_DEPTH = 200

/** A compaction may start two steps after the cluster settled, times out after four, backs off at most one. */
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
    compactionDelayMs: 2 * STEP_MS,
    compactionTimeoutMs: 4 * STEP_MS,
    maxBackoffMs: STEP_MS
  }
})

const indices = (n: number): ReadonlyArray<number> => Array.from({ length: n }, (_, i) => i)

/** Every world action that does something in this state. */
const actions = (w: World): ReadonlyArray<WorldAction> => {
  const m = w.observation.modelAfter
  return [
    ...indices(startable(m).length).map((pick) => ({ kind: "start" as const, pick })),
    ...indices(failable(m).length).map((pick) => ({ kind: "fail" as const, pick })),
    ...indices(stoppable(m).length).map((pick) => ({ kind: "stopped" as const, pick })),
    ...indices(serving(m).length).map((pick) => ({ kind: "unhealthy" as const, pick })),
    ...(m.drained ? [] : indices(drainable(m).length).map((pick) => ({ kind: "drain" as const, pick, deadlineInMs: DEADLINE_IN_MS }))),
    ...indices(undrainable(m).length).map((pick) => ({ kind: "undrain" as const, pick })),
    ...m.deployments.flatMap((d, deployment) =>
      indices(MAX_TARGET + 1).filter((t) => t !== d.target).map((target) => ({
        kind: "setTarget" as const,
        deployment,
        target,
        rollout: false
      }))
    ),
    ...(m.now + STEP_MS <= HORIZON_MS ? [{ kind: "advance" as const, ms: STEP_MS }] : [])
  ]
}

const invariants = lifecycleInvariants.map((i) => ({ id: i.id, holds: (w: World) => i.holds(w.observation) }))
const reports: Array<ExploreReport<World, WorldAction>> = []

describe(`lifecycle exhaustive (2 deployments, 3 nodes, targets ≤ ${MAX_TARGET}, one drain, horizon ${HORIZON_MS / 1000} s)`, () => {
  it.each(MODES)("compaction %s: every L* invariant in every reachable state, scope exhausted", (mode) => {
    const report = explore({
      initial: initialWorld(setup(mode)),
      actions,
      step: (w, a) => worldStep(w, a),
      key: worldKey,
      invariants,
      maxDepth: MAX_DEPTH,
      showAction: showWorldAction
    })
    reports.push(report)
    expect(report.counterexample?.trace).toBeUndefined()
    expect(report.complete).toBe(true)
    expect(report.states).toBeGreaterThan(1000)
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
    bound: `2 deployments, 3 nodes of 2 CPUs, targets ≤ ${MAX_TARGET}, one draining event, ` +
      `time in ${STEP_MS / 1000} s steps to ${HORIZON_MS / 1000} s, compaction ${MODES.join(" / ")}`,
    distinctStates: reports.reduce((n, r) => n + r.states, 0),
    transitions: reports.reduce((n, r) => n + r.transitions, 0),
    depth: Math.max(...reports.map((r) => r.depth)),
    complete: reports.every((r) => r.complete),
    evaluations
  })
})
