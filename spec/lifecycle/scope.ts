/**
 * The scope the lifecycle is checked over, shared by the property suites
 * (`properties/lifecycle.test.ts`, `properties/lifecycle.exhaustive.test.ts`)
 * and `replicore check`: in model-based runs the compaction modes, the options
 * and delays of the world, the random clusters it starts from and the actions
 * it takes; in the exhaustive exploration the cluster, the actions offered in
 * each state and the bounds (CI's, and the smaller one of `replicore check`).
 */
import fc from "fast-check"
import { type CompactionMode, drainable, startable, stoppable, type World, type WorldAction, type WorldSetup } from "./harness.js"
import type { DeploymentSpec, LifecycleModel, NodeSpec } from "./model.js"

export const LIFECYCLE_MODES: ReadonlyArray<CompactionMode> = ["off", "ray", "planner"]
/**
 * Ray's grace period; the compaction clocks scaled down from Ray's (300 s delay, 1,800 s timeout,
 * 3,600 s back-off) so that a run of 60 world actions sees compactions start, end and back off.
 */
export const WORLD_OPTIONS = {
  gracefulShutdownTimeoutMs: 20_000,
  compactionDelayMs: 60_000,
  compactionTimeoutMs: 600_000,
  maxBackoffMs: 300_000
}
/** How long the world takes to bring a replica up and to stop one, when time passes. */
export const WORLD_DELAYS = { startMs: 5_000, stopMs: 2_000 }
/** The capacity of a node the world adds for a replica that fits nowhere: room for the largest demand. */
export const WORLD_NEW_NODE = { cpu: 4 }
/** The settling phase: time steps and how many ticks the world waits for quiet. */
export const SETTLE_STEP_MS = 5_000
export const SETTLE_TICKS = 80

const node = (i: number, cpu: number, releasable: boolean): NodeSpec =>
  releasable ? { id: `n${i}`, capacity: { cpu } } : { id: `n${i}`, capacity: { cpu }, releasable: false }

/** 2–5 nodes of 4 or 6 CPUs, the first sometimes a head node; 1–3 deployments of 1–3 CPUs, targets 0–3. */
export const worldSetup = (compaction: CompactionMode): fc.Arbitrary<WorldSetup> =>
  fc.record({
    nodes: fc.tuple(fc.array(fc.constantFrom(4, 6), { minLength: 2, maxLength: 5 }), fc.boolean()).map((
      [cpus, head]
    ) => cpus.map((cpu, i) => node(i, cpu, !(head && i === 0)))),
    deployments: fc.array(
      fc.record({ cpu: fc.integer({ min: 1, max: 3 }), target: fc.integer({ min: 0, max: 3 }), maxSurge: fc.integer({ min: 1, max: 2 }) }),
      { minLength: 1, maxLength: 3 }
    ).map((ds) =>
      ds.map((d, i): DeploymentSpec => ({ id: `d${i}`, demand: { cpu: d.cpu }, target: d.target, maxSurge: d.maxSurge }))
    )
  }).map(({ nodes, deployments }) => ({
    nodes,
    deployments,
    options: { compaction, ...WORLD_OPTIONS },
    delays: WORLD_DELAYS,
    newNodeCapacity: WORLD_NEW_NODE
  }))

const pick = fc.nat(20)
export const worldAction: fc.Arbitrary<WorldAction> = fc.oneof(
  {
    weight: 10,
    arbitrary: fc.record({
      kind: fc.constant("advance" as const),
      ms: fc.constantFrom(1_000, 5_000, 20_000, 45_000, 70_000, 700_000)
    })
  },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant("start" as const), pick }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("startElsewhere" as const), pick, node: pick }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("fail" as const), pick }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant("stopped" as const), pick }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("unhealthy" as const), pick }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant("drain" as const),
      pick,
      deadlineInMs: fc.constantFrom(0, 60_000, 120_000, 600_000)
    })
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("undrain" as const), pick }) },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant("setTarget" as const),
      deployment: pick,
      target: fc.integer({ min: 0, max: 4 }),
      rollout: fc.oneof({ weight: 3, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) })
    })
  }
)

// ---------------------------------------------------------------------------
// The exhaustive scope: `properties/lifecycle.exhaustive.test.ts` (CI) and,
// smaller, `replicore check`.
// ---------------------------------------------------------------------------

/** The compaction modes the exhaustive exploration covers (`"off"` is the others' subset). */
export const EXHAUSTIVE_MODES: ReadonlyArray<CompactionMode> = ["ray", "planner"]
/** One step of time: the grace period, so a deadline set `EXHAUSTIVE_DEADLINE_IN_MS` ahead is due one step later. */
export const EXHAUSTIVE_STEP_MS = 20_000
export const EXHAUSTIVE_DEADLINE_IN_MS = 2 * EXHAUSTIVE_STEP_MS
/** Large enough never to cut the search: a scope is exhausted by the world's bounds, not by depth. */
export const EXHAUSTIVE_MAX_DEPTH = 500

/** How far the world may go in an exhaustive scope. */
export interface ExhaustiveBounds {
  /** The largest target a deployment is set to. */
  readonly maxTarget: number
  /** Target changes are offered only while fewer replicas than this are alive (STOPPING ones included). */
  readonly maxLiveForTargetChange: number
  /** And only up to this sum of targets. */
  readonly maxTargetSum: number
}

/** CI's scope: every target ≤ 2 combination, changed while fewer than 3 replicas are alive. */
export const EXHAUSTIVE_BOUNDS: ExhaustiveBounds = { maxTarget: 2, maxLiveForTargetChange: 3, maxTargetSum: 4 }

/**
 * `replicore check`'s scope: targets ≤ 1 (the cluster still drains, migrates,
 * and starts, completes and cancels compactions), a fraction of CI's
 * transitions: CI's scope takes minutes, too long for a user's check.
 */
export const CHECK_EXHAUSTIVE_BOUNDS: ExhaustiveBounds = { maxTarget: 1, maxLiveForTargetChange: 3, maxTargetSum: 2 }

/** The bound in words, for reports. */
export const exhaustiveScope = (bounds: ExhaustiveBounds, modes: ReadonlyArray<CompactionMode>): string =>
  `2 deployments, 3 nodes of 2 CPUs, targets ≤ ${bounds.maxTarget} summing to ≤ ${bounds.maxTargetSum} (changed while ` +
  `< ${bounds.maxLiveForTargetChange} replicas live), one draining event, starts and stops answered in order, time in ` +
  `${EXHAUSTIVE_STEP_MS / 1000} s steps, compaction ${modes.join(" / ")}`

/**
 * Three nodes of 2 CPUs, two deployments of 1 CPU with one replica each. A
 * compaction may start one step after the cluster settled and times out after
 * two; the back-off is capped at 1 s, so one step always passes it (and the
 * key need not count failures).
 */
export const exhaustiveSetup = (compaction: CompactionMode): WorldSetup => ({
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
    gracefulShutdownTimeoutMs: EXHAUSTIVE_STEP_MS,
    compactionDelayMs: EXHAUSTIVE_STEP_MS,
    compactionTimeoutMs: 2 * EXHAUSTIVE_STEP_MS,
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
 * answers are left to the model-based runs: with them the scope does not
 * finish within the CI budget.
 */
export const exhaustiveActions = (bounds: ExhaustiveBounds) => (w: World): ReadonlyArray<WorldAction> => {
  const m = w.observation.modelAfter
  const targetSum = m.deployments.reduce((n, d) => n + d.target, 0)
  const changes = m.replicas.length >= bounds.maxLiveForTargetChange ? [] : m.deployments.flatMap((d, deployment) =>
    indices(bounds.maxTarget + 1)
      .filter((t) => t !== d.target && targetSum - d.target + t <= bounds.maxTargetSum)
      .map((target) => ({ kind: "setTarget" as const, deployment, target, rollout: false }))
  )
  return [
    ...deliverOldest(m),
    ...(m.drained ? [] : indices(drainable(m).length).map((pick) => ({
      kind: "drain" as const,
      pick,
      deadlineInMs: EXHAUSTIVE_DEADLINE_IN_MS
    }))),
    ...changes,
    { kind: "advance", ms: EXHAUSTIVE_STEP_MS }
  ]
}
