import { Option } from "effect"
import { describe, expect, it } from "vitest"
import { check } from "../../../../../src/compaction/internal/verify/moves.js"
import { good, move, planOf, traceOf } from "./fixtures.js"

describe("moves (K6)", () => {
  it("accepts moves of known replicas from where they are to other known nodes, once each", () => {
    expect(check(traceOf(good))).toEqual(Option.none())
  })

  it.each([
    ["an unknown replica", [move("ghost", "b", "d", 1, "x")], { step: 0, replica: "ghost", detail: 'unknown replica "ghost"' }],
    ["another deployment", [move("x2", "b", "d", 1, "y")], { step: 0, detail: 'replica "x2" belongs to deployment "x", not "y"' }],
    ["wave 0", [move("x2", "b", "d", 0)], { step: 0, detail: "wave 0 is not a positive integer" }],
    ["a fractional wave", [move("x2", "b", "d", 1.5)], { step: 0, detail: "wave 1.5 is not a positive integer" }],
    ["an unknown destination", [move("x2", "b", "z", 1)], { step: 0, node: "z", detail: 'unknown destination node "z"' }],
    ["a step to itself", [move("x2", "b", "b", 1)], { step: 0, node: "b", detail: "a step from a node to itself" }],
    ["a second move", [move("x2", "b", "d", 1), move("x2", "d", "a", 2)], { step: 1, wave: 2, detail: 'replica "x2" moves twice' }],
    ["the wrong origin", [move("x2", "a", "d", 1)], { step: 0, detail: 'replica "x2" is on "b", not on "a"' }]
  ] as const)("refuses %s", (_, steps, finding) => {
    expect(check(traceOf(planOf(steps)))).toEqual(Option.some(expect.objectContaining({ invariant: "K6", ...finding })))
  })
})
