/**
 * K4, releases: a released node only gives (no step moves a replica to it);
 * the plan releases each node at most once; the released nodes are exactly
 * the nodes that hold a replica before the plan and none after it, each
 * released after the wave of its last departure.
 */
import { Option } from "effect"
import { type Check, type Finding, quote } from "./finding.js"
import { nonEmpty } from "./trace.js"

/**
 * The first step into a released node, or else the first release that is missing, extra, repeated or mistimed.
 *
 * @category checks
 */
export const check: Check = (trace) => {
  const found = (detail: string, where: Partial<Finding> = {}) => Option.some<Finding>({ invariant: "K4", detail, ...where })
  const released = new Map(trace.plan.released.map((r) => [r.node, r.afterWave]))
  for (const [index, step] of trace.plan.steps.entries()) {
    if (released.has(step.to)) {
      return found(`released node ${quote(step.to)} receives a replica`, { step: index, wave: step.wave, node: step.to })
    }
  }
  if (released.size !== trace.plan.released.length) return found("a node is released twice")
  const before = nonEmpty(trace.start)
  const after = nonEmpty(trace.end)
  for (const node of before) {
    if (!after.has(node) && !released.has(node)) return found(`node ${quote(node)} ends empty but is not listed as released`, { node })
  }
  for (const [node, afterWave] of released) {
    if (!before.has(node)) return found(`node ${quote(node)} was empty before the plan`, { node })
    if (after.has(node)) return found(`released node ${quote(node)} still holds replicas`, { node })
    const last = trace.plan.steps.reduce((wave, step) => (step.from === node ? Math.max(wave, step.wave) : wave), 0)
    if (afterWave !== last) return found(`node ${quote(node)} is empty after wave ${last}, the plan says ${afterWave}`, { node })
  }
  return Option.none()
}
