import { Either } from "effect"
import { describe, expect, it } from "vitest"
import { integerFlag, parse, type Signature } from "../../../src/cli/args.js"

const PLAN: Signature = { command: "plan", flags: { json: { type: "boolean" }, seed: { type: "string" } }, positionals: ["SNAPSHOT"] }

const problem = (args: ReadonlyArray<string>): string => {
  const parsed = parse(PLAN, args)
  return Either.isLeft(parsed) ? parsed.left.problem : "accepted"
}

describe("parse", () => {
  it("accepts the declared flags and positionals, - included", () => {
    expect(parse(PLAN, ["-", "--json", "--seed", "3"])).toEqual(
      Either.right({ values: { json: true, seed: "3" }, positionals: ["-"], help: false })
    )
  })

  it("answers help for --help or -h, whatever else is given", () => {
    for (const args of [["--help"], ["-h", "--frob"], ["a", "b", "--help"]]) {
      expect(Either.getOrThrow(parse(PLAN, args)).help).toBe(true)
    }
  })

  it("refuses unknown flags, missing and extra positionals, values on boolean flags and flags without values", () => {
    expect(problem(["a", "--frob"])).toBe("unknown option --frob")
    expect(problem([])).toBe("missing SNAPSHOT")
    expect(problem(["a", "b", "c"])).toBe('unexpected arguments "b" "c"')
    expect(problem(["a", "--json=1"])).toBe("option --json takes no value")
    expect(problem(["a", "--seed"])).toBe("option --seed needs a value")
    expect(problem(["a", "--seed", "-1"])).toMatch(/^option --seed needs a value \(write --seed=-X/)
  })

  it("names the command in the error", () => {
    const parsed = parse(PLAN, ["--frob"])
    expect(Either.isLeft(parsed) && parsed.left.message).toBe("replicore plan: unknown option --frob")
  })
})

describe("integerFlag", () => {
  const parsedWith = (seed: string) => Either.getOrThrow(parse(PLAN, ["a", `--seed=${seed}`]))
  const range = { min: 1, max: 10, default: 5 }

  it("answers the default when the flag is absent, the value when it is an integer in range", () => {
    expect(integerFlag("plan", Either.getOrThrow(parse(PLAN, ["a"])), "seed", range)).toEqual(Either.right(5))
    expect(integerFlag("plan", parsedWith("10"), "seed", range)).toEqual(Either.right(10))
  })

  it.each(["0", "11", "1.5", "x", "", "1e3", "-3"])("refuses %j, naming the flag, the range and the value", (raw) => {
    const result = integerFlag("plan", parsedWith(raw), "seed", range)
    expect(Either.isLeft(result) && result.left.problem).toBe(`--seed must be an integer from 1 to 10, got ${JSON.stringify(raw)}`)
  })
})
