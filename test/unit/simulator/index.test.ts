import { Either } from "effect"
import { describe, expect, it } from "vitest"
import { Simulator } from "../../../src/index.js"

const short = { scenario: "fragmented", seed: 3, hours: 0.5 } as const

describe("Simulator.simulate", () => {
  it("is deterministic: the same seed gives the same result", () => {
    const a = Simulator.simulate({ ...short, modes: ["planner"] })
    const b = Simulator.simulate({ ...short, modes: ["planner"] })
    expect(JSON.stringify(a)).toBe(JSON.stringify(b))
  })

  it("another seed gives another day", () => {
    const a = Simulator.simulate({ ...short, modes: ["off"] })
    const b = Simulator.simulate({ ...short, seed: 4, modes: ["off"] })
    expect(a.runs[0]!.requests.total).not.toBe(b.runs[0]!.requests.total)
  })

  it("serves traffic with no failed request and no violation in every mode", () => {
    const result = Simulator.simulate(short)
    expect(result.runs.map((r) => r.compaction)).toEqual(["off", "ray", "planner"])
    for (const r of result.runs) {
      expect(r.requests.total).toBeGreaterThan(1000)
      expect(r.requests.served).toBeGreaterThan(r.requests.total * 0.9)
      expect(r.requests.failed).toBe(0)
      expect(r.violations).toBe(0)
      expect(r.nodeHours).toBeGreaterThan(0)
      expect(r.timeline.length).toBeGreaterThan(0)
    }
  })

  it("runs the day scenario's fleet on GPU and CPU nodes", () => {
    const [r] = Simulator.simulate({ scenario: "day", seed: 1, hours: 0.25, modes: ["off"] }).runs
    expect(r!.requests.failed).toBe(0)
    expect(r!.violations).toBe(0)
    expect(r!.gpuHours).toBeGreaterThan(0)
    expect(r!.gpuHours).toBeLessThan(r!.nodeHours * 8)
  })

  it("reports progress from 0 to 1", () => {
    const seen: Array<number> = []
    Simulator.simulate({ ...short, hours: 0.1, modes: ["off", "ray"], onProgress: (f) => seen.push(f) })
    expect(seen[0]).toBe(0)
    expect(seen.at(-1)).toBe(1)
    expect([...seen].sort((a, b) => a - b)).toEqual(seen)
  })

  it.each([
    [{ scenario: "week", seed: 1 }, "scenario"],
    [{ scenario: "day", seed: 1.5 }, "seed"],
    [{ scenario: "day", seed: 1, hours: 0 }, "hours"],
    [{ scenario: "day", seed: 1, hours: Number.NaN }, "hours"],
    [{ scenario: "day", seed: 1, modes: ["fast"] }, "modes.0"],
    [{ scenario: "day", seed: 1, modes: [] }, "modes"],
    [{ scenario: "day", seed: 1, onProgress: 3 }, "onProgress"],
    [null, "options"]
  ])("refuses %j with InvalidSimulation naming %s", (options, option) => {
    const result = Either.try(() => Simulator.simulate(options as never))
    expect(Either.isLeft(result)).toBe(true)
    const error = Either.isLeft(result) ? result.left : undefined
    expect(error).toBeInstanceOf(Simulator.InvalidSimulation)
    expect((error as Simulator.InvalidSimulation).option).toBe(option)
    expect((error as Error).message).toMatch(/^replicore\/simulator\.simulate: /)
  })
})
