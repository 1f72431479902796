/**
 * Reference algorithms, run in the same process as the planner (benchmark
 * only, not shipped): Ray's algorithm run to its fixpoint, a
 * cluster-autoscaler-style sequential drain, a Karpenter-style prefix
 * search, and global repacks from scratch (first-fit decreasing by sum and
 * by max, and the bin-centric dot product).
 */
import { Either } from "effect"
import { afterPlan } from "../../spec/compaction.js"
import { Compaction } from "../../src/index.js"
import type { Flat } from "./cluster.js"

export interface ReferenceResult {
  readonly nodesAfter: number
  readonly migrations: number
  /** Sequential decisions (one node or command per round), or undefined for a repack (no order). */
  readonly rounds: number | undefined
  /** False when the time limit stopped it. */
  readonly complete: boolean
}

/**
 * Ray's algorithm (`Compaction.rayCompaction`: one node per round, best-fit
 * decreasing, until no node can be emptied) run again on its own result
 * until a run releases nothing: Ray's controller keeps compacting, and a
 * node that received replicas in one run may be emptied in the next. Every
 * run's plan is checked by `verify`. Rounds = nodes released, migrations =
 * every move of every run.
 */
export const rayFixpoint = (snapshot: Compaction.Snapshot): ReferenceResult => {
  let current = snapshot
  let migrations = 0
  let rounds = 0
  for (;;) {
    const plan = Compaction.rayCompaction(current)
    const verdict = Compaction.verify(current, plan)
    if (Either.isLeft(verdict)) throw new Error(`Ray's plan fails verify: ${verdict.left.message}`)
    if (plan.released.length === 0) return { nodesAfter: plan.metrics.nodesAfter, migrations, rounds, complete: true }
    migrations += plan.metrics.migrations
    rounds += plan.released.length
    current = afterPlan(current, plan)
  }
}

const share = (demand: ReadonlyArray<number>, scale: ReadonlyArray<number>): Array<number> =>
  demand.map((v, k) => v / (scale[k] || 1))

const scaleOf = (f: Flat): Array<number> => f.resources.map((_, k) => Math.max(1, ...f.nodes.map((n) => n.capacity[k] ?? 0)))

/** Loads and per-node deployment counts of a placement, with the moves that change them. */
class Simulation {
  readonly load: Array<Array<number>>
  readonly counts: Array<Map<string, number>>
  readonly at: Array<number>
  migrations = 0
  constructor(readonly f: Flat) {
    this.load = f.nodes.map(() => f.resources.map(() => 0))
    this.counts = f.nodes.map(() => new Map())
    this.at = f.replicas.map((r) => r.node)
    f.replicas.forEach((r, i) => this.add(i, r.node, 1))
  }
  add(r: number, n: number, sign: 1 | -1): void {
    const replica = this.f.replicas[r]
    if (replica === undefined) return
    replica.demand.forEach((v, k) => ((this.load[n] as Array<number>)[k] = (this.load[n]?.[k] ?? 0) + sign * v))
    this.counts[n]?.set(replica.deployment, (this.counts[n]?.get(replica.deployment) ?? 0) + sign)
  }
  fits(r: number, n: number): boolean {
    const replica = this.f.replicas[r]
    const node = this.f.nodes[n]
    if (replica === undefined || node === undefined) return false
    if (replica.limit !== undefined && (this.counts[n]?.get(replica.deployment) ?? 0) >= replica.limit) return false
    return replica.demand.every((v, k) => (this.load[n]?.[k] ?? 0) + v <= (node.capacity[k] ?? 0))
  }
  move(r: number, to: number): void {
    this.place(r, to)
    this.migrations++
  }
  /** Takes back a tentative move (not counted as a migration). */
  undo(r: number, from: number): void {
    this.place(r, from)
    this.migrations--
  }
  private place(r: number, to: number): void {
    this.add(r, this.at[r] ?? 0, -1)
    this.add(r, to, 1)
    this.at[r] = to
  }
  onNode(): Array<Array<number>> {
    const by: Array<Array<number>> = this.f.nodes.map(() => [])
    this.at.forEach((n, r) => by[n]?.push(r))
    return by
  }
}

const drainable = (f: Flat, replicas: ReadonlyArray<number>, n: number): boolean =>
  (f.nodes[n]?.releasable ?? false) && replicas.length > 0 && replicas.every((r) => f.replicas[r]?.movable === true)

/**
 * Cluster-autoscaler-style: candidates from the least utilised (max over
 * resources), each drained by first fit onto the other non-empty nodes with
 * the simulation kept; drained nodes are never destinations; one node at a time.
 */
export const sequentialDrain = (f: Flat, timeLimitMs = 60_000): ReferenceResult => {
  const started = performance.now()
  const sim = new Simulation(f)
  const by = sim.onNode()
  const utilisation = (n: number) => Math.max(...f.resources.map((_, k) => (sim.load[n]?.[k] ?? 0) / (f.nodes[n]?.capacity[k] || 1)))
  const candidates = by.map((rs, n) => [n, rs] as const).filter(([n, rs]) => drainable(f, rs, n)).map(([n]) => n)
    .sort((a, b) => utilisation(a) - utilisation(b) || a - b)
  const removed = new Set<number>()
  const alive = by.map((rs, n) => rs.length > 0 && (f.nodes[n]?.accepts ?? false))
  let rounds = 0
  for (const c of candidates) {
    if (performance.now() - started > timeLimitMs) return { nodesAfter: usedAfter(sim), migrations: sim.migrations, rounds, complete: false }
    const replicas = sim.at.flatMap((n, r) => (n === c ? [r] : []))
    if (!replicas.every((r) => f.replicas[r]?.movable === true)) continue
    const moves: Array<[number, number]> = []
    let ok = true
    for (const r of replicas) {
      let to = -1
      for (let n = 0; n < f.nodes.length && to < 0; n++) if (n !== c && alive[n] === true && !removed.has(n) && sim.fits(r, n)) to = n
      if (to < 0) {
        ok = false
        break
      }
      sim.move(r, to)
      moves.push([r, to])
    }
    if (ok) {
      removed.add(c)
      rounds++
    } else {
      for (const [r] of moves.reverse()) sim.undo(r, c)
    }
  }
  return { nodesAfter: usedAfter(sim), migrations: sim.migrations, rounds, complete: true }
}

const usedAfter = (sim: Simulation): number => new Set(sim.at).size

/**
 * Karpenter-style: candidates by disruption cost (fewest replicas first), at
 * most 100; binary search for the longest prefix whose replicas all fit on
 * the other nodes by first-fit decreasing (CPU, then memory; nodes in name
 * order); else the first single candidate that fits; one command per cycle.
 */
export const prefixSearch = (f: Flat, timeLimitMs = 60_000): ReferenceResult => {
  const started = performance.now()
  const sim = new Simulation(f)
  const cpu = f.resources.indexOf("CPU")
  const memory = f.resources.indexOf("memory")
  const key = (r: number) => [cpu >= 0 ? f.replicas[r]?.demand[cpu] ?? 0 : 0, memory >= 0 ? f.replicas[r]?.demand[memory] ?? 0 : 0, ...(f.replicas[r]?.demand ?? [])]
  const byKey = (a: number, b: number) => {
    const ka = key(a)
    const kb = key(b)
    for (let i = 0; i < ka.length; i++) if ((kb[i] ?? 0) !== (ka[i] ?? 0)) return (kb[i] ?? 0) - (ka[i] ?? 0)
    return a - b
  }
  const simulate = (batch: ReadonlyArray<number>, apply: boolean): boolean => {
    const out = new Set(batch)
    const replicas = sim.at.flatMap((n, r) => (out.has(n) ? [r] : [])).sort(byKey)
    const moves: Array<[number, number]> = []
    let ok = true
    for (const r of replicas) {
      let to = -1
      for (let n = 0; n < f.nodes.length && to < 0; n++) {
        if (!out.has(n) && used[n] === true && (f.nodes[n]?.accepts ?? false) && sim.fits(r, n)) to = n
      }
      if (to < 0) {
        ok = false
        break
      }
      moves.push([r, sim.at[r] ?? 0])
      sim.move(r, to)
    }
    if (!ok || !apply) {
      for (const [r, from] of moves.reverse()) sim.undo(r, from)
    }
    return ok
  }
  let used = sim.onNode().map((rs) => rs.length > 0)
  let rounds = 0
  for (;;) {
    if (performance.now() - started > timeLimitMs) return { nodesAfter: usedAfter(sim), migrations: sim.migrations, rounds, complete: false }
    const by = sim.onNode()
    used = by.map((rs) => rs.length > 0)
    const candidates = by.map((rs, n) => [n, rs] as const).filter(([n, rs]) => drainable(f, rs, n))
      .sort((a, b) => a[1].length - b[1].length || a[0] - b[0]).slice(0, 100).map(([n]) => n)
    let lo = 0
    let hi = candidates.length
    while (lo < hi) {
      const mid = Math.floor((lo + hi + 1) / 2)
      if (simulate(candidates.slice(0, mid), false)) lo = mid
      else hi = mid - 1
    }
    if (lo > 0) simulate(candidates.slice(0, lo), true)
    else if (!candidates.some((c) => simulate([c], true))) break
    rounds++
  }
  return { nodesAfter: usedAfter(sim), migrations: sim.migrations, rounds, complete: true }
}

/** Migrations of a repack: replicas minus the largest overlap of bins with nodes (greedy matching). */
const repackMigrations = (f: Flat, bins: ReadonlyArray<ReadonlyArray<number>>): number => {
  const pairs: Array<[number, number, number]> = []
  bins.forEach((items, b) => {
    const overlap = new Map<number, number>()
    for (const r of items) overlap.set(f.replicas[r]?.node ?? 0, (overlap.get(f.replicas[r]?.node ?? 0) ?? 0) + 1)
    for (const [n, count] of overlap) pairs.push([count, b, n])
  })
  pairs.sort((a, b) => b[0] - a[0] || a[1] - b[1] || a[2] - b[2])
  const usedBins = new Set<number>()
  const usedNodes = new Set<number>()
  let kept = 0
  for (const [count, b, n] of pairs) {
    if (usedBins.has(b) || usedNodes.has(n)) continue
    usedBins.add(b)
    usedNodes.add(n)
    kept += count
  }
  return f.replicas.length - kept
}

/**
 * A repack from scratch onto the non-empty nodes (pinned replicas stay):
 * first-fit decreasing by the sum or the max of the normalised demand, or
 * the bin-centric dot product (fill one node at a time with the replica whose
 * demand best matches its free room). Migrations by overlap matching.
 */
export const repack = (f: Flat, kind: "ffd-sum" | "ffd-max" | "dot-product"): ReferenceResult => {
  const scale = scaleOf(f)
  const nodes = [...new Set(f.replicas.map((r) => r.node))].sort((a, b) => a - b)
  const load = new Map(nodes.map((n) => [n, f.resources.map(() => 0)]))
  const counts = new Map(nodes.map((n) => [n, new Map<string, number>()]))
  const bins = new Map<number, Array<number>>(nodes.map((n) => [n, []]))
  const put = (r: number, n: number) => {
    const replica = f.replicas[r]
    if (replica === undefined) return
    replica.demand.forEach((v, k) => ((load.get(n) as Array<number>)[k] = (load.get(n)?.[k] ?? 0) + v))
    counts.get(n)?.set(replica.deployment, (counts.get(n)?.get(replica.deployment) ?? 0) + 1)
    bins.get(n)?.push(r)
  }
  const fits = (r: number, n: number) => {
    const replica = f.replicas[r]
    if (replica === undefined) return false
    if (replica.limit !== undefined && (counts.get(n)?.get(replica.deployment) ?? 0) >= replica.limit) return false
    return replica.demand.every((v, k) => (load.get(n)?.[k] ?? 0) + v <= (f.nodes[n]?.capacity[k] ?? 0))
  }
  const free: Array<number> = []
  f.replicas.forEach((r, i) => (r.movable && (f.nodes[r.node]?.releasable ?? false) ? free.push(i) : put(i, r.node)))
  const size = (r: number) => {
    const s = share(f.replicas[r]?.demand ?? [], scale)
    return kind === "ffd-max" ? Math.max(...s) : s.reduce((a, b) => a + b, 0)
  }
  let stuck = 0
  if (kind !== "dot-product") {
    free.sort((a, b) => size(b) - size(a) || a - b)
    for (const r of free) {
      const n = nodes.find((m) => fits(r, m))
      if (n === undefined) stuck++
      else put(r, n)
    }
  } else {
    // Non-empty bins (pinned replicas) first, then one new bin at a time.
    const order = [...nodes].sort((a, b) => (bins.get(b)?.length ?? 0) - (bins.get(a)?.length ?? 0) || a - b)
    const remaining = new Set(free)
    for (const n of order) {
      for (;;) {
        let best = -1
        let bestScore = -1
        for (const r of remaining) {
          if (!fits(r, n)) continue
          const d = share(f.replicas[r]?.demand ?? [], scale)
          const room = f.resources.map((_, k) => ((f.nodes[n]?.capacity[k] ?? 0) - (load.get(n)?.[k] ?? 0)) / (scale[k] || 1))
          const score = d.reduce((a, v, k) => a + v * (room[k] ?? 0), 0)
          if (score > bestScore) (best = r), (bestScore = score)
        }
        if (best < 0) break
        put(best, n)
        remaining.delete(best)
      }
      if (remaining.size === 0) break
    }
    stuck = remaining.size
  }
  const after = [...bins.values()].filter((b) => b.length > 0)
  return { nodesAfter: stuck > 0 ? NaN : after.length, migrations: repackMigrations(f, after), rounds: undefined, complete: stuck === 0 }
}
