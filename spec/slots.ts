/**
 * The slot reservation core's specification: a reference model (counters, a
 * FIFO array, a set of live tokens), the operations as data, a lockstep runner,
 * a ledger of permits and tokens kept from the core's own answers, and the
 * `S*` invariants checked after every operation.
 */
import { Slots } from "../src/index.js"
import { deepFreeze } from "./freeze.js"
import { coreAnswer, modelAnswer, type Outcome, Refused, showOperation } from "./lockstep.js"
import type { Invariant } from "./registry.js"

type SlotState = Slots.SlotState

/** One slot operation with its arguments (ids are plain strings). */
export type SlotOp =
  | { readonly kind: "reserve"; readonly token: string }
  | { readonly kind: "release"; readonly token: string }
  | { readonly kind: "start"; readonly requestId: string; readonly token?: string; readonly reject?: boolean }
  | { readonly kind: "finish"; readonly requestId: string }
  | { readonly kind: "cancel"; readonly requestId: string }
  | { readonly kind: "resize"; readonly capacity: number }
  | { readonly kind: "quiesce" }

export const SLOT_OP_KINDS: ReadonlyArray<SlotOp["kind"]> = [
  "reserve",
  "release",
  "start",
  "finish",
  "cancel",
  "resize",
  "quiesce"
]

export const showSlotOp = (op: SlotOp): string => showOperation(op)

/** An answer: the result without its state, or a refusal with an error tag. */
export type SlotOutcome = Outcome<Readonly<Record<string, unknown>>>

// ---------------------------------------------------------------------------
// Reference model.
// ---------------------------------------------------------------------------

/** The model: plain arrays, linear scans. */
export interface SlotModel {
  readonly capacity: number
  readonly running: ReadonlyArray<string>
  readonly reserved: ReadonlyArray<string>
  readonly queue: ReadonlyArray<string>
  readonly quiescing: boolean
}

export const slotModel = (capacity: number): SlotModel => ({
  capacity,
  running: [],
  reserved: [],
  queue: [],
  quiescing: false
})

const inUse = (m: SlotModel) => m.running.length + m.reserved.length

/** Grants permits to the head of the queue while any is free. */
const grant = (m: SlotModel): [SlotModel, Array<string>] => {
  const running = [...m.running]
  const queue = [...m.queue]
  const granted: Array<string> = []
  while (queue.length > 0 && running.length + m.reserved.length < m.capacity) {
    const head = queue.shift() as string
    running.push(head)
    granted.push(head)
  }
  return [{ ...m, running, queue }, granted]
}

const modelStep = (m: SlotModel, op: SlotOp): readonly [Readonly<Record<string, unknown>>, SlotModel] => {
  const admits = !m.quiescing && m.queue.length === 0 && inUse(m) < m.capacity
  switch (op.kind) {
    case "reserve": {
      if (m.reserved.includes(op.token)) throw new Refused("DuplicateSlotToken")
      if (!admits) return [{ accepted: false, numOngoing: inUse(m) }, m]
      const next = { ...m, reserved: [...m.reserved, op.token] }
      return [{ accepted: true, numOngoing: inUse(next) }, next]
    }
    case "release": {
      if (!m.reserved.includes(op.token)) return [{ released: false, numOngoing: inUse(m), granted: [] }, m]
      const [next, granted] = grant({ ...m, reserved: m.reserved.filter((t) => t !== op.token) })
      return [{ released: true, numOngoing: inUse(next), granted }, next]
    }
    case "start": {
      if (m.running.includes(op.requestId) || m.queue.includes(op.requestId)) throw new Refused("DuplicateRequest")
      if (op.token !== undefined) {
        if (!m.reserved.includes(op.token)) throw new Refused("UnknownSlotToken")
        const next = {
          ...m,
          reserved: m.reserved.filter((t) => t !== op.token),
          running: [...m.running, op.requestId]
        }
        return [{ outcome: "started", accepted: true, numOngoing: inUse(next) }, next]
      }
      if (admits) {
        const next = { ...m, running: [...m.running, op.requestId] }
        return [{ outcome: "started", accepted: true, numOngoing: inUse(next) }, next]
      }
      if (op.reject === true || m.quiescing) return [{ outcome: "rejected", accepted: false, numOngoing: inUse(m) }, m]
      const next = { ...m, queue: [...m.queue, op.requestId] }
      return [{ outcome: "queued", accepted: false, numOngoing: inUse(next) }, next]
    }
    case "finish": {
      if (!m.running.includes(op.requestId)) throw new Refused("RequestNotRunning")
      const [next, granted] = grant({ ...m, running: m.running.filter((r) => r !== op.requestId) })
      return [{ numOngoing: inUse(next), granted }, next]
    }
    case "cancel": {
      if (!m.queue.includes(op.requestId)) return [{ cancelled: false }, m]
      return [{ cancelled: true }, { ...m, queue: m.queue.filter((r) => r !== op.requestId) }]
    }
    case "resize": {
      if (!Number.isSafeInteger(op.capacity) || op.capacity < 1) throw new Refused("InvalidCapacity")
      const [next, granted] = grant({ ...m, capacity: op.capacity })
      return [{ numOngoing: inUse(next), granted }, next]
    }
    case "quiesce":
      return [{}, { ...m, quiescing: true }]
  }
}

/** Applies one operation to the model. */
export const applyToSlotModel = (m: SlotModel, op: SlotOp): readonly [SlotOutcome, SlotModel] =>
  modelAnswer(m, () => modelStep(m, op))

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

/** Permits granted and returned, live tokens, and waiting requests in arrival order, as the answers tell. */
export interface Ledger {
  readonly granted: number
  readonly returned: number
  readonly liveTokens: ReadonlyArray<string>
  readonly waiting: ReadonlyArray<string>
  /** Events that broke a rule, with the rule's id; empty when every answer was lawful. */
  readonly breaches: ReadonlyArray<string>
}

export const emptyLedger: Ledger = { granted: 0, returned: 0, liveTokens: [], waiting: [], breaches: [] }

const grantedIds = (value: Readonly<Record<string, unknown>>): ReadonlyArray<string> =>
  (value["granted"] as ReadonlyArray<string> | undefined) ?? []

/** Reads one answer of the core into the ledger. */
export const record = (ledger: Ledger, op: SlotOp, outcome: SlotOutcome): Ledger => {
  if (!outcome.ok) return ledger
  const v = outcome.value
  let { granted, returned, liveTokens, waiting } = ledger
  const breaches = [...ledger.breaches]
  const handOver = (ids: ReadonlyArray<string>) => {
    for (const id of ids) {
      if (waiting[0] !== id) breaches.push(`S4: ${id} was granted ahead of ${waiting[0] ?? "nobody"}`)
      waiting = waiting.filter((w) => w !== id)
      granted++
    }
  }
  const admitNew = () => {
    if (waiting.length > 0) breaches.push(`S4: ${showSlotOp(op)} admitted while ${waiting[0]} waits`)
    granted++
  }
  switch (op.kind) {
    case "reserve":
      if (v["accepted"] === true) {
        admitNew()
        liveTokens = [...liveTokens, op.token]
      }
      break
    case "release":
      if (v["released"] === true) {
        if (!liveTokens.includes(op.token)) breaches.push(`S3: ${op.token} released without a live reservation`)
        liveTokens = liveTokens.filter((t) => t !== op.token)
        returned++
      }
      handOver(grantedIds(v))
      break
    case "start":
      if (v["outcome"] === "started" && op.token !== undefined) {
        if (!liveTokens.includes(op.token)) breaches.push(`S3: ${op.token} consumed without a live reservation`)
        liveTokens = liveTokens.filter((t) => t !== op.token)
      } else if (v["outcome"] === "started") {
        admitNew()
      } else if (v["outcome"] === "queued") {
        waiting = [...waiting, op.requestId]
      }
      break
    case "finish":
      returned++
      handOver(grantedIds(v))
      break
    case "cancel":
      if (v["cancelled"] === true) waiting = waiting.filter((w) => w !== op.requestId)
      break
    case "resize":
      handOver(grantedIds(v))
      break
    case "quiesce":
      break
  }
  return { granted, returned, liveTokens, waiting, breaches }
}

// ---------------------------------------------------------------------------
// Lockstep.
// ---------------------------------------------------------------------------

/** What the `S*` invariants see after each operation. */
export interface SlotObservation {
  readonly core: SlotState
  readonly model: SlotModel
  readonly ledger: Ledger
  /** The ids whose status the invariants compare (the pools the checks draw from). */
  readonly tokens: ReadonlyArray<string>
  readonly requests: ReadonlyArray<string>
  readonly last?: {
    readonly op: SlotOp
    readonly coreOutcome: SlotOutcome
    readonly modelOutcome: SlotOutcome
    readonly inputIntact: boolean
  }
}

export const initialSlotObservation = (
  capacity: number,
  tokens: ReadonlyArray<string>,
  requests: ReadonlyArray<string>
): SlotObservation => ({ core: Slots.make(capacity), model: slotModel(capacity), ledger: emptyLedger, tokens, requests })

/** Everything a caller can observe of a state, over the pools. */
const view = (s: SlotState, tokens: ReadonlyArray<string>, requests: ReadonlyArray<string>) => ({
  capacity: Slots.capacity(s),
  numOngoing: Slots.numOngoing(s),
  numQueued: Slots.numQueued(s),
  canAccept: Slots.canAccept(s),
  isDrained: Slots.isDrained(s),
  reserved: tokens.filter((t) => Slots.isReserved(s, Slots.SlotToken(t))),
  running: requests.filter((r) => Slots.isRunning(s, Slots.RequestId(r))),
  queued: requests.filter((r) => Slots.isQueued(s, Slots.RequestId(r)))
})

const modelView = (m: SlotModel, tokens: ReadonlyArray<string>, requests: ReadonlyArray<string>) => ({
  capacity: m.capacity,
  numOngoing: inUse(m),
  numQueued: m.queue.length,
  canAccept: !m.quiescing && m.queue.length === 0 && inUse(m) < m.capacity,
  isDrained: inUse(m) === 0 && m.queue.length === 0,
  reserved: tokens.filter((t) => m.reserved.includes(t)),
  running: requests.filter((r) => m.running.includes(r)),
  queued: requests.filter((r) => m.queue.includes(r))
})

/** Applies `op` to the core (its input deep-frozen), the model and the ledger. */
export const slotStep = (o: SlotObservation, op: SlotOp): SlotObservation => {
  const input = deepFreeze(o.core)
  const before = JSON.stringify(view(input, o.tokens, o.requests))
  const [coreOutcome, core] = applyToSlotCore(input, op)
  const [modelOutcome, model] = applyToSlotModel(o.model, op)
  const inputIntact = before === JSON.stringify(view(input, o.tokens, o.requests))
  return {
    ...o,
    core,
    model,
    ledger: record(o.ledger, op, coreOutcome),
    last: { op, coreOutcome, modelOutcome, inputIntact }
  }
}

/**
 * A key for the explorer: model, core view and ledger, with the sets that
 * have no order sorted, and the ledger's counters only through their
 * difference, which is what S2 constrains.
 */
export const slotKey = (o: SlotObservation): string =>
  JSON.stringify([
    { ...o.model, running: [...o.model.running].sort(), reserved: [...o.model.reserved].sort() },
    view(o.core, o.tokens, o.requests),
    [...o.ledger.liveTokens].sort(),
    o.ledger.waiting,
    o.ledger.granted - o.ledger.returned,
    o.ledger.breaches.length
  ])

const sameJson = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b)

/** Whether this answer handed out at least one permit. */
const grantedPermit = (op: SlotOp, outcome: SlotOutcome): boolean =>
  outcome.ok &&
  ((op.kind === "reserve" && outcome.value["accepted"] === true) ||
    (op.kind === "start" && op.token === undefined && outcome.value["outcome"] === "started") ||
    grantedIds(outcome.value).length > 0)

const SLOT_ERROR_TAGS = ["InvalidCapacity", "DuplicateSlotToken", "UnknownSlotToken", "DuplicateRequest", "RequestNotRunning"]

// ---------------------------------------------------------------------------
// The invariants.
// ---------------------------------------------------------------------------

/** The `S*` invariants of slot reservation. */
export const slotInvariants: ReadonlyArray<Invariant<SlotObservation>> = [
  {
    id: "S1",
    core: "slots",
    title: "capacity is never exceeded by a grant",
    statement: "Whenever a permit is granted (an accepted reservation, a start without a token, or a hand-over " +
      "to a waiting request), running + reserved ≤ `max_ongoing_requests` afterwards.",
    checkedBy: ["model", "exhaustive", "unit"],
    holds: ({ core, last }) =>
      last === undefined || !grantedPermit(last.op, last.coreOutcome) || Slots.numOngoing(core) <= Slots.capacity(core)
  },
  {
    id: "S2",
    core: "slots",
    title: "one acquire per release (conservation)",
    statement: "Permits granted − permits returned = running + reserved (`numOngoing`) after every operation, " +
      "counting grants and returns from the core's own answers.",
    checkedBy: ["model", "exhaustive"],
    holds: ({ core, ledger }) => ledger.granted - ledger.returned === Slots.numOngoing(core)
  },
  {
    id: "S3",
    core: "slots",
    title: "a token is used at most once",
    statement: "Each reservation token is consumed (by `start`) or released at most once, and only while it " +
      "holds a live reservation: no double dispatch; an unknown or replayed token changes nothing.",
    checkedBy: ["model", "exhaustive", "race", "unit"],
    holds: ({ ledger }) => !ledger.breaches.some((b) => b.startsWith("S3"))
  },
  {
    id: "S4",
    core: "slots",
    title: "first come, first served",
    statement: "Queued requests are granted permits in arrival order, and nothing is admitted (no reservation, " +
      "no start without a token) while a request waits.",
    checkedBy: ["model", "exhaustive", "unit"],
    holds: ({ ledger }) => !ledger.breaches.some((b) => b.startsWith("S4"))
  },
  {
    id: "S5",
    core: "slots",
    title: "drained means nothing held",
    statement: "When every request has finished or left the queue and every token is consumed or released, " +
      "`numOngoing` is 0 and the state is drained; a drained state holds nothing.",
    checkedBy: ["model", "exhaustive", "race"],
    holds: ({ core, model }) => {
      const nothingHeld = model.running.length === 0 && model.reserved.length === 0 && model.queue.length === 0
      return nothingHeld === Slots.isDrained(core) && (!nothingHeld || Slots.numOngoing(core) === 0)
    }
  },
  {
    id: "S6",
    core: "slots",
    title: "agrees with the reference model",
    statement: "Every operation answers what the reference model answers (or is refused with the same error), " +
      "and afterwards every query — `numOngoing`, `numQueued`, `canAccept`, `isDrained`, which tokens are " +
      "reserved, which requests run or wait — agrees with the model.",
    checkedBy: ["model", "exhaustive", "unit"],
    holds: ({ core, model, tokens, requests, last }) =>
      sameJson(view(core, tokens, requests), modelView(model, tokens, requests)) &&
      (last === undefined ||
        (last.coreOutcome.ok && last.modelOutcome.ok
          ? sameJson(last.coreOutcome.value, last.modelOutcome.value)
          : !last.coreOutcome.ok && !last.modelOutcome.ok && last.coreOutcome.tag === last.modelOutcome.tag))
  },
  {
    id: "S7",
    core: "slots",
    title: "an error changes nothing",
    statement: "A refused operation throws one of the slot core's tagged errors (message prefixed " +
      "`replicore/slots.<operation>:`) and leaves the state as it was; no operation changes its input.",
    checkedBy: ["model", "exhaustive", "unit"],
    holds: ({ last }) =>
      last === undefined ||
      (last.inputIntact &&
        (last.coreOutcome.ok ||
          (SLOT_ERROR_TAGS.includes(last.coreOutcome.tag) &&
            last.coreOutcome.message.startsWith(`replicore/slots.${last.op.kind}:`))))
  }
]
