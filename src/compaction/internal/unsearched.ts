/**
 * The plan of a search that has not looked at the cluster yet (it stopped
 * while the planner's dense view was still being built): nothing moves,
 * every node stays, and each under-used node is explained as not searched.
 * Written from the snapshot's records, without the dense view.
 */
import type { Explanation, Plan } from "../Plan.js"
import type { Snapshot } from "../Snapshot.js"
import { notSearched } from "./assemble.js"

/** Load per node and resource, summed from the replicas' demands. */
const loads = (snapshot: Snapshot): Map<string, Map<string, number>> => {
  const demand = new Map(snapshot.deployments.map((d) => [d.id, d.demand]))
  const load = new Map<string, Map<string, number>>()
  for (const replica of snapshot.replicas) {
    let node = load.get(replica.node)
    if (node === undefined) load.set(replica.node, (node = new Map()))
    const wants = demand.get(replica.deployment) ?? {}
    for (const k in wants) node.set(k, (node.get(k) ?? 0) + (wants[k] ?? 0))
  }
  return load
}

/** Under half used in every resource it has: the nodes a plan explains (as `assemble` does). */
const underUsed = (capacity: Readonly<Record<string, number>>, load: ReadonlyMap<string, number>): boolean => {
  for (const k in capacity) {
    const cap = capacity[k] ?? 0
    if (cap > 0 && (load.get(k) ?? 0) * 2 >= cap) return false
  }
  return true
}

/** The empty plan of a snapshot, with `complete: false`. */
export const unsearchedPlan = (snapshot: Snapshot): Plan => {
  const load = loads(snapshot)
  let nodes = 0
  let cost = 0
  const explanations: Array<Explanation> = []
  for (const node of snapshot.nodes) {
    const used = load.get(node.id)
    if (used === undefined) continue
    nodes++
    cost += node.cost
    if (underUsed(node.capacity, used)) explanations.push(notSearched(node.id))
  }
  return {
    steps: [],
    released: [],
    placement: snapshot.replicas.map((r) => ({ replica: r.id, node: r.node })),
    metrics: { nodesBefore: nodes, nodesAfter: nodes, costBefore: cost, costAfter: cost, migrations: 0, migrationCost: 0, waves: 0, complete: false },
    explanations
  }
}
