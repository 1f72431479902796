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
 */
import type { Compaction } from "../src/index.js"

type Snapshot = Compaction.Snapshot

export interface ExactAnswer {
  /** The most nodes any valid plan releases, or undefined when the search gave up. */
  readonly released: number | undefined
  readonly statesVisited: number
}

/** Every subset of `items` with exactly `size` members, in lexicographic order. */
const subsets = <A>(items: ReadonlyArray<A>, size: number): Array<Array<A>> => {
  if (size === 0) return [[]]
  if (items.length < size) return []
  const [first, ...rest] = items as [A, ...Array<A>]
  return [...subsets(rest, size - 1).map((s) => [first, ...s]), ...subsets(rest, size)]
}

/**
 * The most nodes that can be released (objective `nodes`), searching at most
 * `maxStates` placements per release set.
 */
export const exactMostReleased = (snapshot: Snapshot, maxStates = 50_000): ExactAnswer => {
  const demand = (replica: number, resource: string): number =>
    snapshot.deployments.find((d) => d.id === snapshot.replicas[replica]?.deployment)?.demand[resource] ?? 0
  const resources = [...new Set(snapshot.deployments.flatMap((d) => Object.keys(d.demand)))]
  const start = snapshot.replicas.map((r) => r.node)
  const used = [...new Set(start)]
  const canMove = snapshot.replicas.map((r) =>
    r.movable && (snapshot.deployments.find((d) => d.id === r.deployment)?.maxSurge ?? 0) > 0
  )
  const releasable = used.filter((n) =>
    snapshot.nodes.find((x) => x.id === n)?.releasable === true &&
    snapshot.replicas.every((r, i) => r.node !== n || canMove[i] === true)
  )
  let statesVisited = 0
  let gaveUp = false

  const fits = (placement: ReadonlyArray<string>, replica: number, node: string): boolean => {
    const target = snapshot.nodes.find((n) => n.id === node)
    if (target === undefined || !target.acceptsIncoming) return false
    const here = placement.map((n, i) => (n === node ? i : -1)).filter((i) => i >= 0)
    const deployment = snapshot.deployments.find((d) => d.id === snapshot.replicas[replica]?.deployment)
    const limit = deployment?.maxReplicasPerNode
    if (limit !== undefined && here.filter((i) => snapshot.replicas[i]?.deployment === deployment?.id).length >= limit) {
      return false
    }
    return resources.every((k) =>
      here.reduce((sum, i) => sum + demand(i, k), 0) + demand(replica, k) <= (target.capacity[k] ?? 0)
    )
  }

  const empties = (released: ReadonlyArray<string>): boolean => {
    const kept = used.filter((n) => !released.includes(n))
    const seen = new Set<string>()
    const search = (placement: Array<string>): boolean => {
      if (placement.every((n) => !released.includes(n))) return true
      const key = placement.join("\u0000")
      if (seen.has(key)) return false
      seen.add(key)
      if (++statesVisited > maxStates * (released.length + 1)) {
        gaveUp = true
        return false
      }
      // Replicas on released nodes first: they must move; the others only make room.
      const order = placement.map((_, i) => i).sort((a, b) =>
        Number(released.includes(placement[b] ?? "")) - Number(released.includes(placement[a] ?? "")) || a - b
      )
      for (const r of order) {
        if (canMove[r] !== true || placement[r] !== start[r]) continue
        for (const node of kept) {
          if (node === placement[r] || !fits(placement, r, node)) continue
          const next = [...placement]
          next[r] = node
          if (search(next)) return true
        }
      }
      return false
    }
    return search([...start])
  }

  for (let size = releasable.length; size > 0; size--) {
    for (const released of subsets(releasable, size)) {
      if (empties(released)) return { released: gaveUp ? undefined : size, statesVisited }
    }
  }
  return { released: gaveUp ? undefined : 0, statesVisited }
}
