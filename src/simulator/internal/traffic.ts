/**
 * The traffic model: each deployment's arrival rate over the day. A diurnal
 * curve (a raised cosine peaking at the deployment's own hour), floored by a
 * quiet night share, times bursts (a few per day per deployment, each a
 * multiple of the rate for some minutes, drawn from the seed).
 */
import * as Random from "./random.js"

const HOUR_MS = 3_600_000
const DAY_HOURS = 24

/** The shape of one deployment's day. */
export interface TrafficProfile {
  /** Requests per second at the daily peak, bursts aside. */
  readonly peakRps: number
  /** The hour (0–24) of the daily peak. */
  readonly peakHour: number
  /** The night's rate as a share of the peak (the floor of the curve). */
  readonly nightShare: number
  /** Expected bursts per day. */
  readonly burstsPerDay: number
  /** A burst multiplies the rate by 1 + this. */
  readonly burstAmplitude: number
  /**
   * Instead of the diurnal curve: the share of the peak at given hours
   * (`[hour, share]`, hours increasing), linear in between, flat outside.
   */
  readonly schedule?: ReadonlyArray<readonly [number, number]>
}

/** One burst: from `startMs` for `durationMs`, the rate times `factor`. */
export interface Burst {
  readonly startMs: number
  readonly durationMs: number
  readonly factor: number
}

/** Shortest and longest burst (ms): a spike of a few minutes to a busy half hour. */
const BURST_MIN_MS = 5 * 60_000
const BURST_MAX_MS = 30 * 60_000

/**
 * A raised cosine over 24 h: 1 at `peakHour`, 0 twelve hours away, sharpened
 * (squared) so that the night is long and quiet and the day busy.
 */
export const diurnal = (peakHour: number, hour: number): number => {
  const c = 0.5 * (1 + Math.cos((2 * Math.PI * (hour - peakHour)) / DAY_HOURS))
  return c * c
}

/** The rate (requests per second) at `ms` without bursts. */
export const baseRate = (p: TrafficProfile, ms: number): number => {
  const hour = ms / HOUR_MS
  if (p.schedule !== undefined) return p.peakRps * scheduled(p.schedule, hour)
  return p.peakRps * (p.nightShare + (1 - p.nightShare) * diurnal(p.peakHour, hour))
}

/** The bursts of one deployment over `hours`, drawn from `random`. */
export const bursts = (p: TrafficProfile, hours: number, random: Random.Random): ReadonlyArray<Burst> => {
  const count = Random.poisson(random, (p.burstsPerDay * hours) / DAY_HOURS)
  const list: Array<Burst> = []
  for (let i = 0; i < count; i++) {
    list.push({
      startMs: Random.between(random, 0, hours * HOUR_MS),
      durationMs: Random.between(random, BURST_MIN_MS, BURST_MAX_MS),
      factor: 1 + p.burstAmplitude * Random.between(random, 0.5, 1)
    })
  }
  return list.sort((a, b) => a.startMs - b.startMs)
}

/** The rate (requests per second) at `ms`, bursts included. */
export const rate = (p: TrafficProfile, burstList: ReadonlyArray<Burst>, ms: number): number => {
  let factor = 1
  for (const b of burstList) {
    if (b.startMs > ms) break
    if (ms < b.startMs + b.durationMs) factor = Math.max(factor, b.factor)
  }
  return baseRate(p, ms) * factor
}

/** The share a schedule gives at `hour`: linear between its points, flat outside them. */
export const scheduled = (schedule: ReadonlyArray<readonly [number, number]>, hour: number): number => {
  let previous: readonly [number, number] | undefined
  for (const point of schedule) {
    if (hour < point[0]) {
      if (previous === undefined) return point[1]
      return previous[1] + ((point[1] - previous[1]) * (hour - previous[0])) / (point[0] - previous[0])
    }
    previous = point
  }
  return previous?.[1] ?? 0
}
