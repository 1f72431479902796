import { Option } from "effect"
import { describe, expect, it } from "vitest"
import { duringEachWave, Occupancy } from "../../../../../src/compaction/internal/verify/occupancy.js"
import { move, planOf, traceOf } from "./fixtures.js"

describe("Occupancy", () => {
  it("starts from the snapshot's placement", () => {
    const occupancy = Occupancy.initial(traceOf(planOf([])))
    expect(Object.fromEntries(occupancy.load("a"))).toEqual({ CPU: 2 })
    expect(occupancy.count("a", "x")).toBe(2)
    expect(occupancy.count("c", "x")).toBe(0)
    expect(occupancy.load("c").size).toBe(0)
  })

  it("shows each wave with its arrivals in and its departures not yet out, then lets them go", () => {
    const plan = planOf([move("x2", "b", "d", 1), move("x1", "a", "b", 2)])
    const seen: Array<[number, number, number, number]> = []
    const result = duringEachWave(traceOf(plan), (wave, during) => {
      seen.push([wave.number, during.load("a").get("CPU") ?? 0, during.load("b").get("CPU") ?? 0, during.load("d").get("CPU") ?? 0])
      return Option.none()
    })
    expect(result).toEqual(Option.none())
    expect(seen).toEqual([[1, 2, 1, 2], [2, 2, 1, 2]])
  })

  it("stops at the first finding", () => {
    const plan = planOf([move("x2", "b", "d", 1), move("x1", "a", "b", 2)])
    let visits = 0
    const result = duringEachWave(traceOf(plan), () => {
      visits++
      return Option.some({ invariant: "K1", detail: "stop" })
    })
    expect(result).toEqual(Option.some({ invariant: "K1", detail: "stop" }))
    expect(visits).toBe(1)
  })
})
