/**
 * Requests: the router (power of two choices on `Slots.numOngoing`, as Ray's
 * default request router) and each replica's admission through its own
 * `Slots` state. Every request is one `reserve` (the router's probe), one
 * `start` with that token (dispatch) and one `finish` on the slot core; a
 * request that finds no replica with a free slot waits at the router and is
 * tried again at the next step, until it is rejected after a timeout.
 *
 * The slot invariants that read only the core and the ledger of its answers
 * are evaluated here: S1 after every granted reservation, S2 (conservation)
 * on every replica when the world asks (on the ticks whose invariants it checks).
 */
import * as Slots from "../../slots/index.js"
import { slotInvariants, type SlotObservation } from "../../../spec/slots.js"
import * as Random from "./random.js"

/**
 * The S* predicates evaluated live (they read only the core, the last answer
 * and the ledger of answers), looked up on first use: the spec imports the
 * package that imports this module, so at load time its lists may not be there yet.
 */
let live: { readonly S1: (typeof slotInvariants)[number]; readonly S2: (typeof slotInvariants)[number] } | undefined
const liveSlotInvariants = () =>
  (live ??= {
    S1: slotInvariants.find((i) => i.id === "S1")!,
    S2: slotInvariants.find((i) => i.id === "S2")!
  })

/** One replica as the router sees it. */
export interface RoutedReplica {
  readonly id: string
  readonly deployment: string
  slots: Slots.SlotState
  /** Permits granted and returned, from the core's answers (S2's ledger). */
  granted: number
  returned: number
  /** Requests running here, each with whether it counts (arrived after the warm-up). */
  readonly running: Map<string, boolean>
  /** Taking new requests (not stopping). */
  routable: boolean
}

/** A request waiting at the router. */
interface Waiting {
  readonly id: string
  readonly arrivedAt: number
  readonly counted: boolean
  /** It arrived while its deployment was migrating a replica. */
  readonly duringMigration: boolean
}

/** Request counters of a run. */
export interface RequestCounts {
  total: number
  served: number
  failed: number
  rejected: number
  delayed: number
}

/** A request ending: on which replica, at which step. */
interface Ending {
  readonly replica: RoutedReplica
  readonly request: string
  /** It arrived after the warm-up: it counts. */
  readonly counted: boolean
}

/** How many pairs of replicas the router samples for one request before it waits (Ray retries with backoff). */
const PAIRS_PER_ATTEMPT = 2

/** The router of every deployment, and the replicas' slot states. */
export class Router {
  readonly replicas = new Map<string, RoutedReplica>()
  private readonly routable = new Map<string, Array<RoutedReplica>>()
  private readonly byDeployment = new Map<string, Set<RoutedReplica>>()
  private readonly waiting = new Map<string, Array<Waiting>>()
  private readonly endings = new Map<number, Array<Ending>>()
  private nextRequest = 0
  violations = 0
  readonly counts: RequestCounts = { total: 0, served: 0, failed: 0, rejected: 0, delayed: 0 }
  /** Counting starts at the end of the warm-up. */
  counting = false

  constructor(private readonly random: Random.Random, deployments: ReadonlyArray<string>) {
    for (const d of deployments) {
      this.routable.set(d, [])
      this.byDeployment.set(d, new Set())
      this.waiting.set(d, [])
    }
  }

  /** A replica came up: it takes requests. */
  add(id: string, deployment: string, maxOngoing: number): void {
    const r: RoutedReplica = {
      id,
      deployment,
      slots: Slots.make(maxOngoing),
      granted: 0,
      returned: 0,
      running: new Map(),
      routable: true
    }
    this.replicas.set(id, r)
    this.byDeployment.get(deployment)!.add(r)
    this.routable.get(deployment)!.push(r)
  }

  /** A replica begins to stop: no new request (quiesced); it answers whether it already holds nothing. */
  quiesce(id: string): boolean {
    const r = this.replicas.get(id)
    if (r === undefined) return true
    this.unroute(r)
    r.slots = Slots.quiesce(r.slots).state
    return Slots.isDrained(r.slots)
  }

  /** Whether a replica holds nothing (or is unknown). */
  isDrained(id: string): boolean {
    const r = this.replicas.get(id)
    return r === undefined || Slots.isDrained(r.slots)
  }

  /** A replica is gone: the requests it still held fail. */
  remove(id: string): void {
    const r = this.replicas.get(id)
    if (r === undefined) return
    this.unroute(r)
    for (const counted of r.running.values()) if (counted) this.counts.failed++
    r.running.clear()
    this.replicas.delete(id)
    this.byDeployment.get(r.deployment)!.delete(r)
  }

  private unroute(r: RoutedReplica): void {
    if (!r.routable) return
    r.routable = false
    const list = this.routable.get(r.deployment)!
    list.splice(list.indexOf(r), 1)
  }

  /** Ongoing requests of a deployment as its autoscaler counts them: on its replicas and waiting at the router. */
  ongoing(deployment: string): number {
    let n = this.waiting.get(deployment)!.length
    for (const r of this.byDeployment.get(deployment)!) n += Slots.numOngoing(r.slots)
    return n
  }

  /** Ends the requests due at `step`; answers the replicas that became drained. */
  finishDue(step: number): Array<string> {
    const due = this.endings.get(step)
    if (due === undefined) return []
    this.endings.delete(step)
    const drained: Array<string> = []
    for (const { counted, replica: r, request } of due) {
      if (!r.running.delete(request) || this.replicas.get(r.id) !== r) continue
      const answer = Slots.finish(r.slots, Slots.RequestId(request))
      r.slots = answer.state
      r.returned++
      r.granted += answer.granted.length
      if (counted) this.counts.served++
      if (!r.routable && Slots.isDrained(r.slots)) drained.push(r.id)
    }
    return drained
  }

  /**
   * New arrivals and the ones waiting: each goes to the less loaded of two
   * replicas drawn at random, through `reserve` then `start` with the token.
   * `serviceMs` draws a request's duration; a request ends at the first step
   * at or after its end. Waiting requests older than `timeoutMs` are rejected.
   */
  route(
    deployment: string,
    arrivals: number,
    step: number,
    stepMs: number,
    serviceMs: () => number,
    timeoutMs: number,
    migrating: boolean
  ): void {
    const now = step * stepMs
    const queue = this.waiting.get(deployment)!
    for (let i = 0; i < arrivals; i++) {
      queue.push({ id: `q${this.nextRequest++}`, arrivedAt: now, counted: this.counting, duringMigration: migrating })
      if (this.counting) this.counts.total++
    }
    const replicas = this.routable.get(deployment)!
    let kept = 0
    for (let i = 0; i < queue.length; i++) {
      const w = queue[i]!
      const r = this.choose(replicas, w.id)
      if (r !== undefined) {
        const request = w.id
        r.slots = Slots.start(r.slots, Slots.RequestId(request), { token: Slots.SlotToken(request) }).state
        r.running.set(request, w.counted)
        const end = step + Math.max(1, Math.ceil(serviceMs() / stepMs))
        const list = this.endings.get(end)
        const ending = { replica: r, request, counted: w.counted }
        if (list === undefined) this.endings.set(end, [ending])
        else list.push(ending)
        if (w.counted && w.arrivedAt < now && (w.duringMigration || migrating)) this.counts.delayed++
      } else if (now - w.arrivedAt >= timeoutMs) {
        if (w.counted) this.counts.rejected++
      } else {
        queue[kept++] = w
      }
    }
    queue.length = kept
  }

  /** Power of two choices: reserves a slot on the less loaded of two random replicas, else on the other. */
  private choose(replicas: ReadonlyArray<RoutedReplica>, token: string): RoutedReplica | undefined {
    const n = replicas.length
    if (n === 0) return undefined
    for (let attempt = 0; attempt < PAIRS_PER_ATTEMPT; attempt++) {
      const a = replicas[Random.int(this.random, n)]!
      const b = n === 1 ? a : replicas[Random.int(this.random, n)]!
      const [first, second] = Slots.numOngoing(b.slots) < Slots.numOngoing(a.slots) ? [b, a] : [a, b]
      if (this.reserve(first, token)) return first
      if (second !== first && this.reserve(second, token)) return second
    }
    return undefined
  }

  private reserve(r: RoutedReplica, token: string): boolean {
    const answer = Slots.reserve(r.slots, Slots.SlotToken(token))
    if (!answer.accepted) return false
    r.slots = answer.state
    r.granted++
    const observation = {
      core: r.slots,
      last: { op: { kind: "reserve", token }, coreOutcome: { ok: true, value: { accepted: true } } }
    } as unknown as SlotObservation
    if (!liveSlotInvariants().S1.holds(observation)) this.violations++
    return true
  }

  /** S2 (permits granted − returned = `numOngoing`) on every replica. */
  checkConservation(): void {
    for (const r of this.replicas.values()) {
      const observation = { core: r.slots, ledger: { granted: r.granted, returned: r.returned } } as unknown as SlotObservation
      if (!liveSlotInvariants().S2.holds(observation)) this.violations++
    }
  }
}
