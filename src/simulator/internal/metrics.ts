/**
 * What a run measures: node-hours, GPU-hours and cost (every node billed from
 * its launch request until it leaves), nodes in use over time and at peak,
 * migrations, and the request counters.
 */
import type { RequestCounts } from "./router.js"
import type { SimNode } from "./nodes.js"

const HOUR_MS = 3_600_000

/** One run's figures. */
export interface RunMetrics {
  readonly nodeHours: number
  readonly gpuHours: number
  readonly cost: number
  readonly migrations: number
  readonly requests: Readonly<RequestCounts>
  readonly violations: number
  readonly nodesAtEnd: number
  readonly peakNodes: number
  readonly timeline: ReadonlyArray<{ readonly hour: number; readonly nodes: number }>
}

/** The accumulators of a run. */
export class Metrics {
  private nodeMs = 0
  private gpuMs = 0
  private dollars = 0
  private peak = 0
  private migrations = 0
  private readonly timeline: Array<{ hour: number; nodes: number }> = []

  constructor(private readonly timelineEveryMs: number) {}

  /** The nodes billed during one step ending at `t` (ms since hour 0). */
  sample(t: number, stepMs: number, nodes: Iterable<SimNode>): void {
    let count = 0
    for (const n of nodes) {
      count++
      this.gpuMs += (n.type.capacity["GPU"] ?? 0) * stepMs
      this.dollars += (n.type.costPerHour * stepMs) / HOUR_MS
    }
    this.nodeMs += count * stepMs
    this.peak = Math.max(this.peak, count)
    if (t % this.timelineEveryMs === 0) this.timeline.push({ hour: t / HOUR_MS, nodes: count })
  }

  /** A replica stopped for a migration at `t` (ms since hour 0; before it is the warm-up, not counted). */
  migration(t: number): void {
    if (t >= 0) this.migrations++
  }

  result(requests: RequestCounts, violations: number, nodesAtEnd: number): RunMetrics {
    return {
      nodeHours: round(this.nodeMs / HOUR_MS),
      gpuHours: round(this.gpuMs / HOUR_MS),
      cost: round(this.dollars),
      migrations: this.migrations,
      requests: { ...requests },
      violations,
      nodesAtEnd,
      peakNodes: this.peak,
      timeline: this.timeline
    }
  }
}

/** Two decimals: the figures are shown and compared at that precision. */
const round = (x: number): number => Math.round(x * 100) / 100
