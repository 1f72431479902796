/**
 * K13, the plan's account of itself: its waves are numbered 1..W without
 * gaps, and its metrics `nodesBefore`, `nodesAfter` (non-empty nodes),
 * `migrations` (steps) and `waves` (W) match the replay. The cost metrics
 * are sums of reals, which a plan may add in any order: they are not compared.
 */
import { Option } from "effect"
import type { Check, Finding } from "./finding.js"
import { nonEmpty } from "./trace.js"

/**
 * A gap in the wave numbers, or else the first metric the replay contradicts.
 *
 * @category checks
 */
export const check: Check = (trace) => {
  const found = (detail: string) => Option.some<Finding>({ invariant: "K13", detail })
  const { waves } = trace
  if (waves.some((wave, i) => wave.number !== i + 1)) return found(`waves are not numbered 1..${waves.length}`)
  const replayed = {
    nodesBefore: nonEmpty(trace.start).size,
    nodesAfter: nonEmpty(trace.end).size,
    migrations: trace.plan.steps.length,
    waves: waves.length
  }
  for (const [key, value] of Object.entries(replayed)) {
    const stated = trace.plan.metrics[key as keyof typeof replayed]
    if (stated !== value) return found(`metrics.${key} is ${stated}, the replay says ${value}`)
  }
  return Option.none()
}
