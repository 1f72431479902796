import { Option } from "effect"
import { describe, expect, it } from "vitest"
import { check } from "../../../../../src/compaction/internal/verify/conservation.js"
import { good, planOf, traceOf } from "./fixtures.js"

describe("conservation (K8)", () => {
  const { placement, released, steps } = good

  it("accepts a placement that lists every replica once, where the steps leave it", () => {
    expect(check(traceOf(good))).toEqual(Option.none())
  })

  it("refuses a placement that misses a replica", () => {
    expect(check(traceOf(planOf(steps, released, { placement: placement.slice(1) })))).toEqual(
      Option.some({ invariant: "K8", detail: "the placement lists 3 replicas, the snapshot has 4" })
    )
  })

  it("refuses a placement that lists a replica twice", () => {
    expect(check(traceOf(planOf(steps, released, { placement: [...placement.slice(0, -1), ...placement.slice(0, 1)] })))).toEqual(
      Option.some({ invariant: "K8", detail: 'replica "x1" is placed twice', replica: "x1" })
    )
  })

  it("refuses a placement that puts a replica elsewhere, or a replica the snapshot lacks", () => {
    const moved = placement.map((p) => (p.replica === "x2" ? { ...p, node: "b" } : p))
    expect(check(traceOf(planOf(steps, released, { placement: moved })))).toEqual(
      Option.some({ invariant: "K8", detail: 'replica "x2" ends on "d", the placement says "b"', replica: "x2", node: "b" })
    )
    const ghost = placement.map((p) => (p.replica === "x2" ? { replica: "ghost", node: "d" } : p))
    expect(check(traceOf(planOf(steps, released, { placement: ghost })))).toEqual(
      Option.some({ invariant: "K8", detail: 'replica "ghost" ends on no node, the placement says "d"', replica: "ghost", node: "d" })
    )
  })
})
