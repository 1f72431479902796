/**
 * K5, pins: no step moves an unmovable replica, and the plan releases only
 * releasable nodes of the snapshot.
 */
import { Option } from "effect"
import { type Check, type Finding, quote } from "./finding.js"

/**
 * The first move of a pinned (or unknown) replica, or else the first release of a pinned (or unknown) node.
 *
 * @category checks
 */
export const check: Check = (trace) => {
  for (const [index, step] of trace.plan.steps.entries()) {
    if (trace.replicas.get(step.replica)?.movable !== true) {
      return Option.some<Finding>({
        invariant: "K5",
        detail: `replica ${quote(step.replica)} is not movable`,
        step: index,
        wave: step.wave,
        replica: step.replica
      })
    }
  }
  for (const release of trace.plan.released) {
    if (trace.nodes.get(release.node)?.releasable !== true) {
      return Option.some<Finding>({ invariant: "K5", detail: `node ${quote(release.node)} is not releasable`, node: release.node })
    }
  }
  return Option.none()
}
