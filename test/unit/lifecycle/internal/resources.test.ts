/** Resource vectors and Ray's resource priority order (GPU, CPU, memory, then the rest by name). */
import { describe, expect, it } from "vitest"
import {
  addScaled,
  compare,
  compareLeft,
  fits,
  priorityOrder,
  toRecord,
  toVector,
  withNames
} from "../../../../src/lifecycle/internal/resources.js"

describe("priorityOrder", () => {
  it("GPU, then CPU, then memory, then every other resource by name", () => {
    const names = ["zeta", "memory", "CPU", "alpha", "GPU", "beta"]
    expect(priorityOrder(names).map((k) => names[k])).toEqual(["GPU", "CPU", "memory", "alpha", "beta", "zeta"])
    expect(priorityOrder(["b", "CPU", "a"])).toEqual([1, 2, 0])
    expect(priorityOrder([])).toEqual([])
  })
})

describe("withNames", () => {
  it("appends the new names, sorted; the very same array when there is none", () => {
    const names = ["CPU"]
    expect(withNames(names, { CPU: 1 })).toBe(names)
    expect(withNames(names, { z: 1, GPU: 2, CPU: 3 })).toEqual(["CPU", "GPU", "z"])
  })
})

describe("toVector and toRecord", () => {
  it("a missing name reads as 0; the record leaves out the zero entries", () => {
    expect(toVector(["CPU", "GPU"], { GPU: 2 })).toEqual([0, 2])
    expect(toRecord(["CPU", "GPU", "memory"], [2, 0])).toEqual({ CPU: 2 })
  })
})

describe("addScaled and fits", () => {
  it("adds or subtracts over n resources, a missing entry read as 0", () => {
    expect(addScaled([5, 1], [2], -1, 3)).toEqual([3, 1, 0])
    expect(addScaled([5], [2, 4], 1, 2)).toEqual([7, 4])
  })

  it("fits when what is left covers the need on every resource", () => {
    expect(fits([4, 2], [1, 1], [3, 1], 2)).toBe(true)
    expect(fits([4, 2], [1, 1], [3, 2], 2)).toBe(false)
    expect(fits([4], [], [4, 0], 2)).toBe(true)
  })
})

describe("compareLeft", () => {
  // Index 1 first, then index 0 (as if index 1 were GPU and index 0 CPU).
  const order = [1, 0]

  it("negative when the first node has less left on the first resource in the order that differs", () => {
    expect(compareLeft(order, [8, 4], [1, 3], [8, 4], [1, 1])).toBeLessThan(0) // left [7, 1] vs [7, 3]
    expect(compareLeft(order, [8, 4], [1, 1], [8, 4], [1, 3])).toBeGreaterThan(0)
    expect(compareLeft(order, [8, 4], [6, 1], [8, 4], [1, 1])).toBeLessThan(0) // index 1 ties at 3, index 0: 2 < 7
  })

  it("the first resource in the order decides before the others", () => {
    expect(compareLeft(order, [1, 4], [0, 0], [9, 2], [0, 0])).toBeGreaterThan(0) // 4 > 2 on index 1, though 1 < 9 on index 0
  })

  it("0 when both have the same left; a missing entry reads as 0", () => {
    expect(compareLeft(order, [5, 3], [2, 1], [4, 2], [1])).toBe(0) // [3, 2] vs [3, 2]
    expect(compareLeft(order, [3], [], [5, 0], [2])).toBe(0)
  })
})

describe("compare", () => {
  it("negative when a is smaller on the first resource in the order that differs", () => {
    expect(compare([1, 0], [9, 1], [1, 2])).toBeLessThan(0)
    expect(compare([1, 0], [2, 2], [1, 2])).toBeGreaterThan(0)
    expect(compare([1, 0], [2, 2], [2, 2])).toBe(0)
  })
})
