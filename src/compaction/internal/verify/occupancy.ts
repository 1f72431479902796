/**
 * What the nodes hold, replayed wave by wave, make-before-break: during a
 * wave a node holds what it held before plus every replica arriving in the
 * wave; the departing replicas leave when the wave ends. A step's replica
 * counts as one of the deployment the step names (the moves check, which
 * runs first, makes that the replica's own).
 */
import { Option } from "effect"
import type { Finding } from "./finding.js"
import type { Trace, Wave } from "./trace.js"

const none: ReadonlyMap<string, number> = new Map()

/**
 * Per node, the load of every resource and the replicas of every deployment.
 *
 * @category model
 */
export class Occupancy {
  private readonly loads = new Map<string, Map<string, number>>()
  private readonly counts = new Map<string, Map<string, number>>()

  private constructor(private readonly trace: Trace) {}

  /**
   * What the nodes hold before the plan.
   *
   * @category constructors
   */
  static initial(trace: Trace): Occupancy {
    const occupancy = new Occupancy(trace)
    for (const replica of trace.snapshot.replicas) occupancy.move(replica.deployment, replica.node, 1)
    return occupancy
  }

  /**
   * The load of each resource on a node.
   *
   * @category getters
   */
  load(node: string): ReadonlyMap<string, number> {
    return this.loads.get(node) ?? none
  }

  /**
   * The replicas of a deployment on a node.
   *
   * @category getters
   */
  count(node: string, deployment: string): number {
    return this.counts.get(node)?.get(deployment) ?? 0
  }

  /**
   * Adds a replica of a deployment to a node (`sign` 1) or takes it away (`sign` -1).
   *
   * @category mutations
   */
  move(deployment: string, node: string, sign: 1 | -1): void {
    const demand = this.trace.deployments.get(deployment)?.demand ?? {}
    const load = this.loads.get(node) ?? new Map<string, number>()
    this.loads.set(node, load)
    for (const [resource, amount] of Object.entries(demand)) load.set(resource, (load.get(resource) ?? 0) + sign * amount)
    const count = this.counts.get(node) ?? new Map<string, number>()
    this.counts.set(node, count)
    count.set(deployment, (count.get(deployment) ?? 0) + sign)
  }
}

/**
 * Replays the waves in order and shows each one to `visit` while it runs
 * (arrivals in, departures not yet out); stops at the first finding.
 *
 * @category replay
 */
export const duringEachWave = (
  trace: Trace,
  visit: (wave: Wave, during: Occupancy) => Option.Option<Finding>
): Option.Option<Finding> => {
  const occupancy = Occupancy.initial(trace)
  for (const wave of trace.waves) {
    for (const { step } of wave.steps) occupancy.move(step.deployment, step.to, 1)
    const found = visit(wave, occupancy)
    if (Option.isSome(found)) return found
    for (const { step } of wave.steps) occupancy.move(step.deployment, step.from, -1)
  }
  return Option.none()
}
