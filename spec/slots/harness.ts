/**
 * The slot reservation core's harness: the core driven by the model's
 * operations, the ledger read from the core's answers, a lockstep step that
 * applies one operation to core (its input deep-frozen), model and ledger and
 * builds the observation the `S*` invariants read, and the explorer's key.
 */
import { Slots } from "../../src/index.js"
import { deepFreeze } from "../freeze.js"
import { coreAnswer } from "../lockstep.js"
import {
  admitsNewcomer,
  grantedIds,
  type Ledger,
  sameJson,
  type SlotObservation,
  type SlotView,
  tokenUsed,
  view,
  viewOf
} from "./invariants.js"
import { applyToSlotModel, type SlotOp, type SlotOutcome, slotModel } from "./model.js"

type SlotState = Slots.SlotState

// ---------------------------------------------------------------------------
// The core, driven by the same operations.
// ---------------------------------------------------------------------------

const withoutState = ({ state: _state, ...rest }: { readonly state: unknown }): Record<string, unknown> => rest

const coreStep = (s: SlotState, op: SlotOp): readonly [Readonly<Record<string, unknown>>, SlotState] => {
  const answer = (result: { readonly state: SlotState }) => [withoutState(result), result.state] as const
  switch (op.kind) {
    case "reserve":
      return answer(Slots.reserve(s, Slots.SlotToken(op.token)))
    case "release":
      return answer(Slots.release(s, Slots.SlotToken(op.token)))
    case "start":
      return answer(Slots.start(s, Slots.RequestId(op.requestId), {
        ...(op.token === undefined ? {} : { token: Slots.SlotToken(op.token) }),
        ...(op.reject === undefined ? {} : { reject: op.reject })
      }))
    case "finish":
      return answer(Slots.finish(s, Slots.RequestId(op.requestId)))
    case "cancel":
      return answer(Slots.cancel(s, Slots.RequestId(op.requestId)))
    case "resize":
      return answer(Slots.resize(s, op.capacity))
    case "quiesce":
      return answer(Slots.quiesce(s))
  }
}

/** Applies one operation to the core. */
export const applyToSlotCore = (s: SlotState, op: SlotOp): readonly [SlotOutcome, SlotState] =>
  coreAnswer(s, () => coreStep(s, op))

// ---------------------------------------------------------------------------
// The ledger: what the core's own answers say happened to permits and tokens.
// ---------------------------------------------------------------------------

export const emptyLedger: Ledger = { granted: 0, returned: 0, liveTokens: [], waiting: [] }

/** Reads one answer of the core into the ledger; a refusal changes nothing. */
export const record = (ledger: Ledger, op: SlotOp, outcome: SlotOutcome): Ledger => {
  if (!outcome.ok) return ledger
  const handedOver = grantedIds(outcome)
  const used = tokenUsed(op, outcome)
  const admitted = admitsNewcomer(op, outcome)
  const returned = (op.kind === "release" && used !== undefined) || op.kind === "finish" ? 1 : 0
  const queued = op.kind === "start" && outcome.value["outcome"] === "queued" ? [op.requestId] : []
  const cancelled = op.kind === "cancel" && outcome.value["cancelled"] === true ? [op.requestId] : []
  const accepted = op.kind === "reserve" && admitted ? [op.token] : []
  return {
    granted: ledger.granted + handedOver.length + (admitted ? 1 : 0),
    returned: ledger.returned + returned,
    liveTokens: [...ledger.liveTokens.filter((t) => t !== used), ...accepted],
    waiting: [...ledger.waiting.filter((w) => !handedOver.includes(w) && !cancelled.includes(w)), ...queued]
  }
}

// ---------------------------------------------------------------------------
// Lockstep.
// ---------------------------------------------------------------------------

/**
 * An implementation the lockstep runs: the package's slot state, or a
 * user's (the conformance kit of `replicore/testing` adapts one). A
 * persistent one gets its input deep-frozen and its view compared after each
 * operation (S7); a mutable one is given a `copy` to work on, so the state the
 * checks hold is never changed.
 */
export interface SlotImplementation<S> {
  readonly make: (capacity: number) => S
  readonly apply: (s: S, op: SlotOp) => readonly [SlotOutcome, S]
  readonly view: (s: S, tokens: ReadonlyArray<string>, requests: ReadonlyArray<string>) => SlotView
  readonly copy?: (s: S) => S
}

const slotCore: SlotImplementation<SlotState> = { make: Slots.make, apply: applyToSlotCore, view }

export const initialSlotObservationOf = <S>(
  impl: SlotImplementation<S>,
  capacity: number,
  tokens: ReadonlyArray<string>,
  requests: ReadonlyArray<string>
): SlotObservation<S> => {
  const core = impl.make(capacity)
  return { core, coreView: impl.view(core, tokens, requests), model: slotModel(capacity), ledger: emptyLedger, tokens, requests }
}

export const initialSlotObservation = (
  capacity: number,
  tokens: ReadonlyArray<string>,
  requests: ReadonlyArray<string>
): SlotObservation => initialSlotObservationOf(slotCore, capacity, tokens, requests)

/** Applies `op` to an implementation (its input deep-frozen, or a copy for a mutable one), the model and the ledger. */
export const slotStepOf = <S>(impl: SlotImplementation<S>) => (o: SlotObservation<S>, op: SlotOp): SlotObservation<S> => {
  const viewBefore = o.coreView ?? impl.view(o.core, o.tokens, o.requests)
  const [modelOutcome, model] = applyToSlotModel(o.model, op)
  let coreOutcome: SlotOutcome
  let core: S
  let inputIntact = true
  if (impl.copy !== undefined) {
    // A mutable implementation works on a copy: the state the checks hold is intact by construction.
    ;[coreOutcome, core] = impl.apply(impl.copy(o.core), op)
  } else {
    const input = deepFreeze(o.core)
    ;[coreOutcome, core] = impl.apply(input, op)
    inputIntact = sameJson(viewBefore, impl.view(input, o.tokens, o.requests))
  }
  return {
    ...o,
    core,
    coreView: impl.view(core, o.tokens, o.requests),
    model,
    ledger: record(o.ledger, op, coreOutcome),
    last: { op, coreOutcome, modelOutcome, ledgerBefore: o.ledger, viewBefore, inputIntact }
  }
}

/** Applies `op` to the package's core (its input deep-frozen), the model and the ledger. */
export const slotStep = slotStepOf(slotCore)

/**
 * A key for the explorer: model, core view and ledger, with the sets that
 * have no order sorted, and the ledger's counters only through their
 * difference, which is what S2 constrains.
 */
export const slotKey = (o: SlotObservation<unknown>): string =>
  JSON.stringify([
    { ...o.model, running: [...o.model.running].sort(), reserved: [...o.model.reserved].sort() },
    viewOf(o),
    [...o.ledger.liveTokens].sort(),
    o.ledger.waiting,
    o.ledger.granted - o.ledger.returned
  ])
