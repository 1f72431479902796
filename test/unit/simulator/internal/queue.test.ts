import { describe, expect, it } from "vitest"
import { EventQueue } from "../../../../src/simulator/internal/queue.js"

describe("EventQueue", () => {
  it("pops what is due in time order, equal times in insertion order", () => {
    const q = new EventQueue<string>()
    for (const [at, item] of [[5, "e"], [1, "a"], [3, "c1"], [3, "c2"], [9, "z"]] as const) q.push(at, item)
    expect(q.popDue(4)).toEqual(["a", "c1", "c2"])
    expect(q.popDue(4)).toEqual([])
    expect(q.popDue(100)).toEqual(["e", "z"])
    expect(q.size).toBe(0)
  })
})
