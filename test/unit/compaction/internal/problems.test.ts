/** `show` and `itemName`: how a problem line quotes a value and names an item, against lines written out from the rules. */
import { Either, Schema } from "effect"
import { describe, expect, it } from "vitest"
import { itemName, locate, show } from "../../../../src/compaction/internal/problems.js"

/** The rule: a quoted string keeps its first 40 characters; a longer one is cut there and marked with an ellipsis. */
const LIMIT = 40
const tens = "0123456789"

describe("show", () => {
  it("quotes a string of up to 40 characters in full", () => {
    expect(show("")).toBe(`""`)
    expect(show("r1")).toBe(`"r1"`)
    expect(show(tens.repeat(4))).toBe(`"${tens.repeat(4)}"`)
    expect(tens.repeat(4).length).toBe(LIMIT)
  })

  it("cuts a longer string after its first 40 characters and marks the cut with an ellipsis", () => {
    expect(show(`${tens.repeat(4)}X`)).toBe(`"${tens.repeat(4)}…"`)
    expect(show("abcdefghij".repeat(5))).toBe(`"abcdefghijabcdefghijabcdefghijabcdefghij…"`)
  })

  it("escapes a string as JSON does", () => {
    expect(show(`a"b\n`)).toBe(`"a\\"b\\n"`)
  })

  it("writes numbers, booleans and bigints as written, containers and the rest by kind", () => {
    expect([show(-1), show(1.5), show(true), show(10n), show(null), show([1]), show({ a: 1 }), show(undefined)])
      .toEqual(["-1", "1.5", "true", "10", "null", "a list", "an object", "undefined"])
    expect([show(Symbol("s")), show(() => 1)]).toEqual(["symbol", "function"])
  })
})

describe("itemName", () => {
  const input = { nodes: [{ id: "abcdefghij".repeat(5), capacity: { CPU: -1 } }] }

  it("names a listed item by its place and its id, the id quoted as show quotes it", () => {
    expect(itemName(input, ["nodes", 0, "capacity", "CPU"], { nodes: "id" }, "snapshot"))
      .toBe(`nodes[0] ("abcdefghijabcdefghijabcdefghijabcdefghij…").capacity.CPU`)
  })

  it("names an item of a list without a label by its place alone", () => {
    expect(itemName({ xs: [{ id: "a", undefined: "u" }] }, ["xs", 0, "id"], { nodes: "id" }, "root")).toBe("xs[0].id")
  })

  it("writes a key that is not an identifier quoted in brackets", () => {
    expect(itemName({ nodes: [{ id: "n", capacity: {} }] }, ["nodes", 0, "capacity", "nvidia.com/gpu"], { nodes: "id" }, "snapshot"))
      .toBe(`nodes[0] ("n").capacity["nvidia.com/gpu"]`)
    expect(itemName({}, [""], {}, "snapshot")).toBe(`[""]`)
  })

  it("names the root when the path is empty", () => {
    expect(itemName(input, [], { nodes: "id" }, "snapshot")).toBe("snapshot")
  })
})

/** The problem lines `locate` writes for an input a schema refuses (none when it decodes), decoded as the package decodes. */
const problems = (schema: Schema.Schema<any, any>, input: unknown): Array<string> => {
  const decoded = Schema.decodeUnknownEither(schema, { errors: "all", onExcessProperty: "error" })(input)
  return Either.isLeft(decoded) ? locate(decoded.left).map((p) => `${p.path.map(String).join(".")}: ${p.problem}`) : []
}

describe("locate", () => {
  it("names the alternatives of a union when each can be said in words", () => {
    expect(problems(Schema.Struct({ mode: Schema.Literal("a", "b") }), { mode: 5 })).toEqual([`mode: must be "a" or "b", got 5`])
  })

  it("names none of them when one cannot be said in words (a partial list would mislead)", () => {
    const schema = Schema.Struct({ mode: Schema.Union(Schema.Literal("a"), Schema.Struct({ x: Schema.Number })) })
    expect(problems(schema, { mode: 5 })).toEqual([`mode: must be something else, got 5`])
  })
})

describe("locate: a missing field", () => {
  const missing = (schema: Schema.Schema<any, any>): Array<string> => problems(schema, {})

  it("says what the field must be, in the words of its schema, or that a value is expected", () => {
    expect(missing(Schema.Struct({ a: Schema.String.annotations({ description: "a name" }) }))).toEqual([`a: missing (expected a name)`])
    expect(missing(Schema.Struct({ a: Schema.Struct({ x: Schema.Number }) }))).toEqual([`a: missing (expected a value)`])
  })
})

describe("locate: an unknown key, with the key likely meant", () => {
  const unknown = (keys: ReadonlyArray<string>, written: string): Array<string> => {
    const schema = Schema.Struct(Object.fromEntries(keys.map((k) => [k, Schema.optional(Schema.Number)])))
    return problems(schema, { [written]: 1 })
  }

  it("allows one edit per 3 characters of the written key, and at least one", () => {
    // "ix" is 1 edit from "id": a 2-character key is allowed 1.
    expect(unknown(["id", "labels"], "ix")).toEqual([`ix: unknown key (did you mean "id"?)`])
    // "lbelzs" (6 characters, 2 allowed) is 2 edits from "labels"; "lbelz" (5 characters, 1 allowed) is 2 as well.
    expect(unknown(["id", "labels"], "lbelzs")).toEqual([`lbelzs: unknown key (did you mean "labels"?)`])
    expect(unknown(["id", "labels"], "lbelz")).toEqual([`lbelz: unknown key (known keys: id, labels)`])
  })

  it("names the closest key, the first declared when two are as close", () => {
    // "nosBefore" is 2 edits from both "nodesBefore" and "costBefore".
    expect(unknown(["nodesBefore", "costBefore"], "nosBefore")).toEqual([`nosBefore: unknown key (did you mean "nodesBefore"?)`])
    expect(unknown(["costBefore", "nodesBefore"], "nosBefore")).toEqual([`nosBefore: unknown key (did you mean "costBefore"?)`])
  })

  it("gives no hint for an empty key (every known key is more than one edit away)", () => {
    expect(unknown(["id", "node"], "")).toEqual([`: unknown key (known keys: id, node)`])
  })
})
