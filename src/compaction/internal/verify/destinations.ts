/**
 * K12, destinations: every step's destination accepts incoming replicas
 * (it is not cordoned or draining).
 */
import { Option } from "effect"
import { type Check, type Finding, quote } from "./finding.js"

/**
 * The first step into a node that does not accept incoming replicas (or that the snapshot lacks).
 *
 * @category checks
 */
export const check: Check = (trace) => {
  for (const [index, step] of trace.plan.steps.entries()) {
    if (trace.nodes.get(step.to)?.acceptsIncoming !== true) {
      return Option.some<Finding>({
        invariant: "K12",
        detail: `node ${quote(step.to)} does not accept incoming replicas`,
        step: index,
        wave: step.wave,
        node: step.to
      })
    }
  }
  return Option.none()
}
