/**
 * Bounded exhaustive check of the slot reservation core: from each capacity
 * 1–3, every sequence of operations over 3 request ids and 3 tokens — reserve,
 * release, start with and without a token (so replays of consumed and released
 * tokens), with and without rejection, finish, cancel, resize, quiesce —
 * explored breadth-first to a fixpoint, every `S*` invariant in every state.
 */
import { afterAll, describe, expect, it } from "vitest"
import { explore, type ExploreReport } from "../src/testing/index.js"
import {
  EXHAUSTIVE_CAPACITIES,
  EXHAUSTIVE_MAX_DEPTH,
  EXHAUSTIVE_REQUESTS,
  EXHAUSTIVE_TOKENS,
  exhaustiveSlotActions,
  initialSlotObservation,
  type SlotObservation,
  type SlotOp,
  slotInvariants,
  slotKey,
  showSlotOp,
  slotStep
} from "../spec/slots.js"
import { writeReport } from "./support/report.js"

const TOKENS = EXHAUSTIVE_TOKENS
const REQUESTS = EXHAUSTIVE_REQUESTS
const CAPACITIES = EXHAUSTIVE_CAPACITIES
const MAX_DEPTH = EXHAUSTIVE_MAX_DEPTH
const ACTIONS = exhaustiveSlotActions

const reports: Array<ExploreReport<SlotObservation, SlotOp>> = []

describe(`slots exhaustive (capacity 1–3, ${REQUESTS.length} requests, ${TOKENS.length} tokens, depth ≤ ${MAX_DEPTH})`, () => {
  it.each(CAPACITIES)("from capacity %i: every S* invariant in every reachable state, scope exhausted", (capacity) => {
    const report = explore({
      initial: initialSlotObservation(capacity, TOKENS, REQUESTS),
      actions: () => ACTIONS,
      step: slotStep,
      key: slotKey,
      invariants: slotInvariants,
      maxDepth: MAX_DEPTH,
      showAction: showSlotOp
    })
    reports.push(report)
    expect(report.counterexample?.trace).toBeUndefined()
    expect(report.complete).toBe(true)
    expect(report.depth).toBeGreaterThanOrEqual(8)
  })
})

afterAll(() => {
  // The report describes all three capacities: a run filtered to fewer writes none.
  if (reports.length < CAPACITIES.length) return
  const evaluations: Record<string, number> = {}
  for (const r of reports) for (const [id, n] of Object.entries(r.evaluations)) evaluations[id] = (evaluations[id] ?? 0) + n
  writeReport({
    check: "properties/slots.exhaustive.test.ts › exhaustive",
    core: "slots",
    kind: "exhaustive",
    bound: `capacity 1–3, ${REQUESTS.length} requests, ${TOKENS.length} tokens, ${ACTIONS.length} actions per state, depth ≤ ${MAX_DEPTH}`,
    distinctStates: reports.reduce((n, r) => n + r.states, 0),
    transitions: reports.reduce((n, r) => n + r.transitions, 0),
    depth: Math.max(...reports.map((r) => r.depth)),
    complete: reports.every((r) => r.complete),
    evaluations
  })
})
