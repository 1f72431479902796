/**
 * The lifecycle's reference model: the world's ledger of what the core was
 * told and what it ordered, kept with plain arrays and linear scans.
 *
 * It does not re-implement the controller. It only records, from the events a
 * tick receives and the actions it answers, where every replica is (the node
 * it holds), how far it got (`starting`, `serving`, `stopping`), the nodes and
 * the draining map, and each deployment's target and version. The `L*`
 * predicates compare the core's queries with this ledger.
 */

// ---------------------------------------------------------------------------
// The contract's data (DESIGN §6), as the checks write it.
// ---------------------------------------------------------------------------

/** An amount of each resource, in the smallest unit. */
export type Resources = Readonly<Record<string, number>>

export interface NodeSpec {
  readonly id: string
  readonly capacity: Resources
  readonly releasable?: boolean
}

export interface DeploymentSpec {
  readonly id: string
  readonly demand: Resources
  readonly target: number
  readonly version?: string
  readonly maxSurge?: number
  readonly maxReplicasPerNode?: number
}

/** What happened, as the world reports it to `Lifecycle.tick`. */
export type LifecycleEvent =
  | { readonly type: "replicaStarted"; readonly replica: string; readonly node: string }
  | { readonly type: "replicaFailed"; readonly replica: string }
  | { readonly type: "replicaUnhealthy"; readonly replica: string }
  | { readonly type: "replicaStopped"; readonly replica: string }
  | { readonly type: "nodesDraining"; readonly nodes: Readonly<Record<string, number>> }
  | { readonly type: "nodeAdded"; readonly node: NodeSpec }
  | { readonly type: "nodeRemoved"; readonly node: string }
  | { readonly type: "setTarget"; readonly deployment: string; readonly target: number; readonly version?: string }

/** What to do, as `Lifecycle.tick` answers. */
export type LifecycleAction =
  | {
    readonly type: "startReplica"
    readonly replica: string
    readonly deployment: string
    readonly version: string
    readonly node: string | null
  }
  | { readonly type: "stopReplica"; readonly replica: string; readonly graceful: boolean }
  | { readonly type: "releaseNode"; readonly node: string }

/** The default version of a deployment that names none (DESIGN §6). */
export const DEFAULT_VERSION = "v1"

// ---------------------------------------------------------------------------
// The ledger.
// ---------------------------------------------------------------------------

/**
 * How far a replica got, as the world sees it: `starting` from its
 * `startReplica` until its `replicaStarted`, `serving` after it, `stopping`
 * from its `stopReplica` until its `replicaStopped` (then it leaves the ledger).
 */
export type Phase = "starting" | "serving" | "stopping"

export interface ModelReplica {
  readonly id: string
  readonly deployment: string
  readonly version: string
  /** The node it holds: the scheduler's choice, then the node `replicaStarted` named; `null` while unplaced. */
  readonly node: string | null
  readonly phase: Phase
  /** The `now` of its last phase change. */
  readonly since: number
}

export interface ModelDeployment {
  readonly id: string
  readonly demand: Resources
  readonly target: number
  readonly version: string
}

export interface LifecycleModel {
  readonly now: number
  /** Nodes present in the cluster, in the order they joined. */
  readonly nodes: ReadonlyArray<NodeSpec>
  /** How many nodes the world has added so far (names the next one). */
  readonly added: number
  /** Nodes named by a `releaseNode`, in order. */
  readonly released: ReadonlyArray<string>
  /** The draining map last reported: node → deadline (ms). */
  readonly draining: Readonly<Record<string, number>>
  /** Whether a `nodesDraining` event with a non-empty map was ever sent. */
  readonly drained: boolean
  readonly deployments: ReadonlyArray<ModelDeployment>
  /** Every replica started and not yet stopped. */
  readonly replicas: ReadonlyArray<ModelReplica>
  /** Every replica id a `startReplica` ever named. */
  readonly started: ReadonlyArray<string>
}

/** The ledger of a fresh cluster, before the first tick. */
export const modelOf = (nodes: ReadonlyArray<NodeSpec>, deployments: ReadonlyArray<DeploymentSpec>): LifecycleModel => ({
  now: 0,
  nodes,
  added: 0,
  released: [],
  draining: {},
  drained: false,
  deployments: deployments.map((d) => ({
    id: d.id,
    demand: d.demand,
    target: d.target,
    version: d.version ?? DEFAULT_VERSION
  })),
  replicas: [],
  started: []
})

const update = (m: LifecycleModel, id: string, change: (r: ModelReplica) => ModelReplica): LifecycleModel => ({
  ...m,
  replicas: m.replicas.map((r) => (r.id === id ? change(r) : r))
})

/** The ledger after a tick's events, at `now`. Events about replicas the ledger does not hold change nothing. */
export const applyEvents = (m: LifecycleModel, now: number, events: ReadonlyArray<LifecycleEvent>): LifecycleModel =>
  events.reduce<LifecycleModel>((acc, e) => {
    switch (e.type) {
      case "replicaStarted":
        return update(acc, e.replica, (r) => ({ ...r, phase: "serving", node: e.node, since: now }))
      case "replicaFailed":
      case "replicaUnhealthy":
        return acc
      case "replicaStopped":
        return { ...acc, replicas: acc.replicas.filter((r) => r.id !== e.replica) }
      case "nodesDraining":
        return { ...acc, draining: e.nodes, drained: acc.drained || Object.keys(e.nodes).length > 0 }
      case "nodeAdded":
        return { ...acc, nodes: [...acc.nodes, e.node], added: acc.added + 1 }
      case "nodeRemoved":
        return { ...acc, nodes: acc.nodes.filter((n) => n.id !== e.node) }
      case "setTarget":
        return {
          ...acc,
          deployments: acc.deployments.map((d) =>
            d.id === e.deployment ? { ...d, target: e.target, version: e.version ?? d.version } : d
          )
        }
    }
  }, { ...m, now })

/** The ledger after a tick's actions. */
export const applyActions = (m: LifecycleModel, actions: ReadonlyArray<LifecycleAction>): LifecycleModel =>
  actions.reduce<LifecycleModel>((acc, a) => {
    switch (a.type) {
      case "startReplica":
        return {
          ...acc,
          replicas: [...acc.replicas, {
            id: a.replica,
            deployment: a.deployment,
            version: a.version,
            node: a.node,
            phase: "starting",
            since: acc.now
          }],
          started: [...acc.started, a.replica]
        }
      case "stopReplica":
        return update(acc, a.replica, (r) => ({ ...r, phase: "stopping", since: acc.now }))
      case "releaseNode":
        return { ...acc, released: [...acc.released, a.node] }
    }
  }, m)

// ---------------------------------------------------------------------------
// Queries on the ledger.
// ---------------------------------------------------------------------------

export const deploymentIn = (m: LifecycleModel, id: string): ModelDeployment | undefined =>
  m.deployments.find((d) => d.id === id)

export const nodeIn = (m: LifecycleModel, id: string): NodeSpec | undefined => m.nodes.find((n) => n.id === id)

export const replicaIn = (m: LifecycleModel, id: string): ModelReplica | undefined => indexOf(m).byId.get(id)

/** The replicas holding a node's resources: every phase, STOPPING included, until `replicaStopped`. */
export const holding = (m: LifecycleModel, node: string): ReadonlyArray<ModelReplica> =>
  indexOf(m).byNode.get(node) ?? NONE

const NONE: ReadonlyArray<ModelReplica> = []

/** A model's replicas by id and by node, built once per model (a model is never changed, only replaced). */
interface ReplicaIndex {
  readonly byId: ReadonlyMap<string, ModelReplica>
  readonly byNode: ReadonlyMap<string, ReadonlyArray<ModelReplica>>
}

const indexes = new WeakMap<ReadonlyArray<ModelReplica>, ReplicaIndex>()

/**
 * The index of a model's replica list, made on first use. Only a look-up
 * table: what `replicaIn` and `holding` answer is what a scan of the list
 * answers (the first replica with the id; the replicas on the node, in list
 * order), in constant time, so that invariants evaluated on thousands of
 * replicas (the simulator's fleets) stay linear.
 */
const indexOf = (m: LifecycleModel): ReplicaIndex => {
  const cached = indexes.get(m.replicas)
  if (cached !== undefined) return cached
  const byId = new Map<string, ModelReplica>()
  const byNode = new Map<string, Array<ModelReplica>>()
  for (const r of m.replicas) {
    if (!byId.has(r.id)) byId.set(r.id, r)
    if (r.node === null) continue
    const list = byNode.get(r.node)
    if (list === undefined) byNode.set(r.node, [r])
    else list.push(r)
  }
  const index = { byId, byNode }
  indexes.set(m.replicas, index)
  return index
}

/** What the replicas holding a node use of one resource. */
export const load = (m: LifecycleModel, node: string, resource: string): number =>
  holding(m, node).reduce((sum, r) => sum + (deploymentIn(m, r.deployment)?.demand[resource] ?? 0), 0)

/** Whether one more replica of `demand` fits on the node beside what it holds. */
export const fits = (m: LifecycleModel, node: NodeSpec, demand: Resources): boolean =>
  Object.entries(demand).every(([k, v]) => load(m, node.id, k) + v <= (node.capacity[k] ?? 0))

/** Whether a node holds more than its capacity of some resource. */
export const overCapacity = (m: LifecycleModel, node: NodeSpec): boolean => {
  const resources = new Set(holding(m, node.id).flatMap((r) => Object.keys(deploymentIn(m, r.deployment)?.demand ?? {})))
  return [...resources].some((k) => load(m, node.id, k) > (node.capacity[k] ?? 0))
}

/** Whether the node is draining and its deadline is due: `now ≥ deadline − gracefulShutdownTimeoutMs`. */
export const deadlineDue = (m: LifecycleModel, node: string | null, graceMs: number): boolean => {
  const deadline = node === null ? undefined : m.draining[node]
  return deadline !== undefined && m.now >= deadline - graceMs
}
