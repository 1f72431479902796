/**
 * The adapters the conformance tests run: replicore's own container and slot
 * state, and two mutable implementations written the way a team's own
 * controller might be (a map of arrays; a counter and a set), each with a
 * switch that plants one bug: a `remove` that answers in argument order, a
 * `release` that forgets to drop the released token.
 */
import { Container, Slots } from "../../../../src/index.js"
import { type ConformanceReplica, type ContainerAdapter, ConformanceFailure, type SlotAdapter } from "../../../../src/testing/index.js"

type Replicas = Container.ReplicaContainer<ConformanceReplica>
type States = Array<Container.ReplicaState>

export const replicoreContainer: ContainerAdapter<Replicas> = {
  empty: () => Container.empty(),
  add: (c, state, r) => Container.add(c, state as Container.ReplicaState, r),
  addAll: (c, state, rs) => Container.addAll(c, state as Container.ReplicaState, rs),
  get: (c, states) => Container.get(c, states === undefined ? {} : { states: states as States }),
  pop: (c, o) => Container.pop(c, o as Container.PopOptions),
  count: (c, o) => Container.count(c, o as Container.CountOptions),
  countByState: (c) => Container.countByState(c),
  remove: (c, ids) => Container.remove(c, ids),
  transition: (c, id, to) => Container.transition(c, id, to as Container.ReplicaState),
  stateOf: (c, id) => Container.stateOf(c, id),
  has: (c, id) => Container.has(c, id),
  size: (c) => Container.size(c),
  iterate: (c) => c
}

export const replicoreSlots: SlotAdapter<Slots.SlotState> = {
  make: Slots.make,
  reserve: (s, t) => Slots.reserve(s, Slots.SlotToken(t)),
  release: (s, t) => Slots.release(s, Slots.SlotToken(t)),
  start: (s, id, o) =>
    Slots.start(s, Slots.RequestId(id), {
      ...(o.token === undefined ? {} : { token: Slots.SlotToken(o.token) }),
      ...(o.reject === undefined ? {} : { reject: o.reject })
    }),
  finish: (s, id) => Slots.finish(s, Slots.RequestId(id)),
  cancel: (s, id) => Slots.cancel(s, Slots.RequestId(id)),
  resize: Slots.resize,
  quiesce: Slots.quiesce,
  capacity: Slots.capacity,
  numOngoing: Slots.numOngoing,
  numQueued: Slots.numQueued,
  canAccept: Slots.canAccept,
  isDrained: Slots.isDrained,
  isReserved: (s, t) => Slots.isReserved(s, Slots.SlotToken(t)),
  isRunning: (s, id) => Slots.isRunning(s, Slots.RequestId(id)),
  isQueued: (s, id) => Slots.isQueued(s, Slots.RequestId(id))
}

/** An error carrying the tag replicore's error has in that case. */
const refuse = (tag: string, detail: string): Error => Object.assign(new Error(`${tag}: ${detail}`), { _tag: tag })

const STATES: ReadonlyArray<string> = Container.ALL_REPLICA_STATES

// ---------------------------------------------------------------------------------------------
// A mutable container: one array per state, changed in place.

class MutableContainer {
  readonly buckets = new Map<string, Array<ConformanceReplica>>(STATES.map((s) => [s, []]))
}

const checkStates = (states: ReadonlyArray<string>): void => {
  for (const s of states) if (!STATES.includes(s)) throw refuse("InvalidReplicaState", s)
}

const findState = (c: MutableContainer, id: string): string | undefined =>
  STATES.find((s) => c.buckets.get(s)?.some((r) => r.id === id))

const chosen = (states: ReadonlyArray<string> | undefined): ReadonlyArray<string> => [...new Set(states ?? STATES)]

export const mutableContainer = (bug: { readonly removeInArgumentOrder: boolean }): ContainerAdapter<MutableContainer> => ({
  empty: () => new MutableContainer(),
  copy: (c) => {
    const copy = new MutableContainer()
    for (const [s, rs] of c.buckets) copy.buckets.set(s, [...rs])
    return copy
  },
  add: (c, state, r) => {
    checkStates([state])
    if (findState(c, r.id) !== undefined) throw refuse("DuplicateReplica", r.id)
    c.buckets.get(state)?.push(r)
    return c
  },
  get: (c, states) => {
    checkStates(states ?? [])
    return chosen(states).flatMap((s) => c.buckets.get(s) ?? [])
  },
  pop: (c, o) => {
    checkStates(o.states ?? [])
    const max = o.maxReplicas ?? Infinity
    if (max !== Infinity && !(Number.isInteger(max) && max >= 0)) throw refuse("InvalidMaxReplicas", String(max))
    const popped: Array<ConformanceReplica> = []
    for (const s of chosen(o.states)) {
      const kept = (c.buckets.get(s) ?? []).filter((r) => {
        if (popped.length === max || r.version === o.excludeVersion) return true
        popped.push(r)
        return false
      })
      c.buckets.set(s, kept)
    }
    return [popped, c]
  },
  count: (c, o) => {
    checkStates(o.states ?? [])
    if (o.version !== undefined && o.excludeVersion !== undefined) throw refuse("ConflictingVersionFilters", o.version)
    return chosen(o.states).flatMap((s) => c.buckets.get(s) ?? [])
      .filter((r) => (o.version === undefined || r.version === o.version) && r.version !== o.excludeVersion).length
  },
  countByState: (c) => Object.fromEntries(STATES.map((s) => [s, c.buckets.get(s)?.length ?? 0])),
  remove: (c, ids) => {
    const wanted = new Set(ids)
    const removed = STATES.flatMap((s) => (c.buckets.get(s) ?? []).filter((r) => wanted.has(r.id)))
    for (const s of STATES) c.buckets.set(s, (c.buckets.get(s) ?? []).filter((r) => !wanted.has(r.id)))
    if (!bug.removeInArgumentOrder) return [removed, c]
    // The planted bug: the removed replicas in the order the ids were given.
    return [[...new Set(ids)].flatMap((id) => removed.filter((r) => r.id === id)), c]
  },
  transition: (c, id, to) => {
    checkStates([to])
    const from = findState(c, id)
    if (from === undefined) throw refuse("UnknownReplica", id)
    const moving = (c.buckets.get(from) ?? []).filter((r) => r.id === id)
    c.buckets.set(from, (c.buckets.get(from) ?? []).filter((r) => r.id !== id))
    c.buckets.get(to)?.push(...moving)
    return c
  },
  stateOf: (c, id) => findState(c, id),
  has: (c, id) => findState(c, id) !== undefined,
  size: (c) => STATES.reduce((n, s) => n + (c.buckets.get(s)?.length ?? 0), 0)
})

// ---------------------------------------------------------------------------------------------
// A mutable semaphore: a permit counter, the set of live tokens, the running set and a FIFO queue.

interface Semaphore {
  capacity: number
  inUse: number
  readonly tokens: Set<string>
  readonly running: Set<string>
  queue: Array<string>
  quiescing: boolean
}

const admits = (s: Semaphore): boolean => !s.quiescing && s.queue.length === 0 && s.inUse < s.capacity

/** Hands free permits to the head of the queue. */
const grant = (s: Semaphore): Array<string> => {
  const granted: Array<string> = []
  while (s.queue.length > 0 && s.inUse < s.capacity) {
    const head = s.queue.shift() as string
    s.running.add(head)
    s.inUse++
    granted.push(head)
  }
  return granted
}

const validCapacity = (n: number): number => {
  if (!Number.isSafeInteger(n) || n < 1) throw refuse("InvalidCapacity", String(n))
  return n
}

export const mutableSemaphore = (bug: { readonly forgetReleasedToken: boolean }): SlotAdapter<Semaphore> => ({
  make: (n) => ({ capacity: validCapacity(n), inUse: 0, tokens: new Set(), running: new Set(), queue: [], quiescing: false }),
  copy: (s) => ({ ...s, tokens: new Set(s.tokens), running: new Set(s.running), queue: [...s.queue] }),
  reserve: (s, token) => {
    if (s.tokens.has(token)) throw refuse("DuplicateSlotToken", token)
    if (!admits(s)) return { state: s, accepted: false, numOngoing: s.inUse }
    s.tokens.add(token)
    s.inUse++
    return { state: s, accepted: true, numOngoing: s.inUse }
  },
  release: (s, token) => {
    if (!s.tokens.has(token)) return { state: s, released: false, numOngoing: s.inUse, granted: [] }
    // The planted bug: the permit is returned but the token is not dropped.
    if (!bug.forgetReleasedToken) s.tokens.delete(token)
    s.inUse--
    const granted = grant(s)
    return { state: s, released: true, numOngoing: s.inUse, granted }
  },
  start: (s, id, o) => {
    if (s.running.has(id) || s.queue.includes(id)) throw refuse("DuplicateRequest", id)
    if (o.token !== undefined) {
      if (!s.tokens.has(o.token)) throw refuse("UnknownSlotToken", o.token)
      s.tokens.delete(o.token)
      s.running.add(id)
      return { state: s, outcome: "started", accepted: true, numOngoing: s.inUse }
    }
    if (admits(s)) {
      s.running.add(id)
      s.inUse++
      return { state: s, outcome: "started", accepted: true, numOngoing: s.inUse }
    }
    if (o.reject === true || s.quiescing) return { state: s, outcome: "rejected", accepted: false, numOngoing: s.inUse }
    s.queue.push(id)
    return { state: s, outcome: "queued", accepted: false, numOngoing: s.inUse }
  },
  finish: (s, id) => {
    if (!s.running.has(id)) throw refuse("RequestNotRunning", id)
    s.running.delete(id)
    s.inUse--
    const granted = grant(s)
    return { state: s, numOngoing: s.inUse, granted }
  },
  cancel: (s, id) => {
    if (!s.queue.includes(id)) return { state: s, cancelled: false }
    s.queue = s.queue.filter((q) => q !== id)
    return { state: s, cancelled: true }
  },
  resize: (s, n) => {
    s.capacity = validCapacity(n)
    const granted = grant(s)
    return { state: s, numOngoing: s.inUse, granted }
  },
  quiesce: (s) => {
    s.quiescing = true
    return { state: s }
  },
  capacity: (s) => s.capacity,
  numOngoing: (s) => s.inUse,
  numQueued: (s) => s.queue.length,
  canAccept: admits,
  isDrained: (s) => s.inUse === 0 && s.queue.length === 0,
  isReserved: (s, t) => s.tokens.has(t),
  isRunning: (s, id) => s.running.has(id),
  isQueued: (s, id) => s.queue.includes(id)
})

/** The failure a conformance check throws; an error when it passes or throws anything else. */
export const failureOf = (run: () => unknown): ConformanceFailure => {
  try {
    run()
  } catch (e) {
    if (e instanceof ConformanceFailure) return e
    throw e
  }
  throw new Error("the check passed")
}
