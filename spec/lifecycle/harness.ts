/**
 * The world the lifecycle checks drive the core with: a cluster that obeys
 * the actions. It starts the replicas it is told to start (on the node named,
 * or, for `node: null`, on a node where the replica fits, after adding one when
 * none does), reports them failed or unhealthy now and then, stops them when
 * told, gives released nodes back, drains nodes with deadlines and removes a
 * drained node once it is empty, and changes targets and versions.
 *
 * A replica may also come up on another node than the one it was placed on
 * (placement is a soft affinity), wherever it fits. A world action is data; `worldStep` turns it into one tick's events, runs
 * `Lifecycle.tick` on a deep-frozen state, asks the same tick again with no
 * events, and returns the observation the `L*` invariants judge. Both the
 * model-based test and the exhaustive exploration use it.
 */
import { Lifecycle } from "../../src/index.js"
import { deepFreeze } from "../freeze.js"
import { type LifecycleObservation, type LifecycleState, quiet } from "./invariants.js"
import {
  applyActions,
  applyEvents,
  type DeploymentSpec,
  fits,
  holding,
  type LifecycleAction,
  type LifecycleEvent,
  type LifecycleModel,
  modelOf,
  type ModelReplica,
  type NodeSpec,
  type Resources
} from "./model.js"

/** The compaction modes of DESIGN §6. */
export type CompactionMode = "off" | "ray" | "planner"

/** The cluster a run starts from and how its world behaves. */
export interface WorldSetup {
  readonly nodes: ReadonlyArray<NodeSpec>
  readonly deployments: ReadonlyArray<DeploymentSpec>
  readonly options: {
    readonly compaction: CompactionMode
    readonly gracefulShutdownTimeoutMs: number
    readonly compactionDelayMs: number
    readonly compactionTimeoutMs: number
    readonly maxBackoffMs: number
  }
  /** When set, `advance` also delivers every start and stop that has waited this long. */
  readonly delays?: { readonly startMs: number; readonly stopMs: number }
  /** When set, the world adds a node of this capacity when an unplaced replica fits nowhere. */
  readonly newNodeCapacity?: Resources
}

/** What the world does next: one tick. `pick` selects among the candidates, modulo their number. */
export type WorldAction =
  | { readonly kind: "advance"; readonly ms: number }
  | { readonly kind: "start"; readonly pick: number }
  | { readonly kind: "startElsewhere"; readonly pick: number; readonly node: number }
  | { readonly kind: "fail"; readonly pick: number }
  | { readonly kind: "stopped"; readonly pick: number }
  | { readonly kind: "unhealthy"; readonly pick: number }
  | { readonly kind: "drain"; readonly pick: number; readonly deadlineInMs: number }
  | { readonly kind: "undrain"; readonly pick: number }
  | { readonly kind: "setTarget"; readonly deployment: number; readonly target: number; readonly rollout: boolean }

/** Every kind of world action, for statistics. */
export const WORLD_ACTION_KINDS: ReadonlyArray<WorldAction["kind"]> = [
  "advance",
  "start",
  "startElsewhere",
  "fail",
  "stopped",
  "unhealthy",
  "drain",
  "undrain",
  "setTarget"
]

/** The world between ticks: its setup, the last tick's observation, and two clocks the explorer's key needs. */
export interface World {
  readonly setup: WorldSetup
  readonly observation: LifecycleObservation
  /** The last `now` at which some deployment was not HEALTHY or some node was draining. */
  readonly lastUnsettledAt: number
  /** The last `now` at which an active compaction ended (completed, cancelled or timed out). */
  readonly lastCompactionEndAt: number
  /**
   * Per deployment, the first `now` of its current steady run (HEALTHY with
   * exactly `target` replicas), or `null` while it is not steady: a planner
   * compaction moves only deployments steady for the compaction delay.
   */
  readonly steadySince: Readonly<Record<string, number | null>>
}

export const showWorldAction = (a: WorldAction): string => {
  const { kind, ...args } = a
  return `${kind}(${JSON.stringify(args)})`
}

// ---------------------------------------------------------------------------
// Candidates for each world action, from the ledger.
// ---------------------------------------------------------------------------

const phase = (m: LifecycleModel, p: ModelReplica["phase"]) => m.replicas.filter((r) => r.phase === p)

/** Nodes a replica may land on by itself: present, not draining, never released. */
const openNodes = (m: LifecycleModel): ReadonlyArray<NodeSpec> =>
  m.nodes.filter((n) => m.draining[n.id] === undefined && !m.released.includes(n.id))

/** The node a starting replica comes up on: its placement, else the first open node where it fits. */
const landing = (m: LifecycleModel, r: ModelReplica): string | undefined => {
  if (r.node !== null) return r.node
  const demand = m.deployments.find((d) => d.id === r.deployment)?.demand ?? {}
  return openNodes(m).find((n) => fits(m, n, demand))?.id
}

/** The replicas that can come up now. */
export const startable = (m: LifecycleModel): ReadonlyArray<ModelReplica> =>
  phase(m, "starting").filter((r) => landing(m, r) !== undefined)

export const failable = (m: LifecycleModel): ReadonlyArray<ModelReplica> => phase(m, "starting")
export const stoppable = (m: LifecycleModel): ReadonlyArray<ModelReplica> => phase(m, "stopping")
export const serving = (m: LifecycleModel): ReadonlyArray<ModelReplica> => phase(m, "serving")
export const drainable = (m: LifecycleModel): ReadonlyArray<NodeSpec> =>
  m.nodes.filter((n) => n.releasable !== false && m.draining[n.id] === undefined && !m.released.includes(n.id))
export const undrainable = (m: LifecycleModel): ReadonlyArray<string> => Object.keys(m.draining)

const picked = <T>(items: ReadonlyArray<T>, pick: number): T | undefined =>
  items.length === 0 ? undefined : items[pick % items.length]

// ---------------------------------------------------------------------------
// From a world action to a tick's events.
// ---------------------------------------------------------------------------

/** Starts the given replicas one by one, each landing where it fits beside the ones before it. */
const startEvents = (m: LifecycleModel, replicas: ReadonlyArray<ModelReplica>): Array<LifecycleEvent> => {
  const events: Array<LifecycleEvent> = []
  let ledger = m
  for (const r of replicas) {
    const node = landing(ledger, r)
    if (node === undefined) continue
    const event: LifecycleEvent = { type: "replicaStarted", replica: r.id, node }
    events.push(event)
    ledger = applyEvents(ledger, ledger.now, [event])
  }
  return events
}

/**
 * What the world does on its own at the start of every tick: it removes the
 * released nodes and the drained ones (deadline passed) that hold nothing,
 * and adds a node when an unplaced replica fits nowhere.
 */
const housekeeping = (setup: WorldSetup, m: LifecycleModel, now: number): Array<LifecycleEvent> => {
  const empty = (id: string) => holding(m, id).length === 0
  const released = m.nodes.filter((n) => m.released.includes(n.id) && empty(n.id)).map((n) => n.id)
  const drained = Object.entries(m.draining).filter(([id, deadline]) =>
    now >= deadline && empty(id) && !released.includes(id)
  ).map(([id]) => id)
  const removed = [...released, ...drained]
  const events: Array<LifecycleEvent> = []
  if (removed.some((id) => m.draining[id] !== undefined)) {
    const rest = Object.fromEntries(Object.entries(m.draining).filter(([id]) => !removed.includes(id)))
    events.push({ type: "nodesDraining", nodes: rest })
  }
  for (const node of removed) events.push({ type: "nodeRemoved", node })
  const after = applyEvents(m, now, events)
  const stranded = phase(after, "starting").some((r) => r.node === null && landing(after, r) === undefined)
  if (setup.newNodeCapacity !== undefined && stranded) {
    events.push({ type: "nodeAdded", node: { id: `m${m.added}`, capacity: setup.newNodeCapacity } })
  }
  return events
}

const actionEvents = (setup: WorldSetup, m: LifecycleModel, action: WorldAction): Array<LifecycleEvent> => {
  switch (action.kind) {
    case "advance": {
      if (setup.delays === undefined) return []
      const { startMs, stopMs } = setup.delays
      const due = phase(m, "starting").filter((r) => m.now >= r.since + startMs)
      const stopped = stoppable(m).filter((r) => m.now >= r.since + stopMs)
      return [
        ...startEvents(m, due),
        ...stopped.map((r): LifecycleEvent => ({ type: "replicaStopped", replica: r.id }))
      ]
    }
    case "start": {
      const r = picked(startable(m), action.pick)
      return r === undefined ? [] : startEvents(m, [r])
    }
    case "startElsewhere": {
      const r = picked(startable(m), action.pick)
      const demand = m.deployments.find((d) => d.id === r?.deployment)?.demand ?? {}
      const others = openNodes(m).filter((n) => n.id !== r?.node && fits(m, n, demand))
      const node = picked(others, action.node)
      return r === undefined || node === undefined ? [] : [{ type: "replicaStarted", replica: r.id, node: node.id }]
    }
    case "fail": {
      const r = picked(failable(m), action.pick)
      return r === undefined ? [] : [{ type: "replicaFailed", replica: r.id }]
    }
    case "stopped": {
      const r = picked(stoppable(m), action.pick)
      return r === undefined ? [] : [{ type: "replicaStopped", replica: r.id }]
    }
    case "unhealthy": {
      const r = picked(serving(m), action.pick)
      return r === undefined ? [] : [{ type: "replicaUnhealthy", replica: r.id }]
    }
    case "drain": {
      const n = picked(drainable(m), action.pick)
      return n === undefined ? [] : [{ type: "nodesDraining", nodes: { ...m.draining, [n.id]: m.now + action.deadlineInMs } }]
    }
    case "undrain": {
      const id = picked(undrainable(m), action.pick)
      if (id === undefined) return []
      return [{ type: "nodesDraining", nodes: Object.fromEntries(Object.entries(m.draining).filter(([n]) => n !== id)) }]
    }
    case "setTarget": {
      const d = picked(m.deployments, action.deployment)
      if (d === undefined) return []
      const version = action.rollout ? `v${Number(d.version.slice(1)) + 1}` : undefined
      return [{ type: "setTarget", deployment: d.id, target: action.target, ...(version === undefined ? {} : { version }) }]
    }
  }
}

// ---------------------------------------------------------------------------
// One tick.
// ---------------------------------------------------------------------------

const tick = (
  setup: WorldSetup,
  before: LifecycleState,
  modelBefore: LifecycleModel,
  now: number,
  events: ReadonlyArray<LifecycleEvent>,
  settled: boolean
): LifecycleObservation => {
  const input = deepFreeze({ now, events: [...events] })
  const answered = Lifecycle.tick(deepFreeze(before), input)
  const actions: ReadonlyArray<LifecycleAction> = answered.actions
  const again = Lifecycle.tick(answered.state, deepFreeze({ now, events: [] }))
  return {
    graceMs: setup.options.gracefulShutdownTimeoutMs,
    before,
    now,
    events,
    after: answered.state,
    actions,
    modelBefore,
    modelAfter: applyActions(applyEvents(modelBefore, now, events), actions),
    repeat: { state: again.state, actions: again.actions },
    settled
  }
}

const unsettled = (o: LifecycleObservation): boolean =>
  Object.keys(o.modelAfter.draining).length > 0 ||
  o.modelAfter.deployments.some((d) => Lifecycle.status(o.after, d.id) !== "HEALTHY")

const steady = (o: LifecycleObservation, d: LifecycleModel["deployments"][number]): boolean =>
  Lifecycle.status(o.after, d.id) === "HEALTHY" &&
  Object.values(Lifecycle.countByState(o.after, d.id)).reduce((a, b) => a + b, 0) === d.target

const worldAfter = (
  w: Pick<World, "setup" | "lastUnsettledAt" | "lastCompactionEndAt" | "steadySince">,
  o: LifecycleObservation
): World => ({
  setup: w.setup,
  observation: o,
  lastUnsettledAt: unsettled(o) ? o.now : w.lastUnsettledAt,
  steadySince: Object.fromEntries(
    o.modelAfter.deployments.map((d) => [d.id, steady(o, d) ? w.steadySince[d.id] ?? o.now : null])
  ),
  lastCompactionEndAt: Lifecycle.compaction(o.before).phase === "active" && Lifecycle.compaction(o.after).phase !== "active"
    ? o.now
    : w.lastCompactionEndAt
})

/** The world after the first tick at `now` 0 of a freshly made state. */
export const initialWorld = (setup: WorldSetup): World => {
  const made = Lifecycle.make(deepFreeze({
    nodes: [...setup.nodes],
    deployments: [...setup.deployments],
    options: { ...setup.options }
  }))
  const o = tick(setup, made, modelOf(setup.nodes, setup.deployments), 0, [], false)
  return worldAfter({ setup, lastUnsettledAt: 0, lastCompactionEndAt: -1, steadySince: {} }, o)
}

/** One world action: its tick, judged by the caller. `settled` marks the last tick of a settled run. */
export const worldStep = (w: World, action: WorldAction, settled = false): World => {
  const previous = w.observation
  const now = previous.now + (action.kind === "advance" ? action.ms : 0)
  const m = { ...previous.modelAfter, now }
  const chores = housekeeping(w.setup, m, now)
  const events = [...chores, ...actionEvents(w.setup, applyEvents(m, now, chores), action)]
  return worldAfter(w, tick(w.setup, previous.after, previous.modelAfter, now, events, settled))
}

/**
 * Lets the world run undisturbed: it advances `stepMs` at a time, delivering
 * every start and stop that is due, until every deployment is quiet (HEALTHY,
 * exactly `target` replicas, all RUNNING at the target version) or `maxTicks`
 * ticks passed. The last tick is marked settled, so L3 demands quiet there.
 */
export const settle = (w: World, stepMs: number, maxTicks: number, onTick: (w: World) => void): World => {
  let world = w
  for (let i = 1; i <= maxTicks; i++) {
    const next = worldStep(world, { kind: "advance", ms: stepMs })
    const done = quiet(next.observation.after, next.observation.modelAfter) &&
      Lifecycle.compaction(next.observation.after).phase !== "active"
    if (done || i === maxTicks) {
      world = { ...next, observation: { ...next.observation, settled: true } }
      onTick(world)
      return world
    }
    onTick(next)
    world = next
  }
  return world
}

// ---------------------------------------------------------------------------
// A canonical key for the explorer.
// ---------------------------------------------------------------------------

/**
 * The world as the explorer deduplicates it: the ledger's nodes, draining
 * map, releases, targets and versions, every deployment's replicas in the
 * core's order (ids renamed in order of appearance, since the core chooses
 * them) with version, node and phase, its counts and status, and the
 * compaction query. Time enters only as the differences the rules compare,
 * each capped where its rule fires: how far each drain deadline is
 * (down to 0, when the world removes the node), how long the active compaction
 * has run (up to its timeout), how long the cluster has been settled (up to
 * the compaction delay), how long each deployment has been steady (up to the
 * compaction delay) and since the last compaction ended (up to the longest back-off), and the count of failed compactions only up to where
 * the back-off `min(2^failures s, maxBackoffMs)` stops growing. So time can
 * pass and compactions fail without bound and the scope stays finite.
 */
/** The back-off unit of DESIGN §6: `2^failures` seconds. */
const BACKOFF_UNIT_MS = 1000

export const worldKey = (w: World): string => {
  const { after, modelAfter: m, now } = w.observation
  const { compactionDelayMs, compactionTimeoutMs, maxBackoffMs } = w.setup.options
  const names = new Map<string, string>()
  const name = (id: string) => names.get(id) ?? names.set(id, `#${names.size}`).get(id)
  const deployments = m.deployments.map((d) => {
    const listed = [...Lifecycle.replicas(after, d.id)]
    const rows = listed.map((r) => {
      const entry = m.replicas.find((x) => x.id === r.id)
      return `${name(r.id)}:${r.version}:${entry?.node ?? "-"}:${entry?.phase ?? "?"}`
    })
    const counts = Object.values(Lifecycle.countByState(after, d.id)).join(",")
    return `${d.id}=${d.target}@${d.version}/${Lifecycle.status(after, d.id)}/${counts}[${rows.join(",")}]`
  })
  const { failures, startedAt, ...compaction } = Lifecycle.compaction(after)
  return JSON.stringify([
    m.nodes.map((n) => n.id),
    Object.entries(m.draining).map(([n, deadline]) => [n, Math.max(deadline - now, 0)]),
    m.drained,
    m.released,
    deployments,
    compaction,
    Math.min(failures, Math.ceil(Math.log2(Math.max(maxBackoffMs / BACKOFF_UNIT_MS, 1)))),
    startedAt === null ? null : Math.min(now - startedAt, compactionTimeoutMs),
    Math.min(now - w.lastUnsettledAt, compactionDelayMs),
    Math.min(now - w.lastCompactionEndAt, maxBackoffMs),
    m.deployments.map((d) => {
      const since = w.steadySince[d.id]
      return since === undefined || since === null ? null : Math.min(now - since, compactionDelayMs)
    })
  ])
}
