/**
 * Ray's `ReplicaStateContainer` and `DeploymentState.stop_replicas`, rewritten
 * faithfully over mutable arrays, as the benchmark's baselines:
 *
 * - `stopReplicasPopAll`: before PR #60832, pop every replica and re-add each
 *   one that is not stopped (re-adding calls `update_state`, which rebuilds
 *   the replica's details record, as pydantic's `model_copy` did);
 * - `stopReplicasSinglePass`: PR #60832, one scan of the buckets in state
 *   order that takes out the wanted ids, rebuilding only the buckets that
 *   matched and stopping early once every id was found.
 *
 * Either way a stopped replica is then `stop()`ped and added to STOPPING.
 */
import { Container } from "../../src/index.js"

type ReplicaState = Container.ReplicaState
const ALL_REPLICA_STATES = Container.ALL_REPLICA_STATES

/** The replica's details record that `update_state` rebuilds. */
interface ReplicaDetails {
  readonly replicaId: string
  readonly state: ReplicaState
  readonly nodeId: string
  readonly actorName: string
  readonly pid: number
  readonly startTimeS: number
}

/** A `DeploymentReplica`: mutable, as in Ray. */
export class MutableReplica {
  details: ReplicaDetails
  stopped = false
  constructor(readonly id: string, readonly version: string, state: ReplicaState) {
    this.details = { replicaId: id, state, nodeId: "node-1", actorName: `SERVE_REPLICA::${id}`, pid: 1, startTimeS: 0 }
  }
  updateState(state: ReplicaState): void {
    this.details = { ...this.details, state }
  }
  stop(): void {
    this.stopped = true
  }
}

/** `ReplicaStateContainer`: a dict of lists keyed by state. */
export class MutableStateContainer {
  private readonly replicas = new Map<ReplicaState, Array<MutableReplica>>(ALL_REPLICA_STATES.map((s) => [s, []]))

  add(state: ReplicaState, replica: MutableReplica): void {
    replica.updateState(state)
    ;(this.replicas.get(state) as Array<MutableReplica>).push(replica)
  }

  /** `pop(exclude_version=None, states=None, max_replicas=math.inf)`, loop for loop. */
  pop(excludeVersion?: string, maxReplicas = Infinity): Array<MutableReplica> {
    const replicas: Array<MutableReplica> = []
    for (const state of ALL_REPLICA_STATES) {
      const popped: Array<MutableReplica> = []
      const remaining: Array<MutableReplica> = []
      for (const replica of this.replicas.get(state) as Array<MutableReplica>) {
        if (replicas.length + popped.length === maxReplicas) remaining.push(replica)
        else if (excludeVersion !== undefined && replica.version === excludeVersion) remaining.push(replica)
        else popped.push(replica)
      }
      this.replicas.set(state, remaining)
      for (const replica of popped) replicas.push(replica)
    }
    return replicas
  }

  /** `get(states)`: the buckets concatenated in the given order. */
  get(states: ReadonlyArray<ReplicaState> = ALL_REPLICA_STATES): Array<MutableReplica> {
    return states.flatMap((state) => this.replicas.get(state) as Array<MutableReplica>)
  }

  /** PR #60832's `remove`. */
  remove(replicaIds: Iterable<string>): Array<MutableReplica> {
    const ids = new Set(replicaIds)
    const removed: Array<MutableReplica> = []
    for (const state of ALL_REPLICA_STATES) {
      if (removed.length === ids.size) break
      const bucket = this.replicas.get(state) as Array<MutableReplica>
      const kept: Array<MutableReplica> = []
      let matched = false
      for (const replica of bucket) {
        if (ids.has(replica.id)) {
          removed.push(replica)
          matched = true
        } else {
          kept.push(replica)
        }
      }
      if (matched) this.replicas.set(state, kept)
    }
    return removed
  }
}

const stopReplica = (container: MutableStateContainer, replica: MutableReplica): void => {
  replica.stop()
  container.add("STOPPING", replica)
}

/** `stop_replicas` before PR #60832: pop all, stop the wanted, re-add the rest. */
export const stopReplicasPopAll = (container: MutableStateContainer, replicasToStop: ReadonlySet<string>): void => {
  for (const replica of container.pop()) {
    if (replicasToStop.has(replica.id)) stopReplica(container, replica)
    else container.add(replica.details.state, replica)
  }
}

/** `stop_replicas` after PR #60832: one pass of `remove`, then stop each. */
export const stopReplicasSinglePass = (container: MutableStateContainer, replicasToStop: Iterable<string>): void => {
  for (const replica of container.remove(replicasToStop)) stopReplica(container, replica)
}

/** The same operation on the persistent container: remove them, then append them to STOPPING. */
export const stopReplicasPersistent = <R extends Container.Replica>(
  container: Container.ReplicaContainer<R>,
  replicasToStop: Iterable<string>
): Container.ReplicaContainer<R> => {
  const [removed, rest] = Container.remove(container, replicasToStop)
  return Container.addAll(rest, "STOPPING", removed)
}
