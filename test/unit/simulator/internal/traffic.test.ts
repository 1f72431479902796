import { describe, expect, it } from "vitest"
import * as Random from "../../../../src/simulator/internal/random.js"
import * as Traffic from "../../../../src/simulator/internal/traffic.js"

const HOUR = 3_600_000
const profile: Traffic.TrafficProfile = { peakRps: 10, peakHour: 14, nightShare: 0.1, burstsPerDay: 4, burstAmplitude: 1 }

describe("traffic", () => {
  it("peaks at the peak hour and is quiet twelve hours away", () => {
    expect(Traffic.baseRate(profile, 14 * HOUR)).toBeCloseTo(10)
    expect(Traffic.baseRate(profile, 2 * HOUR)).toBeCloseTo(1)
    for (let h = 0; h < 24; h += 0.5) {
      const r = Traffic.baseRate(profile, h * HOUR)
      expect(r).toBeGreaterThanOrEqual(1 - 1e-9)
      expect(r).toBeLessThanOrEqual(10 + 1e-9)
    }
  })

  it("rises from the night to the peak and falls after it", () => {
    const at = (h: number) => Traffic.baseRate(profile, h * HOUR)
    for (let h = 2; h < 14; h++) expect(at(h + 1)).toBeGreaterThan(at(h))
    for (let h = 14; h < 25; h++) expect(at(h + 1)).toBeLessThan(at(h))
  })

  it("a burst multiplies the rate only while it lasts", () => {
    const bursts = [{ startMs: HOUR, durationMs: HOUR / 4, factor: 3 }]
    expect(Traffic.rate(profile, bursts, HOUR + 1000)).toBeCloseTo(3 * Traffic.baseRate(profile, HOUR + 1000))
    expect(Traffic.rate(profile, bursts, 2 * HOUR)).toBeCloseTo(Traffic.baseRate(profile, 2 * HOUR))
  })

  it("draws bursts inside the day, sorted, from the seed", () => {
    const a = Traffic.bursts({ ...profile, burstsPerDay: 40 }, 24, Random.make(5))
    const b = Traffic.bursts({ ...profile, burstsPerDay: 40 }, 24, Random.make(5))
    expect(a).toEqual(b)
    expect(a.length).toBeGreaterThan(20)
    for (const x of a) {
      expect(x.startMs).toBeGreaterThanOrEqual(0)
      expect(x.startMs).toBeLessThan(24 * HOUR)
      expect(x.factor).toBeGreaterThan(1)
    }
    expect(a.map((x) => x.startMs)).toEqual([...a.map((x) => x.startMs)].sort((x, y) => x - y))
  })

  it("a schedule is linear between its points and flat outside", () => {
    const s = [[1, 0.2], [3, 1]] as const
    expect(Traffic.scheduled(s, 0)).toBe(0.2)
    expect(Traffic.scheduled(s, 2)).toBeCloseTo(0.6)
    expect(Traffic.scheduled(s, 5)).toBe(1)
  })
})
