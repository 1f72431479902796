/**
 * K6, the moves themselves: every step moves a replica of the snapshot, named
 * with its deployment, from the node it is on to another node of the
 * snapshot, in a wave that is a positive safe integer, and no replica moves
 * twice. The checks after this one read the steps as such moves.
 */
import { Option } from "effect"
import { type Check, type Finding, quote } from "./finding.js"

/**
 * The first step that is not a move of a replica from where it is.
 *
 * @category checks
 */
export const check: Check = (trace) => {
  const moved = new Set<string>()
  for (const [index, step] of trace.plan.steps.entries()) {
    const replica = trace.replicas.get(step.replica)
    const at = { step: index, replica: step.replica }
    const found = (detail: string, where: Partial<Finding> = {}) => Option.some<Finding>({ invariant: "K6", detail, ...at, ...where })
    if (replica === undefined) return found(`unknown replica ${quote(step.replica)}`)
    if (replica.deployment !== step.deployment) {
      return found(`replica ${quote(step.replica)} belongs to deployment ${quote(replica.deployment)}, not ${quote(step.deployment)}`)
    }
    if (!Number.isSafeInteger(step.wave) || step.wave < 1) return found(`wave ${step.wave} is not a positive integer`)
    if (!trace.nodes.has(step.to)) return found(`unknown destination node ${quote(step.to)}`, { node: step.to })
    if (step.from === step.to) return found("a step from a node to itself", { node: step.to })
    if (moved.has(step.replica)) return found(`replica ${quote(step.replica)} moves twice`, { wave: step.wave })
    if (replica.node !== step.from) return found(`replica ${quote(step.replica)} is on ${quote(replica.node)}, not on ${quote(step.from)}`)
    moved.add(step.replica)
  }
  return Option.none()
}
