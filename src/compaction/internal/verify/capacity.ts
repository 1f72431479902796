/**
 * K1, capacity at every instant: during every wave, every resource of every
 * node that receives a replica carries at most its capacity (0 for a
 * resource the node does not list, and for every resource of a node the
 * snapshot lacks), the departing replicas still counted.
 * Only destinations are looked at: the snapshot is validated (no node over
 * capacity), and a node that receives nothing only loses load.
 */
import { Option } from "effect"
import type { Check, Finding } from "./finding.js"
import { duringEachWave, Occupancy } from "./occupancy.js"
import type { Trace } from "./trace.js"

/**
 * The first arrival that takes its destination over capacity in its wave.
 *
 * @category checks
 */
export const check: Check = (trace) =>
  duringEachWave(trace, (wave, during) => {
    for (const { index, step } of wave.steps) {
      const capacity = trace.nodes.get(step.to)?.capacity ?? {}
      for (const [resource, load] of during.load(step.to)) {
        const available = capacity[resource] ?? 0
        if (load > available) {
          return Option.some<Finding>({
            invariant: "K1",
            detail: `${resource} load ${load} exceeds capacity ${available} during the wave`,
            wave: wave.number,
            step: index,
            node: step.to
          })
        }
      }
    }
    return Option.none()
  })

/** The highest share of its capacity any resource of a node carries in an occupancy, from `floor` up. */
const peakOf = (trace: Trace, occupancy: Occupancy, nodes: Iterable<string>, floor: number): number => {
  let peak = floor
  for (const node of nodes) {
    const capacity = trace.nodes.get(node)?.capacity ?? {}
    for (const [resource, load] of occupancy.load(node)) {
      const available = capacity[resource] ?? 0
      if (available > 0) peak = Math.max(peak, load / available)
    }
  }
  return peak
}

/**
 * The highest share of its capacity any resource of any node carries at any
 * instant of a plan that holds K1: before the plan, or during a wave on one
 * of its destinations (the other nodes only lose load).
 *
 * @category observations
 */
export const peakUtilization = (trace: Trace): number => {
  let peak = peakOf(trace, Occupancy.initial(trace), trace.nodes.keys(), 0)
  duringEachWave(trace, (wave, during) => {
    peak = peakOf(trace, during, wave.steps.map(({ step }) => step.to), peak)
    return Option.none()
  })
  return peak
}
