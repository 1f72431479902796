/** `validate` on bad input, fuzzed. */
import { Either } from "effect"
import fc from "fast-check"
import { describe, expect, it } from "vitest"
import { Compaction } from "../../../src/index.js"

describe("validate", () => {
  it("names every offending item", () => {
    const result = Compaction.validate({
      nodes: [{ id: "n1", capacity: { CPU: -1 } }, { id: "n1", capacity: { CPU: 1.5 } }, { id: "n2", capacity: { CPU: 1 } }],
      deployments: [{ id: "d", demand: { CPU: 2 } }],
      replicas: [
        { id: "r1", deployment: "e", node: "n2" },
        { id: "r2", deployment: "d", node: "n9" },
        { id: "r3", deployment: "d", node: "n2" }
      ]
    })
    expect(Either.isLeft(result)).toBe(true)
    const message = Either.isLeft(result) ? result.left.message : ""
    expect(message).toContain(`nodes[0] ("n1").capacity.CPU`)
    expect(message).toContain(`nodes[1] ("n1").capacity.CPU`)
    const consistency = Compaction.validate({
      nodes: [{ id: "n1", capacity: { CPU: 1 } }, { id: "n1", capacity: { CPU: 1 } }],
      deployments: [{ id: "d", demand: { CPU: 2 } }],
      replicas: [
        { id: "r1", deployment: "e", node: "n1" },
        { id: "r2", deployment: "d", node: "n9" },
        { id: "r3", deployment: "d", node: "n1" },
        { id: "r3", deployment: "d", node: "n1" }
      ]
    })
    const problems = Either.isLeft(consistency) ? consistency.left.problems : []
    expect(problems).toEqual(expect.arrayContaining([
      { item: `node "n1"`, problem: "duplicate node id" },
      { item: `replica "r3"`, problem: "duplicate replica id" },
      { item: `replica "r1"`, problem: `unknown deployment "e"` },
      { item: `replica "r2"`, problem: `unknown node "n9"` },
      expect.objectContaining({ item: `node "n1"`, problem: expect.stringMatching(/over capacity in CPU/) })
    ]))
  })

  it("never throws on malformed JSON-like input, and always names an item", () => {
    const jsonish = fc.jsonValue()
    const mangled = fc.record({
      nodes: fc.array(fc.record({ id: fc.oneof(fc.string(), fc.integer()), capacity: fc.dictionary(fc.string(), jsonish) }, { requiredKeys: [] })),
      deployments: fc.array(fc.record({ id: fc.string(), demand: fc.dictionary(fc.string(), fc.oneof(fc.integer(), fc.double())) }, { requiredKeys: [] })),
      replicas: fc.array(fc.record({ id: fc.string(), deployment: fc.string(), node: fc.oneof(fc.string(), fc.constant(null)) }, { requiredKeys: [] }))
    }, { requiredKeys: [] })
    fc.assert(fc.property(fc.oneof(jsonish, mangled), (input) => {
      const result = Compaction.validate(input)
      if (Either.isLeft(result)) {
        expect(result.left.problems.length).toBeGreaterThan(0)
        for (const p of result.left.problems) expect(p.item.length).toBeGreaterThan(0)
      } else {
        expect(Either.isRight(Compaction.verify(result.right, Compaction.plan(result.right)))).toBe(true)
      }
    }), { seed: 20261127, numRuns: 2000 })
  })
})
