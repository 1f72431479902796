/** Label selectors and node selectors, matched as Kubernetes matches them. */
import { describe, expect, it } from "vitest"
import { admits, selects } from "../../../../../src/compaction/internal/import/selectors.js"

describe("selects", () => {
  it("matches labels and every expression operator", () => {
    const labels = { app: "web", tier: "front" }
    expect(selects({}, labels)).toBe(true)
    expect(selects({ matchLabels: { app: "web" } }, labels)).toBe(true)
    expect(selects({ matchLabels: { app: "api" } }, labels)).toBe(false)
    expect(selects({ matchExpressions: [{ key: "tier", operator: "In", values: ["front", "back"] }] }, labels)).toBe(true)
    expect(selects({ matchExpressions: [{ key: "tier", operator: "NotIn", values: ["front"] }] }, labels)).toBe(false)
    expect(selects({ matchExpressions: [{ key: "zone", operator: "NotIn", values: ["a"] }] }, labels)).toBe(true)
    expect(selects({ matchExpressions: [{ key: "app", operator: "Exists" }] }, labels)).toBe(true)
    expect(selects({ matchExpressions: [{ key: "app", operator: "DoesNotExist" }] }, labels)).toBe(false)
  })
})

describe("admits", () => {
  const node = { name: "n1", labels: { pool: "gpu", gpus: "8" } }
  it("requires every nodeSelector label", () => {
    expect(admits({ nodeSelector: { pool: "gpu" }, terms: undefined }, node)).toBe(true)
    expect(admits({ nodeSelector: { pool: "cpu" }, terms: undefined }, node)).toBe(false)
  })
  it("requires one term to hold, Gt/Lt on integers, matchFields on the name, an empty term matching nothing", () => {
    const term = (e: object) => ({ nodeSelector: {}, terms: [e] })
    expect(admits(term({ matchExpressions: [{ key: "gpus", operator: "Gt", values: ["4"] }] }), node)).toBe(true)
    expect(admits(term({ matchExpressions: [{ key: "gpus", operator: "Lt", values: ["4"] }] }), node)).toBe(false)
    expect(admits(term({ matchExpressions: [{ key: "pool", operator: "Gt", values: ["4"] }] }), node)).toBe(false)
    expect(admits(term({ matchFields: [{ key: "metadata.name", operator: "In", values: ["n1"] }] }), node)).toBe(true)
    expect(admits(term({ matchFields: [{ key: "metadata.name", operator: "In", values: ["n2"] }] }), node)).toBe(false)
    expect(admits(term({}), node)).toBe(false)
    expect(admits({ nodeSelector: {}, terms: [{}, { matchExpressions: [{ key: "pool", operator: "Exists" }] }] }, node)).toBe(true)
  })
})
