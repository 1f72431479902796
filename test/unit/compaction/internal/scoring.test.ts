/** Destination preferences: they outweigh any fit. */
import { describe, expect, it } from "vitest"
import { preference } from "../../../../src/compaction/internal/scoring.js"

describe("scoring", () => {
  it("adds no preference in best-fit mode", () => {
    expect(preference("best-fit", 2, true, 5, 10)).toBe(0)
  })

  it("in anchored mode puts the nodes that stay ahead of any fit", () => {
    const stays = preference("anchored", 2, true, 0, 10)
    expect(stays).toBe(-3)
    expect(stays + 2).toBeLessThan(preference("anchored", 2, false, 0, 10) + 0)
  })

  it("in late mode prefers the nodes released last, and the nodes that stay most", () => {
    const early = preference("late", 2, false, 1, 10)
    const late = preference("late", 2, false, 8, 10)
    const stays = preference("late", 2, true, 0, 10)
    expect(late + 2).toBeLessThan(early)
    expect(stays).toBeLessThan(late)
  })

  it("in late mode puts one rank later ahead of any fit: a step of more than R (a fit part is at most R)", () => {
    const R = 2
    for (let rank = 0; rank < 9; rank++) {
      expect(preference("late", R, false, rank, 10) - preference("late", R, false, rank + 1, 10)).toBeGreaterThan(R)
    }
    expect(preference("late", R, false, 9, 10) - preference("late", R, true, 0, 10)).toBeGreaterThan(R)
  })
})
