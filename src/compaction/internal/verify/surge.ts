/**
 * K2, surge: in every wave, a deployment has at most `maxSurge` steps; one
 * whose `maxSurge` is 0 has none.
 */
import { Option } from "effect"
import { type Check, type Finding, quote } from "./finding.js"

/**
 * The first step over its deployment's `maxSurge` in its wave (0 for a deployment the snapshot lacks).
 *
 * @category checks
 */
export const check: Check = (trace) => {
  for (const wave of trace.waves) {
    const inFlight = new Map<string, number>()
    for (const { index, step } of wave.steps) {
      const n = (inFlight.get(step.deployment) ?? 0) + 1
      inFlight.set(step.deployment, n)
      const allowed = trace.deployments.get(step.deployment)?.maxSurge ?? 0
      if (n > allowed) {
        return Option.some<Finding>({
          invariant: "K2",
          detail: allowed === 0
            ? `deployment ${quote(step.deployment)} has maxSurge 0: its replicas never move`
            : `${n} replicas of deployment ${quote(step.deployment)} in flight, maxSurge is ${allowed}`,
          wave: wave.number,
          step: index,
          replica: step.replica
        })
      }
    }
  }
  return Option.none()
}
