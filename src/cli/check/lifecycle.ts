/**
 * The replica lifecycle's check: model-based (a random cluster in a random
 * compaction mode, random world actions, each one tick, then the world
 * settles), every `L*` invariant after every tick. The world, its clusters and
 * actions are `spec/lifecycle/scope.ts`, as in `properties/lifecycle.test.ts`. The lifecycle's exhaustive
 * exploration is left to the repository's CI: every tick replays the core
 * and the model, and its scope takes far longer than a user's check should.
 *
 * @since 0.1.0
 */
import fc from "fast-check"
import {
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

/**
 * The replica lifecycle's checks.
 *
 * @since 0.1.0
 */
export const lifecycleChecks: ReadonlyArray<Check> = [modelBased]
