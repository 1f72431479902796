/**
 * Model-based test of the slot reservation core: random sequences of up to 60
 * operations — including replays of consumed and released tokens, resize and
 * quiesce — in lockstep with the reference model, every `S*` invariant checked
 * after every operation (including the conservation ledger).
 */
import fc from "fast-check"
import { describe, expect, it } from "vitest"
import {
  initialSlotObservation,
  MODEL_REQUESTS,
  MODEL_TOKENS,
  SLOT_OP_KINDS,
  type SlotOp,
  type SlotOutcome,
  slotInvariants,
  slotOp,
  showSlotOp,
  slotStep
} from "../spec/slots.js"
import { lockstepCommand, LockstepStats } from "./support/lockstep.js"
import { writeReport } from "./support/report.js"
import { propertyParameters, scale, SEED } from "./support/settings.js"

const TOKENS = MODEL_TOKENS
const REQUESTS = MODEL_REQUESTS
const MAX_COMMANDS = 60
const CI_RUNS = 1000
/** Every answer the runs must see: each outcome of reserve, release and start, and every refusal. */
const OUTCOMES = [
  "reserve:true",
  "reserve:false",
  "release:true",
  "release:false",
  'start:"started"',
  'start:"queued"',
  'start:"rejected"',
  "DuplicateSlotToken",
  "UnknownSlotToken",
  "DuplicateRequest",
  "RequestNotRunning",
  "InvalidCapacity"
]

const stats = new LockstepStats()
const command = lockstepCommand({
  step: slotStep,
  invariants: slotInvariants,
  show: showSlotOp,
  outcomeKey: (op: SlotOp, outcome: SlotOutcome) =>
    outcome.ok
      ? `${op.kind}:${JSON.stringify(outcome.value["outcome"] ?? outcome.value["accepted"] ?? outcome.value["released"] ?? "ok")}`
      : outcome.tag,
  detail: (next) => `ledger: ${JSON.stringify(next.ledger)}`
}, stats)

const parameters = propertyParameters(CI_RUNS)

describe(`slots model-based (seed ${SEED}, ${parameters.numRuns} runs × ≤ ${MAX_COMMANDS} commands)`, () => {
  it("agrees with the reference model and keeps every S* invariant after every command, over every outcome and refusal", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 3 }),
        fc.commands([slotOp.map(command)], { maxCommands: MAX_COMMANDS, size: "max" }),
        (capacity, cmds) => {
          stats.runs++
          fc.modelRun(() => ({ model: {}, real: { observation: initialSlotObservation(capacity, TOKENS, REQUESTS) } }), cmds)
        }
      ),
      parameters
    )
    // Vacuity floors, in proportion to the budget: every operation, every outcome and refusal; and many distinct
    // states, a floor that grows as the square root of a larger budget, since the runs revisit the states of a
    // finite model (seen: 1,273 states at 1,000 runs, 2,029 at 2,000, 6,745 at 20,000), and shrinks in proportion
    // to a smaller one (420 states at 200 runs).
    for (const kind of SLOT_OP_KINDS) expect(stats.kinds.get(kind) ?? 0, kind).toBeGreaterThan(parameters.numRuns / 2)
    for (const key of OUTCOMES) expect(stats.outcomes.get(key) ?? 0, key).toBeGreaterThan(parameters.numRuns / 100)
    const budget = scale(CI_RUNS)
    expect(stats.distinctStates.size).toBeGreaterThan(CI_RUNS * Math.min(budget, Math.sqrt(budget)))
    writeReport({
      check: "properties/slots.test.ts › model-based",
      core: "slots",
      kind: "model",
      bound: `seed ${SEED}, ${stats.runs} runs × ≤ ${MAX_COMMANDS} commands (capacity 1–3, ${TOKENS.length} tokens, ${REQUESTS.length} requests)`,
      seed: SEED,
      runs: stats.runs,
      commands: stats.commands,
      distinctStates: stats.distinctStates.size,
      evaluations: stats.tally.toJSON()
    })
  })
})
