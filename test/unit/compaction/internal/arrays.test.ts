/** Typed arrays filled by a function of the index: every index 0 … length - 1 is filled, f is asked for no other. */
import { describe, expect, it } from "vitest"
import { float64Of, int32Of, uint8Of } from "../../../../src/compaction/internal/arrays.js"

/** f(i) = 3i + 1, recording each index it is asked for (and refusing to be asked endlessly). */
const recording = () => {
  const asked: Array<number> = []
  const f = (i: number) => {
    if (asked.length === 100) throw new Error(`asked more than 100 times: ${asked.slice(0, 5).join(", ")} …`)
    asked.push(i)
    return 3 * i + 1
  }
  return { asked, f }
}

describe("arrays", () => {
  for (const [name, of, Kind] of [
    ["int32Of", int32Of, Int32Array],
    ["float64Of", float64Of, Float64Array],
    ["uint8Of", uint8Of, Uint8Array]
  ] as const) {
    it(`${name} fills index i with f(i), asking f for 0 … length - 1 only`, () => {
      const { asked, f } = recording()
      const a = of(5, f)
      expect(a).toBeInstanceOf(Kind)
      expect([...a]).toEqual([1, 4, 7, 10, 13])
      expect(asked).toEqual([0, 1, 2, 3, 4])
    })

    it(`${name} of length 0 is empty and never asks f`, () => {
      const { asked, f } = recording()
      expect(of(0, f).length).toBe(0)
      expect(asked).toEqual([])
    })
  }
})
