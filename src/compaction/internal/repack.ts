/**
 * The repack candidate: a packing from scratch of every replica that may
 * leave its node, onto the nodes in use, mapped back onto the current nodes
 * (so that as many replicas as possible stay where they are, or onto hosts
 * whose replicas all stay, whichever orders better), then ordered
 * make-before-break by `sequence`. It is a candidate only when it releases a
 * node, that order exists and the budget allows it; it is taken when it
 * beats the drain search.
 *
 * What stays put: unmovable replicas, and every replica of a node that is not
 * releasable or that holds an unmovable replica and takes no replica in.
 * Where replicas go: the nodes in use that accept incoming replicas, the
 * nodes that stay anyway first, then the largest (for the cost objective the
 * cheapest per unit of capacity); an empty node is never a destination.
 *
 * Three ways to pack: first fit decreasing by the sum or by the largest of
 * the normalised demands (through a `FirstFitTree`), and minimum-slack
 * fills, node by node: the largest replica left, then the best single,
 * pair or triple (`fill`) until nothing fits, sized in whole units of the
 * resource the replicas need most of. The repack advances a bounded amount
 * of work per `step()`: the sort, 500 first-fit placements or one node's
 * fill, the mapping, the ordering.
 */
import type { PlanOptions } from "../Snapshot.js"
import { type Candidate, highestLevel } from "./candidate.js"
import { uint8Of } from "./arrays.js"
import { anchoredNodes, usedNodes } from "./bounds.js"
import { bestFill, type Pool } from "./fill.js"
import { FirstFitTree } from "./firstFit.js"
import {
  capacityOf,
  demandOf,
  deploymentOf,
  type Instance,
  limitOf,
  migrationCostOf,
  nodeCount,
  replicaCount,
  resourceCount,
  scaleOf,
  sizeOf
} from "./instance.js"
import { remap } from "./remap.js"
import { type Sequenced, sequenceRepaired } from "./sequence.js"
import { DeploymentCounts } from "./tally.js"

/** How a repack packs: first fit decreasing by sum or by max share, or minimum-slack fills node by node. */
export type RepackKind = "ffd-sum" | "ffd-max" | "fill"

/** Replicas placed per step by first fit: a few milliseconds of work, whatever the cluster's size. */
const FIRST_FIT_CHUNK = 500

/** One repack, advanced by `step()` until `done`; `result` is its candidate, if it found one. */
export class Repack {
  done = false
  /** The candidate, once done, when the packing placed every replica, ordered and kept to the budget. */
  result: Candidate | undefined
  private readonly R: number
  /** The node each replica is packed on (its start node, or a node it was tried on, while it waits: read once all are placed). */
  private packed: Int32Array
  /** Free room per node and resource. */
  private readonly room: Float64Array
  private readonly counts: DeploymentCounts
  /** Replicas to pack, largest first. */
  private pool: Array<number> = []
  /** Destinations in the order they are opened. */
  private readonly bins: Array<number>
  /** The room of the destinations, for first fit (the fills read `room` itself). */
  private readonly tree: FirstFitTree
  private phase: "sort" | "pack" | "map" | "order" = "sort"
  private next = 0
  /** The pool of the fill packing, and the resource its sizes are measured in. */
  private fillPool: Pool | undefined
  private readonly binding: number
  /** Replicas the fill packing has yet to place. */
  private left = 0
  /** The packing as packed, before `remap`. */
  private unmapped: Int32Array = new Int32Array(0)
  /** Which nodes hold replicas at the start (1 each). */
  private readonly inUse: Uint8Array

  constructor(readonly instance: Instance, readonly options: PlanOptions, readonly kind: RepackKind) {
    const R = (this.R = resourceCount(instance))
    const start = instance.replicaNode
    const used = (this.inUse = usedNodes(instance, start))
    const anchored = anchoredNodes(instance, start)
    this.packed = start.slice()
    this.room = instance.capacity.slice()
    this.counts = new DeploymentCounts(instance.deploymentIds.length)
    start.forEach((n, r) => {
      const stays = instance.replicaMovable[r] !== 1 || instance.releasable[n] !== 1 || (anchored[n] === 1 && instance.accepts[n] !== 1)
      if (stays) this.place(r, n)
      else this.pool.push(r)
    })
    const value = (n: number): number => {
      let share = 0
      for (let k = 0; k < R; k++) share += capacityOf(instance, n, k) / scaleOf(instance, k)
      if (options.objective !== "cost") return share
      const cost = instance.cost[n] ?? 0
      return cost > 0 ? share / cost : Infinity
    }
    const destinations: Array<number> = []
    used.forEach((u, n) => (u === 1 && instance.accepts[n] === 1 ? destinations.push(n) : undefined))
    // A stable sort of nodes listed in index order: ties keep the lower node first.
    this.bins = destinations.sort((a, b) => (anchored[b] ?? 0) - (anchored[a] ?? 0) || value(b) - value(a))
    this.binding = this.bindingResource()
    const tree = (this.tree = new FirstFitTree(this.bins.length, R))
    this.bins.forEach((n, b) => tree.set(b, (k) => this.room[n * R + k] ?? 0))
  }

  /** The resource the pool needs most of, relative to the room of the destinations. */
  private bindingResource(): number {
    const { instance, R } = this
    let best = 0
    let bestShare = -1
    for (let k = 0; k < R; k++) {
      let need = 0
      let room = 0
      for (const r of this.pool) need += demandOf(instance, deploymentOf(instance, r), k)
      for (const n of this.bins) room += this.room[n * R + k] ?? 0
      // Where the destinations have none of it: Infinity when needed (a replica then fits nowhere, whatever is chosen), NaN (never taken) when not.
      const share = need / room
      if (share > bestShare) (best = k), (bestShare = share)
    }
    return best
  }

  private key(r: number): number {
    const { instance, R } = this
    const d = deploymentOf(instance, r)
    if (this.kind === "ffd-sum") return sizeOf(instance, d)
    // The fills add sizes up and compare them with a room: whole units, so that an exact fill is exact.
    if (this.kind === "fill") return demandOf(instance, d, this.binding)
    let most = 0
    for (let k = 0; k < R; k++) most = Math.max(most, demandOf(instance, d, k) / scaleOf(instance, k))
    return most
  }

  private fits(r: number, n: number): boolean {
    const { instance, R } = this
    const d = deploymentOf(instance, r)
    for (let k = 0; k < R; k++) if (demandOf(instance, d, k) > (this.room[n * R + k] ?? 0)) return false
    const limit = limitOf(instance, d)
    return limit === 0 || this.counts.get(n, d) < limit
  }

  private place(r: number, n: number): void {
    const { instance, R } = this
    const d = deploymentOf(instance, r)
    for (let k = 0; k < R; k++) this.room[n * R + k] = (this.room[n * R + k] ?? 0) - demandOf(instance, d, k)
    if (limitOf(instance, d) > 0) this.counts.add(n, d, 1)
    this.packed[r] = n
  }

  /** One bounded piece of work: the sort, a chunk of first-fit placements or one node's fill, the mapping, or the ordering. */
  step(): void {
    if (this.done) return
    switch (this.phase) {
      case "sort":
        return this.sort()
      case "pack":
        return this.kind === "fill" ? this.fillNext() : this.firstFitChunk()
      case "map":
        return this.map()
      case "order":
        return this.order()
    }
  }

  private sort(): void {
    const keys = new Float64Array(replicaCount(this.instance))
    for (const r of this.pool) keys[r] = this.key(r)
    // A stable sort of replicas listed in index order: ties keep the lower replica first.
    this.pool.sort((a, b) => (keys[b] ?? 0) - (keys[a] ?? 0))
    if (this.kind === "fill") {
      const items = Int32Array.from(this.pool).reverse()
      const free = new Uint8Array(replicaCount(this.instance))
      for (const r of this.pool) free[r] = 1
      this.fillPool = { items, size: keys, free }
    }
    this.left = this.pool.length
    // An empty pool packs nothing: first fit and the fills hand over to the mapping at once (or fail without a destination, which releases nothing either).
    this.phase = "pack"
  }

  /** Some replica fits on no destination: no candidate. */
  private fail(): void {
    this.done = true
  }

  private firstFitChunk(): void {
    const { instance, R } = this
    const { tree } = this
    const end = Math.min(this.pool.length, this.next + FIRST_FIT_CHUNK)
    for (; this.next < end; this.next++) {
      const r = this.pool[this.next] ?? 0
      const d = deploymentOf(instance, r)
      const limit = limitOf(instance, d)
      const b = tree.first(
        instance.demand.subarray(d * R, d * R + R),
        (b) => limit === 0 || this.counts.get(this.bins[b] ?? 0, d) < limit
      )
      if (b < 0) return this.fail()
      const n = this.bins[b] ?? 0
      this.place(r, n)
      tree.set(b, (k) => this.room[n * R + k] ?? 0)
    }
    if (this.next >= this.pool.length) this.phase = "map"
  }

  /** Fills the next destination: the largest replica left that fits, then the best singles, pairs and triples until nothing fits. */
  private fillNext(): void {
    const pool = this.fillPool as Pool
    const n = this.bins[this.next]
    if (n === undefined) return this.fail()
    this.next++
    const { R } = this
    const k = this.binding
    const roomKey = () => this.room[n * R + k] ?? 0
    const take = (r: number) => {
      this.place(r, n)
      pool.free[r] = 0
      this.left--
    }
    // Whether replicas fit together: each on top of the ones before it, taken back after.
    const fitsAll = (rs: ReadonlyArray<number>) => {
      let placed = 0
      while (placed < rs.length && this.fits(rs[placed] ?? 0, n)) this.place(rs[placed++] ?? 0, n)
      const all = placed === rs.length
      while (placed > 0) this.unplace(rs[--placed] ?? 0, n)
      return all
    }
    for (let i = pool.items.length - 1; i >= 0; i--) {
      const r = pool.items[i] ?? 0
      if (pool.free[r] === 1 && this.fits(r, n)) {
        take(r)
        break
      }
    }
    for (;;) {
      const fill = bestFill(pool, roomKey(), fitsAll)
      if (fill.length === 0) break
      for (const r of fill) take(r)
    }
    // Nothing left fits n: a replica that fits demands at most the room of the binding resource, its size, so a fill finds it.
    if (this.left === 0) this.phase = "map"
  }

  private unplace(r: number, n: number): void {
    const { instance, R } = this
    const d = deploymentOf(instance, r)
    for (let k = 0; k < R; k++) this.room[n * R + k] = (this.room[n * R + k] ?? 0) + demandOf(instance, d, k)
    if (limitOf(instance, d) > 0) this.counts.add(n, d, -1)
  }

  /** Maps the packing back onto the nodes so that as many replicas as possible stay (`remap`). */
  private map(): void {
    this.unmapped = this.packed
    this.packed = remap(this.instance, this.instance.replicaNode, this.packed)
    this.phase = "order"
  }

  /**
   * Orders the moves make-before-break, of two mappings of the packing: the
   * one that keeps the most replicas in place, and the one onto hosts
   * (`remap`'s `hosts`), which may move a few more but waits less. The hosts
   * are taken when the other cannot be ordered, or when they release as many
   * in fewer levels (a repaired order cancels only moves off nodes that stay
   * in use, so it keeps every release; the comparison of releases guards that).
   */
  private order(): void {
    const { instance, options } = this
    const start = instance.replicaNode
    this.done = true
    const none = new Int32Array(replicaCount(instance))
    const kept = sequenceRepaired(instance, start, this.packed, none)
    // A one-level order that keeps every release of the packing cannot be bettered: the hosts are not tried.
    const best = kept !== undefined && highestLevel(kept.level) <= 1 && count(this.releasedBy(kept.target)) === count(this.releasedBy(this.packed))
    const hosted = best ? undefined : sequenceRepaired(instance, start, remap(instance, start, this.unmapped, "hosts"), none)
    const ordered = kept === undefined || (hosted !== undefined && this.shorter(hosted, kept)) ? hosted : kept
    if (ordered === undefined) return
    const { level, target } = ordered
    this.packed = target
    let spent = 0
    start.forEach((n, r) => (spent += n === target[r] ? 0 : migrationCostOf(instance, deploymentOf(instance, r))))
    if (spent > (options.migrationBudget ?? Infinity)) return
    const released = this.releasedBy(this.packed)
    // Moves that release nothing are no candidate.
    if (!released.includes(1)) return
    const receiving = new Int32Array(nodeCount(instance))
    start.forEach((n, r) => (n !== this.packed[r] ? (receiving[this.packed[r] ?? 0] = (receiving[this.packed[r] ?? 0] ?? 0) + 1) : undefined))
    this.result = {
      target: this.packed,
      level,
      receiving,
      failures: new Map(),
      released,
      spent
    }
  }

  /** Whether ordered moves a release more than b, or as many in fewer levels. */
  private shorter(a: Sequenced, b: Sequenced): boolean {
    const more = count(this.releasedBy(a.target)) - count(this.releasedBy(b.target))
    return more > 0 || (more === 0 && highestLevel(a.level) < highestLevel(b.level))
  }

  /** The nodes in use at the start that a placement leaves empty (1 each). */
  private releasedBy(placement: Int32Array): Uint8Array {
    const after = usedNodes(this.instance, placement)
    return uint8Of(this.inUse.length, (n) => (this.inUse[n] === 1 && after[n] === 0 ? 1 : 0))
  }
}

/** How many flags are set. */
const count = (flags: Uint8Array): number => flags.reduce((a, b) => a + b, 0)
