/**
 * K3, `maxReplicasPerNode` in flight: during every wave, no node that
 * receives a replica holds more replicas of its deployment than the
 * deployment's `maxReplicasPerNode`, the departing ones still counted. Only
 * destinations are looked at: the snapshot is validated (no node over a
 * limit), and a node that receives nothing only loses replicas.
 */
import { Option } from "effect"
import { type Check, type Finding, quote } from "./finding.js"
import { duringEachWave } from "./occupancy.js"

/**
 * The first arrival that takes its destination over its deployment's `maxReplicasPerNode` in its wave.
 *
 * @category checks
 */
export const check: Check = (trace) =>
  duringEachWave(trace, (wave, during) => {
    for (const { index, step } of wave.steps) {
      const limit = trace.deployments.get(step.deployment)?.maxReplicasPerNode ?? Infinity
      const held = during.count(step.to, step.deployment)
      if (held > limit) {
        return Option.some<Finding>({
          invariant: "K3",
          detail: `${held} replicas of deployment ${quote(step.deployment)} during the wave, maxReplicasPerNode is ${limit}`,
          wave: wave.number,
          step: index,
          node: step.to
        })
      }
    }
    return Option.none()
  })
