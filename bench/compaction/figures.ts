/** The small figures the compaction report is written in: means, percentiles, gaps, ratios. */
import { target, type SeedResult } from "./measure.js"

export const mean = (xs: ReadonlyArray<number>): number => (xs.length === 0 ? NaN : xs.reduce((a, b) => a + b, 0) / xs.length)
export const percentile = (xs: ReadonlyArray<number>, p: number): number => {
  const sorted = [...xs].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN
}
export const fixed = (x: number, digits = 1): string => (Number.isFinite(x) ? x.toFixed(digits) : "—")
export const pct = (x: number): string => (Number.isFinite(x) ? `${(100 * x).toFixed(1)} %` : "—")

/** How far `nodes` is above the seed's target (the optimum, else the best lower bound), as a share. */
export const over = (s: SeedResult, nodes: number): number => (nodes - target(s)) / target(s)
export const gap = (s: SeedResult): number => over(s, s.planner.nodesAfter)
export const capture = (s: SeedResult): number =>
  s.nodesBefore === target(s) ? 1 : (s.nodesBefore - s.planner.nodesAfter) / (s.nodesBefore - target(s))
export const migrationRatio = (s: SeedResult): number =>
  s.planner.migrationLowerBound === 0 ? (s.planner.migrations === 0 ? 1 : Infinity) : s.planner.migrations / s.planner.migrationLowerBound
