/**
 * The slot reservation core's invariants (`S*`), first and on their own: each
 * an id, a statement in words and the predicate that decides it on a
 * {@link SlotObservation} (the core, the reference model, the ledger kept
 * from the core's own answers, and the last operation's answers). The model
 * is in `./model.ts`, the runner that builds observations in `./harness.ts`.
 */
import { Slots } from "../../src/index.js"
import { namesAnArgument } from "../lockstep.js"
import type { Invariant } from "../registry.js"
import { admits, inUse, type SlotModel, type SlotOp, type SlotOutcome } from "./model.js"

/** The `S*` invariants of slot reservation. */
export const slotInvariants: ReadonlyArray<Invariant<SlotObservation<unknown>>> = [
  {
    id: "S1",
    core: "slots",
    title: "capacity is never exceeded by a grant",
    statement: "Whenever an answer grants a permit (an accepted reservation, a start without a token, or a " +
      "hand-over to a waiting request), running + reserved (`numOngoing`) ≤ `max_ongoing_requests` afterwards.",
    checkedBy: ["model", "exhaustive", "unit"],
    holds: (o) =>
      o.last === undefined || !grantsPermit(o.last.op, o.last.coreOutcome) || figures(o).numOngoing <= figures(o).capacity
  },
  {
    id: "S2",
    core: "slots",
    title: "one acquire per release (conservation)",
    statement: "Permits granted − permits returned = running + reserved (`numOngoing`) after every operation, " +
      "counting from the core's own answers: a grant for every accepted reservation, start without a token " +
      "that answers `started`, and request handed a permit (`granted`); a return for every `release` that " +
      "answers `released: true` and every `finish` that is not refused.",
    checkedBy: ["model", "exhaustive"],
    holds: (o) => o.ledger.granted - o.ledger.returned === figures(o).numOngoing
  },
  {
    id: "S3",
    core: "slots",
    title: "a token is used at most once",
    statement: "A token is consumed or released at most once, and only while it holds a live reservation: " +
      "whenever the core answers that a `start` consumed a token (`started`) or that a `release` released one, " +
      "the ledger held that token live just before (accepted by `reserve`, not yet consumed or released); and a " +
      "`start` or `release` naming a token the ledger does not hold live leaves every query of the state " +
      "(`numOngoing`, `numQueued`, `canAccept`, `isDrained`, reserved tokens, running and queued requests) as it was.",
    checkedBy: ["model", "exhaustive", "race", "unit"],
    holds: (o) => {
      const last = o.last
      if (last === undefined) return true
      const used = tokenUsed(last.op, last.coreOutcome)
      const named = tokenNamed(last.op)
      const live = last.ledgerBefore.liveTokens
      return (used === undefined || live.includes(used)) &&
        (named === undefined || live.includes(named) || sameJson(viewOf(o), last.viewBefore))
    }
  },
  {
    id: "S4",
    core: "slots",
    title: "first come, first served",
    statement: "Queued requests are granted permits in arrival order, and nothing is admitted while a request " +
      "waits: the requests an answer hands a permit to (`granted`) are, in order, the first ones of the ledger's " +
      "waiting line just before (requests answered `queued`, not yet granted or cancelled); and an accepted " +
      "`reserve`, or a `start` without a token that answers `started`, happens only when that line is empty.",
    checkedBy: ["model", "exhaustive", "unit"],
    holds: ({ last }) => {
      if (last === undefined) return true
      const waiting = last.ledgerBefore.waiting
      const handedOver = grantedIds(last.coreOutcome)
      return sameJson(handedOver, waiting.slice(0, handedOver.length)) &&
        (!admitsNewcomer(last.op, last.coreOutcome) || waiting.length === 0)
    }
  },
  {
    id: "S5",
    core: "slots",
    title: "drained means nothing held",
    statement: "When the reference model holds nothing (every request finished or left the queue, every token " +
      "consumed or released), `numOngoing` is 0 and `isDrained` is true; while it holds anything, `isDrained` is false.",
    checkedBy: ["model", "exhaustive", "race"],
    holds: (o) => {
      const { model } = o
      const nothingHeld = model.running.length === 0 && model.reserved.length === 0 && model.queue.length === 0
      return nothingHeld === figures(o).isDrained && (!nothingHeld || figures(o).numOngoing === 0)
    }
  },
  {
    id: "S6",
    core: "slots",
    title: "agrees with the reference model",
    statement: "Every operation answers what the reference model answers (or is refused with the same error tag), " +
      "and afterwards every query — `capacity`, `numOngoing`, `numQueued`, `canAccept`, `isDrained`, which " +
      "tokens are reserved, which requests run or wait — agrees with the model.",
    checkedBy: ["model", "exhaustive", "unit"],
    holds: (o) =>
      sameJson(viewOf(o), modelView(o.model, o.tokens, o.requests)) &&
      (o.last === undefined ||
        (o.last.coreOutcome.ok && o.last.modelOutcome.ok
          ? sameJson(o.last.coreOutcome.value, o.last.modelOutcome.value)
          : !o.last.coreOutcome.ok && !o.last.modelOutcome.ok && o.last.coreOutcome.tag === o.last.modelOutcome.tag))
  },
  {
    id: "S7",
    core: "slots",
    title: "an error changes nothing",
    statement: "A refused operation throws one of the slot core's tagged errors, its message prefixed " +
      "`replicore/slots.<operation>:` and naming one of the operation's arguments; and every operation, refused " +
      "or not, leaves its input state (deep-frozen) answering every query as before.",
    checkedBy: ["model", "exhaustive", "unit"],
    holds: ({ last }) =>
      last === undefined ||
      (last.inputIntact &&
        (last.coreOutcome.ok ||
          (SLOT_ERROR_TAGS.includes(last.coreOutcome.tag) &&
            last.coreOutcome.message.startsWith(`replicore/slots.${last.op.kind}:`) &&
            namesAnArgument(last.coreOutcome.message, last.op))))
  }
]

// ---------------------------------------------------------------------------
// What the predicates read.
// ---------------------------------------------------------------------------

/**
 * What the core's own answers say happened to permits and tokens: permits
 * granted and returned, the live tokens, and the waiting requests in arrival order.
 */
export interface Ledger {
  readonly granted: number
  readonly returned: number
  readonly liveTokens: ReadonlyArray<string>
  readonly waiting: ReadonlyArray<string>
}

/** Everything a caller can observe of a state, over the pools of ids. */
export interface SlotView {
  readonly capacity: number
  readonly numOngoing: number
  readonly numQueued: number
  readonly canAccept: boolean
  readonly isDrained: boolean
  readonly reserved: ReadonlyArray<string>
  readonly running: ReadonlyArray<string>
  readonly queued: ReadonlyArray<string>
}

/**
 * What the `S*` invariants see after each operation: the implementation (the
 * package's slot state by default) and its view over the pools, read through
 * its queries, so that the invariants judge any implementation the harness
 * can query; the model; the ledger; the last operation's answers.
 */
export interface SlotObservation<S = Slots.SlotState> {
  readonly core: S
  /** Set by the harness; left out, it is read from `core`, the package's slot state. */
  readonly coreView?: SlotView
  readonly model: SlotModel
  /** The ledger after every answer so far. */
  readonly ledger: Ledger
  /** The ids whose status the invariants compare (the pools the checks draw from). */
  readonly tokens: ReadonlyArray<string>
  readonly requests: ReadonlyArray<string>
  readonly last?: {
    readonly op: SlotOp
    readonly coreOutcome: SlotOutcome
    readonly modelOutcome: SlotOutcome
    /** The ledger just before the operation. */
    readonly ledgerBefore: Ledger
    /** The core's view just before the operation. */
    readonly viewBefore: SlotView
    /** The input state still answers every query as it did before the operation. */
    readonly inputIntact: boolean
  }
}

/**
 * The view an observation carries, or, for one built from the package's own
 * slot state alone, the view read from that state.
 */
export const viewOf = (o: SlotObservation<unknown>): SlotView => o.coreView ?? view(o.core as Slots.SlotState, o.tokens, o.requests)

/**
 * The figures S1, S2 and S5 read: from the view, or, for an observation built
 * from the package's own slot state alone (the simulator's live checks pass
 * `{ core, ledger }`, without the pools of ids), from that state.
 */
const figures = (o: SlotObservation<unknown>): Pick<SlotView, "capacity" | "numOngoing" | "isDrained"> => {
  if (o.coreView !== undefined) return o.coreView
  const core = o.core as Slots.SlotState
  return { capacity: Slots.capacity(core), numOngoing: Slots.numOngoing(core), isDrained: Slots.isDrained(core) }
}

/** The core's view over the pools. */
export const view = (s: Slots.SlotState, tokens: ReadonlyArray<string>, requests: ReadonlyArray<string>): SlotView => ({
  capacity: Slots.capacity(s),
  numOngoing: Slots.numOngoing(s),
  numQueued: Slots.numQueued(s),
  canAccept: Slots.canAccept(s),
  isDrained: Slots.isDrained(s),
  reserved: tokens.filter((t) => Slots.isReserved(s, Slots.SlotToken(t))),
  running: requests.filter((r) => Slots.isRunning(s, Slots.RequestId(r))),
  queued: requests.filter((r) => Slots.isQueued(s, Slots.RequestId(r)))
})

/** The model's view over the pools, field for field as the core's. */
const modelView = (m: SlotModel, tokens: ReadonlyArray<string>, requests: ReadonlyArray<string>): SlotView => ({
  capacity: m.capacity,
  numOngoing: inUse(m),
  numQueued: m.queue.length,
  canAccept: admits(m),
  isDrained: inUse(m) === 0 && m.queue.length === 0,
  reserved: tokens.filter((t) => m.reserved.includes(t)),
  running: requests.filter((r) => m.running.includes(r)),
  queued: requests.filter((r) => m.queue.includes(r))
})

/** JSON with every object's keys sorted: answers compare by content, whatever order an implementation writes its fields in. */
const canonicalJson = (value: unknown): string =>
  JSON.stringify(value, (_, v: unknown) =>
    typeof v === "object" && v !== null && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v)

export const sameJson = (a: unknown, b: unknown): boolean => canonicalJson(a) === canonicalJson(b)

/** The requests an answer handed a permit to. */
export const grantedIds = (outcome: SlotOutcome): ReadonlyArray<string> =>
  outcome.ok ? (outcome.value["granted"] as ReadonlyArray<string> | undefined) ?? [] : []

/** Whether the answer admitted a newcomer: an accepted reservation or a start without a token that started. */
export const admitsNewcomer = (op: SlotOp, outcome: SlotOutcome): boolean =>
  outcome.ok &&
  ((op.kind === "reserve" && outcome.value["accepted"] === true) ||
    (op.kind === "start" && op.token === undefined && outcome.value["outcome"] === "started"))

/** Whether this answer handed out at least one permit. */
const grantsPermit = (op: SlotOp, outcome: SlotOutcome): boolean =>
  admitsNewcomer(op, outcome) || grantedIds(outcome).length > 0

/** The token the answer says was consumed (`start` that started with it) or released (`released: true`). */
export const tokenUsed = (op: SlotOp, outcome: SlotOutcome): string | undefined =>
  !outcome.ok
    ? undefined
    : op.kind === "release" && outcome.value["released"] === true
    ? op.token
    : op.kind === "start" && op.token !== undefined && outcome.value["outcome"] === "started"
    ? op.token
    : undefined

/** The token a `release` or a `start` names, if any. */
const tokenNamed = (op: SlotOp): string | undefined =>
  op.kind === "release" || op.kind === "start" ? op.token : undefined

const SLOT_ERROR_TAGS: ReadonlyArray<string> = [
  "InvalidCapacity",
  "DuplicateSlotToken",
  "UnknownSlotToken",
  "DuplicateRequest",
  "RequestNotRunning"
]
