/** `decodePlan`: a plan from outside, every problem named (shape and references to the snapshot); fuzzed. */
import { Either } from "effect"
import fc from "fast-check"
import { describe, expect, it } from "vitest"
import { propertyParameters, scale } from "../../../properties/support/settings.js"
import { deepFreeze } from "../../../spec/freeze.js"
import { Compaction } from "../../../src/index.js"
import { cluster } from "./fixtures.js"

// a: 3 of 4 CPU, b: 1 of 4, c: 1 of 4. The plan moves b's and c's replicas onto a and c, releasing one node.
const s = cluster({ a: { CPU: 4 }, b: { CPU: 4 }, c: { CPU: 4 } }, { x: { CPU: 1 } }, [["x", "a"], ["x", "a"], ["x", "b"], ["x", "c"]])
const good = Compaction.plan(s)
const json = (): Record<string, any> => structuredClone(good) as Record<string, any>

const lines = (input: unknown, snapshot: Compaction.Snapshot = s): Array<string> => {
  const result = Compaction.decodePlan(snapshot, input)
  return Either.isLeft(result) ? result.left.problems.map((p) => `${p.item}: ${p.problem}`) : []
}

type Json = Record<string, unknown>
const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v)

/** An independent statement of a decodable plan for snapshot `s`: plain loops, no schema. */
const isDecodable = (p: unknown): boolean => {
  const str = (v: unknown) => typeof v === "string"
  const int = (min: number) => (v: unknown) => typeof v === "number" && Number.isSafeInteger(v) && v >= min
  const num = (v: unknown) => typeof v === "number" && Number.isFinite(v) && v >= 0
  const shaped = (fields: Record<string, (v: unknown) => boolean>, optional: ReadonlyArray<string> = []) => (v: unknown) =>
    isObject(v) && Object.keys(v).every((k) => Object.hasOwn(fields, k)) &&
    Object.entries(fields).every(([k, ok]) => (optional.includes(k) && !Object.hasOwn(v, k)) || (Object.hasOwn(v, k) && ok(v[k])))
  const list = (ok: (v: unknown) => boolean) => (v: unknown) => Array.isArray(v) && v.every(ok)
  const replica = (v: unknown) => str(v) && s.replicas.some((r) => r.id === v)
  const node = (v: unknown) => str(v) && s.nodes.some((n) => n.id === v)
  const deployment = (v: unknown) => str(v) && s.deployments.some((d) => d.id === v)
  return shaped({
    steps: list(shaped({ replica, deployment, from: node, to: node, wave: int(1) })),
    released: list(shaped({ node, afterWave: int(0) })),
    placement: list(shaped({ replica, node })),
    metrics: shaped({
      nodesBefore: int(0),
      nodesAfter: int(0),
      costBefore: num,
      costAfter: num,
      migrations: int(0),
      migrationCost: num,
      waves: int(0),
      complete: (v) => typeof v === "boolean"
    }),
    explanations: list(shaped({
      node,
      reason: (v) => ["not-releasable", "unmovable-replica", "no-room", "migration-budget", "destination", "not-searched"].includes(v as string),
      replica,
      message: str
    }, ["replica"]))
  })(p)
}

describe("decodePlan", () => {
  it("decodes the planner's own plan, as it is", () => {
    expect(good.steps.length).toBeGreaterThan(0)
    const result = Compaction.decodePlan(s, deepFreeze(json()))
    expect(result).toEqual(Either.right(good))
  })

  it("refuses what is not a plan, and a plan with parts missing", () => {
    expect(lines(null)).toEqual([`plan: must be a plan object (steps, released, placement, metrics, explanations), got null`])
    const { metrics: _, ...noMetrics } = json()
    expect(lines(noMetrics)).toEqual([`metrics: missing (expected a metrics object)`])
    expect(lines({ ...json(), steps: {} })).toEqual([`steps: must be a list of steps, got an object`])
  })

  it("refuses unknown keys at every level, with the key meant", () => {
    const p = json()
    p["stepz"] = []
    p["steps"][0]["wav"] = 1
    p["released"][0]["afterwave"] = 1
    p["placement"][0]["nodes"] = "a"
    p["metrics"]["migration_cost"] = 1
    p["explanations"].push({ node: "a", reason: "destination", message: "kept", why: "?" })
    const step = good.steps[0]
    expect(lines(p)).toEqual([
      `stepz: unknown key (did you mean "steps"?)`,
      `steps[0] (${JSON.stringify(step?.replica)}).wav: unknown key (did you mean "wave"?)`,
      `released[0] (${JSON.stringify(good.released[0]?.node)}).afterwave: unknown key (did you mean "afterWave"?)`,
      `placement[0] ("r0").nodes: unknown key (did you mean "node"?)`,
      `metrics.migration_cost: unknown key (did you mean "migrationCost"?)`,
      `explanations[${good.explanations.length}] ("a").why: unknown key (known keys: node, reason, replica, message)`
    ])
  })

  it("names wrong types and values in words", () => {
    const p = json()
    p["steps"][0]["wave"] = 0
    p["released"][0]["afterWave"] = -1
    p["placement"][1]["node"] = 7
    p["metrics"]["complete"] = "yes"
    p["metrics"]["waves"] = 2 ** 60
    p["explanations"].push({ node: "a", reason: "whim", message: "kept" })
    const step = good.steps[0]
    expect(lines(p)).toEqual([
      `steps[0] (${JSON.stringify(step?.replica)}).wave: must be an integer of at least 1, got 0`,
      `released[0] (${JSON.stringify(good.released[0]?.node)}).afterWave: must be a non-negative integer, got -1`,
      `placement[1] ("r1").node: must be a string, got 7`,
      `metrics.waves: 1152921504606847000 is beyond the safe integer range (-9007199254740991 to 9007199254740991)`,
      `metrics.complete: must be a boolean, got "yes"`,
      `explanations[${good.explanations.length}] ("a").reason: must be "not-releasable" or "unmovable-replica" or "no-room" or ` +
      `"migration-budget" or "destination" or "not-searched", got "whim"`
    ])
  })

  it("names every replica, node and deployment the snapshot does not have, shape problems beside them", () => {
    const p = json()
    p["steps"].push({ replica: "ghost", deployment: "y", from: "z", to: "a", wave: 1.5 })
    p["released"].push({ node: "q", afterWave: 1 })
    p["placement"].push({ replica: "ghost", node: "z" })
    p["explanations"].push({ node: "q", reason: "no-room", replica: "ghost", message: "kept" })
    const i = good.steps.length
    expect(lines(p)).toEqual([
      `steps[${i}] ("ghost").wave: must be an integer of at least 1, got 1.5`,
      `steps[${i}] ("ghost").replica: unknown replica "ghost"`,
      `steps[${i}] ("ghost").deployment: unknown deployment "y"`,
      `steps[${i}] ("ghost").from: unknown node "z"`,
      `released[${good.released.length}] ("q").node: unknown node "q"`,
      `placement[4] ("ghost").replica: unknown replica "ghost"`,
      `placement[4] ("ghost").node: unknown node "z"`,
      `explanations[${good.explanations.length}] ("q").node: unknown node "q"`,
      `explanations[${good.explanations.length}] ("q").replica: unknown replica "ghost"`
    ])
  })

  it("names a list item that is not an object (null, a number, a string, a list) by its place, never a throw", () => {
    const p = json()
    p["steps"] = [null]
    p["released"] = [3]
    p["placement"] = ["r0"]
    p["explanations"] = [[]]
    expect(lines(deepFreeze(p))).toEqual([
      `steps[0]: must be a step object, got null`,
      `released[0]: must be a release object, got 3`,
      `placement[0]: must be a placement object, got "r0"`,
      `explanations[0]: must be an explanation object, got a list`
    ])
  })

  it("refuses a plan made for another cluster", () => {
    const other = cluster({ p: { CPU: 4 }, q: { CPU: 4 } }, { x: { CPU: 1 } }, [["x", "p"], ["x", "q"]])
    const problems = lines(good, other)
    // The other cluster has r0 and r1 but not r2, r3, and none of the nodes a, b, c.
    expect(problems).toContain(`placement[0] ("r0").node: unknown node "a"`)
    expect(problems).toContain(`placement[2] ("r2").replica: unknown replica "r2"`)
    expect(problems.length).toBeGreaterThanOrEqual(good.steps.length * 2 + 4)
  })

  it("verify answers a malformed plan with the InvalidPlan, never a throw", () => {
    for (const input of [undefined, null, 5, "plan", [], {}, { ...json(), steps: [{}] }]) {
      const verdict = Compaction.verify(s, input)
      expect(Either.isLeft(verdict) && verdict.left._tag).toBe("InvalidPlan")
    }
    const verdict = Compaction.verify(s, { ...json(), steps: [{ ...good.steps[0], to: "nowhere" }] })
    expect(Either.isLeft(verdict) && verdict.left.message).toMatch(/^replicore\/compaction\.decodePlan: invalid plan:\n {2}- steps\[0\] \("r\d"\)\.to: unknown node "nowhere"$/)
  })
})

/** Every path into a JSON value, containers included. */
const pathsOf = (value: unknown, prefix: Array<string | number> = []): Array<Array<string | number>> => [
  prefix,
  ...(Array.isArray(value) ? value.map((v, i) => pathsOf(v, [...prefix, i])) : isObject(value) ? Object.entries(value).map(([k, v]) => pathsOf(v, [...prefix, k])) : []).flat()
]

describe("decodePlan, fuzzed (never throws, refuses exactly what is not a plan for the snapshot)", () => {
  const check = (input: unknown): void => {
    const result = Compaction.decodePlan(s, deepFreeze(input))
    expect(Either.isRight(result)).toBe(isDecodable(input))
    if (Either.isLeft(result)) {
      expect(result.left.problems.length).toBeGreaterThan(0)
      for (const p of result.left.problems) {
        expect(p.item === "plan" || /^(steps|released|placement|metrics|explanations|\[|[A-Za-z_$])/.test(p.item)).toBe(true)
        expect(p.problem.replace(/"(?:[^"\\]|\\.)*"/g, `""`)).not.toMatch(/Expected|readonly|Encoded side|\{ /)
      }
    }
  }

  it("on arbitrary values", () => {
    fc.assert(fc.property(fc.oneof(fc.jsonValue(), fc.anything()), check), propertyParameters(300))
  })

  it("on the planner's plan with one value replaced, or a key added", () => {
    const paths = pathsOf(good)
    let decodable = 0
    fc.assert(
      fc.property(
        fc.nat(paths.length - 1),
        fc.oneof(
          { arbitrary: fc.constantFrom<unknown>(1, 2, 0, "a", "b", "r0", "r1", "x", false), weight: 2 },
          fc.constantFrom<unknown>(-1, 1.5, 10 ** 20, "ghost", "", true, null, [], {}),
          fc.jsonValue({ maxDepth: 2 })
        ),
        fc.oneof({ arbitrary: fc.constant(null), weight: 3 }, fc.constantFrom("wave", "note", "replica", "__proto__", "afterwave")),
        (at, value, key) => {
          const path = paths[at] ?? []
          const copy = json()
          let container: any = copy
          for (const k of path.slice(0, key === null ? -1 : path.length)) container = container[k]
          const last = key ?? path[path.length - 1]
          if (last === undefined || (key !== null && !isObject(container))) return check(value)
          Object.defineProperty(container, last, { value, enumerable: true, writable: true, configurable: true })
          if (isDecodable(copy)) decodable++
          check(copy)
        }
      ),
      propertyParameters(1000)
    )
    // Both answers must be exercised, or the comparison says nothing.
    expect(decodable).toBeGreaterThan(30 * scale(1000))
  })
})
