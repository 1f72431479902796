/**
 * The scope the slot core is checked over in model-based runs, shared by
 * `properties/slots.test.ts` and `replicore check`: the tokens and request
 * ids, and the operations a run draws (replays of consumed and released
 * tokens come from the small pools).
 */
import fc from "fast-check"
import type { SlotOp } from "./model.js"

export const MODEL_TOKENS = ["t0", "t1", "t2", "t3", "t4"]
export const MODEL_REQUESTS = ["q0", "q1", "q2", "q3", "q4", "q5"]

const token = fc.constantFrom(...MODEL_TOKENS)
const request = fc.constantFrom(...MODEL_REQUESTS)

/** One random slot operation: mostly valid capacities, now and then one that must be refused. */
export const slotOp: fc.Arbitrary<SlotOp> = fc.oneof(
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
      capacity: fc.oneof({ weight: 10, arbitrary: fc.integer({ min: 1, max: 4 }) }, {
        weight: 1,
        arbitrary: fc.constantFrom(0, -1, 1.5)
      })
    })
  },
  { weight: 1, arbitrary: fc.constant({ kind: "quiesce" as const }) }
)

export const EXHAUSTIVE_TOKENS = ["t0", "t1", "t2"]
export const EXHAUSTIVE_REQUESTS = ["q0", "q1", "q2"]
/** The exploration starts once from each capacity. */
export const EXHAUSTIVE_CAPACITIES = [1, 2, 3]
/** Deeper than any state needs: the scope is exhausted by the finite model, not by depth. */
export const EXHAUSTIVE_MAX_DEPTH = 30

/**
 * The same actions in every state: reserve, release, start with and without a
 * token (so replays of consumed and released tokens), with and without
 * rejection, finish, cancel, resize (0 is refused) and quiesce.
 */
export const exhaustiveSlotActions: ReadonlyArray<SlotOp> = [
  ...EXHAUSTIVE_TOKENS.map((token) => ({ kind: "reserve" as const, token })),
  ...EXHAUSTIVE_TOKENS.map((token) => ({ kind: "release" as const, token })),
  ...EXHAUSTIVE_REQUESTS.flatMap((requestId) =>
    [undefined, ...EXHAUSTIVE_TOKENS].flatMap((token) =>
      [false, true].map((reject) => ({ kind: "start" as const, requestId, reject, ...(token === undefined ? {} : { token }) }))
    )
  ),
  ...EXHAUSTIVE_REQUESTS.map((requestId) => ({ kind: "finish" as const, requestId })),
  ...EXHAUSTIVE_REQUESTS.map((requestId) => ({ kind: "cancel" as const, requestId })),
  ...[0, ...EXHAUSTIVE_CAPACITIES].map((capacity) => ({ kind: "resize" as const, capacity })),
  { kind: "quiesce" }
]
