/**
 * The exact reference for tiny instances (≤ 8 nodes, ≤ 24 replicas): the
 * largest number of nodes that can be released by make-before-break
 * migrations, by brute force over release sets and move sequences.
 *
 * Any plan in waves can be replayed one step at a time (a wave's load bounds
 * every prefix of it), so a release set is feasible exactly when some
 * sequence of single moves — each replica at most once, onto a kept node
 * that was non-empty at the start, accepts incoming replicas and has room
 * while the replica still holds its old place — empties it. Limits on surge
 * and concurrency only split waves, so they do not change what is reachable.
 *
 * Release sets are searched by size, and a set is tried only when every set
 * one smaller inside it is feasible (a plan that empties a set empties its
 * subsets). States are keyed by what is where — which deployment, moved or
 * not — so identical replicas are not told apart.
 */
import type { Compaction } from "../src/index.js"

type Snapshot = Compaction.Snapshot

export interface ExactAnswer {
  /** The most nodes any valid plan releases, or undefined when the search gave up. */
  readonly released: number | undefined
  readonly statesVisited: number
}

export const exactMostReleased = (snapshot: Snapshot, maxStatesPerSet = 100_000): ExactAnswer => {
  const resources = [...new Set(snapshot.deployments.flatMap((d) => Object.keys(d.demand)))]
  const nodeIds = snapshot.nodes.map((n) => n.id)
  const deployment = snapshot.replicas.map((r) => snapshot.deployments.findIndex((d) => d.id === r.deployment))
  const demand = snapshot.deployments.map((d) => resources.map((k) => d.demand[k] ?? 0))
  const capacity = snapshot.nodes.map((n) => resources.map((k) => n.capacity[k] ?? 0))
  const start = snapshot.replicas.map((r) => nodeIds.indexOf(r.node))
  const used = [...new Set(start)].sort((a, b) => a - b)
  const canMove = snapshot.replicas.map((r, i) => r.movable && (snapshot.deployments[deployment[i] ?? 0]?.maxSurge ?? 0) > 0)
  const releasable = used.filter((n) =>
    snapshot.nodes[n]?.releasable === true && start.every((at, i) => at !== n || canMove[i] === true)
  )
  let statesVisited = 0
  let gaveUp = false
  const add = (table: Array<Array<number>>, row: number, column: number, by: number): void => {
    const line = table[row]
    if (line !== undefined) line[column] = (line[column] ?? 0) + by
  }

  /**
   * A necessary condition, cheap to refute: some final placement puts every
   * replica on a kept node (movable ones on a node that accepts them or at
   * home) within capacity and per-node limits.
   */
  const packable = (released: ReadonlyArray<number>): boolean => {
    const load = capacity.map(() => resources.map(() => 0))
    const count = capacity.map(() => snapshot.deployments.map(() => 0))
    const size = (r: number) => (demand[deployment[r] ?? 0] ?? []).reduce((a, b, k) => a + b / Math.max(1, ...capacity.map((c) => c[k] ?? 0)), 0)
    const order = start.map((_, r) => r).sort((a, b) => Number(canMove[a]) - Number(canMove[b]) || size(b) - size(a) || a - b)
    const options = (r: number): Array<number> =>
      canMove[r] !== true
        ? [start[r] ?? 0]
        : used.filter((n) => !released.includes(n) && (n === start[r] || snapshot.nodes[n]?.acceptsIncoming === true))
    const kept = used.filter((n) => !released.includes(n))
    const total = (k: number) => start.reduce((sum, _, r) => sum + (demand[deployment[r] ?? 0]?.[k] ?? 0), 0)
    if (resources.some((_, k) => total(k) > kept.reduce((sum, n) => sum + (capacity[n]?.[k] ?? 0), 0))) return false
    let calls = 0
    const place = (i: number): boolean => {
      const r = order[i]
      if (r === undefined) return true
      if (++calls > maxStatesPerSet) {
        gaveUp = true
        return false
      }
      const d = deployment[r] ?? 0
      const limit = snapshot.deployments[d]?.maxReplicasPerNode
      const tried = new Set<string>()
      for (const n of options(r)) {
        if (limit !== undefined && (count[n]?.[d] ?? 0) >= limit) continue
        if (!(demand[d] ?? []).every((v, k) => (load[n]?.[k] ?? 0) + v <= (capacity[n]?.[k] ?? 0))) continue
        // Two nodes with the same load and capacity are the same choice.
        const shape = `${load[n]?.join()}|${capacity[n]?.join()}|${count[n]?.join()}|${n === start[r]}`
        if (tried.has(shape)) continue
        tried.add(shape)
        demand[d]?.forEach((v, k) => add(load, n, k, v))
        add(count, n, d, 1)
        const ok = place(i + 1)
        demand[d]?.forEach((v, k) => add(load, n, k, -v))
        add(count, n, d, -1)
        if (ok) return true
      }
      return false
    }
    return place(0)
  }

  const empties = (released: ReadonlyArray<number>): boolean => {
    const kept = used.filter((n) => !released.includes(n) && snapshot.nodes[n]?.acceptsIncoming === true)
    const placement = [...start]
    const moved = placement.map(() => false)
    const load = capacity.map(() => resources.map(() => 0))
    const count = capacity.map(() => snapshot.deployments.map(() => 0))
    placement.forEach((n, r) => {
      const d = deployment[r] ?? 0
      demand[d]?.forEach((v, k) => add(load, n, k, v))
      add(count, n, d, 1)
    })
    const fits = (r: number, n: number): boolean => {
      const d = deployment[r] ?? 0
      const limit = snapshot.deployments[d]?.maxReplicasPerNode
      return (limit === undefined || (count[n]?.[d] ?? 0) < limit) &&
        (demand[d] ?? []).every((v, k) => (load[n]?.[k] ?? 0) + v <= (capacity[n]?.[k] ?? 0))
    }
    const shift = (r: number, from: number, to: number): void => {
      const d = deployment[r] ?? 0
      demand[d]?.forEach((v, k) => {
        add(load, from, k, -v)
        add(load, to, k, v)
      })
      add(count, from, d, -1)
      add(count, to, d, 1)
      placement[r] = to
    }
    const key = (): string => placement.map((n, r) => `${n}:${deployment[r]}:${moved[r] ? 1 : 0}`).sort().join(",")
    const seen = new Set<string>()
    let visited = 0
    const search = (): boolean => {
      if (placement.every((n) => !released.includes(n))) return true
      const k = key()
      if (seen.has(k)) return false
      seen.add(k)
      statesVisited++
      if (++visited > maxStatesPerSet) {
        gaveUp = true
        return false
      }
      // Replicas on released nodes first: they must move; the others only make room.
      const order = placement.map((_, r) => r).sort((a, b) =>
        Number(released.includes(placement[b] ?? -1)) - Number(released.includes(placement[a] ?? -1)) || a - b
      )
      const tried = new Set<string>()
      for (const r of order) {
        if (canMove[r] !== true || moved[r]) continue
        const from = placement[r] ?? 0
        const twin = `${from}:${deployment[r]}`
        if (tried.has(twin)) continue
        tried.add(twin)
        for (const to of kept) {
          if (to === from || !fits(r, to)) continue
          // Make-before-break: the replica holds both places while it moves, which `fits` already counted.
          shift(r, from, to)
          moved[r] = true
          const found = search()
          moved[r] = false
          shift(r, to, from)
          if (found) return true
        }
      }
      return false
    }
    return search()
  }

  let feasible: Array<Array<number>> = [[]]
  let best = 0
  for (let size = 1; size <= releasable.length && feasible.length > 0; size++) {
    const known = new Set(feasible.map((s) => s.join(",")))
    const next: Array<Array<number>> = []
    for (const base of feasible) {
      for (const n of releasable) {
        if (n <= (base[base.length - 1] ?? -1)) continue
        const candidate = [...base, n]
        const subsetsFeasible = candidate.every((_, i) => known.has(candidate.filter((__, j) => j !== i).join(",")))
        if (subsetsFeasible && packable(candidate) && empties(candidate)) next.push(candidate)
      }
    }
    if (next.length > 0) best = size
    feasible = next
  }
  return { released: gaveUp ? undefined : best, statesVisited }
}
