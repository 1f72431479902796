/**
 * Model-based test of the replica lifecycle: a random cluster, then random
 * sequences of world actions (time passing with starts and stops delivered
 * after their delays, starts, failures, stops and unhealthy replicas in any
 * order, nodes draining and coming back, target changes and rollouts), each
 * one tick of `Lifecycle.tick`, in each compaction mode. Every `L*` invariant
 * is checked after every tick; then the world stops disturbing the cluster
 * and the run must settle (L3).
 */
import fc from "fast-check"
import { afterAll, describe, expect, it } from "vitest"
import {
  type CompactionMode,
  type DeploymentSpec,
  initialWorld,
  lifecycleInvariants,
  type NodeSpec,
  settle,
  showWorldAction,
  type World,
  type WorldAction,
  worldKey,
  type WorldSetup,
  worldStep
} from "../spec/lifecycle/index.js"
import { checkAll } from "../spec/registry.js"
import { LifecycleStats, TICK_FEATURES, type TickFeature } from "./support/lifecycle.js"
import { writeReport } from "./support/report.js"
import { propertyParameters, SEED } from "./support/settings.js"

const MODES: ReadonlyArray<CompactionMode> = ["off", "ray", "planner"]
const MAX_COMMANDS = 60
/** Runs per compaction mode in CI: about 15 s a mode on the project's machine. */
const CI_RUNS = 150
/** Ray's defaults (DESIGN §6). */
const OPTIONS = {
  gracefulShutdownTimeoutMs: 20_000,
  compactionDelayMs: 300_000,
  compactionTimeoutMs: 1_800_000,
  maxBackoffMs: 3_600_000
}
/** How long the world takes to bring a replica up and to stop one, when time passes. */
const DELAYS = { startMs: 5_000, stopMs: 2_000 }
/** The capacity of a node the world adds for a replica that fits nowhere: room for the largest demand. */
const NEW_NODE = { cpu: 4 }
/** The settling phase: time steps and how many ticks the world waits for quiet. */
const SETTLE_STEP_MS = 5_000
const SETTLE_TICKS = 80

const node = (i: number, cpu: number, releasable: boolean): NodeSpec =>
  releasable ? { id: `n${i}`, capacity: { cpu } } : { id: `n${i}`, capacity: { cpu }, releasable: false }

/** 1–4 nodes of 4 or 6 CPUs, the first sometimes a head node; 1–3 deployments of 1–3 CPUs, targets 0–3. */
const setup = (compaction: CompactionMode): fc.Arbitrary<WorldSetup> =>
  fc.record({
    nodes: fc.tuple(fc.array(fc.constantFrom(4, 6), { minLength: 1, maxLength: 4 }), fc.boolean()).map((
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
    options: { compaction, ...OPTIONS },
    delays: DELAYS,
    newNodeCapacity: NEW_NODE
  }))

const pick = fc.nat(20)
const worldAction: fc.Arbitrary<WorldAction> = fc.oneof(
  {
    weight: 8,
    arbitrary: fc.record({
      kind: fc.constant("advance" as const),
      ms: fc.constantFrom(1_000, 5_000, 20_000, 45_000, 310_000, 1_900_000)
    })
  },
  { weight: 6, arbitrary: fc.record({ kind: fc.constant("start" as const), pick }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("fail" as const), pick }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant("stopped" as const), pick }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("unhealthy" as const), pick }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant("drain" as const),
      pick,
      deadlineInMs: fc.constantFrom(0, 30_000, 60_000, 120_000, 600_000)
    })
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

const stats = new Map(MODES.map((mode) => [mode, new LifecycleStats()]))

const describeTick = (w: World): string => {
  const o = w.observation
  return [
    `now ${o.now}`,
    `events: ${JSON.stringify(o.events)}`,
    `actions: ${JSON.stringify(o.actions)}`,
    `ledger before: ${JSON.stringify(o.modelBefore)}`,
    `ledger after: ${JSON.stringify(o.modelAfter)}`
  ].join("\n")
}

/** Checks every invariant on a tick and counts it. */
const judge = (s: LifecycleStats) => (w: World): void => {
  checkAll(lifecycleInvariants, w.observation, s.tally, () => describeTick(w))
  s.record(w.observation, worldKey(w))
}

/** One world action per command; it carries data only (picks are resolved modulo the candidates). */
const command = (s: LifecycleStats) => (action: WorldAction): fc.Command<object, { world: World }> => ({
  check: () => true,
  run: (_model, real) => {
    real.world = worldStep(real.world, action)
    s.count(action.kind)
    judge(s)(real.world)
  },
  toString: () => showWorldAction(action)
})

/** Floors per mode: at least this many ticks of the run show each feature. */
const FLOORS: Record<CompactionMode, Partial<Record<TickFeature, number>>> = {
  off: { migrating: 500, drainStarted: 200, deadlineDue: 100, rollout: 100, nodeReleased: 0, unplaced: 50, settled: 1 },
  ray: {
    migrating: 500,
    drainStarted: 200,
    compactionStarted: 50,
    compactionCompleted: 20,
    compactionCancelled: 5,
    nodeReleased: 20,
    rollout: 100,
    unplaced: 50,
    settled: 1
  },
  planner: {
    migrating: 500,
    drainStarted: 200,
    compactionStarted: 50,
    compactionCompleted: 20,
    compactionCancelled: 5,
    nodeReleased: 20,
    rollout: 100,
    unplaced: 50,
    settled: 1
  }
}

const parameters = propertyParameters(CI_RUNS)

describe(`lifecycle model-based (seed ${SEED}, ${parameters.numRuns} runs × ≤ ${MAX_COMMANDS} ticks per mode)`, () => {
  describe.each(MODES)("compaction %s", (mode) => {
    const s = stats.get(mode) as LifecycleStats
    it("keeps every L* invariant after every tick, and settles once the world stops disturbing it", () => {
      fc.assert(
        fc.property(
          setup(mode),
          fc.commands([worldAction.map(command(s))], { maxCommands: MAX_COMMANDS, size: "max" }),
          (world, cmds) => {
            s.runs++
            const real = { world: initialWorld(world) }
            judge(s)(real.world)
            fc.modelRun(() => ({ model: {}, real }), cmds)
            settle(real.world, SETTLE_STEP_MS, SETTLE_TICKS, judge(s))
          }
        ),
        parameters
      )
    })

    it("exercised migrations, drains, compactions, rollouts and releases (the run was not vacuous)", () => {
      const floors = FLOORS[mode]
      for (const feature of TICK_FEATURES) {
        const floor = floors[feature]
        if (floor !== undefined) expect(s.features.get(feature) ?? 0, feature).toBeGreaterThanOrEqual(floor)
      }
      expect(s.features.get("settled") ?? 0).toBe(s.runs)
      if (mode === "off") expect(s.features.get("compactionStarted") ?? 0).toBe(0)
    })
  })
})

afterAll(() => {
  const all = [...stats.values()]
  const evaluations: Record<string, number> = {}
  for (const s of all) for (const [id, n] of Object.entries(s.tally.toJSON())) evaluations[id] = (evaluations[id] ?? 0) + n
  const runs = all.reduce((n, s) => n + s.runs, 0)
  if (runs === 0) return
  const ticks = all.reduce((n, s) => n + s.ticks, 0)
  writeReport({
    check: "properties/lifecycle.test.ts › model-based",
    core: "lifecycle",
    kind: "model",
    bound: `seed ${SEED}, ${runs} runs × ≤ ${MAX_COMMANDS} world actions then ≤ ${SETTLE_TICKS} settling ticks, ` +
      `compaction ${MODES.join(" / ")}`,
    seed: SEED,
    runs,
    commands: ticks,
    distinctStates: all.reduce((n, s) => n + s.distinctStates.size, 0),
    evaluations
  })
})
