/**
 * The working state of one planning attempt: where every replica goes, the
 * level of its move, which nodes are released and which receive, and why
 * the others stay. A drain empties one node onto the kept nodes, all or
 * nothing, through three parts: the capacity occupancy with its undo journal
 * (`Occupancy`), the failure frontier (`FailureFrontier`) and destination
 * scoring (`scoring`); the capacity index (`CapacityIndex`) finds candidates.
 *
 * Moves come in two levels per round. A first-level move fits on top of the
 * destination's `early` load; a second-level move lands where a first-level
 * move made room, so it only has to fit the `late` load. Any split of a level
 * into waves therefore keeps capacity at every instant.
 */
import type { KeptReason } from "../Plan.js"
import { highestLevel } from "./candidate.js"
import { CapacityIndex } from "./capacityIndex.js"
import { float64Of, uint8Of } from "./arrays.js"
import { FailureFrontier } from "./frontier.js"
import {
  demandOf,
  deploymentCount,
  deploymentOf,
  type Instance,
  limitOf,
  migrationCostOf,
  nodeCount,
  replicaCount,
  replicasByNode,
  resourceCount,
  scaleOf,
  sizeOf
} from "./instance.js"
import { type Move, Occupancy } from "./occupancy.js"
import { type DestinationMode, preference } from "./scoring.js"

export type { DestinationMode } from "./scoring.js"

/** Why a node stays: the reason, and the replica that blocks it when there is one. */
export interface Failure {
  readonly reason: KeptReason
  readonly replica?: number
}

/** The two resources of the capacity grid: the two with the largest total demand, relative to the largest node. */
export const gridAxes = (instance: Instance): readonly [number, number] => {
  const R = resourceCount(instance)
  const total = new Float64Array(R)
  instance.replicaDeployment.forEach((d) => {
    for (let k = 0; k < R; k++) total[k] = (total[k] ?? 0) + demandOf(instance, d, k) / scaleOf(instance, k)
  })
  // (the sort is stable: ties stay in column order)
  const order = Array.from({ length: R }, (_, k) => k).sort((a, b) => (total[b] ?? 0) - (total[a] ?? 0))
  return [order[0] ?? 0, order[1] ?? order[0] ?? 0]
}

/** How many nodes a best-fit query looks at, at most: a query costs O(1) in the cluster's size, and a replica that fits nowhere fails fast. */
const SCAN_LIMIT = 512
/** Above this many nodes in use a make-room search tries fewer kept nodes: there most drains that fail fail fast (bench/compaction, 10,000 nodes). */
const LARGE_CLUSTER = 2000
/** How many kept nodes a make-room search tries. */
const makeRoomLimit = (nodes: number): number => (nodes > LARGE_CLUSTER ? 8 : 48)
/** Make-room candidates per grid cell, at least: the nodes of one crowded cell are often alike, and one that cannot make room says the same of the others. */
const MIN_PER_CELL = 2
/** A make-room search spreads over at least this many cells: its limit divided by 8, per cell. */
const CELLS_PER_SEARCH = 8

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
  private occupancy!: Occupancy
  private used!: Uint8Array
  /** How many nodes hold replicas at the start of the round: sets the index's grid and the make-room search's reach. */
  private inUse = 0
  private byNode!: Array<Array<number>>
  private baseLevel = 0
  private index!: CapacityIndex
  /** The two resources of the capacity grid, chosen once. */
  private readonly axes: readonly [number, number]
  private readonly frontier = new FailureFrontier()
  /** The normalised size of each deployment's replicas: drains move the largest first. */
  private readonly sizes: Float64Array
  /** Nodes that stay in this round whatever happens: not releasable, or holding a pinned replica. */
  private anchored: Uint8Array = new Uint8Array(0)

  /** `rank`: each node's place in the release order, read by the `late` destination mode. */
  constructor(
    readonly instance: Instance,
    private readonly budget: number,
    private readonly mode: DestinationMode = "best-fit",
    private readonly rank: Float64Array = new Float64Array(nodeCount(instance))
  ) {
    this.R = resourceCount(instance)
    this.target = instance.replicaNode.slice()
    this.level = new Int32Array(replicaCount(instance))
    this.pinned = uint8Of(replicaCount(instance), (r) => 1 - (instance.replicaMovable[r] ?? 0))
    this.released = new Uint8Array(nodeCount(instance))
    this.receiving = new Int32Array(nodeCount(instance))
    this.axes = gridAxes(instance)
    this.sizes = float64Of(deploymentCount(instance), (d) => sizeOf(instance, d))
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
    // (both read the targets here and keep none of them)
    this.occupancy = new Occupancy(instance, this.target)
    this.byNode = replicasByNode(instance, this.target)
    this.used = uint8Of(nodeCount(instance), (n) => (this.replicasOn(n).length > 0 ? 1 : 0))
    this.anchored = uint8Of(nodeCount(instance), (n) =>
      instance.releasable[n] !== 1 || this.replicasOn(n).some((r) => this.pinned[r] === 1) ? 1 : 0
    )
    this.inUse = this.used.reduce((a, b) => a + b, 0)
    this.index = new CapacityIndex(this.axes, instance.scale, nodeCount(instance), this.inUse)
    this.frontier.grow()
    for (let n = 0; n < nodeCount(instance); n++) if (this.mayReceive(n)) this.reindex(n)
  }

  /** Nodes that are non-empty and may still be released in this round, with what blocks the others. */
  candidates(): Array<number> {
    const { instance } = this
    const result: Array<number> = []
    for (let n = 0; n < nodeCount(instance); n++) {
      if (this.used[n] !== 1 || this.released[n] === 1 || this.receives(n)) continue
      if (instance.releasable[n] !== 1) {
        this.failures.set(n, { reason: "not-releasable" })
        continue
      }
      const pinned = this.replicasOn(n).find((r) => this.pinned[r] === 1)
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
    if (this.receives(c)) return false
    const wasIndexed = this.index.has(c)
    this.index.delete(c)
    const mark = this.occupancy.mark()
    const spentBefore = this.spent
    // (the sort is stable and a node's replicas are listed by index: ties stay by index)
    const replicas = [...this.replicasOn(c)].sort((a, b) => this.size(b) - this.size(a))
    let failure: Failure | undefined
    for (const r of replicas) {
      const to = this.bestFit(r, c)
      if (to >= 0) this.move(r, to, true)
      else if (!this.makeRoom(r)) {
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
      this.occupancy.commit()
      return true
    }
    this.occupancy.rollback(mark, (m) => this.moved(m, -1))
    // The undo subtracts what it added; restoring the exact sum keeps fractional costs from drifting.
    this.spent = spentBefore
    this.failures.set(c, failure)
    if (wasIndexed) this.reindex(c)
    return false
  }

  /** The normalised size of a replica: its demand summed over resources, each relative to the largest node. */
  size(r: number): number {
    return this.sizes[deploymentOf(this.instance, r)] ?? 0
  }

  /** The replicas on node n at the start of the round. */
  private replicasOn(n: number): ReadonlyArray<number> {
    return this.byNode[n] ?? []
  }

  private receives(n: number): boolean {
    return (this.receiving[n] ?? 0) > 0
  }

  private mayReceive(n: number): boolean {
    // (a released node holds nothing at the start of a round)
    return this.used[n] === 1 && this.instance.accepts[n] === 1
  }

  private reindex(n: number): void {
    this.index.set(n, (k) => this.occupancy.free(n, k))
  }

  /** The best-fit node for replica r among the nodes that may receive, except one; -1 if none. The node being drained is out of the index. */
  private bestFit(r: number, except: number): number {
    const { instance, R } = this
    const d = deploymentOf(instance, r)
    const demand = (k: number) => demandOf(instance, d, k)
    if (this.frontier.covers(demand)) return -1
    let best = -1
    let bestScore = Infinity
    let bestDiagonal = Infinity
    let scanned = 0
    const nodes = nodeCount(instance)
    for (const cell of this.index.upwardOccupied(this.index.cellFor(demand))) {
      // Best fit stops one diagonal after the first fit (bestDiagonal is Infinity until then); a preference looks further.
      if ((this.mode === "best-fit" && this.index.diagonal(cell) > bestDiagonal + 1) || scanned > SCAN_LIMIT) break
      for (let n = this.index.firstIn(cell); n >= 0; n = this.index.nextIn(n)) {
        if (++scanned > SCAN_LIMIT) break
        if (n === except || !this.occupancy.fitsEarly(r, n)) continue
        const stays = this.anchored[n] === 1 || this.receives(n)
        const s = this.occupancy.score(n, d, preference(this.mode, R, stays, this.rank[n] ?? 0, nodes))
        if (s < bestScore || (s === bestScore && n < best)) (best = n), (bestScore = s)
        if (bestDiagonal === Infinity) bestDiagonal = this.index.diagonal(cell)
      }
    }
    // Only a search without exclusions (a drained node is out of the index) and without a per-node limit says something about every larger demand.
    const unrestricted = !this.index.has(except) && limitOf(instance, d) === 0
    if (best < 0 && unrestricted) this.frontier.record(demand, R)
    return best
  }

  /**
   * Makes room for replica r (leaving the node being drained, out of the index) on a kept node a: a smaller
   * replica e of a moves to a third node in the first level, and r lands on a
   * in the second.
   */
  private makeRoom(r: number): boolean {
    const { instance, R } = this
    const d = deploymentOf(instance, r)
    // Kept nodes from the cells nearest the demand, a few per cell.
    const order: Array<number> = []
    const limit = makeRoomLimit(this.inUse)
    const perCell = Math.max(MIN_PER_CELL, Math.floor(limit / CELLS_PER_SEARCH))
    // (the walk ends at the last cell that holds a node: most cells of a large grid are empty)
    let unseen = this.index.total
    for (const cell of this.index.near(this.index.cellFor((k) => demandOf(instance, d, k)))) {
      if (unseen === 0) break
      unseen -= this.index.countIn(cell)
      let taken = 0
      for (let n = this.index.firstIn(cell); n >= 0; n = this.index.nextIn(n)) {
        if (order.length >= limit || taken >= perCell) break
        order.push(n), taken++
      }
      if (order.length >= limit) break
    }
    const perNodeLimit = limitOf(instance, d)
    for (const a of order) {
      const overLimit = perNodeLimit > 0 && this.occupancy.lateCount(a, d) + 1 > perNodeLimit
      let bestE = -1
      let bestB = -1
      for (const e of this.replicasOn(a)) {
        // (a replica moves at most once a round: one that moved has a level)
        if (this.pinned[e] === 1 || this.level[e] !== 0) continue
        const de = deploymentOf(instance, e)
        if (overLimit && de !== d) continue
        if (bestE >= 0 && this.size(e) >= this.size(bestE)) continue
        let frees = true
        for (let k = 0; k < R; k++) if (demandOf(instance, de, k) < this.occupancy.lateDeficit(a, d, k)) frees = false
        if (!frees) continue
        const b = this.bestFit(e, a)
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
    this.occupancy.move(m)
    this.moved(m, 1)
  }

  /** The bookkeeping of a move made (`sign` 1) or taken back (-1), after the occupancy has changed. */
  private moved(m: Move, sign: 1 | -1): void {
    const d = deploymentOf(this.instance, m.replica)
    this.target[m.replica] = sign === 1 ? m.to : m.from
    this.level[m.replica] = sign === 1 ? this.baseLevel + (m.early ? 1 : 2) : 0
    this.spent += migrationCostOf(this.instance, d) * sign
    this.receiving[m.to] = (this.receiving[m.to] ?? 0) + sign
    // Free capacity grows on an undo only: a replica that leaves a kept node still counts in its early load until the round ends.
    if (sign === -1) this.frontier.grow()
    for (const n of [m.to, m.from]) if (this.index.has(n)) this.reindex(n)
  }
}
