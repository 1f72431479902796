/**
 * The slot reservation core's checks: model-based (random operations,
 * replays of consumed and released tokens included, in lockstep with the
 * reference model and the conservation ledger of `spec/slots`) and
 * exhaustive (capacities 1–3, 3 requests, 3 tokens, to a fixpoint). The
 * operations are those of `properties/slots*.test.ts`.
 *
 * @since 0.1.0
 */
import fc from "fast-check"
import {
  initialSlotObservation,
  showSlotOp,
  type SlotObservation,
  type SlotOp,
  slotInvariants,
  slotKey,
  slotStep
} from "../../../spec/slots.js"
import type { Check } from "./Check.js"
import { exhaustiveCheck } from "./exhaustive.js"
import { modelCheck } from "./modelRun.js"

const TOKENS = ["t0", "t1", "t2", "t3", "t4"]
const REQUESTS = ["q0", "q1", "q2", "q3", "q4", "q5"]
const MAX_COMMANDS = 60

const token = fc.constantFrom(...TOKENS)
const request = fc.constantFrom(...REQUESTS)

const op: fc.Arbitrary<SlotOp> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ kind: fc.constant("reserve" as const), token }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant("release" as const), token }) },
  {
    weight: 6,
    arbitrary: fc.record(
      { kind: fc.constant("start" as const), requestId: request, token, reject: fc.boolean() },
      { requiredKeys: ["kind", "requestId"] }
    ) as fc.Arbitrary<SlotOp>
  },
  { weight: 5, arbitrary: fc.record({ kind: fc.constant("finish" as const), requestId: request }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("cancel" as const), requestId: request }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant("resize" as const),
      capacity: fc.oneof({ weight: 10, arbitrary: fc.integer({ min: 1, max: 4 }) }, { weight: 1, arbitrary: fc.constantFrom(0, -1, 1.5) })
    })
  },
  { weight: 1, arbitrary: fc.constant({ kind: "quiesce" as const }) }
)

const modelBased = modelCheck<number, SlotObservation, SlotOp, SlotObservation>({
  name: "slots model-based",
  core: "slots",
  scope: `capacity 1–3, ${TOKENS.length} tokens, ${REQUESTS.length} requests`,
  setup: fc.integer({ min: 1, max: 3 }),
  start: (capacity) => initialSlotObservation(capacity, TOKENS, REQUESTS),
  op,
  maxCommands: MAX_COMMANDS,
  step: slotStep,
  observe: (o) => o,
  invariants: slotInvariants,
  show: showSlotOp,
  key: (o) => JSON.stringify(o.model),
  checkStart: false,
  runsFor: (runs) => runs
})

const EXHAUSTIVE_TOKENS = ["t0", "t1", "t2"]
const EXHAUSTIVE_REQUESTS = ["q0", "q1", "q2"]
const CAPACITIES = [1, 2, 3]
/** Deeper than any state needs: the scope is exhausted by the finite model, not by depth. */
const MAX_DEPTH = 30

const ACTIONS: ReadonlyArray<SlotOp> = [
  ...EXHAUSTIVE_TOKENS.map((t) => ({ kind: "reserve" as const, token: t })),
  ...EXHAUSTIVE_TOKENS.map((t) => ({ kind: "release" as const, token: t })),
  ...EXHAUSTIVE_REQUESTS.flatMap((requestId) =>
    [undefined, ...EXHAUSTIVE_TOKENS].flatMap((t) =>
      [false, true].map((reject) => ({ kind: "start" as const, requestId, reject, ...(t === undefined ? {} : { token: t }) }))
    )
  ),
  ...EXHAUSTIVE_REQUESTS.map((requestId) => ({ kind: "finish" as const, requestId })),
  ...EXHAUSTIVE_REQUESTS.map((requestId) => ({ kind: "cancel" as const, requestId })),
  ...[0, ...CAPACITIES].map((capacity) => ({ kind: "resize" as const, capacity })),
  { kind: "quiesce" }
]

const exhaustive = exhaustiveCheck<SlotObservation, SlotOp, SlotObservation>({
  name: "slots exhaustive",
  core: "slots",
  scope: `capacity 1–3, ${EXHAUSTIVE_REQUESTS.length} requests, ${EXHAUSTIVE_TOKENS.length} tokens, ${ACTIONS.length} actions per state, depth ≤ ${MAX_DEPTH}`,
  initials: CAPACITIES.map((c) => initialSlotObservation(c, EXHAUSTIVE_TOKENS, EXHAUSTIVE_REQUESTS)),
  actions: () => ACTIONS,
  step: slotStep,
  key: slotKey,
  observe: (o) => o,
  invariants: slotInvariants,
  maxDepth: MAX_DEPTH,
  show: showSlotOp
})

/**
 * The slot reservation core's checks.
 *
 * @since 0.1.0
 */
export const slotChecks: ReadonlyArray<Check> = [modelBased, exhaustive]
