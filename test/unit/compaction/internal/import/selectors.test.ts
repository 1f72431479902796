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

  // Kubernetes' label requirements (apimachinery labels.Requirement.Matches): In needs the label with one of
  // the values; NotIn holds when the label is missing or has none of them; Exists / DoesNotExist test the key.
  it.each([
    ["In, another value", { key: "tier", operator: "In", values: ["back"] }, false],
    ["In, a missing label", { key: "zone", operator: "In", values: ["a"] }, false],
    ["In, no values", { key: "tier", operator: "In" }, false],
    ["NotIn, another value", { key: "tier", operator: "NotIn", values: ["back"] }, true],
    ["NotIn, no values", { key: "tier", operator: "NotIn" }, true],
    ["Exists, a missing label", { key: "zone", operator: "Exists" }, false],
    ["Exists, a key only Object.prototype has", { key: "constructor", operator: "Exists" }, false],
    ["DoesNotExist, a missing label", { key: "zone", operator: "DoesNotExist" }, true]
  ] as const)("%s", (_, requirement, expected) => {
    expect(selects({ matchExpressions: [requirement] }, { app: "web", tier: "front" })).toBe(expected)
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

  // Node affinity's Gt/Lt (component-helpers nodeaffinity): the requirement has exactly one value, and both it
  // and the node's label parse with strconv.ParseInt(s, 10, 64) (an optional sign, decimal digits, 64 bits);
  // otherwise the requirement holds for no node. The comparison is strict.
  const INT64_MAX = "9223372036854775807"
  it.each([
    // [label value (undefined: no label), operator, values, expected]
    ["8", "Gt", ["4"], true],
    ["8", "Gt", ["8"], false],
    ["8", "Gt", ["10"], false],
    ["8", "Lt", ["10"], true],
    ["8", "Lt", ["8"], false],
    [undefined, "Gt", ["4"], false],
    [undefined, "Lt", ["10"], false],
    ["+8", "Gt", ["-1"], true],
    ["-3", "Lt", ["-2"], true],
    ["007", "Lt", ["8"], true],
    ["8.5", "Gt", ["4"], false],
    ["8.0", "Lt", ["10"], false],
    ["", "Gt", ["-1"], false],
    [" 8", "Gt", ["4"], false],
    ["0x10", "Gt", ["4"], false],
    ["1e3", "Gt", ["4"], false],
    ["8", "Gt", ["4.5"], false],
    ["8", "Lt", [""], false],
    ["8", "Gt", ["4", "5"], false],
    ["8", "Gt", [], false],
    ["8", "Gt", undefined, false],
    // beyond 2^53 the comparison stays exact; beyond 64 bits ParseInt refuses
    [INT64_MAX, "Gt", ["9223372036854775806"], true],
    ["9223372036854775808", "Gt", ["0"], false],
    ["-9223372036854775808", "Lt", ["0"], true],
    ["-9223372036854775809", "Lt", ["0"], false],
    ["0", "Lt", ["9223372036854775808"], false]
  ] as const)("label %j %s %j → %s", (label, operator, values, expected) => {
    const labels = label === undefined ? {} : { gpus: label }
    const requirement = { key: "gpus", operator, ...(values === undefined ? {} : { values }) }
    expect(admits({ nodeSelector: {}, terms: [{ matchExpressions: [requirement] }] }, { name: "n1", labels })).toBe(expected)
  })
})
