/**
 * Ray's choice of the node to compact (Anyscale's `_find_best_node_to_compact`):
 * every releasable node with running replicas whose replicas, largest first
 * in Ray's resource order, all fit by best fit on the other busy nodes (never
 * on an idle one); among those, the node with the most total resources (in
 * the same order), then the one with the fewest replicas to move.
 */
import { stateOf } from "../../container/index.js"
import type { Draft } from "./draft.js"
import { addScaled, compare, compareLeft, fits, type Vector } from "./resources.js"
import { deploymentOf, type NodeEntry } from "./state.js"

interface Mover {
  readonly d: number
  readonly demand: Vector
}

/** The running replicas on a node, as deployment indices with their demand, largest first. */
const runningOn = (draft: Draft, node: NodeEntry): ReadonlyArray<Mover> => {
  const movers: Array<Mover> = []
  for (const id of node.replicas) {
    const d = draft.base.deploymentIndex.get(deploymentOf(id) ?? "")
    if (d === undefined) continue
    const dep = draft.deployment(d)
    if (stateOf(dep.replicas, id) === "RUNNING") movers.push({ d, demand: dep.demand })
  }
  return movers.sort((a, b) => compare(draft.order, b.demand, a.demand))
}

/** Whether every replica on `target` fits on the other busy nodes, best fit, largest first. */
const compactable = (draft: Draft, target: number, movers: ReadonlyArray<Mover>, pool: ReadonlyArray<number>): boolean => {
  const n = draft.resources.length
  const used = new Map<number, Vector>()
  const placed = new Map<string, number>()
  for (const { d, demand } of movers) {
    const limit = draft.deployment(d).maxReplicasPerNode
    let best = -1
    for (const i of pool) {
      if (i === target) continue
      const node = draft.nodes[i]!
      if (limit !== undefined && (node.perDeployment.get(d) ?? 0) + (placed.get(`${i}:${d}`) ?? 0) >= limit) continue
      const u = used.get(i) ?? node.used
      if (!fits(node.capacity, u, demand, n)) continue
      const other = draft.nodes[best]
      if (other === undefined || compareLeft(draft.order, node.capacity, u, other.capacity, used.get(best) ?? other.used) < 0) {
        best = i
      }
    }
    if (best < 0) return false
    used.set(best, addScaled(used.get(best) ?? draft.nodes[best]!.used, demand, 1, n))
    placed.set(`${best}:${d}`, (placed.get(`${best}:${d}`) ?? 0) + 1)
  }
  return true
}

/** The node Ray compacts next, or `undefined` when none can be emptied. */
export const rayChoice = (draft: Draft): string | undefined => {
  const open = (node: NodeEntry): boolean =>
    !node.released && !draft.draining.has(node.id) && !draft.compaction.releasing.has(node.id)
  const pool: Array<number> = []
  draft.nodes.forEach((node, i) => {
    if (node.running > 0 && open(node)) pool.push(i)
  })
  let chosen: { readonly i: number; readonly count: number } | undefined
  for (const i of pool) {
    const node = draft.nodes[i]!
    if (!node.releasable) continue
    const movers = runningOn(draft, node)
    if (movers.length === 0 || !compactable(draft, i, movers, pool)) continue
    const larger = chosen === undefined ? 1 : compare(draft.order, node.capacity, draft.nodes[chosen.i]!.capacity)
    if (larger > 0 || (larger === 0 && chosen !== undefined && movers.length < chosen.count)) {
      chosen = { i, count: movers.length }
    }
  }
  return chosen === undefined ? undefined : draft.nodes[chosen.i]!.id
}
