import { Option } from "effect"
import { describe, expect, it } from "vitest"
import { check } from "../../../../../src/compaction/internal/verify/releases.js"
import { good, move, planOf, traceOf } from "./fixtures.js"

describe("releases (K4)", () => {
  it("accepts the emptied nodes, each released after its last departure", () => {
    expect(check(traceOf(good))).toEqual(Option.none())
  })

  it.each([
    ["a step into a released node", planOf([move("x2", "b", "d", 1), move("y1", "d", "b", 2)], [{ node: "b", afterWave: 1 }]),
      { detail: 'released node "b" receives a replica', step: 1, wave: 2, node: "b" }],
    ["a node released twice", planOf(good.steps, [...good.released, ...good.released]), { detail: "a node is released twice" }],
    ["an emptied node not released", planOf(good.steps, []), { detail: 'node "b" ends empty but is not listed as released', node: "b" }],
    ["a node empty before", planOf(good.steps, [...good.released, { node: "c", afterWave: 0 }]),
      { detail: 'node "c" was empty before the plan', node: "c" }],
    ["a node that still holds replicas", planOf([], [{ node: "b", afterWave: 0 }]), { detail: 'released node "b" still holds replicas', node: "b" }],
    ["a release before the last departure", planOf(good.steps, [{ node: "b", afterWave: 0 }]),
      { detail: 'node "b" is empty after wave 1, the plan says 0', node: "b" }]
  ] as const)("refuses %s", (_, plan, finding) => {
    expect(check(traceOf(plan))).toEqual(Option.some({ invariant: "K4", ...finding }))
  })
})
