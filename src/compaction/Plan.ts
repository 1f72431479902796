/**
 * A compaction plan: migration steps grouped into waves, the nodes released
 * and when, the final placement, metrics, and why under-used nodes are kept.
 *
 * A step means: start a new replica of `deployment` on `to`, wait until it is
 * healthy, reroute, stop the old one on `from`. The steps of one wave run
 * concurrently; capacity freed in a wave is usable from the next wave.
 *
 * @since 0.1.0
 */

/**
 * One migration.
 *
 * @since 0.1.0
 */
export interface Step {
  readonly replica: string
  readonly deployment: string
  readonly from: string
  readonly to: string
  /** 1 for the first wave. */
  readonly wave: number
}

/**
 * A node the plan empties, and the wave after which it is empty.
 *
 * @since 0.1.0
 */
export interface Release {
  readonly node: string
  readonly afterWave: number
}

/**
 * Where a replica is after the plan.
 *
 * @since 0.1.0
 */
export interface Placement {
  readonly replica: string
  readonly node: string
}

/**
 * What keeps an under-used node from being released.
 *
 * - `not-releasable`: the node is a head or static node;
 * - `unmovable-replica`: a replica on it is not movable (or its deployment's `maxSurge` is 0);
 * - `no-room`: a replica on it fits on no other kept node, even after making room;
 * - `migration-budget`: emptying it would exceed the migration budget;
 * - `destination`: it receives migrated replicas (it was chosen to stay).
 *
 * @since 0.1.0
 */
export type KeptReason = "not-releasable" | "unmovable-replica" | "no-room" | "migration-budget" | "destination"

/**
 * Why a non-empty node with every resource under half used is kept.
 *
 * @since 0.1.0
 */
export interface Explanation {
  readonly node: string
  readonly reason: KeptReason
  /** The replica that blocks it, when one does. */
  readonly replica?: string
  readonly message: string
}

/**
 * Plan metrics. Node counts count non-empty nodes.
 *
 * @since 0.1.0
 */
export interface PlanMetrics {
  readonly nodesBefore: number
  readonly nodesAfter: number
  readonly costBefore: number
  readonly costAfter: number
  readonly migrations: number
  readonly migrationCost: number
  readonly waves: number
  /** False when the time budget cut the improvement phase short. */
  readonly complete: boolean
}

/**
 * @since 0.1.0
 */
export interface Plan {
  readonly steps: ReadonlyArray<Step>
  readonly released: ReadonlyArray<Release>
  readonly placement: ReadonlyArray<Placement>
  readonly metrics: PlanMetrics
  readonly explanations: ReadonlyArray<Explanation>
}
