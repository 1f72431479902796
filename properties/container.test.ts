/**
 * Model-based test of the replica container: random sequences of up to 60
 * operations run in lockstep on the core and on the reference model of
 * `spec/container.ts`, with every `C*` invariant checked after every operation.
 */
import fc from "fast-check"
import { describe, expect, it } from "vitest"
import {
  type ContainerOp,
  containerInvariants,
  containerOp,
  initialObservation,
  MODEL_IDS,
  MODEL_VERSIONS,
  OP_KINDS,
  showOp,
  step
} from "../spec/container.js"
import { lockstepCommand, LockstepStats } from "./support/lockstep.js"
import { writeReport } from "./support/report.js"
import { propertyParameters, SEED } from "./support/settings.js"

const MAX_COMMANDS = 60
const CI_RUNS = 1000
/** Every refusal the core can answer these operations with. */
const REFUSALS = ["InvalidReplicaState", "DuplicateReplica", "UnknownReplica", "InvalidMaxReplicas", "ConflictingVersionFilters"]

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
      fc.property(fc.commands([containerOp.map(command)], { maxCommands: MAX_COMMANDS, size: "max" }), (cmds) => {
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
      bound: `seed ${SEED}, ${stats.runs} runs × ≤ ${MAX_COMMANDS} commands (${MODEL_IDS.length} ids, ${MODEL_VERSIONS.length} versions)`,
      seed: SEED,
      runs: stats.runs,
      commands: stats.commands,
      distinctStates: stats.distinctStates.size,
      evaluations: stats.tally.toJSON()
    })
  })
})
