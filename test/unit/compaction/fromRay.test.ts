/**
 * `fromRay`: the example dump converted into the snapshot written out by
 * hand below, each rule on a small dump of its own, refusals naming the path
 * of the offending field, and fuzzed dumps.
 */
import { Either } from "effect"
import fc from "fast-check"
import { readFileSync } from "node:fs"
import { describe, expect, it } from "vitest"
import { propertyParameters } from "../../../properties/support/settings.js"
import { deepFreeze } from "../../../spec/freeze.js"
import { Compaction } from "../../../src/index.js"
import { expectRefusedAt, pathsOf, replaced } from "./fixtures.js"

const json = (path: string): unknown => JSON.parse(readFileSync(path, "utf8"))
const NODES = json("examples/ray/nodes.json")
const ACTORS = json("examples/ray/actors.json")

const problems = (dump: Compaction.RayDump): Array<string> => {
  const result = Compaction.fromRay(dump)
  return Either.isLeft(result) ? result.left.problems.map((p) => `${p.item}: ${p.problem}`) : []
}

// ---------------------------------------------------------------------------------------------
// The example, converted by hand: every quantity × 10,000 (Ray's fixed-point unit).

const HEAD = "8c3f0e1a2b4d6f8091a3c5e7f9b1d3f5a7c9e1b3d5f7a9c1e3b5d7f9"
const G1 = "1f2e3d4c5b6a79881726354453627180919a8b7c6d5e4f3a2b1c0d9e"
const G2 = "2a3b4c5d6e7f80918273645546372819a0b1c2d3e4f5a6b7c8d9e0f1"
const C1 = "3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6"
const C2 = "4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f7"
const DEAD = "5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f708"

const GPU_NODE = {
  CPU: 480_000,
  GPU: 40_000,
  "accelerator_type:A10G": 10_000,
  memory: 1_374_389_534_720_000, // 128 GiB in bytes × 10,000
  object_store_memory: 589_024_088_060_000
}
// 16 CPUs less the proxy's 0.1
const CPU_NODE = { CPU: 160_000 - 1_000, memory: 472_446_402_560_000, object_store_memory: 202_477_015_040_000 }

const node = (id: string, capacity: Record<string, number>, releasable = true, labels: Record<string, string> = {}) => ({
  id,
  capacity,
  cost: 1,
  releasable,
  acceptsIncoming: true,
  labels: { "ray.io/node_id": id, ...labels }
})

const EXPECTED = {
  nodes: [
    node(HEAD, { memory: 225_485_783_040_000, object_store_memory: 96_636_764_160_000 }, false),
    node(G1, GPU_NODE, true, { "ray.io/market-type": "on-demand" }),
    node(G2, GPU_NODE, true, { "ray.io/market-type": "on-demand" }),
    node(C1, CPU_NODE),
    node(C2, CPU_NODE)
  ],
  deployments: [
    { id: "actor:SERVE_CONTROLLER_ACTOR", demand: {}, maxSurge: 1, migrationCost: 1 },
    { id: "llm:LLMServer", demand: { CPU: 40_000, GPU: 10_000, "accelerator_type:A10G": 10 }, maxSurge: 1, migrationCost: 1 },
    { id: "embed:Embedder", demand: { CPU: 10_000, GPU: 2_500 }, maxSurge: 1, migrationCost: 1 },
    { id: "api:Router", demand: { CPU: 5_000, memory: 10_737_418_240_000 }, maxSurge: 1, migrationCost: 1 },
    { id: "actor:feature_cache", demand: { CPU: 20_000 }, maxSurge: 1, migrationCost: 1 }
  ],
  replicas: [
    { id: "SERVE_CONTROLLER_ACTOR", deployment: "actor:SERVE_CONTROLLER_ACTOR", node: HEAD, movable: false },
    { id: "SERVE_REPLICA::llm#LLMServer#k3d9x2", deployment: "llm:LLMServer", node: G1, movable: true },
    { id: "SERVE_REPLICA::llm#LLMServer#p7q1m4", deployment: "llm:LLMServer", node: G2, movable: true },
    { id: "SERVE_REPLICA::embed#Embedder#a8f2c6", deployment: "embed:Embedder", node: G1, movable: true },
    { id: "SERVE_REPLICA::embed#Embedder#b3n7r5", deployment: "embed:Embedder", node: G2, movable: true },
    { id: "SERVE_REPLICA::api#Router#d2v8y3", deployment: "api:Router", node: C1, movable: true },
    { id: "SERVE_REPLICA::api#Router#e6h1z9", deployment: "api:Router", node: C2, movable: true },
    { id: "feature_cache", deployment: "actor:feature_cache", node: C2, movable: false }
  ]
}

const PROXY = "Serve proxy: its resources are taken off the node's capacity; it leaves with the node"
const EXPECTED_NOTES = [
  `not releasable node ${HEAD}: head node`,
  `left out node ${DEAD}: DEAD`,
  "pinned actor SERVE_CONTROLLER_ACTOR: not a Serve replica (class ServeController)",
  ...[HEAD, G1, G2, C1, C2].map((n) => `counted on its node actor SERVE_CONTROLLER_ACTOR:SERVE_PROXY_ACTOR-${n}: ${PROXY}`),
  "left out actor SERVE_REPLICA::embed#Embedder#c9t4w1: state RESTARTING, not ALIVE",
  "left out actor SERVE_REPLICA::api#Router#f4j5k7: state DEAD, not ALIVE",
  "pinned actor feature_cache: not a Serve replica (class FeatureCache)"
]

describe("the example dump", () => {
  it("converts into the snapshot written by hand, with every note", () => {
    const { notes, snapshot } = Compaction.fromRayOrThrow(deepFreeze({ nodes: NODES, actors: ACTORS }))
    expect(snapshot).toEqual(EXPECTED)
    expect(notes.map(Compaction.describeNote)).toEqual(EXPECTED_NOTES)
  })

  it("plans a verified release of a GPU node and a CPU node", () => {
    const { snapshot } = Compaction.fromRayOrThrow({ nodes: NODES, actors: ACTORS })
    const plan = Compaction.plan(snapshot)
    expect(Either.isRight(Compaction.verify(snapshot, plan))).toBe(true)
    expect(plan.released).toHaveLength(2)
    expect(plan.released.map((r) => [G1, G2].includes(r.node) ? "gpu" : [C1, C2].includes(r.node) ? "cpu" : r.node).sort())
      .toEqual(["cpu", "gpu"])
  })
})

// ---------------------------------------------------------------------------------------------
// Rules.

const rayNode = (id: string, resources: Record<string, number>, head = false) => ({
  node_id: id,
  state: "ALIVE",
  is_head_node: head,
  resources_total: resources
})
const rayActor = (id: string, node: string | null, resources: Record<string, number>, cls = "ServeReplica:app:d", state = "ALIVE") => ({
  actor_id: id,
  class_name: cls,
  state,
  node_id: node,
  required_resources: resources
})

describe("rules", () => {
  it("converts fractions on Ray's own grid, rounding as Ray rounds", () => {
    const { snapshot } = Compaction.fromRayOrThrow({
      nodes: [rayNode("n", { CPU: 2, GPU: 1, custom: 0.3 })],
      actors: [rayActor("a", "n", { GPU: 0.1, CPU: 0.33333333, custom: 0.1 + 0.2 })]
    })
    expect(snapshot.deployments[0]?.demand).toEqual({ GPU: 1000, CPU: 3333, custom: 3000 })
    expect(snapshot.nodes[0]?.capacity).toEqual({ CPU: 20000, GPU: 10000, custom: 3000 })
  })

  it("pins a replica that requires a per-node resource, and leaves out actors without a live node", () => {
    const { notes, snapshot } = Compaction.fromRayOrThrow({
      nodes: [rayNode("n", { CPU: 2, "node:10.0.0.1": 1 })],
      actors: [rayActor("a", "n", { CPU: 1, "node:10.0.0.1": 0.01 }), rayActor("b", null, { CPU: 1 }, "ServeReplica:app:d", "PENDING_CREATION"), rayActor("c", null, {})]
    })
    expect(snapshot.nodes[0]?.capacity).toEqual({ CPU: 20000 })
    expect(snapshot.replicas).toEqual([{ id: "a", deployment: "app:d", node: "n", movable: false }])
    expect(notes.map(Compaction.describeNote)).toEqual([
      "pinned actor a: requires the per-node resource node:10.0.0.1",
      "left out actor b: state PENDING_CREATION, not ALIVE",
      "left out actor c: no node"
    ])
  })
})

describe("more rules", () => {
  it("accepts amounts of zero, a demand listing only what it needs", () => {
    const { snapshot } = Compaction.fromRayOrThrow({
      nodes: [rayNode("n", { CPU: 2, GPU: 0 })],
      actors: [rayActor("a", "n", { CPU: 1, GPU: 0 })]
    })
    expect(snapshot.nodes[0]?.capacity).toEqual({ CPU: 20000, GPU: 0 })
    expect(snapshot.deployments[0]?.demand).toEqual({ CPU: 10000 })
  })

  it("names an actor without a name (Ray's empty name) by its id", () => {
    const { notes, snapshot } = Compaction.fromRayOrThrow({
      nodes: [rayNode("n", { CPU: 2 })],
      actors: [{ ...rayActor("ffa1", "n", { CPU: 1 }, "FeatureCache"), name: "" }, { ...rayActor("ffa2", "n", {}), name: "" }]
    })
    expect(snapshot.replicas).toEqual([
      { id: "ffa1", deployment: "actor:ffa1", node: "n", movable: false },
      { id: "ffa2", deployment: "app:d", node: "n", movable: true }
    ])
    expect(notes.map(Compaction.describeNote)).toEqual(["pinned actor ffa1: not a Serve replica (class FeatureCache)"])
  })

  it("leaves out a live actor whose node is dead or not in the dump", () => {
    const { notes, snapshot } = Compaction.fromRayOrThrow({
      nodes: [rayNode("n", { CPU: 2 }), { ...rayNode("d", { CPU: 2 }), state: "DEAD" }],
      actors: [rayActor("a", "d", { CPU: 1 }), rayActor("b", "gone", { CPU: 1 }, "FeatureCache"), rayActor("c", "n", { CPU: 1 })]
    })
    expect(snapshot.replicas).toEqual([{ id: "c", deployment: "app:d", node: "n", movable: true }])
    expect(notes.map(Compaction.describeNote)).toEqual([
      "left out node d: DEAD",
      "left out actor a: its node d is not ALIVE in the dump",
      "left out actor b: its node gone is not ALIVE in the dump"
    ])
  })

  it("takes every proxy on a node off its capacity", () => {
    const { snapshot } = Compaction.fromRayOrThrow({
      nodes: [rayNode("n", { CPU: 4, memory: 8 })],
      actors: [rayActor("p1", "n", { CPU: 0.5 }, "ProxyActor"), rayActor("p2", "n", { CPU: 0.25, memory: 1 }, "HTTPProxyActor")]
    })
    // 4 − 0.5 − 0.25 CPU, 8 − 1 memory
    expect(snapshot.nodes[0]?.capacity).toEqual({ CPU: 32500, memory: 70000 })
  })

  it("leaves out the fields a dump does not give: no labels, no options", () => {
    const { snapshot } = Compaction.fromRayOrThrow({ nodes: [rayNode("n", { CPU: 1 }), { ...rayNode("m", { CPU: 1 }), labels: null }], actors: [] })
    expect(snapshot).toStrictEqual({
      nodes: [
        { id: "n", capacity: { CPU: 10000 }, cost: 1, releasable: true, acceptsIncoming: true },
        { id: "m", capacity: { CPU: 10000 }, cost: 1, releasable: true, acceptsIncoming: true }
      ],
      deployments: [],
      replicas: []
    })
  })
})

// ---------------------------------------------------------------------------------------------
// Refusals and fuzz.

describe("refusals", () => {
  it("names every malformed field with its path and item", () => {
    expect(problems({ nodes: [{ node_id: "n1" }], actors: [] })).toEqual([
      'nodes[0] ("n1").state: missing (expected "ALIVE" or "DEAD")',
      'nodes[0] ("n1").is_head_node: missing (expected a boolean)',
      'nodes[0] ("n1").resources_total: missing (expected an object of non-negative numbers)'
    ])
    expect(problems({
      nodes: [rayNode("n", { CPU: -1 }), rayNode("n", { CPU: 1 })],
      actors: [{ ...rayActor("a", "n", { GPU: "1" as unknown as number }) }]
    })).toEqual([
      'nodes[0] ("n").resources_total.CPU: must be a non-negative number, got -1',
      'actors[0] ("ServeReplica:app:d").required_resources.GPU: must be a non-negative number, got "1"'
    ])
    expect(problems({ nodes: [rayNode("n", { CPU: 1 }), rayNode("n", { CPU: 1 })], actors: [] })).toEqual([
      'nodes[1] ("n").node_id: duplicate node id (first at nodes[0])'
    ])
    expect(problems({ nodes: [rayNode("n", { memory: 1e15 })], actors: [] })).toEqual([
      'nodes[0] ("n").resources_total.memory: is beyond the safe integer range once scaled by 10000'
    ])
    expect(problems({ nodes: {}, actors: [] } as Compaction.RayDump)).toEqual([
      "nodes: must be a list of nodes (ray list nodes --detail --format json), got an object"
    ])
    expect(problems({
      nodes: [rayNode("n", { CPU: 1 })],
      actors: [rayActor("a", "n", { CPU: 1 }), rayActor("b", "n", { memory: 1e15 })]
    })).toEqual([
      'actors[1] ("ServeReplica:app:d").required_resources.memory: is beyond the safe integer range once scaled by 10000'
    ])
  })

  it("names every problem of several items, short paths beside long ones", () => {
    expect(problems({
      nodes: [{ ...rayNode("n", { CPU: 1 }), state: "alive" }, rayNode("m", { CPU: -1 })],
      actors: []
    })).toEqual([
      'nodes[0] ("n").state: must be "ALIVE" or "DEAD", got "alive"',
      'nodes[1] ("m").resources_total.CPU: must be a non-negative number, got -1'
    ])
  })

  it("names the dump itself when it is not an object", () => {
    expect(problems(null as unknown as Compaction.RayDump)).toEqual(["dump: must be an object of nodes and actors, got null"])
  })

  it("is an InvalidDump of fromRay, thrown as it is by fromRayOrThrow", () => {
    const dump = { nodes: [rayNode("n", { CPU: -1 })], actors: [] }
    const result = Compaction.fromRay(dump)
    expect(Either.isLeft(result) && result.left.source).toBe("fromRay")
    expect(() => Compaction.fromRayOrThrow(dump)).toThrow(Compaction.InvalidDump)
    expect(() => Compaction.fromRayOrThrow(dump)).toThrow(
      'replicore/compaction.fromRay: invalid dump:\n  - nodes[0] ("n").resources_total.CPU: must be a non-negative number, got -1'
    )
  })

  it("refuses a dump whose actors need more than their node has, as a problem of the converted snapshot", () => {
    const dump = { nodes: [rayNode("n", { CPU: 1 })], actors: [rayActor("a", "n", { CPU: 1 }), rayActor("b", "n", { CPU: 0.5 })] }
    const result = Compaction.fromRay(dump)
    expect(Either.isLeft(result) && result.left.source).toBe("fromRay")
    // 1 + 0.5 CPU on a node of 1, in Ray's units
    expect(problems(dump)).toEqual(['converted snapshot: nodes[0] ("n").capacity.CPU: over capacity: its replicas need 15000, it has 10000'])
  })
})

const EXAMPLE = { nodes: NODES, actors: ACTORS }

/** Fields the import reads, with values Ray never writes there. */
const READ_FIELDS: ReadonlyArray<readonly [ReadonlyArray<string | number>, fc.Arbitrary<unknown>]> = [
  [["nodes", 1, "resources_total", "GPU"], fc.constantFrom(-1, "4", null, {})],
  [["nodes", 2, "state"], fc.constantFrom("alive", 1, null)],
  [["nodes", 0, "is_head_node"], fc.constantFrom("true", 1, null)],
  [["actors", 6, "class_name"], fc.constantFrom(1, null, [])],
  [["actors", 7, "required_resources", "CPU"], fc.constantFrom(-4, "4", true)],
  [["actors", 8, "node_id"], fc.constantFrom(3, {}, [])]
]

describe("fuzzed dumps", () => {
  it("a read field made malformed is refused with a problem at its path", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: READ_FIELDS.length - 1 }).chain((i) => {
        const [path, values] = READ_FIELDS[i] as (typeof READ_FIELDS)[number]
        return fc.tuple(fc.constant(path), values)
      }), ([path, value]) => {
        const result = Compaction.fromRay(replaced(EXAMPLE, path, value) as Compaction.RayDump)
        expectRefusedAt(result, path)
      }),
      propertyParameters(100)
    )
  })

  it("any value anywhere never throws: a snapshot that validates, or a refusal with problems", () => {
    fc.assert(
      fc.property(fc.constantFrom(...pathsOf(EXAMPLE)), fc.jsonValue({ maxDepth: 2 }), (path, value) => {
        const result = Compaction.fromRay(replaced(EXAMPLE, path, value) as Compaction.RayDump)
        if (Either.isLeft(result)) expect(result.left.problems.length).toBeGreaterThan(0)
        else expect(Either.isRight(Compaction.validate(result.right.snapshot))).toBe(true)
      }),
      propertyParameters(300)
    )
  })

  it("arbitrary JSON in place of the dump never throws", () => {
    fc.assert(
      fc.property(fc.record({ nodes: fc.jsonValue(), actors: fc.jsonValue() }), (dump) => {
        const result = Compaction.fromRay(dump)
        expect(Either.isLeft(result) ? result.left.problems.length > 0 : true).toBe(true)
      }),
      propertyParameters(300)
    )
  })
})
