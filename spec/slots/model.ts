/**
 * The slot reservation core's reference model: counters, a FIFO array and the
 * list of live tokens, with linear scans. Each operation is one guarded
 * action: the refusal its arguments call for (checked in the order the core
 * checks them), else its answer and the next model.
 */
import { type GuardedAction, type Outcome, runGuarded, showOperation } from "../lockstep.js"

/** One slot operation with its arguments (ids are plain strings). */
export type SlotOp =
  | { readonly kind: "reserve"; readonly token: string }
  | { readonly kind: "release"; readonly token: string }
  | { readonly kind: "start"; readonly requestId: string; readonly token?: string; readonly reject?: boolean }
  | { readonly kind: "finish"; readonly requestId: string }
  | { readonly kind: "cancel"; readonly requestId: string }
  | { readonly kind: "resize"; readonly capacity: number }
  | { readonly kind: "quiesce" }

/** Every kind of operation, for per-kind statistics. */
export const SLOT_OP_KINDS: ReadonlyArray<SlotOp["kind"]> = [
  "reserve",
  "release",
  "start",
  "finish",
  "cancel",
  "resize",
  "quiesce"
]

/** A readable rendering of an operation, used in counterexamples. */
export const showSlotOp = (op: SlotOp): string => showOperation(op)

/** An answer: the result without its state, or a refusal with an error tag. */
export type SlotOutcome = Outcome<Readonly<Record<string, unknown>>>

// ---------------------------------------------------------------------------
// The model's state.
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

/** Permits in use: running + reserved. */
export const inUse = (m: SlotModel): number => m.running.length + m.reserved.length

/** Whether a newcomer is admitted: a permit is free, nobody waits, not quiescing. */
export const admits = (m: SlotModel): boolean => !m.quiescing && m.queue.length === 0 && inUse(m) < m.capacity

/** Grants permits to the head of the queue while any is free. */
const grant = (m: SlotModel): readonly [SlotModel, ReadonlyArray<string>] => {
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

// ---------------------------------------------------------------------------
// One guarded action per operation.
// ---------------------------------------------------------------------------

type OpOf<K extends SlotOp["kind"]> = Extract<SlotOp, { readonly kind: K }>
type ModelAction<K extends SlotOp["kind"]> = GuardedAction<SlotModel, OpOf<K>, Readonly<Record<string, unknown>>>

const never = (): undefined => undefined

const reserve: ModelAction<"reserve"> = {
  refusal: (m, op) => (m.reserved.includes(op.token) ? "DuplicateSlotToken" : undefined),
  effect: (m, op) => {
    if (!admits(m)) return [{ accepted: false, numOngoing: inUse(m) }, m]
    const next = { ...m, reserved: [...m.reserved, op.token] }
    return [{ accepted: true, numOngoing: inUse(next) }, next]
  }
}

/** Releasing a token that holds no reservation is answered `released: false` and changes nothing. */
const release: ModelAction<"release"> = {
  refusal: never,
  effect: (m, op) => {
    if (!m.reserved.includes(op.token)) return [{ released: false, numOngoing: inUse(m), granted: [] }, m]
    const [next, granted] = grant({ ...m, reserved: m.reserved.filter((t) => t !== op.token) })
    return [{ released: true, numOngoing: inUse(next), granted }, next]
  }
}

const start: ModelAction<"start"> = {
  refusal: (m, op) =>
    m.running.includes(op.requestId) || m.queue.includes(op.requestId)
      ? "DuplicateRequest"
      : op.token !== undefined && !m.reserved.includes(op.token)
      ? "UnknownSlotToken"
      : undefined,
  effect: (m, op) => {
    if (op.token !== undefined) {
      const next = { ...m, reserved: m.reserved.filter((t) => t !== op.token), running: [...m.running, op.requestId] }
      return [{ outcome: "started", accepted: true, numOngoing: inUse(next) }, next]
    }
    if (admits(m)) {
      const next = { ...m, running: [...m.running, op.requestId] }
      return [{ outcome: "started", accepted: true, numOngoing: inUse(next) }, next]
    }
    if (op.reject === true || m.quiescing) return [{ outcome: "rejected", accepted: false, numOngoing: inUse(m) }, m]
    const next = { ...m, queue: [...m.queue, op.requestId] }
    return [{ outcome: "queued", accepted: false, numOngoing: inUse(next) }, next]
  }
}

const finish: ModelAction<"finish"> = {
  refusal: (m, op) => (m.running.includes(op.requestId) ? undefined : "RequestNotRunning"),
  effect: (m, op) => {
    const [next, granted] = grant({ ...m, running: m.running.filter((r) => r !== op.requestId) })
    return [{ numOngoing: inUse(next), granted }, next]
  }
}

/** Cancelling a request that does not wait is answered `cancelled: false` and changes nothing. */
const cancel: ModelAction<"cancel"> = {
  refusal: never,
  effect: (m, op) =>
    m.queue.includes(op.requestId)
      ? [{ cancelled: true }, { ...m, queue: m.queue.filter((r) => r !== op.requestId) }]
      : [{ cancelled: false }, m]
}

const resize: ModelAction<"resize"> = {
  refusal: (_, op) => (Number.isSafeInteger(op.capacity) && op.capacity >= 1 ? undefined : "InvalidCapacity"),
  effect: (m, op) => {
    const [next, granted] = grant({ ...m, capacity: op.capacity })
    return [{ numOngoing: inUse(next), granted }, next]
  }
}

const quiesce: ModelAction<"quiesce"> = {
  refusal: never,
  effect: (m) => [{}, { ...m, quiescing: true }]
}

/** The model's operations, by kind. */
export const slotModelActions: { readonly [K in SlotOp["kind"]]: ModelAction<K> } = {
  reserve,
  release,
  start,
  finish,
  cancel,
  resize,
  quiesce
}

/** Applies one operation to the model. */
export const applyToSlotModel = (m: SlotModel, op: SlotOp): readonly [SlotOutcome, SlotModel] =>
  runGuarded(slotModelActions[op.kind] as GuardedAction<SlotModel, SlotOp, Readonly<Record<string, unknown>>>, m, op, undefined)
