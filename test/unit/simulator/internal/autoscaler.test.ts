import { describe, expect, it } from "vitest"
import * as Autoscaler from "../../../../src/simulator/internal/autoscaler.js"

const config: Autoscaler.AutoscalingConfig = {
  minReplicas: 1,
  maxReplicas: 10,
  targetOngoing: 2,
  upscaleDelayMs: 30_000,
  downscaleDelayMs: 600_000
}

const drive = (from: Autoscaler.AutoscalerState, ongoing: number, untilMs: number, startMs = 0) => {
  let s = from
  for (let t = startMs; t <= untilMs; t += 10_000) s = Autoscaler.observe(config, s, t, ongoing)
  return s
}

describe("Ray-style autoscaler", () => {
  it("wants ongoing / target replicas, clamped", () => {
    expect(Autoscaler.desired(config, 7)).toBe(4)
    expect(Autoscaler.desired(config, 0)).toBe(1)
    expect(Autoscaler.desired(config, 100)).toBe(10)
  })

  it("scales up only after the upscale delay", () => {
    expect(drive(Autoscaler.make(1), 8, 20_000).target).toBe(1)
    expect(drive(Autoscaler.make(1), 8, 30_000).target).toBe(4)
  })

  it("scales down only after the downscale delay", () => {
    expect(drive(Autoscaler.make(5), 2, 590_000).target).toBe(5)
    expect(drive(Autoscaler.make(5), 2, 640_000).target).toBe(1)
  })
})
