/**
 * The harness around the compaction invariants: what the property tests and
 * the benchmark need to build an observation, kept apart from the
 * invariants themselves.
 */
import { Compaction } from "../../src/index.js"

/**
 * The snapshot after a plan: the same nodes, deployments and options, the
 * replicas where the plan's final placement leaves them. Validated like any
 * snapshot (it throws the `InvalidSnapshot` of a placement over capacity).
 *
 * @category harness
 */
export const afterPlan = (snapshot: Compaction.Snapshot, plan: Compaction.Plan): Compaction.Snapshot => {
  const at = new Map(plan.placement.map((p) => [p.replica, p.node]))
  return Compaction.validateOrThrow({
    nodes: snapshot.nodes,
    deployments: snapshot.deployments,
    replicas: snapshot.replicas.map((r) => ({ ...r, node: at.get(r.id) ?? r.node })),
    ...(snapshot.options === undefined ? {} : { options: snapshot.options })
  })
}
