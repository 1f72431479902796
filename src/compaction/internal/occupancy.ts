/**
 * Capacity occupancy of one round of moves, with its undo journal. Two loads
 * per node: `early`, the load during the round's first level (the load at the
 * start plus every first-level arrival, departures still counted), and `late`,
 * the load once every move of the round is done. A first-level move must fit
 * both; a second-level move lands where a first-level move made room, so it
 * only has to fit `late`. Per-node limits are counted the same way.
 */
import { capacityOf, demandOf, deploymentOf, type Instance, limitOf, resourceCount } from "./instance.js"
import { addLoad, type DeploymentCounts, tally } from "./tally.js"

/** One move of a replica, as a first-level (`early`) or a second-level move. */
export interface Move {
  readonly replica: number
  readonly from: number
  readonly to: number
  readonly early: boolean
}

export class Occupancy {
  private readonly early: Float64Array
  private readonly late: Float64Array
  private readonly countEarly: DeploymentCounts
  private readonly countLate: DeploymentCounts
  private readonly journal: Array<Move> = []

  // The instance's arrays, held here: the fit test runs millions of times per plan at 10,000 nodes, and reads them directly.
  private readonly R: number
  private readonly capacity: Float64Array
  private readonly demand: Float64Array
  private readonly deploymentOfReplica: Int32Array
  private readonly limit: Int32Array
  private readonly scale: Float64Array

  /** The occupancy of a placement, before any move of the round. */
  constructor(readonly instance: Instance, placement: Int32Array) {
    this.R = resourceCount(instance)
    this.capacity = instance.capacity
    this.demand = instance.demand
    this.deploymentOfReplica = instance.replicaDeployment
    this.limit = instance.maxPerNode
    this.scale = instance.scale
    const start = tally(instance, placement, "limited")
    this.late = start.load
    this.early = start.load.slice()
    this.countEarly = start.perDeployment
    this.countLate = start.perDeployment.copy()
  }

  /** Whether replica r fits on node n as a first-level move: on top of the early and of the late load, limits included. */
  fitsEarly(r: number, n: number): boolean {
    const { R, capacity, demand, early, late } = this
    const d = this.deploymentOfReplica[r] ?? 0
    for (let k = 0, i = n * R, j = d * R; k < R; k++, i++, j++) {
      const need = demand[j] ?? 0
      if (need === 0) continue
      const cap = capacity[i] ?? 0
      if ((early[i] ?? 0) + need > cap || (late[i] ?? 0) + need > cap) return false
    }
    const limit = this.limit[d] ?? 0
    return limit === 0 || (this.countEarly.get(n, d) < limit && this.countLate.get(n, d) < limit)
  }

  /** The score of node n as the destination of a replica of deployment d (see `scoring`): the preference plus the room left, normalised. */
  score(n: number, d: number, preferenceOfN: number): number {
    const { R, capacity, demand, early, late, scale } = this
    let s = preferenceOfN
    for (let k = 0, i = n * R, j = d * R; k < R; k++, i++, j++) {
      s += ((capacity[i] ?? 0) - Math.max(early[i] ?? 0, late[i] ?? 0) - (demand[j] ?? 0)) / (scale[k] ?? 1)
    }
    return s
  }

  /** Node n's free amount of resource k in both levels. */
  free(n: number, k: number): number {
    const i = n * this.R + k
    return (this.capacity[i] ?? 0) - Math.max(this.early[i] ?? 0, this.late[i] ?? 0)
  }

  /** How much of resource k node n lacks, at the end of the round, to take one more replica of deployment d (≤ 0: none). */
  lateDeficit(n: number, d: number, k: number): number {
    const R = resourceCount(this.instance)
    return (this.late[n * R + k] ?? 0) + demandOf(this.instance, d, k) - capacityOf(this.instance, n, k)
  }

  /** Replicas of deployment d on node n at the end of the round. */
  lateCount(n: number, d: number): number {
    return this.countLate.get(n, d)
  }

  /** Applies a move and records it in the journal. */
  move(m: Move): void {
    this.apply(m, 1)
    this.journal.push(m)
  }

  /** The journal's position, to roll back to. */
  mark(): number {
    return this.journal.length
  }

  /** Keeps every move made so far: they can no longer be rolled back. */
  commit(): void {
    this.journal.length = 0
  }

  /** Takes back the moves made since `mark`, the last first, calling `undone` after each. */
  rollback(mark: number, undone: (m: Move) => void): void {
    while (this.journal.length > mark) {
      const m = this.journal.pop() as Move
      this.apply(m, -1)
      undone(m)
    }
  }

  private apply(m: Move, sign: 1 | -1): void {
    const { instance } = this
    const d = deploymentOf(instance, m.replica)
    addLoad(instance, this.late, m.to, m.replica, sign)
    addLoad(instance, this.late, m.from, m.replica, -sign)
    if (m.early) addLoad(instance, this.early, m.to, m.replica, sign)
    if (limitOf(instance, d) > 0) {
      this.countLate.add(m.to, d, sign)
      this.countLate.add(m.from, d, -sign)
      if (m.early) this.countEarly.add(m.to, d, sign)
    }
  }
}

