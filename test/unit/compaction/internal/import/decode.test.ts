/** Decoding a part of a dump into located problems, and naming their paths for a reader. */
import { Either, Schema } from "effect"
import { describe, expect, it } from "vitest"
import { at, decodeAt, nameAll, pathName } from "../../../../../src/compaction/internal/import/decode.js"

describe("decodeAt", () => {
  const S = Schema.Struct({ name: Schema.String, n: Schema.optionalWith(Schema.Number, { nullable: true }) })

  it("ignores unknown keys and prefixes every problem with where the part is", () => {
    expect(decodeAt(S, { name: "x", extra: 1 }, ["items", 0])).toEqual(Either.right({ name: "x" }))
    const refused = decodeAt(S, { n: "1" }, ["items", 2])
    expect(Either.isLeft(refused) && refused.left.map((p) => p.path)).toEqual([["items", 2, "name"], ["items", 2, "n"]])
  })

  it("keeps a problem beside a longer one elsewhere, and leaves out one that has a problem inside it", () => {
    const Items = Schema.Struct({ items: Schema.Array(Schema.Struct({ name: Schema.String, tags: Schema.Record({ key: Schema.String, value: Schema.String }) })) })
    const refused = decodeAt(Items, { items: [{ tags: {} }, { name: "b", tags: { x: 1 } }] }, [])
    expect(Either.isLeft(refused) && refused.left.map((p) => p.path)).toEqual([["items", 0, "name"], ["items", 1, "tags", "x"]])
    const nullable = decodeAt(S, { name: "x", n: "1" }, [])
    expect(Either.isLeft(nullable) && nullable.left.map((p) => p.path)).toEqual([["n"]])
  })
})

describe("pathName and nameAll", () => {
  const root = { items: [{ metadata: { name: "a" } }, { metadata: { name: "b" } }] }
  const nameOf = (list: string, item: unknown) => {
    const name = at(item, "metadata", "name")
    return list === "items" && typeof name === "string" ? name : undefined
  }

  it("names listed items and quotes keys that are not identifiers", () => {
    expect(pathName(root, ["items", 1, "metadata", "labels", "node.kubernetes.io/instance-type"], nameOf, "dump"))
      .toBe('items[1] ("b").metadata.labels["node.kubernetes.io/instance-type"]')
    expect(pathName(root, [], nameOf, "dump")).toBe("dump")
    expect(pathName([{ metadata: { name: "a" } }], [0, "metadata"], (list, item) => (list === "" ? String(at(item, "metadata", "name")) : undefined), "dump"))
      .toBe('[0] ("a").metadata')
    expect(nameAll(root, [{ path: ["items", 0], problem: "p" }], nameOf, "dump")).toEqual([{ item: 'items[0] ("a")', problem: "p" }])
  })
})
