/**
 * The replica container's checks: model-based (random operations in
 * lockstep with the reference model of `spec/container`) and exhaustive
 * (every sequence over 4 ids, 2 versions and 6 states, to a fixpoint).
 * The scopes are `spec/container/scope.ts`, as in `properties/container*.test.ts`.
 *
 * @since 0.1.0
 */
import fc from "fast-check"
import {
  canonicalKey,
  type ContainerObservation,
  type ContainerOp,
  containerInvariants,
  containerOp,
  EXHAUSTIVE_IDS,
  EXHAUSTIVE_MAX_DEPTH,
  EXHAUSTIVE_VERSIONS,
  exhaustiveActions,
  initialObservation,
  MODEL_IDS,
  MODEL_VERSIONS,
  showOp,
  step
} from "../../../spec/container.js"
import type { Check } from "./Check.js"
import { exhaustiveCheck } from "./exhaustive.js"
import { modelCheck } from "./modelRun.js"

const MAX_COMMANDS = 60

const modelBased = modelCheck<undefined, ContainerObservation, ContainerOp, ContainerObservation>({
  name: "container model-based",
  core: "container",
  scope: `${MODEL_IDS.length} ids, ${MODEL_VERSIONS.length} versions`,
  setup: fc.constant(undefined),
  start: initialObservation,
  op: containerOp,
  maxCommands: MAX_COMMANDS,
  step,
  observe: (o) => o,
  invariants: containerInvariants,
  show: showOp,
  key: (o) => JSON.stringify(o.model),
  checkStart: false,
  runsFor: (runs) => runs
})

const exhaustive = exhaustiveCheck<ContainerObservation, ContainerOp, ContainerObservation>({
  name: "container exhaustive",
  core: "container",
  scope: `${EXHAUSTIVE_IDS.length} ids, ${EXHAUSTIVE_VERSIONS.length} versions, 6 states, ${exhaustiveActions.length} actions per state, depth ≤ ${EXHAUSTIVE_MAX_DEPTH}`,
  initials: [initialObservation()],
  actions: () => exhaustiveActions,
  step,
  key: canonicalKey,
  observe: (o) => o,
  invariants: containerInvariants,
  maxDepth: EXHAUSTIVE_MAX_DEPTH,
  show: showOp
})

/**
 * The container's checks.
 *
 * @since 0.1.0
 */
export const containerChecks: ReadonlyArray<Check> = [modelBased, exhaustive]
