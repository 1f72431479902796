/**
 * Orders the moves from one placement to another into levels, as soon as
 * possible: a level takes every pending move (in priority order) whose
 * destination has room for it on top of the level's load — the load before
 * the level plus the level's arrivals, departures still counted — and frees
 * its departures when it ends. Used when two plans are merged into one.
 */
import { type Instance, loadOf } from "./instance.js"

/** The level of every replica's move (0: stays), or undefined when the moves block each other. */
export const sequence = (
  instance: Instance,
  from: Int32Array,
  to: Int32Array,
  priority: Int32Array
): Int32Array | undefined => {
  const R = instance.resources.length
  const D = instance.deploymentIds.length
  const load = loadOf(instance, from)
  const counts = new Map<number, number>()
  from.forEach((n, r) => {
    const key = n * D + (instance.replicaDeployment[r] ?? 0)
    counts.set(key, (counts.get(key) ?? 0) + 1)
  })
  let pending: Array<number> = []
  from.forEach((n, r) => (n !== to[r] ? pending.push(r) : undefined))
  pending.sort((a, b) => (priority[a] ?? 0) - (priority[b] ?? 0) || a - b)
  const level = new Int32Array(from.length)
  for (let l = 1; pending.length > 0; l++) {
    const placed: Array<number> = []
    const waiting: Array<number> = []
    for (const r of pending) {
      const d = instance.replicaDeployment[r] ?? 0
      const n = to[r] ?? 0
      const limit = instance.maxPerNode[d] ?? 0
      let fits = limit === 0 || (counts.get(n * D + d) ?? 0) < limit
      for (let k = 0; k < R && fits; k++) {
        fits = (load[n * R + k] ?? 0) + (instance.demand[d * R + k] ?? 0) <= (instance.capacity[n * R + k] ?? 0)
      }
      if (!fits) {
        waiting.push(r)
        continue
      }
      for (let k = 0; k < R; k++) load[n * R + k] = (load[n * R + k] ?? 0) + (instance.demand[d * R + k] ?? 0)
      counts.set(n * D + d, (counts.get(n * D + d) ?? 0) + 1)
      level[r] = l
      placed.push(r)
    }
    if (placed.length === 0) return undefined
    for (const r of placed) {
      const d = instance.replicaDeployment[r] ?? 0
      const n = from[r] ?? 0
      for (let k = 0; k < R; k++) load[n * R + k] = (load[n * R + k] ?? 0) - (instance.demand[d * R + k] ?? 0)
      counts.set(n * D + d, (counts.get(n * D + d) ?? 0) - 1)
    }
    pending = waiting
  }
  return level
}
