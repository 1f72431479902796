/** `validate`: every problem of a snapshot, in one pass, each as a readable line naming its item; fuzzed. */
import { Either } from "effect"
import fc from "fast-check"
import { describe, expect, it } from "vitest"
import { propertyParameters, scale } from "../../../properties/support/settings.js"
import { deepFreeze } from "../../../spec/freeze.js"
import { Compaction } from "../../../src/index.js"

/** The problem lines of a refused input (`item: problem`), or the empty list when it was accepted. */
const lines = (input: unknown): Array<string> => {
  const result = Compaction.validate(input)
  return Either.isLeft(result) ? result.left.problems.map((p) => `${p.item}: ${p.problem}`) : []
}

// ---------------------------------------------------------------------------------------------
// An independent, obviously correct statement of what a valid snapshot is (plain loops, no schema).

type Json = Record<string, unknown>

const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v)
const has = (o: Json, key: string): boolean => Object.hasOwn(o, key) && o[key] !== undefined
const onlyKeys = (o: Json, allowed: ReadonlyArray<string>): boolean => Object.keys(o).every((k) => allowed.includes(k))
const safeInteger = (v: unknown, min: number): boolean => typeof v === "number" && Number.isSafeInteger(v) && v >= min
const finiteNonNegative = (v: unknown): boolean => typeof v === "number" && Number.isFinite(v) && v >= 0
const optional = (o: Json, key: string, ok: (v: unknown) => boolean): boolean => !has(o, key) || ok(o[key])
const recordOf = (v: unknown, ok: (x: unknown) => boolean): boolean =>
  isObject(v) && !Object.hasOwn(v, "__proto__") && Object.values(v).every(ok)
const quantities = (v: unknown): boolean => recordOf(v, (x) => safeInteger(x, 0))

const nodeOk = (n: unknown): boolean =>
  isObject(n) && onlyKeys(n, ["id", "capacity", "cost", "releasable", "acceptsIncoming", "labels"]) &&
  typeof n["id"] === "string" && quantities(n["capacity"]) && optional(n, "cost", finiteNonNegative) &&
  optional(n, "releasable", (v) => typeof v === "boolean") && optional(n, "acceptsIncoming", (v) => typeof v === "boolean") &&
  optional(n, "labels", (v) => recordOf(v, (x) => typeof x === "string"))
const deploymentOk = (d: unknown): boolean =>
  isObject(d) && onlyKeys(d, ["id", "demand", "maxReplicasPerNode", "maxSurge", "migrationCost"]) &&
  typeof d["id"] === "string" && quantities(d["demand"]) && optional(d, "maxReplicasPerNode", (v) => safeInteger(v, 1)) &&
  optional(d, "maxSurge", (v) => safeInteger(v, 0)) && optional(d, "migrationCost", finiteNonNegative)
const replicaOk = (r: unknown): boolean =>
  isObject(r) && onlyKeys(r, ["id", "deployment", "node", "movable"]) && typeof r["id"] === "string" &&
  typeof r["deployment"] === "string" && typeof r["node"] === "string" && optional(r, "movable", (v) => typeof v === "boolean")
const optionsOk = (o: unknown): boolean =>
  isObject(o) && onlyKeys(o, ["migrationBudget", "maxConcurrentMigrations", "objective", "timeBudgetMs", "seed"]) &&
  optional(o, "migrationBudget", finiteNonNegative) && optional(o, "maxConcurrentMigrations", (v) => safeInteger(v, 1)) &&
  optional(o, "objective", (v) => v === "nodes" || v === "cost") && optional(o, "timeBudgetMs", finiteNonNegative) &&
  optional(o, "seed", (v) => safeInteger(v, Number.MIN_SAFE_INTEGER))
const unique = (items: ReadonlyArray<Json>): boolean => new Set(items.map((i) => i["id"])).size === items.length

const isValidSnapshot = (s: unknown): boolean => {
  if (!isObject(s) || !onlyKeys(s, ["nodes", "deployments", "replicas", "options"])) return false
  const { deployments, nodes, replicas } = s
  if (!Array.isArray(nodes) || !Array.isArray(deployments) || !Array.isArray(replicas)) return false
  if (!nodes.every(nodeOk) || !deployments.every(deploymentOk) || !replicas.every(replicaOk)) return false
  if (!optional(s, "options", optionsOk)) return false
  if (!unique(nodes) || !unique(deployments) || !unique(replicas)) return false
  for (const r of replicas) {
    if (!nodes.some((n) => n.id === r.node) || !deployments.some((d) => d.id === r.deployment)) return false
  }
  for (const n of nodes) {
    const here = replicas.filter((r) => r.node === n.id)
    for (const d of deployments) {
      const count = here.filter((r) => r.deployment === d.id).length
      if (d.maxReplicasPerNode !== undefined && count > d.maxReplicasPerNode) return false
    }
    const resources = new Set(deployments.flatMap((d) => Object.keys(d.demand)))
    for (const resource of resources) {
      const need = here.reduce((sum, r) => {
        const demand = deployments.find((d) => d.id === r.deployment).demand
        return sum + (Object.hasOwn(demand, resource) ? demand[resource] : 0)
      }, 0)
      if (need > (Object.hasOwn(n.capacity, resource) ? n.capacity[resource] : 0)) return false
    }
  }
  return true
}

// ---------------------------------------------------------------------------------------------
// What every refusal must look like.

/** Words that belong to the schema, not to the input. */
const SCHEMA_INTERNALS = /Expected|readonly|Encoded side|<->|=>|\{ |\bfilter\b|Struct|Refinement|Union/

/** The name a reader expects for a path: `nodes[0] ("n1").capacity.CPU`, the id taken from the input. */
const nameOf = (input: unknown, path: ReadonlyArray<string | number>): string => {
  let name = ""
  let at: unknown = input
  for (const key of path) {
    at = isObject(at) || Array.isArray(at) ? (at as Record<string | number, unknown>)[key] : undefined
    if (typeof key === "number") {
      const id = isObject(at) ? at["id"] : undefined
      name += `[${key}]${typeof id === "string" ? ` (${JSON.stringify(id)})` : ""}`
    } else name += name === "" ? key : `.${key}`
  }
  return name === "" ? "snapshot" : name
}

/** Every problem names an item of the input, reads as one line and shows no schema internals. */
const expectReadable = (input: unknown, message: string, problems: ReadonlyArray<Compaction.InputProblem>): void => {
  expect(problems.length).toBeGreaterThan(0)
  const [header, ...rest] = message.split("\n")
  expect(header).toBe("replicore/compaction.validate: invalid snapshot:")
  expect(rest).toHaveLength(problems.length)
  const tops = [...(isObject(input) ? Object.keys(input) : []), "nodes", "deployments", "replicas"].map((k) => (/^[A-Za-z_$][\w$]*$/.test(k) ? k : `[${JSON.stringify(k)}]`))
  for (const p of problems) {
    // Quoted values come from the input, which may hold any text.
    expect(p.problem.replace(/"(?:[^"\\]|\\.)*"/g, `""`)).not.toMatch(SCHEMA_INTERNALS)
    expect(p.problem).not.toContain("\n")
    expect(p.item === "snapshot" || tops.some((t) => p.item === t || [".", "[", " "].includes(p.item.charAt(t.length)) && p.item.startsWith(t)))
      .toBe(true)
    // An item of a list is named with its id whenever it has a string id.
    for (const match of p.item.matchAll(/(nodes|deployments|replicas)\[(\d+)\]/g)) {
      const list = (input as Json)[match[1] ?? ""] as ReadonlyArray<unknown>
      const item = list[Number(match[2])]
      if (isObject(item) && typeof item["id"] === "string") expect(p.item).toContain(`${match[0]} (${JSON.stringify(item["id"]).slice(0, 20)}`)
    }
  }
}

/** Validates a frozen input and checks the answer against `isValidSnapshot`; a valid snapshot must also plan and verify. */
const checkAgainstModel = (input: unknown): void => {
  const frozen = deepFreeze(input)
  const result = Compaction.validate(frozen)
  expect(Either.isRight(result)).toBe(isValidSnapshot(frozen))
  if (Either.isLeft(result)) expectReadable(frozen, result.left.message, result.left.problems)
  else expect(Either.isRight(Compaction.verify(result.right, Compaction.plan(result.right)))).toBe(true)
}

// ---------------------------------------------------------------------------------------------

describe("validate: each kind of problem", () => {
  const base = {
    nodes: [{ id: "head", capacity: { CPU: 8 }, releasable: false }, { id: "n1", capacity: { CPU: 8 } }],
    deployments: [{ id: "d", demand: { CPU: 2 }, maxReplicasPerNode: 2 }],
    replicas: [{ id: "r1", deployment: "d", node: "n1" }]
  }

  it("accepts a valid snapshot and fills in the defaults", () => {
    const result = Compaction.validate(deepFreeze(structuredClone(base)))
    expect(Either.isRight(result)).toBe(true)
    const s = Either.getOrThrow(result)
    expect(s.nodes[1]).toEqual({ id: "n1", capacity: { CPU: 8 }, cost: 1, releasable: true, acceptsIncoming: true })
    expect(s.deployments[0]?.maxSurge).toBe(1)
    expect(s.replicas[0]?.movable).toBe(true)
  })

  it("refuses a misspelt releaseable, naming the key, where it is, and the key meant", () => {
    const input = { ...base, nodes: [{ id: "head", capacity: { CPU: 8 }, releaseable: false }, base.nodes[1]] }
    expect(lines(input)).toEqual([`nodes[0] ("head").releaseable: unknown key (did you mean "releasable"?)`])
  })

  it("refuses a misspelt capacty, and says that capacity is missing", () => {
    const input = { ...base, nodes: [base.nodes[0], { id: "n1", capacty: { CPU: 8 } }] }
    expect(lines(input)).toEqual([
      `nodes[1] ("n1").capacty: unknown key (did you mean "capacity"?)`,
      `nodes[1] ("n1").capacity: missing (expected an object of non-negative integers)`
    ])
  })

  it("refuses unknown keys at every level, with a hint only when a known key is close", () => {
    const input = {
      nodez: [],
      nodes: [{ id: "n1", capacity: { CPU: 8 }, acceptIncoming: true }],
      deployments: [{ id: "d", demand: { CPU: 1 }, max_surge: 2, colour: "blue" }],
      replicas: [{ id: "r1", deployment: "d", node: "n1", moveable: false }],
      options: { maxConcurentMigrations: 3 }
    }
    expect(lines(input)).toEqual([
      `nodez: unknown key (did you mean "nodes"?)`,
      `nodes[0] ("n1").acceptIncoming: unknown key (did you mean "acceptsIncoming"?)`,
      `deployments[0] ("d").max_surge: unknown key (did you mean "maxSurge"?)`,
      `deployments[0] ("d").colour: unknown key (known keys: id, demand, maxReplicasPerNode, maxSurge, migrationCost)`,
      `replicas[0] ("r1").moveable: unknown key (did you mean "movable"?)`,
      `options.maxConcurentMigrations: unknown key (did you mean "maxConcurrentMigrations"?)`
    ])
  })

  it("refuses what is not a snapshot, and items that are not objects, naming each by its place", () => {
    const whole = "snapshot: must be a snapshot object (nodes, deployments, replicas, options)"
    expect(lines(undefined)).toEqual([`${whole}, got undefined`])
    expect(lines(null)).toEqual([`${whole}, got null`])
    expect(lines("nodes")).toEqual([`${whole}, got "nodes"`])
    expect(lines({ nodes: [undefined, null, 7], deployments: [undefined], replicas: ["r1"] })).toEqual([
      `nodes[0]: must be a node object, got undefined`,
      `nodes[1]: must be a node object, got null`,
      `nodes[2]: must be a node object, got 7`,
      `deployments[0]: must be a deployment object, got undefined`,
      `replicas[0]: must be a replica object, got "r1"`
    ])
  })

  it("reports an id or a reference that is not a string once, as its shape: never also as a duplicate or unknown", () => {
    const input = {
      nodes: [{ id: 5, capacity: { CPU: 8 } }, { id: 5, capacity: { CPU: 8 } }, { id: "n1", capacity: { CPU: 8 } }],
      deployments: [{ id: "d", demand: { CPU: 1 } }],
      replicas: [{ id: "r1", deployment: 1, node: "n1" }, { id: "r2", deployment: "d", node: 7 }]
    }
    expect(lines(input)).toEqual([
      `nodes[0].id: must be a string, got 5`,
      `nodes[1].id: must be a string, got 5`,
      `replicas[0] ("r1").deployment: must be a string, got 1`,
      `replicas[1] ("r2").node: must be a string, got 7`
    ])
    const named = { nodes: [{ id: "n1", capacity: { CPU: 8 } }], deployments: [{ id: "d", demand: { CPU: 1 } }] }
    expect(lines({ ...named, replicas: [{ id: "r2", deployment: "d", node: 7 }] })).toEqual([`replicas[0] ("r2").node: must be a string, got 7`])
  })

  it("counts a resource named like an object's own method (constructor) as 0 on a node that does not list it", () => {
    const input = {
      nodes: [{ id: "n1", capacity: { CPU: 8 } }],
      deployments: [{ id: "d", demand: { CPU: 1, constructor: 1 } }],
      replicas: [{ id: "r1", deployment: "d", node: "n1" }]
    }
    expect(lines(input)).toEqual([`nodes[0] ("n1").capacity.constructor: over capacity: its replicas need 1, it has 0`])
  })

  it("checks no capacity against a node or deployment whose id is repeated: which one is meant is unknown", () => {
    const input = {
      nodes: [{ id: "a", capacity: { CPU: 8 } }, { id: "a", capacity: { CPU: 1 } }, { id: "a", capacity: { CPU: 1 } }],
      deployments: [{ id: "d", demand: { CPU: 2 } }, { id: "d", demand: { CPU: 9 } }, { id: "e", demand: { CPU: 2 } }],
      replicas: [{ id: "r1", deployment: "e", node: "a" }, { id: "r2", deployment: "d", node: "a" }]
    }
    expect(lines(input)).toEqual([
      `nodes[1] ("a").id: duplicate node id (first at nodes[0])`,
      `nodes[2] ("a").id: duplicate node id (first at nodes[0])`,
      `deployments[1] ("d").id: duplicate deployment id (first at deployments[0])`
    ])
  })

  it("checks no reference against a list that is missing or not a list: its own problem says it", () => {
    const replicas = [{ id: "r1", deployment: "d", node: "a" }]
    expect(lines({ deployments: [{ id: "d", demand: {} }], replicas })).toEqual([`nodes: missing (expected a list of nodes)`])
    expect(lines({ nodes: "a", deployments: [{ id: "d", demand: {} }], replicas })).toEqual([`nodes: must be a list of nodes, got "a"`])
    expect(lines({ nodes: [{ id: "a", capacity: {} }], replicas })).toEqual([`deployments: missing (expected a list of deployments)`])
    expect(lines({ nodes: [{ id: "a", capacity: {} }], deployments: {}, replicas }))
      .toEqual([`deployments: must be a list of deployments, got an object`])
  })

  it("counts no load for a replica whose own shape is wrong: an over-capacity report is never a guess", () => {
    const input = {
      nodes: [{ id: "a", capacity: { CPU: 2 } }],
      deployments: [{ id: "d", demand: { CPU: 2 }, maxReplicasPerNode: 1 }],
      replicas: [{ id: "r1", deployment: "d", node: "a" }, { id: "r2", deployment: "d", node: "a", movable: "yes" }]
    }
    expect(lines(input)).toEqual([`replicas[1] ("r2").movable: must be a boolean, got "yes"`])
  })

  it("refuses an empty key with the known keys, and __proto__ as a resource or label name", () => {
    const input = {
      ...JSON.parse(`{ "": 1 }`),
      nodes: [{ id: "n1", capacity: JSON.parse(`{ "CPU": 8, "__proto__": 1 }`), labels: JSON.parse(`{ "__proto__": "x" }`) }],
      deployments: [],
      replicas: []
    }
    expect(lines(input)).toEqual([
      `[""]: unknown key (known keys: nodes, deployments, replicas, options)`,
      `nodes[0] ("n1").capacity.__proto__: "__proto__" is not allowed as a name`,
      `nodes[0] ("n1").labels.__proto__: "__proto__" is not allowed as a name`
    ])
  })

  it("reports a negative capacity, a replica on an unknown node and a duplicate id together", () => {
    const input = {
      nodes: [{ id: "n1", capacity: { CPU: -1 } }, { id: "n2", capacity: { CPU: 8 } }],
      deployments: [{ id: "d", demand: { CPU: 1 } }],
      replicas: [
        { id: "r1", deployment: "d", node: "n2" },
        { id: "r2", deployment: "d", node: "n9" },
        { id: "r1", deployment: "d", node: "n2" }
      ]
    }
    expect(lines(input)).toEqual([
      `nodes[0] ("n1").capacity.CPU: must be a non-negative integer, got -1`,
      `replicas[2] ("r1").id: duplicate replica id (first at replicas[0])`,
      `replicas[1] ("r2").node: unknown node "n9"`
    ])
  })

  it("quotes a long id or value by its first 40 characters and an ellipsis, a 40-character one in full", () => {
    const long = "node-of-the-eastern-rack-number-0123456789-spare" // 48 characters
    const forty = "replica-of-the-western-rack-0123456789ab" // 40 characters
    const input = {
      nodes: [{ id: long, capacity: { CPU: -1 } }],
      deployments: [{ id: "d", demand: { CPU: 1 } }],
      replicas: [{ id: forty, deployment: "d", node: long, movable: long }]
    }
    expect(lines(input)).toEqual([
      `nodes[0] ("node-of-the-eastern-rack-number-01234567…").capacity.CPU: must be a non-negative integer, got -1`,
      `replicas[0] ("replica-of-the-western-rack-0123456789ab").movable: must be a boolean, got "node-of-the-eastern-rack-number-01234567…"`
    ])
  })

  it("says that 10**20 is beyond the safe integer range", () => {
    const input = { ...base, nodes: [base.nodes[0], { id: "n1", capacity: { CPU: 10 ** 20 } }] }
    const [line, ...others] = lines(input)
    expect(others).toEqual([])
    expect(line).toBe(`nodes[1] ("n1").capacity.CPU: 100000000000000000000 is beyond the safe integer range ` +
      `(-9007199254740991 to 9007199254740991)`)
    expect(lines({ ...base, options: { seed: -(2 ** 60) } })[0]).toMatch(/^options\.seed: -1152921504606847000 is beyond the safe integer range/)
    expect(lines({ ...base, deployments: [{ ...base.deployments[0], maxSurge: 2 ** 53 }] })[0]).toMatch(/beyond the safe integer range/)
  })

  it("names wrong types in words, never with the schema's own text", () => {
    const input = {
      nodes: [{ id: 7, capacity: [], cost: -1, labels: { zone: 3 } }, "n2", { id: "n3", capacity: { CPU: 1.5, GPU: "1" }, releasable: "no" }],
      deployments: {},
      replicas: [{ id: "r1", deployment: "d", node: "n3" }],
      options: { objective: "speed", timeBudgetMs: Number.POSITIVE_INFINITY }
    }
    expect(lines(input)).toEqual([
      `nodes[0].id: must be a string, got 7`,
      `nodes[0].capacity: must be an object of non-negative integers, got a list`,
      `nodes[0].cost: must be a non-negative finite number, got -1`,
      `nodes[0].labels.zone: must be a string, got 3`,
      `nodes[1]: must be a node object, got "n2"`,
      `nodes[2] ("n3").capacity.CPU: must be a non-negative integer, got 1.5`,
      `nodes[2] ("n3").capacity.GPU: must be a non-negative integer, got "1"`,
      `nodes[2] ("n3").releasable: must be a boolean, got "no"`,
      `deployments: must be a list of deployments, got an object`,
      `options.objective: must be "nodes" or "cost", got "speed"`,
      `options.timeBudgetMs: must be a non-negative finite number, got Infinity`
    ])
    expect(lines(42)).toEqual([`snapshot: must be a snapshot object (nodes, deployments, replicas, options), got 42`])
    expect(lines({})).toEqual([
      "nodes: missing (expected a list of nodes)",
      "deployments: missing (expected a list of deployments)",
      "replicas: missing (expected a list of replicas)"
    ])
  })

  it("reports capacity and maxReplicasPerNode, and the references of the items whose shape is fine", () => {
    const input = {
      nodes: [
        { id: "bad", capacity: { CPU: -1 } },
        { id: "full", capacity: { CPU: 3 } },
        { id: "crowded", capacity: { CPU: 100 } }
      ],
      deployments: [{ id: "d", demand: { CPU: 2 }, maxReplicasPerNode: 2 }, { id: "odd", demand: { CPU: "2" } }],
      replicas: [
        { id: "r1", deployment: "d", node: "bad" }, // its node is malformed: no capacity check, but the node is known
        { id: "r2", deployment: "d", node: "full" },
        { id: "r3", deployment: "d", node: "full" },
        { id: "r4", deployment: "d", node: "crowded" },
        { id: "r5", deployment: "d", node: "crowded" },
        { id: "r6", deployment: "d", node: "crowded" },
        { id: "r7", deployment: "odd", node: "full" }, // its deployment is malformed: it adds no load
        { id: "r8", deployment: "gone", node: "nowhere", movable: "yes" }
      ]
    }
    expect(lines(input)).toEqual([
      `nodes[0] ("bad").capacity.CPU: must be a non-negative integer, got -1`,
      `deployments[1] ("odd").demand.CPU: must be a non-negative integer, got "2"`,
      `replicas[7] ("r8").movable: must be a boolean, got "yes"`,
      `replicas[7] ("r8").deployment: unknown deployment "gone"`,
      `replicas[7] ("r8").node: unknown node "nowhere"`,
      `nodes[1] ("full").capacity.CPU: over capacity: its replicas need 4, it has 3`,
      `nodes[2] ("crowded"): holds 3 replicas of deployment "d", over its maxReplicasPerNode of 2`
    ])
  })

  it("checks a resource a node does not list as capacity 0, and duplicate node and deployment ids", () => {
    const input: unknown = {
      nodes: [{ id: "n", capacity: { CPU: 4 } }, { id: "n", capacity: { CPU: 4 } }, { id: "m", capacity: { CPU: 4 } }],
      deployments: [{ id: "d", demand: { GPU: 1, toString: 1 } }, { id: "d", demand: {} }, { id: "e", demand: { GPU: 1 } }],
      replicas: [{ id: "r1", deployment: "e", node: "m" }, { id: "r2", deployment: "d", node: "m" }]
    }
    expect(lines(input)).toEqual([
      `nodes[1] ("n").id: duplicate node id (first at nodes[0])`,
      `deployments[1] ("d").id: duplicate deployment id (first at deployments[0])`,
      `nodes[2] ("m").capacity.GPU: over capacity: its replicas need 1, it has 0`
    ])
  })

  it("never leaves the schema's text in a message, and the message lists one problem a line", () => {
    const result = Compaction.validate({ nodes: [{ id: "n", capacity: { CPU: 1 }, labels: 5 }], deployments: [], replicas: [], options: 3 })
    expect(Either.isLeft(result)).toBe(true)
    if (Either.isLeft(result)) {
      expect(result.left.message).toBe([
        "replicore/compaction.validate: invalid snapshot:",
        `  - nodes[0] ("n").labels: must be an object of strings, got 5`,
        "  - options: must be an options object, got 3"
      ].join("\n"))
    }
  })

  it("survives deep nesting anywhere", () => {
    let deep: unknown = 1
    for (let i = 0; i < 100_000; i++) deep = i % 2 === 0 ? [deep] : { x: deep }
    for (
      const input of [
        deep,
        { ...base, nodes: deep },
        { ...base, nodes: [{ id: "n", capacity: deep }] },
        { ...base, nodes: [{ id: "n", capacity: { CPU: deep } }] },
        { ...base, options: deep },
        { ...base, extra: deep },
        { ...base, replicas: [{ id: "r", deployment: "d", node: "n1", movable: deep }] }
      ]
    ) {
      const result = Compaction.validate(input)
      expect(Either.isLeft(result)).toBe(true)
      if (Either.isLeft(result)) expectReadable(input, result.left.message, result.left.problems)
    }
  })

  it("options given to the planner read the same way", () => {
    const result = Compaction.planOptions({ objective: "speed", maxConcurentMigrations: 2, seed: 10 ** 20 })
    expect(Either.isLeft(result) && result.left.problems.map((p) => `${p.item}: ${p.problem}`)).toEqual([
      `options.maxConcurentMigrations: unknown key (did you mean "maxConcurrentMigrations"?)`,
      `options.objective: must be "nodes" or "cost", got "speed"`,
      `options.seed: 100000000000000000000 is beyond the safe integer range (-9007199254740991 to 9007199254740991)`
    ])
    expect(Either.isLeft(Compaction.planOptions(null))).toBe(true)
    const s = Compaction.validateOrThrow(base)
    expect(() => Compaction.plan(s, { maxConcurrentMigrations: 0 })).toThrow(
      "replicore/compaction.plan: invalid options:\n  - options.maxConcurrentMigrations: must be an integer of at least 1, got 0"
    )
  })

  it("validateOrThrow throws the InvalidSnapshot", () => {
    expect(() => Compaction.validateOrThrow({ nodes: [], deployments: [], replicas: [{ id: "r", deployment: "d", node: "n" }] }))
      .toThrow(Compaction.InvalidSnapshot)
  })
})

// ---------------------------------------------------------------------------------------------
// Fuzzing.

/** A small snapshot that is usually valid: ample capacity, small demands, references by index. */
const usuallyValid: fc.Arbitrary<Json> = fc.record({
  nodes: fc.array(
    fc.record({
      capacity: fc.record({ CPU: fc.integer({ min: 0, max: 16 }), memory: fc.integer({ min: 0, max: 16 }) }, { requiredKeys: ["CPU"] }),
      cost: fc.integer({ min: 0, max: 5 }),
      releasable: fc.boolean(),
      acceptsIncoming: fc.boolean(),
      labels: fc.dictionary(fc.constantFrom("zone", "pool"), fc.string({ maxLength: 3 }))
    }, { requiredKeys: ["capacity"] }),
    { minLength: 1, maxLength: 4 }
  ),
  deployments: fc.array(
    fc.record({
      demand: fc.record({ CPU: fc.integer({ min: 0, max: 3 }), memory: fc.integer({ min: 0, max: 3 }) }),
      maxReplicasPerNode: fc.integer({ min: 1, max: 4 }),
      maxSurge: fc.integer({ min: 0, max: 2 }),
      migrationCost: fc.integer({ min: 0, max: 3 })
    }, { requiredKeys: ["demand"] }),
    { minLength: 1, maxLength: 3 }
  ),
  replicas: fc.array(fc.record({ deployment: fc.nat(), node: fc.nat(), movable: fc.boolean() }, { requiredKeys: ["deployment", "node"] }), {
    maxLength: 6
  }),
  options: fc.record({
    migrationBudget: fc.integer({ min: 0, max: 5 }),
    maxConcurrentMigrations: fc.integer({ min: 1, max: 3 }),
    objective: fc.constantFrom("nodes", "cost"),
    seed: fc.integer()
  }, { requiredKeys: [] })
}, { requiredKeys: ["nodes", "deployments", "replicas"] }).map((s) => ({
  ...s,
  nodes: s.nodes.map((n, i) => ({ id: `n${i}`, ...n })),
  deployments: s.deployments.map((d, i) => ({ id: `d${i}`, ...d })),
  replicas: s.replicas.map((r, i) => ({
    ...r,
    id: `r${i}`,
    deployment: `d${r.deployment % s.deployments.length}`,
    node: `n${r.node % s.nodes.length}`
  }))
}))

/** Every path into a JSON value, containers included. */
const pathsOf = (value: unknown, prefix: Array<string | number> = []): Array<Array<string | number>> => {
  const children = Array.isArray(value)
    ? value.map((v, i) => pathsOf(v, [...prefix, i]))
    : isObject(value)
    ? Object.entries(value).map(([k, v]) => pathsOf(v, [...prefix, k]))
    : []
  return [prefix, ...children.flat()]
}

/** A copy of `value` with `change` applied to the container at `path` (`key` is the child's key there). */
const changeAt = (
  value: unknown,
  path: ReadonlyArray<string | number>,
  change: (container: Record<string | number, unknown>, key: string | number) => void
): unknown => {
  const copy = structuredClone(value) as Record<string | number, unknown>
  let at = copy
  for (const key of path.slice(0, -1)) at = at[key] as Record<string | number, unknown>
  const last = path[path.length - 1]
  if (last !== undefined) change(at, last)
  return copy
}

const deepValue = (depth: number): unknown => {
  let v: unknown = 0
  for (let i = 0; i < depth; i++) v = [v]
  return v
}

/** Values of every JSON type and the numbers that break quantities: negative, fractional, beyond 2^53, huge. */
const oddValue = fc.oneof(
  fc.constantFrom<unknown>(-1, 1.5, 10 ** 20, 2 ** 53, -(2 ** 53), 1e308, 0, "x", "", "n0", "d0", true, false, null, [], {}, deepValue(200)),
  fc.jsonValue({ maxDepth: 3 })
)

/** Keys that are misspellings of real ones, real ones in the wrong place, and odd names. */
const oddKey = fc.oneof(
  fc.constantFrom("releaseable", "capacty", "nodez", "maxsurge", "moveable", "id", "node", "capacity", "__proto__", "constructor", "toString", ""),
  fc.string({ maxLength: 6 })
)

type Mutation =
  | { readonly kind: "replace"; readonly at: number; readonly value: unknown }
  | { readonly kind: "add"; readonly at: number; readonly key: string; readonly value: unknown }
  | { readonly kind: "delete"; readonly at: number }
  | { readonly kind: "duplicate"; readonly at: number }

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant("replace" as const), at: fc.nat(), value: oddValue }),
  fc.record({ kind: fc.constant("add" as const), at: fc.nat(), key: oddKey, value: oddValue }),
  fc.record({ kind: fc.constant("delete" as const), at: fc.nat() }),
  fc.record({ kind: fc.constant("duplicate" as const), at: fc.nat() })
)

const mutate = (snapshot: unknown, m: Mutation): unknown => {
  const paths = pathsOf(snapshot)
  const path = paths[m.at % paths.length] ?? []
  switch (m.kind) {
    case "replace":
      return path.length === 0 ? m.value : changeAt(snapshot, path, (c, k) => void (c[k] = m.value))
    case "add":
      return changeAt(snapshot, [...path, m.key], (c, k) => {
        if (isObject(c)) Object.defineProperty(c, k, { value: m.value, enumerable: true, writable: true, configurable: true })
      })
    case "delete":
      return changeAt(snapshot, path, (c, k) => {
        if (Array.isArray(c)) c.splice(Number(k), 1)
        else delete c[k]
      })
    case "duplicate":
      return changeAt(snapshot, path, (c, k) => {
        if (Array.isArray(c)) c.push(structuredClone(c[Number(k)]))
      })
  }
}

describe("validate, fuzzed (never throws, never lets a bad snapshot through, every line names an item)", () => {
  it("on arbitrary JSON values and arbitrary JavaScript values", () => {
    fc.assert(fc.property(fc.oneof(fc.jsonValue(), fc.anything()), checkAgainstModel), propertyParameters(500))
  })

  it("on valid snapshots with a few fields replaced, added (unknown keys), removed or repeated", () => {
    let valid = 0
    let invalid = 0
    fc.assert(
      fc.property(usuallyValid, fc.array(mutation, { maxLength: 3 }), (snapshot, mutations) => {
        const input = mutations.reduce(mutate, snapshot)
        if (isValidSnapshot(input)) valid++
        else invalid++
        checkAgainstModel(input)
      }),
      propertyParameters(1000)
    )
    // Both answers must be exercised, or the comparison says nothing.
    expect(valid).toBeGreaterThan(100 * scale(1000))
    expect(invalid).toBeGreaterThan(100 * scale(1000))
  })

  it("a wrong type at every field of a valid snapshot is refused, naming that field", () => {
    const full = {
      nodes: [
        { id: "n0", capacity: { CPU: 8, memory: 8 }, cost: 2, releasable: true, acceptsIncoming: true, labels: { zone: "a" } },
        { id: "n1", capacity: { CPU: 8 } }
      ],
      deployments: [{ id: "d0", demand: { CPU: 1 }, maxReplicasPerNode: 2, maxSurge: 1, migrationCost: 1 }],
      replicas: [{ id: "r0", deployment: "d0", node: "n0", movable: true }, { id: "r1", deployment: "d0", node: "n1" }],
      options: { migrationBudget: 3, maxConcurrentMigrations: 2, objective: "cost", timeBudgetMs: 10, seed: 1 }
    }
    expect(isValidSnapshot(full)).toBe(true)
    const kind = (v: unknown): string => (Array.isArray(v) ? "list" : v === null ? "null" : typeof v)
    const wrong: ReadonlyArray<unknown> = [5, "x", true, null, [], {}]
    let checked = 0
    for (const path of pathsOf(full)) {
      for (const value of wrong) {
        const original = path.reduce<unknown>((at, k) => (at as Record<string | number, unknown>)[k], full)
        if (kind(value) === kind(original) || path.length === 0) continue
        const input = changeAt(full, path, (c, k) => void (c[k] = value))
        const result = Compaction.validate(input)
        expect(Either.isLeft(result), `${path.join(".")} = ${JSON.stringify(value)}`).toBe(true)
        if (Either.isLeft(result)) {
          expect(result.left.problems.map((p) => p.item)).toContain(nameOf(input, path))
          expectReadable(input, result.left.message, result.left.problems)
        }
        checked++
      }
    }
    expect(checked).toBeGreaterThan(150)
  })
})
