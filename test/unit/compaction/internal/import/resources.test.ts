/** Kubernetes resource names and units in a snapshot, and the arithmetic on amounts. */
import { describe, expect, it } from "vitest"
import { parse, type Quantity } from "../../../../../src/compaction/internal/import/quantity.js"
import { add, convert, max, nonZero, unitOf } from "../../../../../src/compaction/internal/import/resources.js"
import type { Located } from "../../../../../src/compaction/internal/problems.js"

const q = (text: string) => parse(text) as Quantity

describe("unitOf", () => {
  it("names cpu CPU in milli-CPU, memory-like resources in MiB, the rest in units", () => {
    expect(unitOf("cpu")).toEqual({ name: "CPU", perUnit: { numerator: 1000n, denominator: 1n } })
    for (const r of ["memory", "ephemeral-storage", "hugepages-2Mi"]) expect(unitOf(r).perUnit.denominator).toBe(2n ** 20n)
    expect(unitOf("nvidia.com/gpu")).toEqual({ name: "nvidia.com/gpu", perUnit: { numerator: 1n, denominator: 1n } })
  })
})

describe("convert", () => {
  it("converts a list, and names a value beyond the safe integer range at its path", () => {
    const problems: Array<Located> = []
    expect(convert({ cpu: q("1500m"), memory: q("1Gi"), pods: q("110"), big: q("10E") }, "down", ["status", "allocatable"], problems))
      .toEqual({ CPU: 1500, memory: 1024, pods: 110 })
    expect(problems).toEqual([{ path: ["status", "allocatable", "big"], problem: "is beyond the safe integer range once converted" }])
  })
})

describe("add, max, nonZero", () => {
  it("work resource by resource", () => {
    expect(add({ CPU: 1, GPU: 1 }, { CPU: 2, memory: 3 })).toEqual({ CPU: 3, GPU: 1, memory: 3 })
    expect(max({ CPU: 1, GPU: 4 }, { CPU: 2 })).toEqual({ CPU: 2, GPU: 4 })
    expect(max({ CPU: 3 }, { CPU: 2, GPU: 1 })).toEqual({ CPU: 3, GPU: 1 })
    expect(nonZero({ CPU: 0, GPU: 1 })).toEqual({ GPU: 1 })
  })
})
