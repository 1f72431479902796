/**
 * A tick's working copy of the state: it shares everything with the state it
 * started from and copies an array or replaces a record only when it writes
 * there, so a tick costs what it changes. Every replica move goes through
 * here, keeping the containers, the records and each node's accounting in step.
 */
import * as Container from "../../container/index.js"
import type { ReplicaState } from "../../container/index.js"
import type { Action } from "../Action.js"
import type { Replica } from "../State.js"
import { addScaled } from "./resources.js"
import * as SeqMap from "./seqMap.js"
import { type CompactionCycle, type DeploymentEntry, type NodeEntry, seqOf, type StateData } from "./state.js"

const isLive = (s: ReplicaState): boolean => s !== "STOPPING"
const isRunning = (s: ReplicaState): boolean => s === "RUNNING" || s === "UPDATING" || s === "PENDING_MIGRATION"

export class Draft {
  readonly base: StateData
  now: number
  resources: ReadonlyArray<string>
  order: ReadonlyArray<number>
  nodes: ReadonlyArray<NodeEntry>
  nodeIndex: ReadonlyMap<string, number>
  deployments: ReadonlyArray<DeploymentEntry>
  draining: ReadonlyMap<string, number>
  removed: ReadonlySet<string>
  compaction: CompactionCycle
  quietSince: number | null
  layout: number
  readonly actions: Array<Action> = []
  /** Something changed in the current pass. */
  changed = false
  /** The draining map, the nodes or the compaction changed during this tick: every deployment is looked at. */
  global = false
  /** A new live replica landed on a node an active compaction empties. */
  landed = false
  /** The deployments written since the current pass began (the events count as the first pass's). */
  written = new Set<number>()
  private nodesOwned = false
  private deploymentsOwned = false

  constructor(base: StateData, now: number) {
    this.base = base
    this.now = now
    this.resources = base.resources
    this.order = base.order
    this.nodes = base.nodes
    this.nodeIndex = base.nodeIndex
    this.deployments = base.deployments
    this.draining = base.draining
    this.removed = base.removed
    this.compaction = base.compaction
    this.quietSince = base.quietSince
    this.layout = base.layout
  }

  /** The state this draft has become. */
  finish(): StateData {
    return {
      options: this.base.options,
      now: this.now,
      settled: true,
      resources: this.resources,
      order: this.order,
      nodes: this.nodes,
      nodeIndex: this.nodeIndex,
      deployments: this.deployments,
      deploymentIndex: this.base.deploymentIndex,
      draining: this.draining,
      removed: this.removed,
      compaction: this.compaction,
      quietSince: this.quietSince,
      layout: this.layout
    }
  }

  emit(action: Action): void {
    this.actions.push(action)
    this.changed = true
  }

  setCompaction(cycle: CompactionCycle): void {
    this.compaction = cycle
    this.changed = true
    this.global = true
  }

  setDraining(draining: ReadonlyMap<string, number>): void {
    this.draining = draining
    this.global = this.changed = true
  }

  setQuietSince(at: number | null): void {
    this.quietSince = at
    this.changed = true
  }

  /** Replaces the node list (a node added or removed): positions change, so the index is rebuilt. */
  setNodes(nodes: ReadonlyArray<NodeEntry>): void {
    this.nodes = nodes
    this.nodesOwned = false
    this.nodeIndex = new Map(nodes.map((n, i) => [n.id, i]))
    this.layout++
    this.global = this.changed = true
  }

  nodeAt(id: string): NodeEntry | undefined {
    const i = this.nodeIndex.get(id)
    return i === undefined ? undefined : this.nodes[i]
  }

  /** Replaces the entry of a listed node. */
  setNode(entry: NodeEntry): void {
    const i = this.nodeIndex.get(entry.id) as number
    if (!this.nodesOwned) {
      this.nodes = this.nodes.slice()
      this.nodesOwned = true
    }
    ;(this.nodes as Array<NodeEntry>)[i] = entry
    this.changed = true
  }

  deployment(d: number): DeploymentEntry {
    return this.deployments[d] as DeploymentEntry
  }

  setDeployment(d: number, entry: DeploymentEntry): void {
    if (!this.deploymentsOwned) {
      this.deployments = this.deployments.slice()
      this.deploymentsOwned = true
    }
    ;(this.deployments as Array<DeploymentEntry>)[d] = entry
    this.written.add(d)
    this.changed = true
  }

  record(d: number, id: string): Replica | undefined {
    return SeqMap.get(this.deployment(d).records, seqOf(id))
  }

  /** New replicas arrive in `state`, in order, each on its node (or none yet). */
  addAll(d: number, state: ReplicaState, replicas: ReadonlyArray<Replica>): void {
    const dep = this.deployment(d)
    let records = dep.records
    let outdated = dep.outdated
    for (const replica of replicas) {
      records = SeqMap.set(records, seqOf(replica.id), replica)
      if (replica.version !== dep.version) outdated++
    }
    this.setDeployment(d, { ...dep, replicas: Container.addAll(dep.replicas, state, replicas), records, outdated })
    for (const replica of replicas) if (replica.node !== null) this.arrive(replica.node, d, replica.id, state)
    this.layout++
  }

  /** A replica moves to the end of `to`'s order. */
  transition(d: number, replica: Replica, from: ReplicaState, to: ReplicaState): void {
    const dep = this.deployment(d)
    this.setDeployment(d, { ...dep, replicas: Container.transition(dep.replicas, replica.id, to) })
    if (replica.node !== null) this.restate(replica.node, d, from, to)
    this.layout++
  }

  /** A replica changes its record (the node it reported) and moves to the end of `to`'s order. */
  replace(d: number, replica: Replica, from: ReplicaState, next: Replica, to: ReplicaState): void {
    const dep = this.deployment(d)
    const [, rest] = Container.remove(dep.replicas, [replica.id])
    this.setDeployment(d, {
      ...dep,
      replicas: Container.add(rest, to, next),
      records: SeqMap.set(dep.records, seqOf(next.id), next)
    })
    if (replica.node !== null) this.leave(replica.node, d, replica.id, from)
    if (next.node !== null) this.arrive(next.node, d, next.id, to)
    this.layout++
  }

  /** A replica exits: it leaves its container and frees its node. */
  drop(d: number, replica: Replica, from: ReplicaState): void {
    const dep = this.deployment(d)
    const [, rest] = Container.remove(dep.replicas, [replica.id])
    let neverStarted = dep.neverStarted
    if (neverStarted.has(replica.id)) {
      const copy = new Set(neverStarted)
      copy.delete(replica.id)
      neverStarted = copy
    }
    this.setDeployment(d, {
      ...dep,
      replicas: rest,
      records: SeqMap.remove(dep.records, seqOf(replica.id)),
      outdated: dep.outdated - (replica.version === dep.version ? 0 : 1),
      neverStarted
    })
    if (replica.node !== null) this.leave(replica.node, d, replica.id, from)
    this.layout++
  }

  /** Stops a replica: it moves to STOPPING and a `stopReplica` is emitted. */
  stop(d: number, replica: Replica, from: ReplicaState, graceful: boolean): void {
    this.transition(d, replica, from, "STOPPING")
    if (from === "STARTING") {
      const dep = this.deployment(d)
      this.setDeployment(d, { ...dep, neverStarted: new Set(dep.neverStarted).add(replica.id) })
    }
    this.emit({ type: "stopReplica", replica: replica.id, graceful })
  }

  private perDeployment(node: NodeEntry, d: number, delta: number): ReadonlyMap<number, number> {
    if (this.deployment(d).maxReplicasPerNode === undefined || delta === 0) return node.perDeployment
    const copy = new Map(node.perDeployment)
    copy.set(d, (copy.get(d) ?? 0) + delta)
    return copy
  }

  /** The entry of a node a replica holds: always listed, since a node's replicas let go of it before it is removed. */
  private heldNode(nodeId: string): NodeEntry {
    return this.nodeAt(nodeId) as NodeEntry
  }

  private arrive(nodeId: string, d: number, id: string, state: ReplicaState): void {
    const node = this.heldNode(nodeId)
    const live = isLive(state) ? 1 : 0
    if (live === 1 && this.compaction.active?.emptying.has(nodeId) === true) this.landed = true
    this.setNode({
      ...node,
      used: addScaled(node.used, this.deployment(d).demand, 1, this.resources.length),
      held: node.held + 1,
      live: node.live + live,
      running: node.running + (isRunning(state) ? 1 : 0),
      replicas: [...node.replicas, id],
      perDeployment: this.perDeployment(node, d, live)
    })
  }

  private leave(nodeId: string, d: number, id: string, state: ReplicaState): void {
    const node = this.heldNode(nodeId)
    const live = isLive(state) ? 1 : 0
    this.setNode({
      ...node,
      used: addScaled(node.used, this.deployment(d).demand, -1, this.resources.length),
      held: node.held - 1,
      live: node.live - live,
      running: node.running - (isRunning(state) ? 1 : 0),
      replicas: node.replicas.filter((r) => r !== id),
      perDeployment: this.perDeployment(node, d, -live)
    })
  }

  private restate(nodeId: string, d: number, from: ReplicaState, to: ReplicaState): void {
    const node = this.heldNode(nodeId)
    const live = (isLive(to) ? 1 : 0) - (isLive(from) ? 1 : 0)
    const running = (isRunning(to) ? 1 : 0) - (isRunning(from) ? 1 : 0)
    if (live === 0 && running === 0) return
    this.setNode({
      ...node,
      live: node.live + live,
      running: node.running + running,
      perDeployment: this.perDeployment(node, d, live)
    })
  }
}

