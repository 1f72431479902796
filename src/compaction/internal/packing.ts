/**
 * The mutable working state of one planning attempt: where every replica
 * goes, the load of every node in the first level of moves (`early`: the
 * initial load plus every first-level arrival, departures still counted) and
 * at the end (`late`), and the capacity index of the nodes that may receive.
 *
 * Moves come in two levels per round. A first-level move fits on top of the
 * destination's `early` load; a second-level move lands where a first-level
 * move made room, so it only has to fit the `late` load. Any split of a level
 * into waves therefore keeps capacity at every instant.
 */
import type { KeptReason } from "../Plan.js"
import { CapacityIndex } from "./capacityIndex.js"
import { type Instance, loadOf, replicasByNode, resourceCount } from "./instance.js"

export interface Failure {
  readonly reason: KeptReason
  readonly replica?: number
}

/** The two resources of the capacity grid: the two with the largest total demand, relative to the largest node. */
const gridAxes = (instance: Instance): readonly [number, number] => {
  const R = resourceCount(instance)
  const total = new Float64Array(R)
  instance.replicaDeployment.forEach((d) => {
    for (let k = 0; k < R; k++) total[k] = (total[k] ?? 0) + (instance.demand[d * R + k] ?? 0) / (instance.scale[k] ?? 1)
  })
  const order = Array.from({ length: R }, (_, k) => k).sort((a, b) => (total[b] ?? 0) - (total[a] ?? 0) || a - b)
  return [order[0] ?? 0, order[1] ?? order[0] ?? 0]
}

/** The highest level of any move (0 when nothing moves). */
export const highestLevel = (level: Int32Array): number => level.reduce((a, b) => (b > a ? b : a), 0)

/** How a drain picks the destination of a replica among the nodes where it fits. */
export type DestinationMode = "best-fit" | "anchored" | "late"

interface Move {
  readonly replica: number
  readonly from: number
  readonly to: number
  readonly early: boolean
}

/**
 * How many nodes a best-fit or make-room query looks at, at most: a query
 * costs O(1) in the cluster's size, and a replica that fits nowhere fails fast.
 */
const SCAN_LIMIT = 512
/** How many kept nodes a make-room search tries: fewer in large clusters, where most drains that fail fail fast. */
const makeRoomLimit = (nodes: number): number => (nodes > 2000 ? 8 : 48)
/** How many failed demands are remembered at once. */
const FRONTIER = 32

export class Packing {
  readonly R: number
  /** Where each replica ends. */
  readonly target: Int32Array
  /** The level of each replica's move (0: stays). */
  readonly level: Int32Array
  /** Replicas that may not move in this round. */
  readonly pinned: Uint8Array
  readonly released: Uint8Array
  /** Nodes that receive a replica: kept for good. */
  readonly receiving: Int32Array
  readonly failures = new Map<number, Failure>()
  spent = 0
  private early: Float64Array
  private late: Float64Array
  private used: Uint8Array
  private origin: Int32Array
  private byNode: Array<Array<number>>
  private baseLevel = 0
  private countEarly = new Map<number, number>()
  private countLate = new Map<number, number>()
  private index!: CapacityIndex
  /** The two resources of the capacity grid, chosen once. */
  private readonly axes: readonly [number, number]
  private journal: Array<Move> = []
  /**
   * Demands that found no destination since free capacity last grew
   * (`version`): a demand at least as large fails too, without a scan. Most
   * drain attempts of a nearly packed cluster fail this way.
   */
  private failed: Array<Float64Array> = []
  private failedVersion = -1
  private version = 0

  /** Nodes that stay in this round whatever happens: not releasable, or holding a pinned replica. */
  private anchored = new Uint8Array(0)

  /**
   * How destinations are chosen: `best-fit` alone; `anchored` first the nodes
   * that stay anyway (anchored or already receiving); `late` first the nodes
   * that come last in the release order (`rank`), which are the likeliest to stay.
   */
  constructor(
    readonly instance: Instance,
    private readonly budget: number,
    private readonly mode: DestinationMode = "best-fit",
    private readonly rank: Float64Array = new Float64Array(instance.nodeIds.length)
  ) {
    this.R = resourceCount(instance)
    this.target = Int32Array.from(instance.replicaNode)
    this.level = new Int32Array(instance.replicaIds.length)
    this.pinned = Uint8Array.from(instance.replicaMovable, (m) => 1 - m)
    this.released = new Uint8Array(instance.nodeIds.length)
    this.receiving = new Int32Array(instance.nodeIds.length)
    this.early = new Float64Array(0)
    this.late = new Float64Array(0)
    this.used = new Uint8Array(0)
    this.origin = new Int32Array(0)
    this.byNode = []
    this.axes = gridAxes(instance)
    this.startRound()
  }

  /**
   * Starts a round from the current targets: the loads reset to them, replicas
   * that moved are pinned (each replica moves at most once), and later moves
   * get higher levels.
   */
  startRound(): void {
    const { instance } = this
    this.baseLevel = highestLevel(this.level)
    for (let r = 0; r < this.level.length; r++) if ((this.level[r] ?? 0) > 0) this.pinned[r] = 1
    this.origin = Int32Array.from(this.target)
    this.late = loadOf(instance, this.origin)
    this.early = Float64Array.from(this.late)
    this.byNode = replicasByNode(instance, this.origin)
    this.used = Uint8Array.from(this.byNode, (rs) => (rs.length > 0 ? 1 : 0))
    this.anchored = Uint8Array.from(this.byNode, (rs, n) =>
      instance.releasable[n] !== 1 || rs.some((r) => this.pinned[r] === 1) ? 1 : 0
    )
    this.countEarly.clear()
    this.origin.forEach((n, r) => {
      const d = instance.replicaDeployment[r] ?? 0
      if ((instance.maxPerNode[d] ?? 0) > 0) this.bump(this.countEarly, n, d, 1)
    })
    this.countLate = new Map(this.countEarly)
    this.index = new CapacityIndex(this.axes, instance.scale, instance.nodeIds.length)
    this.version++
    for (let n = 0; n < instance.nodeIds.length; n++) if (this.mayReceive(n)) this.reindex(n)
  }

  /** Nodes that are non-empty and may still be released in this round, with what blocks the others. */
  candidates(): Array<number> {
    const { instance } = this
    const result: Array<number> = []
    for (let n = 0; n < instance.nodeIds.length; n++) {
      if (this.used[n] !== 1 || this.released[n] === 1 || (this.receiving[n] ?? 0) > 0) continue
      if (instance.releasable[n] !== 1) {
        this.failures.set(n, { reason: "not-releasable" })
        continue
      }
      const pinned = (this.byNode[n] ?? []).find((r) => this.pinned[r] === 1)
      if (pinned !== undefined) this.failures.set(n, { reason: "unmovable-replica", replica: pinned })
      else result.push(n)
    }
    return result
  }

  /**
   * Tries to empty node c onto the nodes that are kept: each replica, largest
   * first, best fit; one that fits nowhere may take the place of a smaller
   * replica that moves on to a third node. All or nothing: on failure every
   * tentative move is undone and the reason recorded. A node that has become
   * a destination in the meantime is kept.
   */
  drain(c: number): boolean {
    if ((this.receiving[c] ?? 0) > 0) return false
    const wasIndexed = this.index.has(c)
    if (wasIndexed) this.index.delete(c)
    const mark = this.journal.length
    const spentBefore = this.spent
    const replicas = [...(this.byNode[c] ?? [])].sort((a, b) => this.size(b) - this.size(a) || a - b)
    let failure: Failure | undefined
    for (const r of replicas) {
      const to = this.bestFit(r, c, -1)
      if (to >= 0) this.move(r, to, true)
      else if (!this.makeRoom(r, c)) {
        failure = { reason: "no-room", replica: r }
        break
      }
      if (this.spent > this.budget) {
        failure = { reason: "migration-budget" }
        break
      }
    }
    if (failure === undefined) {
      this.released[c] = 1
      this.journal.length = 0
      return true
    }
    this.undo(mark)
    // The undo subtracts what it added; restoring the exact sum keeps fractional costs from drifting.
    this.spent = spentBefore
    this.failures.set(c, failure)
    if (wasIndexed) this.reindex(c)
    return false
  }

  /** The normalised size of a replica: its demand summed over resources, each relative to the largest node. */
  size(r: number): number {
    const { instance } = this
    const d = instance.replicaDeployment[r] ?? 0
    let s = 0
    for (let k = 0; k < this.R; k++) s += (instance.demand[d * this.R + k] ?? 0) / (instance.scale[k] ?? 1)
    return s
  }

  private mayReceive(n: number): boolean {
    return this.used[n] === 1 && this.instance.accepts[n] === 1 && this.released[n] !== 1
  }

  private reindex(n: number): void {
    const { instance, R } = this
    this.index.set(n, (k) => (instance.capacity[n * R + k] ?? 0) - Math.max(this.early[n * R + k] ?? 0, this.late[n * R + k] ?? 0))
  }

  private bump(counts: Map<number, number>, n: number, d: number, by: number): void {
    const key = n * this.instance.deploymentIds.length + d
    counts.set(key, (counts.get(key) ?? 0) + by)
  }

  private count(counts: Map<number, number>, n: number, d: number): number {
    return counts.get(n * this.instance.deploymentIds.length + d) ?? 0
  }

  /** Whether replica r fits on n as a first-level move (on top of the early and the late load). */
  private fitsEarly(r: number, n: number): boolean {
    const { instance, R } = this
    const d = instance.replicaDeployment[r] ?? 0
    for (let k = 0; k < R; k++) {
      const need = instance.demand[d * R + k] ?? 0
      if (need === 0) continue
      const cap = instance.capacity[n * R + k] ?? 0
      if ((this.early[n * R + k] ?? 0) + need > cap || (this.late[n * R + k] ?? 0) + need > cap) return false
    }
    const limit = instance.maxPerNode[d] ?? 0
    return limit === 0 ||
      (this.count(this.countEarly, n, d) < limit && this.count(this.countLate, n, d) < limit)
  }

  /** The best-fit node for replica r among the nodes that may receive, except two; -1 if none. */
  private bestFit(r: number, except1: number, except2: number): number {
    const { instance, R } = this
    const d = instance.replicaDeployment[r] ?? 0
    const demand = (k: number) => instance.demand[d * R + k] ?? 0
    if (this.failedVersion !== this.version) (this.failed = []), (this.failedVersion = this.version)
    if (this.failed.some((f) => f.every((v, k) => demand(k) >= v))) return -1
    let best = -1
    let bestScore = Infinity
    let bestDiagonal = Infinity
    let scanned = 0
    for (const cell of this.index.upward(this.index.cellFor(demand))) {
      // Best fit stops one diagonal after the first fit; a preference looks further.
      if ((this.mode === "best-fit" && best >= 0 && this.index.diagonal(cell) > bestDiagonal + 1) || scanned > SCAN_LIMIT) break
      for (const n of this.index.nodesIn(cell)) {
        if (++scanned > SCAN_LIMIT) break
        if (n === except1 || n === except2 || !this.fitsEarly(r, n)) continue
        // Fit scores are sums of shares (at most R); a preference outweighs any fit.
        const stays = this.anchored[n] === 1 || (this.receiving[n] ?? 0) > 0
        let score = this.mode === "anchored"
          ? (stays ? -R - 1 : 0)
          : this.mode === "late"
          ? -(R + 1) * (stays ? this.instance.nodeIds.length : this.rank[n] ?? 0)
          : 0
        for (let k = 0; k < R; k++) {
          const cap = instance.capacity[n * R + k] ?? 0
          const load = Math.max(this.early[n * R + k] ?? 0, this.late[n * R + k] ?? 0)
          score += (cap - load - demand(k)) / (instance.scale[k] ?? 1)
        }
        if (score < bestScore || (score === bestScore && n < best)) (best = n), (bestScore = score)
        if (bestDiagonal === Infinity) bestDiagonal = this.index.diagonal(cell)
      }
    }
    // Only a search without exclusions and without a per-node limit says something about every larger demand.
    const unrestricted = !this.index.has(except1) && except2 < 0 && (instance.maxPerNode[d] ?? 0) === 0
    if (best < 0 && unrestricted && this.failed.length < FRONTIER) {
      this.failed.push(Float64Array.from({ length: R }, (_, k) => demand(k)))
    }
    return best
  }

  /**
   * Makes room for replica r (leaving node c) on a kept node a: a smaller
   * replica e of a moves to a third node in the first level, and r lands on a
   * in the second.
   */
  private makeRoom(r: number, c: number): boolean {
    const { instance, R } = this
    const d = instance.replicaDeployment[r] ?? 0
    // Kept nodes from the cells nearest the demand, a few per cell: the nodes of one crowded cell are
    // often all alike, and one that cannot make room says the same of the others.
    const order: Array<number> = []
    const limit = makeRoomLimit(instance.nodeIds.length)
    const perCell = Math.max(2, limit >> 3)
    for (const cell of this.index.near(this.index.cellFor((k) => instance.demand[d * R + k] ?? 0))) {
      let taken = 0
      for (const n of this.index.nodesIn(cell)) {
        if (order.length >= limit || taken >= perCell) break
        if (n !== c) order.push(n), taken++
      }
      if (order.length >= limit) break
    }
    for (const a of order) {
      const limit = instance.maxPerNode[d] ?? 0
      const overLimit = limit > 0 && this.count(this.countLate, a, d) + 1 > limit
      let bestE = -1
      let bestB = -1
      for (const e of this.byNode[a] ?? []) {
        if (this.pinned[e] === 1 || this.target[e] !== a || this.level[e] !== 0) continue
        const de = instance.replicaDeployment[e] ?? 0
        if (overLimit && de !== d) continue
        if (bestE >= 0 && this.size(e) >= this.size(bestE)) continue
        let frees = true
        for (let k = 0; k < R && frees; k++) {
          const deficit = (this.late[a * R + k] ?? 0) + (instance.demand[d * R + k] ?? 0) - (instance.capacity[a * R + k] ?? 0)
          if (deficit > 0 && (instance.demand[de * R + k] ?? 0) < deficit) frees = false
        }
        if (!frees) continue
        const b = this.bestFit(e, a, c)
        if (b >= 0) (bestE = e), (bestB = b)
      }
      if (bestE >= 0) {
        this.move(bestE, bestB, true)
        this.move(r, a, false)
        return true
      }
    }
    return false
  }

  /** Moves replica r to node `to`, as a first-level (`early`) or second-level move. */
  private move(r: number, to: number, early: boolean): void {
    const m: Move = { replica: r, from: this.target[r] ?? 0, to, early }
    this.apply(m, 1)
    this.journal.push(m)
  }

  private apply(m: Move, sign: 1 | -1): void {
    const { instance, R } = this
    const d = instance.replicaDeployment[m.replica] ?? 0
    for (let k = 0; k < R; k++) {
      const need = (instance.demand[d * R + k] ?? 0) * sign
      this.late[m.to * R + k] = (this.late[m.to * R + k] ?? 0) + need
      this.late[m.from * R + k] = (this.late[m.from * R + k] ?? 0) - need
      if (m.early) this.early[m.to * R + k] = (this.early[m.to * R + k] ?? 0) + need
    }
    if ((instance.maxPerNode[d] ?? 0) > 0) {
      this.bump(this.countLate, m.to, d, sign)
      this.bump(this.countLate, m.from, d, -sign)
      if (m.early) this.bump(this.countEarly, m.to, d, sign)
    }
    this.target[m.replica] = sign === 1 ? m.to : m.from
    this.level[m.replica] = sign === 1 ? this.baseLevel + (m.early ? 1 : 2) : 0
    this.spent += (instance.migrationCost[d] ?? 0) * sign
    this.receiving[m.to] = (this.receiving[m.to] ?? 0) + sign
    // Free capacity grows on an undo, and on a kept node that a replica leaves.
    if (sign === -1 || this.index.has(m.from)) this.version++
    for (const n of [m.to, m.from]) if (this.index.has(n)) this.reindex(n)
  }

  private undo(mark: number): void {
    while (this.journal.length > mark) {
      const m = this.journal.pop() as Move
      this.apply(m, -1)
    }
  }
}
