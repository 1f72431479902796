/**
 * The replica lifecycle's check: model-based (a random cluster in a random
 * compaction mode, random world actions, each one tick, then the world
 * settles), every `L*` invariant after every tick; and exhaustive (every
 * reachable state of a small cluster, in the `"ray"` and `"planner"` modes),
 * over a smaller scope than the repository's CI explores: every tick replays
 * the core and the model, and CI's scope takes minutes. The worlds, clusters,
 * actions and both bounds are `spec/lifecycle/scope.ts`.
 *
 * @since 0.1.0
 */
import fc from "fast-check"
import {
  CHECK_EXHAUSTIVE_BOUNDS,
  EXHAUSTIVE_MAX_DEPTH,
  EXHAUSTIVE_MODES,
  exhaustiveActions,
  exhaustiveScope,
  exhaustiveSetup,
  initialWorld,
  LIFECYCLE_MODES,
  lifecycleInvariants,
  type LifecycleObservation,
  settle,
  SETTLE_STEP_MS,
  SETTLE_TICKS,
  showWorldAction,
  type World,
  type WorldAction,
  worldAction,
  worldKey,
  type WorldSetup,
  worldSetup,
  worldStep
} from "../../../spec/lifecycle/index.js"
import type { Check } from "./Check.js"
import { exhaustiveCheck } from "./exhaustive.js"
import { modelCheck } from "./modelRun.js"

const MAX_COMMANDS = 60
/** A lifecycle run ticks a whole world many times per command: a tenth of the budget's runs, at least one per mode. */
const RUNS_DIVISOR = 10

/** A compaction mode, then a random cluster in it. */
const setup: fc.Arbitrary<WorldSetup> = fc.constantFrom(...LIFECYCLE_MODES).chain(worldSetup)

const modelBased = modelCheck<WorldSetup, World, WorldAction, LifecycleObservation>({
  name: "lifecycle model-based",
  core: "lifecycle",
  scope: `then ≤ ${SETTLE_TICKS} settling ticks, compaction ${LIFECYCLE_MODES.join(" / ")}`,
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
  runsFor: (runs) => Math.max(LIFECYCLE_MODES.length, Math.ceil(runs / RUNS_DIVISOR))
})

const exhaustive = exhaustiveCheck<World, WorldAction, LifecycleObservation>({
  name: "lifecycle exhaustive",
  core: "lifecycle",
  scope: exhaustiveScope(CHECK_EXHAUSTIVE_BOUNDS, EXHAUSTIVE_MODES),
  initials: EXHAUSTIVE_MODES.map((mode) => initialWorld(exhaustiveSetup(mode))),
  actions: exhaustiveActions(CHECK_EXHAUSTIVE_BOUNDS),
  step: (w, a) => worldStep(w, a),
  key: worldKey,
  observe: (w) => w.observation,
  invariants: lifecycleInvariants,
  maxDepth: EXHAUSTIVE_MAX_DEPTH,
  show: showWorldAction
})

/**
 * The replica lifecycle's checks.
 *
 * @since 0.1.0
 */
export const lifecycleChecks: ReadonlyArray<Check> = [modelBased, exhaustive]
