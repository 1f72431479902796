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
  initialWorld,
  LIFECYCLE_MODES as MODES,
  lifecycleInvariants,
  settle,
  SETTLE_STEP_MS,
  SETTLE_TICKS,
  showWorldAction,
  type World,
  type CompactionMode,
  type WorldAction,
  WORLD_ACTION_KINDS,
  worldAction,
  worldKey,
  worldSetup as setup,
  worldStep
} from "../spec/lifecycle/index.js"
import { checkAll } from "../spec/registry.js"
import { LifecycleStats, TICK_FEATURES, type TickFeature } from "./support/lifecycle.js"
import { writeReport } from "./support/report.js"
import { propertyParameters, SEED } from "./support/settings.js"

const MAX_COMMANDS = 60
/** Runs per compaction mode in CI: about 4 s of CPU a mode on the project's machine. */
const CI_RUNS = 200

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

/**
 * Floors per mode, in ticks per 100 runs that show each feature (about half of what the CI seed
 * gives), so that a smaller or larger budget keeps them meaningful.
 */
const COMMON_FLOORS: Partial<Record<TickFeature, number>> = {
  migrating: 50,
  drainStarted: 60,
  deadlineDue: 50,
  rollout: 50,
  targetChanged: 100,
  replicaFailed: 15,
  replicaUnhealthy: 50,
  unplaced: 40,
  nodeAdded: 50,
  nodeRemoved: 30
}
const COMPACTION_FLOORS: Partial<Record<TickFeature, number>> = {
  compactionStarted: 15,
  compactionCompleted: 10,
  compactionCancelled: 3,
  nodeReleased: 10
}
const FLOORS: Record<CompactionMode, Partial<Record<TickFeature, number>>> = {
  off: COMMON_FLOORS,
  ray: { ...COMMON_FLOORS, ...COMPACTION_FLOORS },
  planner: { ...COMMON_FLOORS, ...COMPACTION_FLOORS }
}

const parameters = propertyParameters(CI_RUNS)

describe(`lifecycle model-based (seed ${SEED}, ${parameters.numRuns} runs × ≤ ${MAX_COMMANDS} ticks per mode)`, () => {
  describe.each(MODES)("compaction %s", (mode) => {
    const s = stats.get(mode) as LifecycleStats
    it("keeps every L* invariant after every tick, settles once the world stops disturbing it, and was not vacuous", () => {
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
      // Vacuity floors, in this test so that a filtered run checks them too: migrations, drains,
      // compactions, rollouts and releases were exercised, every world action drawn, every run settled.
      const floors = FLOORS[mode]
      for (const feature of TICK_FEATURES) {
        const floor = floors[feature]
        if (floor !== undefined) expect(s.features.get(feature) ?? 0, feature).toBeGreaterThanOrEqual(floor * s.runs / 100)
      }
      for (const kind of WORLD_ACTION_KINDS) expect(s.actionKinds.get(kind) ?? 0, kind).toBeGreaterThan(s.runs)
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
