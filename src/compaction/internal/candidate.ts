/**
 * A finished candidate of the search, whichever way it was found (a drain
 * attempt or a repack): the outcome a plan is written from, the nodes it
 * releases and the migration cost it spends. Candidates are compared by
 * `better`: more released (nodes, or cost for the cost objective), then less
 * migration cost, then fewer levels.
 */
import type { PlanOptions } from "../Snapshot.js"
import type { Outcome } from "./assemble.js"
import type { Instance } from "./instance.js"

export interface Candidate extends Outcome {
  /** 1 for each node that holds a replica at the start and none at the end. */
  readonly released: Uint8Array
  /** The migration cost of its moves. */
  readonly spent: number
}

/** The highest level of any move (0 when nothing moves). */
export const highestLevel = (level: Int32Array): number => level.reduce((a, b) => Math.max(a, b), 0)

/** What a candidate releases: nodes, or their cost for the cost objective. */
export const releasedValue = (instance: Instance, c: Candidate, options: PlanOptions): number => {
  let value = 0
  c.released.forEach((r, n) => (value += r === 1 ? (options.objective === "cost" ? instance.cost[n] ?? 0 : 1) : 0))
  return value
}

/** Whether candidate a is better than b. */
export const better = (instance: Instance, a: Candidate, b: Candidate, options: PlanOptions): boolean => {
  const va = releasedValue(instance, a, options)
  const vb = releasedValue(instance, b, options)
  if (va !== vb) return va > vb
  if (a.spent !== b.spent) return a.spent < b.spent
  return highestLevel(a.level) < highestLevel(b.level)
}
