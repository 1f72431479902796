/** Shared helpers of the lifecycle unit tests: a driven cluster whose every state is deep-frozen. */
import { Container, Lifecycle } from "../../../src/index.js"
import { deepFreeze } from "../../../spec/freeze.js"

type Action = Lifecycle.Action
type Event = Lifecycle.EventInput
type ReplicaState = Container.ReplicaState

/** A lifecycle driven by hand: the time, the state, and every action so far. */
export class Cluster {
  state: Lifecycle.LifecycleState
  now = 0
  readonly log: Array<Action> = []

  constructor(config: Lifecycle.ConfigInput) {
    this.state = deepFreeze(Lifecycle.make(deepFreeze(config)))
  }

  /** One tick after `advanceMs`, with these events; returns its actions. */
  tick(events: ReadonlyArray<Event> = [], advanceMs = 0): ReadonlyArray<Action> {
    this.now += advanceMs
    const { actions, state } = Lifecycle.tick(this.state, deepFreeze({ now: this.now, events: [...events] }))
    this.state = deepFreeze(state)
    this.log.push(...actions)
    return actions
  }

  /** The non-zero counts by state of a deployment. */
  counts(deployment: string): Partial<Record<ReplicaState, number>> {
    return nonZero(Lifecycle.countByState(this.state, deployment))
  }

  /** The non-zero counts by `STATE version` of a deployment. */
  countsByVersion(deployment: string): Record<string, number> {
    const out: Record<string, number> = {}
    for (const state of Container.ALL_REPLICA_STATES) {
      for (const r of Container.get(Lifecycle.replicas(this.state, deployment), { states: [state] })) {
        const key = `${state} ${r.version}`
        out[key] = (out[key] ?? 0) + 1
      }
    }
    return out
  }

  /** The replicas of a deployment in one state. */
  replicasIn(deployment: string, state: ReplicaState): ReadonlyArray<Lifecycle.Replica> {
    return Container.get(Lifecycle.replicas(this.state, deployment), { states: [state] })
  }

  status(deployment: string): Lifecycle.DeploymentStatus {
    return Lifecycle.status(this.state, deployment)
  }

  compaction(): Lifecycle.CompactionStatus {
    return Lifecycle.compaction(this.state)
  }
}

const nonZero = (counts: Readonly<Record<ReplicaState, number>>): Partial<Record<ReplicaState, number>> =>
  Object.fromEntries(Object.entries(counts).filter(([, n]) => n > 0))

/** The `startReplica` actions among `actions`. */
export const starts = (actions: ReadonlyArray<Action>): ReadonlyArray<Lifecycle.StartReplica> =>
  actions.filter((a): a is Lifecycle.StartReplica => a.type === "startReplica")

/** The `stopReplica` actions among `actions`. */
export const stops = (actions: ReadonlyArray<Action>): ReadonlyArray<Lifecycle.StopReplica> =>
  actions.filter((a): a is Lifecycle.StopReplica => a.type === "stopReplica")

/** The nodes released among `actions`. */
export const releases = (actions: ReadonlyArray<Action>): ReadonlyArray<string> =>
  actions.flatMap((a) => (a.type === "releaseNode" ? [a.node] : []))

/** `replicaStarted` for each started replica, on the node it was placed on (or on `on`'s node when given). */
export const started = (
  actions: ReadonlyArray<Action>,
  on?: (start: Lifecycle.StartReplica, i: number) => string
): Array<Event> =>
  starts(actions).map((s, i) => ({ type: "replicaStarted", replica: s.replica, node: on?.(s, i) ?? s.node ?? "" }))

/** `replicaStopped` for each stopped replica. */
export const stopped = (actions: ReadonlyArray<Action>): Array<Event> =>
  stops(actions).map((s) => ({ type: "replicaStopped", replica: s.replica }))

/**
 * A cluster whose deployments run where `layout` says: `layout[deployment]`
 * lists one node per replica (the target). The first tick places them; the
 * world reports each started on its layout node (the reported node wins).
 */
export const running = (
  config: Omit<Lifecycle.ConfigInput, "deployments"> & {
    readonly deployments: ReadonlyArray<Omit<Lifecycle.DeploymentSpecInput, "target">>
  },
  layout: Readonly<Record<string, ReadonlyArray<string>>>
): Cluster => {
  const cluster = new Cluster({
    ...config,
    deployments: config.deployments.map((d) => ({ ...d, target: layout[d.id]?.length ?? 0 }))
  })
  const placed = cluster.tick()
  const next = new Map<string, number>()
  cluster.tick(started(placed, (s) => {
    const i = next.get(s.deployment) ?? 0
    next.set(s.deployment, i + 1)
    return layout[s.deployment]?.[i] ?? ""
  }))
  return cluster
}

/**
 * The world obeys: each tick reports every started replica running where it
 * was placed and every stopped replica gone, `stepMs` later, until a tick
 * answers nothing or `maxTicks` pass. Returns every action.
 */
export const obey = (cluster: Cluster, first: ReadonlyArray<Action>, stepMs = 1000, maxTicks = 50): Array<Action> => {
  const all = [...first]
  let pending = first
  for (let n = 0; n < maxTicks && pending.length > 0; n++) {
    pending = cluster.tick([...started(pending), ...stopped(pending)], stepMs)
    all.push(...pending)
  }
  return all
}
