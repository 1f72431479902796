/** Kubernetes quantities read exactly, then converted with the rounding asked for. */
import { describe, expect, it } from "vitest"
import { parse, type Quantity, toUnits } from "../../../../../src/compaction/internal/import/quantity.js"

const MILLI = { numerator: 1000n, denominator: 1n }
const MIB = { numerator: 1n, denominator: 2n ** 20n }
const ONE = { numerator: 1n, denominator: 1n }

const q = (text: string): Quantity => {
  const parsed = parse(text)
  if (typeof parsed === "string") throw new Error(parsed)
  return parsed
}

describe("parse and toUnits", () => {
  it.each([
    // [quantity, per unit, rounding, expected units]: worked out by hand
    ["7910m", MILLI, "down", 7910],
    ["8", MILLI, "down", 8000],
    ["0.5", MILLI, "up", 500],
    ["1e3", MILLI, "down", 1_000_000],
    ["1E-3", MILLI, "down", 1],
    ["100u", MILLI, "up", 1], // 0.1 milli-CPU, rounded up as Kubernetes rounds requests
    ["100u", MILLI, "down", 0],
    ["32Gi", MIB, "down", 32768],
    ["30631508Ki", MIB, "down", 29913], // 29913.58… MiB
    ["30631508Ki", MIB, "up", 29914],
    ["500M", MIB, "down", 476], // 500,000,000 bytes = 476.83… MiB
    ["500M", MIB, "up", 477],
    ["1.5Gi", MIB, "down", 1536],
    ["128974848", MIB, "down", 123], // bytes: 123 MiB exactly
    ["2k", ONE, "down", 2000],
    ["+4", ONE, "down", 4],
    [".5", MILLI, "down", 500],
    ["5.", ONE, "down", 5],
    ["-0", ONE, "down", 0]
  ] as const)("%s → %i units (%s)", (text, perUnit, rounding, units) => {
    expect(toUnits(q(text), perUnit, rounding as "up" | "down")).toBe(units)
  })

  it("answers undefined beyond the safe integer range", () => {
    expect(toUnits(q("10E"), MILLI, "down")).toBeUndefined()
    expect(toUnits(q("9007199254740991"), ONE, "down")).toBe(Number.MAX_SAFE_INTEGER)
  })

  it.each(["", "abc", "1.2.3", "5 Gi", "5gi", "Gi", "1e", "0x10", "1_000", "--1", "1Kb", "NaN", "Infinity"])(
    "refuses %j with the value in the message",
    (text) => {
      const parsed = parse(text)
      expect(typeof parsed).toBe("string")
      expect(parsed).toContain(JSON.stringify(text))
    }
  )

  it("refuses negative quantities and exponents beyond any cluster", () => {
    expect(parse("-1")).toBe('must not be negative, got "-1"')
    expect(parse("-500m")).toBe('must not be negative, got "-500m"')
    expect(parse("1e99")).toMatch(/exponent/)
  })

  it("reads exponents up to ±60 and refuses one beyond, naming the limit", () => {
    // 1e60 is 10^60 units of 10^60, 1e-60 one 10^60th of a unit
    expect(toUnits(q("1e60"), { numerator: 1n, denominator: 10n ** 60n }, "down")).toBe(1)
    expect(toUnits(q("1E-60"), { numerator: 10n ** 60n, denominator: 1n }, "down")).toBe(1)
    expect(parse("1e61")).toBe('has an exponent beyond ±60, got "1e61"')
    expect(parse("1e-61")).toBe('has an exponent beyond ±60, got "1e-61"')
  })
})
