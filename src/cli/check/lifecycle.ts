/**
 * The replica lifecycle's check: model-based (a random cluster in a random
 * compaction mode, random world actions, each one tick, then the world
 * settles), every `L*` invariant after every tick. The world and its actions
 * are those of `properties/lifecycle.test.ts`. The lifecycle's exhaustive
 * exploration is left to the repository's CI: every tick replays the core
 * and the model, and its scope takes far longer than a user's check should.
 *
 * @since 0.1.0
 */
import fc from "fast-check"
import {
  type CompactionMode,
  type DeploymentSpec,
  initialWorld,
  lifecycleInvariants,
  type LifecycleObservation,
  type NodeSpec,
  settle,
  showWorldAction,
  type World,
  type WorldAction,
  worldKey,
  type WorldSetup,
  worldStep
} from "../../../spec/lifecycle/index.js"
import type { Check } from "./Check.js"
import { modelCheck } from "./modelRun.js"

const MODES: ReadonlyArray<CompactionMode> = ["off", "ray", "planner"]
const MAX_COMMANDS = 60
/** Ray's defaults (DESIGN §6). */
const OPTIONS = { gracefulShutdownTimeoutMs: 20_000, compactionDelayMs: 300_000, compactionTimeoutMs: 1_800_000, maxBackoffMs: 3_600_000 }
/** How long the world takes to bring a replica up and to stop one, when time passes. */
const DELAYS = { startMs: 5_000, stopMs: 2_000 }
/** The capacity of a node the world adds for a replica that fits nowhere: room for the largest demand. */
const NEW_NODE = { cpu: 4 }
/** The settling phase: time steps and how many ticks the world waits for quiet. */
const SETTLE_STEP_MS = 5_000
const SETTLE_TICKS = 80
/** A lifecycle run ticks a whole world many times per command: a tenth of the budget's runs, at least one per mode. */
const RUNS_DIVISOR = 10

const node = (i: number, cpu: number, releasable: boolean): NodeSpec =>
  releasable ? { id: `n${i}`, capacity: { cpu } } : { id: `n${i}`, capacity: { cpu }, releasable: false }

/** A compaction mode; 1–4 nodes of 4 or 6 CPUs, the first sometimes a head node; 1–3 deployments of 1–3 CPUs, targets 0–3. */
const setup: fc.Arbitrary<WorldSetup> = fc.record({
  compaction: fc.constantFrom(...MODES),
  nodes: fc.tuple(fc.array(fc.constantFrom(4, 6), { minLength: 1, maxLength: 4 }), fc.boolean()).map(([cpus, head]) =>
    cpus.map((cpu, i) => node(i, cpu, !(head && i === 0)))
  ),
  deployments: fc.array(
    fc.record({ cpu: fc.integer({ min: 1, max: 3 }), target: fc.integer({ min: 0, max: 3 }), maxSurge: fc.integer({ min: 1, max: 2 }) }),
    { minLength: 1, maxLength: 3 }
  ).map((ds) => ds.map((d, i): DeploymentSpec => ({ id: `d${i}`, demand: { cpu: d.cpu }, target: d.target, maxSurge: d.maxSurge })))
}).map(({ compaction, nodes, deployments }) => ({
  nodes,
  deployments,
  options: { compaction, ...OPTIONS },
  delays: DELAYS,
  newNodeCapacity: NEW_NODE
}))

const pick = fc.nat(20)
const worldAction: fc.Arbitrary<WorldAction> = fc.oneof(
  { weight: 8, arbitrary: fc.record({ kind: fc.constant("advance" as const), ms: fc.constantFrom(1_000, 5_000, 20_000, 45_000, 310_000, 1_900_000) }) },
  { weight: 6, arbitrary: fc.record({ kind: fc.constant("start" as const), pick }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("fail" as const), pick }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant("stopped" as const), pick }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("unhealthy" as const), pick }) },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant("drain" as const), pick, deadlineInMs: fc.constantFrom(0, 30_000, 60_000, 120_000, 600_000) })
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("undrain" as const), pick }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant("setTarget" as const),
      deployment: pick,
      target: fc.integer({ min: 0, max: 4 }),
      rollout: fc.oneof({ weight: 3, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) })
    })
  }
)

const modelBased = modelCheck<WorldSetup, World, WorldAction, LifecycleObservation>({
  name: "lifecycle model-based",
  core: "lifecycle",
  scope: `then ≤ ${SETTLE_TICKS} settling ticks, compaction ${MODES.join(" / ")}`,
  setup,
  start: initialWorld,
  op: worldAction,
  maxCommands: MAX_COMMANDS,
  step: (w, a) => worldStep(w, a),
  observe: (w) => w.observation,
  invariants: lifecycleInvariants,
  show: showWorldAction,
  key: worldKey,
  checkStart: true,
  finish: (w, judge) => void settle(w, SETTLE_STEP_MS, SETTLE_TICKS, judge),
  runsFor: (runs) => Math.max(MODES.length, Math.ceil(runs / RUNS_DIVISOR))
})

/**
 * The replica lifecycle's checks.
 *
 * @since 0.1.0
 */
export const lifecycleChecks: ReadonlyArray<Check> = [modelBased]
