/**
 * Orders the moves from one placement to another into levels, as soon as
 * possible: a level takes every pending move (in priority order) whose
 * destination has room for it on top of the level's load — the load before
 * the level plus the level's arrivals, departures still counted — and frees
 * its departures when it ends. Used when two plans are merged into one, and
 * to order a repack.
 *
 * Moves can block each other (each waits for room that another's departure
 * makes). `sequenceRepaired` then cancels one waiting move whose replica
 * still fits on its own node in the target, and goes on: the target keeps
 * every node it used, so the node count never grows.
 */
import { capacityOf, demandOf, deploymentOf, type Instance, limitOf, resourceCount } from "./instance.js"
import { addLoad, tally } from "./tally.js"

/** Levels of the moves, and the target they order (the given one, or the repaired one). */
export interface Sequenced {
  readonly level: Int32Array
  readonly target: Int32Array
}

const order = (
  instance: Instance,
  from: Int32Array,
  to: Int32Array,
  priority: Int32Array,
  repair: boolean
): Sequenced | undefined => {
  const R = resourceCount(instance)
  const { load, perDeployment: counts } = tally(instance, from, "limited")
  const target = repair ? to.slice() : to
  // The target's load and use of each node, kept up to date as moves are cancelled.
  const final = repair ? tally(instance, target, "limited") : undefined
  let pending: Array<number> = []
  from.forEach((n, r) => (n !== to[r] ? pending.push(r) : undefined))
  // A stable sort: moves of equal priority keep the replicas' order.
  pending.sort((a, b) => (priority[a] ?? 0) - (priority[b] ?? 0))
  const level = new Int32Array(from.length)
  for (let l = 1; pending.length > 0;) {
    const placed: Array<number> = []
    const waiting: Array<number> = []
    for (const r of pending) {
      const d = deploymentOf(instance, r)
      const n = target[r] ?? 0
      const limit = limitOf(instance, d)
      let fits = limit === 0 || counts.get(n, d) < limit
      for (let k = 0; k < R && fits; k++) fits = (load[n * R + k] ?? 0) + demandOf(instance, d, k) <= capacityOf(instance, n, k)
      if (!fits) {
        waiting.push(r)
        continue
      }
      addLoad(instance, load, n, r, 1)
      if (limit > 0) counts.add(n, d, 1)
      level[r] = l
      placed.push(r)
    }
    if (placed.length === 0) {
      const cancelled = final === undefined ? -1 : cancelOne(instance, from, target, final, waiting)
      if (cancelled < 0) return undefined
      pending = waiting.filter((r) => r !== cancelled)
      continue
    }
    for (const r of placed) {
      addLoad(instance, load, from[r] ?? 0, r, -1)
      if (limitOf(instance, deploymentOf(instance, r)) > 0) counts.add(from[r] ?? 0, deploymentOf(instance, r), -1)
    }
    pending = waiting
    l++
  }
  return { level, target }
}

/**
 * Cancels the first waiting move whose replica fits on its own node in the
 * target, where that node stays in use: it stays there. Returns the replica,
 * or -1 when there is none.
 */
const cancelOne = (
  instance: Instance,
  from: Int32Array,
  target: Int32Array,
  final: ReturnType<typeof tally>,
  waiting: ReadonlyArray<number>
): number => {
  const R = resourceCount(instance)
  for (const r of waiting) {
    const home = from[r] ?? 0
    if ((final.replicasOn[home] ?? 0) === 0) continue
    const d = deploymentOf(instance, r)
    const limit = limitOf(instance, d)
    let fits = limit === 0 || final.perDeployment.get(home, d) < limit
    for (let k = 0; k < R && fits; k++) fits = (final.load[home * R + k] ?? 0) + demandOf(instance, d, k) <= capacityOf(instance, home, k)
    if (!fits) continue
    const to = target[r] ?? 0
    addLoad(instance, final.load, to, r, -1)
    addLoad(instance, final.load, home, r, 1)
    final.replicasOn[to] = (final.replicasOn[to] ?? 0) - 1
    final.replicasOn[home] = (final.replicasOn[home] ?? 0) + 1
    if (limit > 0) {
      final.perDeployment.add(to, d, -1)
      final.perDeployment.add(home, d, 1)
    }
    target[r] = home
    return r
  }
  return -1
}

/** The level of every replica's move (0: stays), or undefined when the moves block each other. */
export const sequence = (instance: Instance, from: Int32Array, to: Int32Array, priority: Int32Array): Int32Array | undefined =>
  order(instance, from, to, priority, false)?.level

/**
 * The levels of the moves, cancelling moves while they block each other (a
 * new target, with no more nodes in use than `to`), or undefined when no
 * waiting move can be cancelled.
 */
export const sequenceRepaired = (
  instance: Instance,
  from: Int32Array,
  to: Int32Array,
  priority: Int32Array
): Sequenced | undefined => order(instance, from, to, priority, true)
