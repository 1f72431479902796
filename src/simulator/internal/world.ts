/**
 * One simulated day in one compaction mode: a discrete-event world on a
 * fixed step. At every step the world delivers what became due (nodes that
 * joined, replicas that came up or exited, drain deadlines), ends and routes
 * requests, lets each deployment's autoscaler set its target and the node
 * autoscaler give idle nodes back, then ticks the lifecycle with those events
 * and carries out its actions with delays: replicas start after their
 * startup time (on a node launched for them when placed nowhere), stop
 * gracefully (quiesce, finish what they admitted, exit), and released nodes
 * leave. Pure from the outside: simulated time, one seeded random source.
 */
import { Lifecycle } from "../../index.js"
import type { LifecycleAction, LifecycleEvent } from "../../../spec/lifecycle/model.js"
import * as Autoscaler from "./autoscaler.js"
import { check } from "./checks.js"
import { Ledger } from "./ledger.js"
import { Metrics, type RunMetrics } from "./metrics.js"
import { fits, NodePool } from "./nodes.js"
import { EventQueue } from "./queue.js"
import * as Random from "./random.js"
import { Router } from "./router.js"
import { type DeploymentModel, MAX_SERVICE_FACTOR, type ScenarioSpec } from "./scenarios.js"
import * as Traffic from "./traffic.js"

/** The world's step: one lifecycle tick, one routing round (Ray's controller loops faster; 10 s keeps a day cheap). */
export const STEP_MS = 10_000
/** Simulated time before hour 0 at the hour-0 traffic, so the day starts on a running cluster (not counted). */
export const WARMUP_MS = 30 * 60_000
/** Ray's autoscaler `idle_timeout_minutes` default (5): an idle node is given back after this. */
const IDLE_TIMEOUT_MS = 5 * 60_000
/** From a replica holding nothing (or an unstarted one told to stop) to its process exit. */
const EXIT_MS = 2_000
/** A graceful stop waits this long for admitted requests (longer than the longest request), then kills. */
export const GRACEFUL_STOP_MS = 300_000
/** A request waiting at the router this long is rejected (the client's timeout). */
const ROUTER_TIMEOUT_MS = 60_000
/** The cloud's notice before it takes a drained node back: 30 to 60 minutes (planned maintenance). */
const DRAIN_NOTICE_MS: readonly [number, number] = [30 * 60_000, 60 * 60_000]
/** The timeline's resolution. */
const TIMELINE_EVERY_MS = 5 * 60_000
/** How often (in steps) a run reports progress. */
const PROGRESS_EVERY_STEPS = 360

/** A timed happening in the world. */
type Happening =
  | { readonly kind: "nodeReady"; readonly node: string }
  | { readonly kind: "replicaUp"; readonly replica: string }
  | { readonly kind: "replicaExit"; readonly replica: string }
  | { readonly kind: "stopTimeout"; readonly replica: string }
  | { readonly kind: "drain" }
  | { readonly kind: "drainDeadline"; readonly node: string }

/** A replica as the world runs it. */
interface SimReplica {
  readonly id: string
  readonly model: DeploymentModel
  /** The node it holds (placement, then where it came up); null while placed nowhere. */
  node: string | null
  /** The launching node it waits for, when placed nowhere. */
  bound: string | null
  phase: "starting" | "serving" | "stopping"
  exiting: boolean
  /** Its stop is a migration (its node drains or is being emptied). */
  migrating: boolean
}

/** What one run needs. */
export interface RunInput {
  readonly scenario: ScenarioSpec
  readonly seed: number
  readonly hours: number
  readonly compaction: "off" | "ray" | "planner"
  readonly onProgress?: (fraction: number) => void
}

/** Runs one day; answers its metrics. */
export const run = (input: RunInput): RunMetrics => new World(input).run()

class World {
  private readonly queue = new EventQueue<Happening>()
  private readonly pool: NodePool
  private readonly router: Router
  private readonly ledger: Ledger
  private readonly metrics: Metrics
  private readonly models = new Map<string, DeploymentModel>()
  private readonly bursts = new Map<string, ReadonlyArray<Traffic.Burst>>()
  private readonly scalers = new Map<string, Autoscaler.AutoscalerState>()
  private readonly replicas = new Map<string, SimReplica>()
  private readonly migratingStops = new Map<string, number>()
  private readonly draining = new Map<string, number>()
  private readonly arrivals: Random.Random
  private readonly service: Random.Random
  private readonly cloud: Random.Random
  private state: Lifecycle.LifecycleState
  private events: Array<LifecycleEvent> = []
  private violations = 0
  private ticks = 0

  constructor(private readonly input: RunInput) {
    const { scenario, seed } = input
    this.arrivals = Random.fork(seed, "arrivals")
    this.service = Random.fork(seed, "service")
    this.cloud = Random.fork(seed, "cloud")
    const traffic = Random.fork(seed, "bursts")
    this.pool = new NodePool(scenario.nodeTypes)
    this.router = new Router(Random.fork(seed, "router"), scenario.deployments.map((d) => d.id))
    this.metrics = new Metrics(TIMELINE_EVERY_MS)
    const deployments = scenario.deployments.map((d) => {
      this.models.set(d.id, d)
      this.bursts.set(d.id, Traffic.bursts(d.traffic, input.hours, traffic))
      const ongoing = (Traffic.baseRate(d.traffic, 0) * d.serviceMs) / 1000
      const target = Autoscaler.desired(d.autoscaling, ongoing)
      this.scalers.set(d.id, Autoscaler.make(target))
      this.migratingStops.set(d.id, 0)
      return { id: d.id, demand: d.demand, target }
    })
    this.ledger = new Ledger([], deployments)
    this.state = Lifecycle.make({
      nodes: [],
      deployments,
      options: { compaction: input.compaction, gracefulShutdownTimeoutMs: GRACEFUL_STOP_MS }
    })
    const end = WARMUP_MS + input.hours * 3_600_000
    const drains = Random.poisson(this.cloud, (scenario.drainsPerDay * input.hours) / 24)
    for (let i = 0; i < drains; i++) this.queue.push(Random.between(this.cloud, WARMUP_MS, end), { kind: "drain" })
  }

  run(): RunMetrics {
    const steps = Math.round((WARMUP_MS + this.input.hours * 3_600_000) / STEP_MS)
    const warmupSteps = WARMUP_MS / STEP_MS
    for (let step = 0; step <= steps; step++) {
      const now = step * STEP_MS
      if (step === warmupSteps) this.router.counting = true
      this.deliver(now)
      this.requests(step, now)
      this.autoscale(now)
      this.giveBack(now)
      this.tick(now)
      if (step >= warmupSteps) this.metrics.sample(now - WARMUP_MS, STEP_MS, this.pool.nodes.values())
      if (step % PROGRESS_EVERY_STEPS === 0) this.input.onProgress?.(step / steps)
    }
    return this.metrics.result(this.router.counts, this.violations + this.router.violations, this.pool.count)
  }

  // -- the world's happenings ------------------------------------------------

  private deliver(now: number): void {
    for (const h of this.queue.popDue(now)) {
      switch (h.kind) {
        case "nodeReady":
          this.nodeReady(h.node, now)
          break
        case "replicaUp":
          this.replicaUp(h.replica, now)
          break
        case "replicaExit":
          this.replicaExit(h.replica, now)
          break
        case "stopTimeout": {
          const r = this.replicas.get(h.replica)
          if (r !== undefined && !r.exiting) this.replicaExit(h.replica, now)
          break
        }
        case "drain":
          this.drain(now)
          break
        case "drainDeadline":
          this.drainDeadline(h.node)
          break
      }
    }
  }

  private nodeReady(id: string, now: number): void {
    const n = this.pool.nodes.get(id)
    if (n === undefined) return
    n.ready = true
    this.events.push({ type: "nodeAdded", node: { id: n.id, capacity: n.type.capacity } })
    for (const replica of n.bound.keys()) {
      const r = this.replicas.get(replica)
      if (r !== undefined) this.queue.push(now + r.model.startupMs, { kind: "replicaUp", replica })
    }
    if (n.holders.size === 0 && n.bound.size === 0) n.idleSince = now
  }

  private replicaUp(id: string, now: number): void {
    const r = this.replicas.get(id)
    if (r === undefined || r.phase !== "starting") return
    const demand = r.model.demand
    let node = r.node
    if (node === null) {
      if (r.bound !== null) this.pool.unbind(id, r.bound)
      const bound = r.bound === null ? undefined : this.pool.nodes.get(r.bound)
      const landing = bound !== undefined && bound.ready && !bound.draining && !bound.released && fits(bound, demand)
        ? bound
        : this.pool.openFor(demand)
      r.bound = null
      if (landing === undefined) {
        this.bindNowhere(r, now)
        return
      }
      node = landing.id
      r.node = node
      this.pool.hold(node, id, demand)
    }
    r.phase = "serving"
    this.events.push({ type: "replicaStarted", replica: id, node })
    this.router.add(id, r.model.id, r.model.maxOngoing)
  }

  /** A replica placed nowhere waits for a node: a launching one with room, or a new one. */
  private bindNowhere(r: SimReplica, now: number): void {
    const found = this.pool.bind(r.id, r.model.demand, now)
    if (found === undefined) return // no machine type fits it: it stays STARTING
    r.bound = found.node.id
    if (found.launched) this.queue.push(now + found.node.type.launchMs, { kind: "nodeReady", node: found.node.id })
  }

  private replicaExit(id: string, now: number): void {
    const r = this.replicas.get(id)
    if (r === undefined) return
    this.router.remove(id)
    if (r.node !== null) this.pool.free(r.node, id, r.model.demand, now)
    if (r.bound !== null) this.pool.unbind(id, r.bound)
    if (r.migrating) this.migratingStops.set(r.model.id, this.migratingStops.get(r.model.id)! - 1)
    this.replicas.delete(id)
    this.events.push({ type: "replicaStopped", replica: id })
  }

  private drain(now: number): void {
    const candidates = [...this.pool.nodes.values()].filter((n) => n.ready && !n.draining && !n.released)
    if (candidates.length === 0) return
    const n = candidates[Random.int(this.cloud, candidates.length)]!
    const deadline = now + Random.between(this.cloud, ...DRAIN_NOTICE_MS)
    n.draining = true
    this.draining.set(n.id, deadline)
    this.events.push({ type: "nodesDraining", nodes: Object.fromEntries(this.draining) })
    this.queue.push(deadline, { kind: "drainDeadline", node: n.id })
  }

  private drainDeadline(id: string): void {
    if (!this.draining.delete(id)) return
    this.events.push({ type: "nodesDraining", nodes: Object.fromEntries(this.draining) })
    const n = this.pool.remove(id)
    if (n === undefined) return
    this.events.push({ type: "nodeRemoved", node: id })
    for (const replica of n.holders) {
      const r = this.replicas.get(replica)
      if (r === undefined) continue
      this.router.remove(replica) // what it still held is lost with the node
      r.node = null
      if (r.phase === "starting") r.phase = "stopping"
    }
  }

  // -- requests, autoscaling, idle nodes ---------------------------------------

  private requests(step: number, now: number): void {
    for (const id of this.router.finishDue(step)) this.scheduleExit(id, now)
    const trafficAt = Math.max(0, now - WARMUP_MS)
    for (const m of this.models.values()) {
      const rate = Traffic.rate(m.traffic, this.bursts.get(m.id)!, trafficAt)
      const arrivals = Random.poisson(this.arrivals, (rate * STEP_MS) / 1000)
      const migrating = this.migratingStops.get(m.id)! > 0 || Lifecycle.countByState(this.state, m.id).PENDING_MIGRATION > 0
      const cap = m.serviceMs * MAX_SERVICE_FACTOR
      this.router.route(m.id, arrivals, step, STEP_MS, () => Math.min(cap, Random.exponential(this.service, m.serviceMs)), ROUTER_TIMEOUT_MS, migrating)
    }
  }

  private scheduleExit(id: string, now: number): void {
    const r = this.replicas.get(id)
    if (r === undefined || r.exiting || r.phase !== "stopping") return
    r.exiting = true
    this.queue.push(now + EXIT_MS, { kind: "replicaExit", replica: id })
  }

  private autoscale(now: number): void {
    for (const m of this.models.values()) {
      const before = this.scalers.get(m.id)!
      const after = Autoscaler.observe(m.autoscaling, before, now, this.router.ongoing(m.id))
      this.scalers.set(m.id, after)
      if (after.target !== before.target) this.events.push({ type: "setTarget", deployment: m.id, target: after.target })
    }
  }

  private giveBack(now: number): void {
    for (const n of this.pool.takeLeaving(now, IDLE_TIMEOUT_MS)) {
      if (this.draining.delete(n.id)) this.events.push({ type: "nodesDraining", nodes: Object.fromEntries(this.draining) })
      this.events.push({ type: "nodeRemoved", node: n.id })
    }
  }

  // -- the lifecycle tick and its actions -------------------------------------

  private tick(now: number): void {
    const events = this.events
    this.events = []
    const sampled = this.ticks++ % this.input.scenario.checkEvery === 0
    const modelBefore = sampled ? this.ledger.toModel() : undefined
    const before = this.state
    this.ledger.applyEvents(now, events)
    const { actions, state } = Lifecycle.tick(before, { now, events })
    this.state = state
    this.ledger.applyActions(actions)
    if (modelBefore !== undefined) {
      const failed = check({ before, now, events, after: state, actions, modelBefore }, GRACEFUL_STOP_MS, [...this.models.keys()])
      this.violations += failed.length
      this.router.checkConservation()
    }
    const emptying = new Set([...Lifecycle.compaction(before).nodes, ...Lifecycle.compaction(state).nodes])
    for (const a of actions) this.act(a, now, emptying)
  }

  private act(a: LifecycleAction, now: number, emptying: ReadonlySet<string>): void {
    switch (a.type) {
      case "startReplica": {
        const model = this.models.get(a.deployment)!
        const r: SimReplica = { id: a.replica, model, node: a.node, bound: null, phase: "starting", exiting: false, migrating: false }
        this.replicas.set(r.id, r)
        if (a.node !== null) {
          this.pool.hold(a.node, r.id, model.demand)
          this.queue.push(now + model.startupMs, { kind: "replicaUp", replica: r.id })
        } else {
          this.bindNowhere(r, now)
        }
        break
      }
      case "stopReplica": {
        const r = this.replicas.get(a.replica)
        if (r === undefined) break
        const wasServing = r.phase === "serving"
        r.phase = "stopping"
        if (wasServing && r.node !== null && (this.draining.has(r.node) || emptying.has(r.node))) {
          r.migrating = true
          this.migratingStops.set(r.model.id, this.migratingStops.get(r.model.id)! + 1)
          this.metrics.migration(now - WARMUP_MS)
        }
        if (!wasServing) {
          this.scheduleExit(r.id, now)
        } else if (!a.graceful) {
          this.router.remove(r.id)
          this.scheduleExit(r.id, now)
        } else if (this.router.quiesce(r.id)) {
          this.scheduleExit(r.id, now)
        } else {
          this.queue.push(now + GRACEFUL_STOP_MS, { kind: "stopTimeout", replica: r.id })
        }
        break
      }
      case "releaseNode": {
        const n = this.pool.nodes.get(a.node)
        if (n !== undefined) n.released = true
        break
      }
    }
  }
}
