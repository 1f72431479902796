/**
 * The scenarios: `large` is copies of the `day` fleet whose requests go in
 * batches, with the same load per replica as the day's (so the same replicas
 * at the same hours), and `day` itself unbatched.
 */
import { describe, expect, it } from "vitest"
import { scenarios } from "../../../../src/simulator/internal/scenarios.js"

/** Replicas the autoscaler wants at the daily peak: ongoing requests at peak over the target per replica. */
const peakReplicas = (m: (typeof scenarios.day.deployments)[number]) =>
  (m.traffic.peakRps * m.serviceMs) / 1000 / m.autoscaling.targetOngoing

describe("scenarios", () => {
  it("day: every request on its own (LLMs 16 slots, target 8; CPU models 4 slots, target 2)", () => {
    for (const m of scenarios.day.deployments) {
      const gpu = (m.demand["GPU"] ?? 0) > 0
      expect([m.maxOngoing, m.autoscaling.targetOngoing], m.id).toEqual(gpu ? [16, 8] : [4, 2])
    }
  })

  it("large: copies of the day fleet, batched, with the day's replicas at peak and the day's slots per target", () => {
    const day = new Map(scenarios.day.deployments.map((m) => [m.id, m]))
    expect(scenarios.large.deployments.length % day.size).toBe(0)
    expect(scenarios.large.deployments.length / day.size).toBeGreaterThanOrEqual(25)
    for (const m of scenarios.large.deployments) {
      const original = day.get(m.id.replace(/-\d+$/, ""))
      expect(original, m.id).toBeDefined()
      if (original === undefined) continue
      expect(peakReplicas(m)).toBeCloseTo(peakReplicas(original), 9)
      expect(m.maxOngoing / m.autoscaling.targetOngoing).toBe(original.maxOngoing / original.autoscaling.targetOngoing)
      expect(m.maxOngoing).toBeLessThan(original.maxOngoing) // batched: fewer, larger requests
      expect(Number.isInteger(m.maxOngoing)).toBe(true)
      expect(m.demand).toEqual(original.demand)
    }
  })
})
