/** `FailureFrontier`: a demand at least a remembered failure fails without a scan, until capacity grows. */
import { describe, expect, it } from "vitest"
import { FailureFrontier, FRONTIER_SIZE } from "../../../../src/compaction/internal/frontier.js"

const vector = (...xs: Array<number>) => (k: number) => xs[k] ?? 0

describe("FailureFrontier", () => {
  it("covers a demand at least as large in every resource, and no other", () => {
    const f = new FailureFrontier()
    expect(f.covers(vector(4, 4))).toBe(false)
    f.record(vector(4, 4), 2)
    expect(f.covers(vector(4, 4))).toBe(true)
    expect(f.covers(vector(5, 4))).toBe(true)
    expect(f.covers(vector(3, 9))).toBe(false)
  })

  it("forgets every failure when free capacity grows", () => {
    const f = new FailureFrontier()
    f.record(vector(1, 1), 2)
    f.grow()
    expect(f.covers(vector(9, 9))).toBe(false)
  })

  it("remembers at most FRONTIER_SIZE demands", () => {
    const f = new FailureFrontier()
    for (let i = 0; i < FRONTIER_SIZE; i++) f.record(vector(100 + i, 0), 2)
    f.record(vector(1, 1), 2)
    expect(f.covers(vector(1, 1))).toBe(false)
    expect(f.covers(vector(100, 0))).toBe(true)
  })

  it("remembers each of FRONTIER_SIZE demands that cover no other", () => {
    const f = new FailureFrontier()
    // (i, FRONTIER_SIZE - i): none is at least another in every resource, so each covers only itself and larger.
    for (let i = 0; i < FRONTIER_SIZE; i++) f.record(vector(i, FRONTIER_SIZE - i), 2)
    for (let i = 0; i < FRONTIER_SIZE; i++) expect(f.covers(vector(i, FRONTIER_SIZE - i)), `demand ${i}`).toBe(true)
    f.grow()
    for (let i = 0; i < FRONTIER_SIZE; i++) f.record(vector(i, FRONTIER_SIZE - i), 2)
    for (let i = 0; i < FRONTIER_SIZE; i++) expect(f.covers(vector(i, FRONTIER_SIZE - i)), `after growing, demand ${i}`).toBe(true)
  })
})
