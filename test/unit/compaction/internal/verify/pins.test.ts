import { Option } from "effect"
import { describe, expect, it } from "vitest"
import { check } from "../../../../../src/compaction/internal/verify/pins.js"
import { good, move, planOf, traceOf } from "./fixtures.js"

describe("pins (K5)", () => {
  it("accepts moves of movable replicas and releases of releasable nodes", () => {
    expect(check(traceOf(good))).toEqual(Option.none())
  })

  it("refuses a move of an unmovable replica", () => {
    expect(check(traceOf(planOf([move("u1", "a", "b", 1)])))).toEqual(
      Option.some({ invariant: "K5", detail: 'replica "u1" is not movable', step: 0, wave: 1, replica: "u1" })
    )
  })

  it("refuses a move of a replica the snapshot lacks", () => {
    expect(check(traceOf(planOf([move("ghost", "b", "d", 1, "x")])))).toEqual(
      Option.some({ invariant: "K5", detail: 'replica "ghost" is not movable', step: 0, wave: 1, replica: "ghost" })
    )
  })

  it("refuses a release of a node that is not releasable, or unknown", () => {
    expect(check(traceOf(planOf([], [{ node: "a", afterWave: 0 }])))).toEqual(
      Option.some({ invariant: "K5", detail: 'node "a" is not releasable', node: "a" })
    )
    expect(check(traceOf(planOf([], [{ node: "z", afterWave: 0 }])))).toEqual(
      Option.some({ invariant: "K5", detail: 'node "z" is not releasable', node: "z" })
    )
  })
})
