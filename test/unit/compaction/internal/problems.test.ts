/** `show` and `itemName`: how a problem line quotes a value and names an item, against lines written out from the rules. */
import { describe, expect, it } from "vitest"
import { itemName, show } from "../../../../src/compaction/internal/problems.js"

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
  })
})

describe("itemName", () => {
  const input = { nodes: [{ id: "abcdefghij".repeat(5), capacity: { CPU: -1 } }] }

  it("names a listed item by its place and its id, the id quoted as show quotes it", () => {
    expect(itemName(input, ["nodes", 0, "capacity", "CPU"], { nodes: "id" }, "snapshot"))
      .toBe(`nodes[0] ("abcdefghijabcdefghijabcdefghijabcdefghij…").capacity.CPU`)
  })

  it("names the root when the path is empty", () => {
    expect(itemName(input, [], { nodes: "id" }, "snapshot")).toBe("snapshot")
  })
})
