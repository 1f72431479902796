/**
 * The scope the lifecycle is checked over in model-based runs, shared by
 * `properties/lifecycle.test.ts` and `replicore check`: the compaction modes,
 * the options and delays of the world, the random clusters it starts from and
 * the actions it takes.
 */
import fc from "fast-check"
import type { CompactionMode, WorldAction, WorldSetup } from "./harness.js"
import type { DeploymentSpec, NodeSpec } from "./model.js"

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
