/**
 * K9, the outcome: after the plan, the non-empty nodes are no more, and
 * their summed `cost` no higher, than before; a plan with any step lowers
 * one of the two (no moves for nothing).
 */
import { Option } from "effect"
import type { Check, Finding } from "./finding.js"
import { costOf, nonEmpty } from "./trace.js"

/**
 * A plan that raises the node count or the cost, or moves for nothing.
 *
 * @category checks
 */
export const check: Check = (trace) => {
  const found = (detail: string) => Option.some<Finding>({ invariant: "K9", detail })
  const before = nonEmpty(trace.start)
  const after = nonEmpty(trace.end)
  const [costBefore, costAfter] = [costOf(trace, before), costOf(trace, after)]
  if (after.size > before.size) return found(`the plan raises the node count from ${before.size} to ${after.size}`)
  if (costAfter > costBefore) return found(`the plan raises the cost from ${costBefore} to ${costAfter}`)
  if (trace.plan.steps.length > 0 && after.size === before.size && costAfter === costBefore) {
    return found(`${trace.plan.steps.length} migrations that lower neither the node count nor the cost`)
  }
  return Option.none()
}
