/** Schema decoding errors as one problem per item: messages joined, duplicates and optional fields' noise dropped. */
import { Either, type ParseResult, Schema } from "effect"
import { describe, expect, it } from "vitest"
import { problemsOf } from "../../../../src/lifecycle/internal/problems.js"

/** The decoding error of `value` against `schema` (every issue, as the lifecycle decodes). */
const errorOf = <A, I>(schema: Schema.Schema<A, I>, value: unknown): ParseResult.ParseError => {
  const decoded = Schema.decodeUnknownEither(schema, { errors: "all" })(value)
  if (Either.isRight(decoded)) throw new Error("the value decoded")
  return decoded.left
}

describe("problemsOf", () => {
  it("a message two alternatives of a union give for the same item is listed once", () => {
    const schema = Schema.Union(Schema.Struct({ x: Schema.Number }), Schema.Struct({ x: Schema.Number, y: Schema.String }))
    expect(problemsOf(errorOf(schema, { x: "s", y: "t" }), "config")).toEqual([
      { item: "config.x", problem: "Expected number, actual \"s\"" }
    ])
  })

  it("the different messages of one item are joined with \" | \"", () => {
    const schema = Schema.Struct({ a: Schema.Union(Schema.Number, Schema.Boolean) })
    expect(problemsOf(errorOf(schema, { a: "s" }), "")).toEqual([
      { item: "a", problem: "Expected number, actual \"s\" | Expected boolean, actual \"s\"" }
    ])
  })

  it("an optional field's \"Expected undefined\" is dropped when a real failure is listed", () => {
    const schema = Schema.Struct({ a: Schema.optional(Schema.Number) })
    expect(problemsOf(errorOf(schema, { a: "s" }), "")).toEqual([{ item: "a", problem: "Expected number, actual \"s\"" }])
  })

  it("…or when the real failure is deeper, in a field of that field", () => {
    const schema = Schema.Struct({ a: Schema.optional(Schema.Struct({ b: Schema.Number })) })
    expect(problemsOf(errorOf(schema, { a: { b: "s" } }), "")).toEqual([{ item: "a.b", problem: "Expected number, actual \"s\"" }])
  })

  it("an item whose only failure is \"Expected undefined\" keeps it: it is the real failure there", () => {
    const schema = Schema.Struct({ a: Schema.Undefined, ab: Schema.Struct({ c: Schema.Number }) })
    expect(problemsOf(errorOf(schema, { a: 5, ab: { c: "s" } }), "")).toEqual([
      { item: "a", problem: "Expected undefined, actual 5" },
      { item: "ab.c", problem: "Expected number, actual \"s\"" }
    ])
  })
})
