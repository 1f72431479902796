/**
 * The slot reservation core's checks: model-based (random operations,
 * replays of consumed and released tokens included, in lockstep with the
 * reference model and the conservation ledger of `spec/slots`) and
 * exhaustive (capacities 1–3, 3 requests, 3 tokens, to a fixpoint). Both
 * scopes are `spec/slots/scope.ts`, as in `properties/slots.test.ts`.
 *
 * @since 0.1.0
 */
import fc from "fast-check"
import {
  EXHAUSTIVE_CAPACITIES,
  EXHAUSTIVE_MAX_DEPTH,
  EXHAUSTIVE_REQUESTS,
  EXHAUSTIVE_TOKENS,
  exhaustiveSlotActions,
  initialSlotObservation,
  MODEL_REQUESTS,
  MODEL_TOKENS,
  showSlotOp,
  type SlotObservation,
  type SlotOp,
  slotInvariants,
  slotKey,
  slotOp,
  slotStep
} from "../../../spec/slots.js"
import type { Check } from "./Check.js"
import { exhaustiveCheck } from "./exhaustive.js"
import { modelCheck } from "./modelRun.js"

const TOKENS = MODEL_TOKENS
const REQUESTS = MODEL_REQUESTS
const MAX_COMMANDS = 60

const modelBased = modelCheck<number, SlotObservation, SlotOp, SlotObservation>({
  name: "slots model-based",
  core: "slots",
  scope: `capacity 1–3, ${TOKENS.length} tokens, ${REQUESTS.length} requests`,
  setup: fc.integer({ min: 1, max: 3 }),
  start: (capacity) => initialSlotObservation(capacity, TOKENS, REQUESTS),
  op: slotOp,
  maxCommands: MAX_COMMANDS,
  step: slotStep,
  observe: (o) => o,
  invariants: slotInvariants,
  show: showSlotOp,
  key: (o) => JSON.stringify(o.model),
  checkStart: false,
  runsFor: (runs) => runs
})

const exhaustive = exhaustiveCheck<SlotObservation, SlotOp, SlotObservation>({
  name: "slots exhaustive",
  core: "slots",
  scope: `capacity 1–3, ${EXHAUSTIVE_REQUESTS.length} requests, ${EXHAUSTIVE_TOKENS.length} tokens, ${exhaustiveSlotActions.length} actions per state, depth ≤ ${EXHAUSTIVE_MAX_DEPTH}`,
  initials: EXHAUSTIVE_CAPACITIES.map((c) => initialSlotObservation(c, EXHAUSTIVE_TOKENS, EXHAUSTIVE_REQUESTS)),
  actions: () => exhaustiveSlotActions,
  step: slotStep,
  key: slotKey,
  observe: (o) => o,
  invariants: slotInvariants,
  maxDepth: EXHAUSTIVE_MAX_DEPTH,
  show: showSlotOp
})

/**
 * The slot reservation core's checks.
 *
 * @since 0.1.0
 */
export const slotChecks: ReadonlyArray<Check> = [modelBased, exhaustive]
