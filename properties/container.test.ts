/**
 * Model-based test of the replica container: random sequences of up to 60
 * operations run in lockstep on the core and on the reference model of
 * `spec/container.ts`, with every `C*` invariant checked after every operation.
 */
import fc from "fast-check"
import { describe, expect, it } from "vitest"
import { Container } from "../src/index.js"
import {
  type ContainerOp,
  containerInvariants,
  initialObservation,
  OP_KINDS,
  showOp,
  step
} from "../spec/container.js"
import { lockstepCommand, LockstepStats } from "./support/lockstep.js"
import { writeReport } from "./support/report.js"
import { propertyParameters, SEED } from "./support/settings.js"

const IDS = Array.from({ length: 10 }, (_, i) => `r${i}`)
const VERSIONS = ["v1", "v2", "v3"]
const STATES: ReadonlyArray<string> = Container.ALL_REPLICA_STATES
const MAX_COMMANDS = 60
const CI_RUNS = 1000
/** Every refusal the core can answer these operations with. */
const REFUSALS = ["InvalidReplicaState", "DuplicateReplica", "UnknownReplica", "InvalidMaxReplicas", "ConflictingVersionFilters"]

const id = fc.constantFrom(...IDS)
const version = fc.constantFrom(...VERSIONS)
/** Mostly real states; now and then a name that is not one. */
const state = fc.oneof({ weight: 30, arbitrary: fc.constantFrom(...STATES) }, {
  weight: 1,
  arbitrary: fc.constantFrom("STOPPED", "running", "")
})
const states = fc.oneof(
  { weight: 10, arbitrary: fc.shuffledSubarray([...STATES], { minLength: 1 }) },
  { weight: 1, arbitrary: fc.array(state, { minLength: 1, maxLength: 3 }) }
)
const maxReplicas = fc.oneof(
  { weight: 10, arbitrary: fc.nat(12) },
  { weight: 1, arbitrary: fc.constantFrom(Infinity, -1, 1.5, Number.NaN) }
)
/** Options are left out, not set to `undefined`: only `kind` is required. */
const withOptions = <T>(fields: { [K in keyof T]: fc.Arbitrary<T[K]> }) =>
  fc.record(fields, { requiredKeys: ["kind"] as Array<keyof T> }) as fc.Arbitrary<never>

const op: fc.Arbitrary<ContainerOp> = fc.oneof(
  { weight: 8, arbitrary: fc.record({ kind: fc.constant("add" as const), state, id, version }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant("addAll" as const),
      state,
      replicas: fc.array(fc.record({ id, version }), { maxLength: 5 })
    })
  },
  { weight: 2, arbitrary: withOptions({ kind: fc.constant("get" as const), states }) },
  {
    weight: 3,
    arbitrary: withOptions({ kind: fc.constant("pop" as const), excludeVersion: version, states, maxReplicas })
  },
  {
    weight: 2,
    arbitrary: withOptions({ kind: fc.constant("count" as const), version, excludeVersion: version, states })
  },
  { weight: 1, arbitrary: fc.constant({ kind: "countByState" as const }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant("remove" as const), ids: fc.array(id, { maxLength: 6 }) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant("transition" as const), id, to: state }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("lookup" as const), id }) }
)

const stats = new LockstepStats()
/** One operation per command; it carries data only, so shrinking keeps every command valid. */
const command = lockstepCommand({
  step,
  invariants: containerInvariants,
  show: showOp,
  outcomeKey: (op: ContainerOp, outcome) => (outcome.ok ? op.kind : outcome.tag)
}, stats)

const parameters = propertyParameters(CI_RUNS)

describe(`container model-based (seed ${SEED}, ${parameters.numRuns} runs × ≤ ${MAX_COMMANDS} commands)`, () => {
  it("agrees with the reference model and keeps every C* invariant after every command, over every operation and refusal", () => {
    fc.assert(
      fc.property(fc.commands([op.map(command)], { maxCommands: MAX_COMMANDS, size: "max" }), (cmds) => {
        stats.runs++
        fc.modelRun(() => ({ model: {}, real: { observation: initialObservation() } }), cmds)
      }),
      parameters
    )
    // Vacuity floors, in proportion to the budget: every operation, every refusal, many distinct states.
    for (const kind of OP_KINDS) expect(stats.kinds.get(kind) ?? 0, kind).toBeGreaterThan(parameters.numRuns)
    for (const tag of REFUSALS) expect(stats.outcomes.get(tag) ?? 0, tag).toBeGreaterThan(parameters.numRuns / 100)
    expect(stats.distinctStates.size).toBeGreaterThan(parameters.numRuns * 5)
    writeReport({
      check: "properties/container.test.ts › model-based",
      core: "container",
      kind: "model",
      bound: `seed ${SEED}, ${stats.runs} runs × ≤ ${MAX_COMMANDS} commands (${IDS.length} ids, ${VERSIONS.length} versions)`,
      seed: SEED,
      runs: stats.runs,
      commands: stats.commands,
      distinctStates: stats.distinctStates.size,
      evaluations: stats.tally.toJSON()
    })
  })
})
