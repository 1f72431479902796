/** The field schemas: each bound accepted, the value just past it refused in words, and safe integers only. */
import { Either, Schema } from "effect"
import { describe, expect, it } from "vitest"
import { locate } from "../../../../src/compaction/internal/problems.js"
import * as Field from "../../../../src/compaction/internal/schemas.js"

/** The problem of a refused value (`""` when accepted). */
const problem = (schema: Schema.Schema<any, any>, value: unknown): string => {
  const decoded = Schema.decodeUnknownEither(schema, { errors: "all", onExcessProperty: "error" })(value)
  return Either.isLeft(decoded) ? locate(decoded.left).map((p) => p.problem).join("; ") : ""
}

const MAX = 2 ** 53 - 1
const range = "is beyond the safe integer range (-9007199254740991 to 9007199254740991)"

describe("integers", () => {
  it("NonNegativeInteger: 0 up to 2^53 − 1", () => {
    expect([0, 1, MAX].map((n) => problem(Field.NonNegativeInteger, n))).toEqual(["", "", ""])
    expect(problem(Field.NonNegativeInteger, -1)).toBe("must be a non-negative integer, got -1")
    expect(problem(Field.NonNegativeInteger, 0.5)).toBe("must be a non-negative integer, got 0.5")
    expect(problem(Field.NonNegativeInteger, MAX + 1)).toBe(`9007199254740992 ${range}`)
  })

  it("PositiveInteger: 1 up to 2^53 − 1", () => {
    expect([1, MAX].map((n) => problem(Field.PositiveInteger, n))).toEqual(["", ""])
    expect(problem(Field.PositiveInteger, 0)).toBe("must be an integer of at least 1, got 0")
  })

  it("Integer: −(2^53 − 1) up to 2^53 − 1", () => {
    expect([-MAX, 0, MAX].map((n) => problem(Field.Integer, n))).toEqual(["", "", ""])
    expect(problem(Field.Integer, -MAX - 1)).toBe(`-9007199254740992 ${range}`)
    expect(problem(Field.Integer, 1.5)).toBe("must be an integer, got 1.5")
    expect(problem(Field.Integer, "1")).toBe(`must be an integer, got "1"`)
  })
})

describe("NonNegativeNumber", () => {
  it("accepts 0 and any finite number above it, refuses the rest", () => {
    expect([0, 0.25, 1e300].map((n) => problem(Field.NonNegativeNumber, n))).toEqual(["", "", ""])
    expect([-0.5, Infinity, NaN].map((n) => problem(Field.NonNegativeNumber, n))).toEqual([
      "must be a non-negative finite number, got -0.5",
      "must be a non-negative finite number, got Infinity",
      "must be a non-negative finite number, got NaN"
    ])
  })
})

describe("records", () => {
  it("Resources and Labels take any name but __proto__", () => {
    expect(problem(Field.Resources, { CPU: 1, "nvidia.com/gpu": 2, constructor: 3 })).toBe("")
    expect(problem(Field.Labels, { zone: "a" })).toBe("")
    expect(problem(Field.Resources, { "": 1 })).toBe("")
    expect(problem(Field.Resources, JSON.parse(`{ "CPU": 1, "__proto__": 1 }`))).toBe(`"__proto__" is not allowed as a name`)
    expect(problem(Field.Labels, JSON.parse(`{ "__proto__": "x" }`))).toBe(`"__proto__" is not allowed as a name`)
    expect(problem(Field.Resources, { CPU: -1 })).toBe("must be a non-negative integer, got -1")
    expect(problem(Field.Labels, { zone: 1 })).toBe("must be a string, got 1")
  })
})
