import { describe, expect, it } from "vitest"
import { quote } from "../../../../../src/compaction/internal/verify/finding.js"

describe("quote", () => {
  it("quotes an id as JSON does, escapes included", () => {
    expect(quote("n1")).toBe('"n1"')
    expect(quote('a"b')).toBe('"a\\"b"')
  })
})
