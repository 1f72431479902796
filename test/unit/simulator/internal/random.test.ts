import { describe, expect, it } from "vitest"
import * as Random from "../../../../src/simulator/internal/random.js"

const draws = (r: Random.Random, n: number) => Array.from({ length: n }, () => r.next())

describe("random", () => {
  it("the same seed gives the same stream; nearby seeds and labels give different ones", () => {
    expect(draws(Random.fork(3, "a"), 5)).toEqual(draws(Random.fork(3, "a"), 5))
    const streams = [Random.fork(3, "a"), Random.fork(4, "a"), Random.fork(3, "b")].map((r) => draws(r, 50))
    for (const s of streams.slice(1)) expect(s.some((x, i) => x === streams[0]![i])).toBe(false)
  })

  it("draws in [0, 1)", () => {
    for (const x of draws(Random.make(7), 10_000)) {
      expect(x).toBeGreaterThanOrEqual(0)
      expect(x).toBeLessThan(1)
    }
  })

  it.each([0.5, 4, 80])("Poisson draws with mean %d average to it", (mean) => {
    const r = Random.make(11)
    const n = 20_000
    let sum = 0
    for (let i = 0; i < n; i++) sum += Random.poisson(r, mean)
    expect(Math.abs(sum / n - mean)).toBeLessThan(0.05 * mean + 0.02)
  })
})
