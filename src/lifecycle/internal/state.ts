/** The lifecycle state's inside: nodes, deployments, the draining map, the compaction cycle. */
import type { ReplicaContainer } from "../../container/index.js"
import type { Step } from "../../compaction/index.js"
import type { Options } from "../Config.js"
import type { DeploymentStatus, LifecycleState, Replica } from "../State.js"
import { toVector, type Vector } from "./resources.js"
import type { SeqMap } from "./seqMap.js"

/** A node and what its replicas hold on it. */
export interface NodeEntry {
  readonly id: string
  readonly capacity: Vector
  readonly releasable: boolean
  /** Resources held by the replicas placed on it, from placement until they exit. */
  readonly used: Vector
  /** Replicas holding it, in any state (STOPPING ones until they exit). */
  readonly held: number
  /** Replicas holding it that are not STOPPING. */
  readonly live: number
  /** Replicas on it that run (RUNNING, UPDATING, PENDING_MIGRATION): it is busy when there is one. */
  readonly running: number
  /** The ids of the replicas holding it. */
  readonly replicas: ReadonlyArray<string>
  /** Live replicas per deployment index, kept only for deployments with `maxReplicasPerNode`. */
  readonly perDeployment: ReadonlyMap<number, number>
  /** A compaction emptied it and `releaseNode` was emitted: nothing is placed here any more. */
  readonly released: boolean
}

/** A deployment: its spec, its replicas, its status. */
export interface DeploymentEntry {
  readonly id: string
  readonly demand: Vector
  readonly target: number
  readonly version: string
  readonly maxSurge: number
  readonly maxReplicasPerNode: number | undefined
  readonly replicas: ReplicaContainer<Replica>
  /** Each replica's record by the sequence number its id ends with. */
  readonly records: SeqMap<Replica>
  /** The next sequence number. */
  readonly nextSeq: number
  /** Replicas (any state) whose version is not `version`. */
  readonly outdated: number
  /** STOPPING replicas that never reported `replicaStarted`: they may still report it. */
  readonly neverStarted: ReadonlySet<string>
  readonly status: DeploymentStatus
  /** Since when it has been HEALTHY with exactly `target` replicas (steady), or `null` while it is not. */
  readonly steadySince: number | null
}

/** A planner compaction's steps and how far it is. */
export interface PlannerRun {
  readonly kind: "planner"
  readonly steps: ReadonlyArray<Step>
  readonly waves: number
  readonly wave: number
  /** The sources of the current wave's steps. */
  readonly sources: ReadonlySet<string>
  /** The replacement started for each step of the current wave, by step index. */
  readonly replacements: ReadonlyMap<number, string>
}

/** A Ray compaction: one node. */
export interface RayRun {
  readonly kind: "ray"
}

/** The active compaction. */
export interface ActiveCompaction {
  readonly run: PlannerRun | RayRun
  /** Every node it empties. */
  readonly nodes: ReadonlyArray<string>
  readonly emptying: ReadonlySet<string>
  readonly startedAt: number
}

/** The compaction cycle. */
export interface CompactionCycle {
  readonly active: ActiveCompaction | undefined
  readonly failures: number
  /** No new compaction before this time. */
  readonly nextAllowed: number
  /** Nodes a completed compaction emptied, released once they hold no replica. */
  readonly releasing: ReadonlySet<string>
  /** The layout stamp at which the last search found nothing to compact. */
  readonly searchedAt: number
  /** What the last fruitless search depended on besides the layout (`"planner"`: the deployments it could move, the nodes draining): others may find something. */
  readonly searchedMovable: string
}

/** The whole state. */
export interface StateData {
  readonly options: Options
  /** The `now` of the last tick (−∞ before the first). */
  readonly now: number
  /** A tick left it settled (false for `make`'s state). */
  readonly settled: boolean
  readonly resources: ReadonlyArray<string>
  readonly order: ReadonlyArray<number>
  readonly nodes: ReadonlyArray<NodeEntry>
  readonly nodeIndex: ReadonlyMap<string, number>
  readonly deployments: ReadonlyArray<DeploymentEntry>
  readonly deploymentIndex: ReadonlyMap<string, number>
  readonly draining: ReadonlyMap<string, number>
  /** Nodes that left (`nodeRemoved`): a draining map that still names one is stale there, not wrong. */
  readonly removed: ReadonlySet<string>
  readonly compaction: CompactionCycle
  /** When every deployment last became HEALTHY with no node draining, or `null` when that does not hold. */
  readonly quietSince: number | null
  /** Bumped whenever a replica is placed, moves, changes state or exits. */
  readonly layout: number
}

/** The public opaque state of the internal data. */
export const wrap = (data: StateData): LifecycleState => data as unknown as LifecycleState

/** The internal data of the public opaque state. */
export const unwrap = (state: LifecycleState): StateData => state as unknown as StateData

/** The sequence number a replica id ends with (ids are `deployment#seq`), or -1. */
export const seqOf = (id: string): number => {
  const at = id.lastIndexOf("#")
  if (at < 0 || at === id.length - 1) return -1
  let seq = 0
  for (let i = at + 1; i < id.length; i++) {
    const digit = id.charCodeAt(i) - 48
    if (digit < 0 || digit > 9) return -1
    seq = seq * 10 + digit
  }
  return seq
}

/** The deployment id a replica id starts with, or `undefined`. */
export const deploymentOf = (id: string): string | undefined => {
  const at = id.lastIndexOf("#")
  return at < 0 ? undefined : id.slice(0, at)
}

/** The replica id of a deployment's sequence number. */
export const replicaId = (deployment: string, seq: number): string => `${deployment}#${seq}`

/** A node that has just joined: its capacity in the columns `names`, nothing on it yet. */
export const emptyNode = (
  names: ReadonlyArray<string>,
  spec: { readonly id: string; readonly capacity: Readonly<Record<string, number>>; readonly releasable: boolean }
): NodeEntry => ({
  id: spec.id,
  capacity: toVector(names, spec.capacity),
  releasable: spec.releasable,
  used: names.map(() => 0),
  held: 0,
  live: 0,
  running: 0,
  replicas: [],
  perDeployment: new Map(),
  released: false
})
