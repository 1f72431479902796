/**
 * Orders the moves from one placement to another into levels, as soon as
 * possible: a level takes every pending move (in priority order) whose
 * destination has room for it on top of the level's load — the load before
 * the level plus the level's arrivals, departures still counted — and frees
 * its departures when it ends. Used when two plans are merged into one.
 */
import { capacityOf, demandOf, deploymentOf, type Instance, limitOf, resourceCount } from "./instance.js"
import { addLoad, tally } from "./tally.js"

/** The level of every replica's move (0: stays), or undefined when the moves block each other. */
export const sequence = (
  instance: Instance,
  from: Int32Array,
  to: Int32Array,
  priority: Int32Array
): Int32Array | undefined => {
  const R = resourceCount(instance)
  const { load, perDeployment: counts } = tally(instance, from)
  let pending: Array<number> = []
  from.forEach((n, r) => (n !== to[r] ? pending.push(r) : undefined))
  pending.sort((a, b) => (priority[a] ?? 0) - (priority[b] ?? 0) || a - b)
  const level = new Int32Array(from.length)
  for (let l = 1; pending.length > 0; l++) {
    const placed: Array<number> = []
    const waiting: Array<number> = []
    for (const r of pending) {
      const d = deploymentOf(instance, r)
      const n = to[r] ?? 0
      const limit = limitOf(instance, d)
      let fits = limit === 0 || counts.get(n, d) < limit
      for (let k = 0; k < R && fits; k++) fits = (load[n * R + k] ?? 0) + demandOf(instance, d, k) <= capacityOf(instance, n, k)
      if (!fits) {
        waiting.push(r)
        continue
      }
      addLoad(instance, load, n, r, 1)
      counts.add(n, d, 1)
      level[r] = l
      placed.push(r)
    }
    if (placed.length === 0) return undefined
    for (const r of placed) {
      addLoad(instance, load, from[r] ?? 0, r, -1)
      counts.add(from[r] ?? 0, deploymentOf(instance, r), -1)
    }
    pending = waiting
  }
  return level
}
