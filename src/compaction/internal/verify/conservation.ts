/**
 * K8, conservation: the plan's final placement lists every replica of the
 * snapshot exactly once, on the node the steps leave it on.
 */
import { Option } from "effect"
import { type Check, type Finding, quote } from "./finding.js"

/**
 * The first replica the final placement misses, repeats or puts elsewhere than the steps do.
 *
 * @category checks
 */
export const check: Check = (trace) => {
  const { placement } = trace.plan
  if (placement.length !== trace.replicas.size) {
    return Option.some<Finding>({ invariant: "K8", detail: `the placement lists ${placement.length} replicas, the snapshot has ${trace.replicas.size}` })
  }
  const listed = new Set<string>()
  for (const { replica, node } of placement) {
    if (listed.has(replica)) return Option.some<Finding>({ invariant: "K8", detail: `replica ${quote(replica)} is placed twice`, replica })
    listed.add(replica)
    const end = trace.end.get(replica)
    if (end !== node) {
      return Option.some<Finding>({
        invariant: "K8",
        detail: `replica ${quote(replica)} ends on ${end === undefined ? "no node" : quote(end)}, the placement says ${quote(node)}`,
        replica,
        node
      })
    }
  }
  return Option.none()
}
