/**
 * The conformance runners: a fast-check model-based property over a lockstep
 * step (every invariant after every operation; a violation carries the
 * operations that led to it), and the bounded exploration of the package's
 * explorer, both turned into a report or a `ConformanceFailure`.
 */
import fc from "fast-check"
import type { Invariant } from "../../../spec/registry.js"
import { explore } from "../explore.js"
import { ConformanceFailure, type ConformanceOptions, type ConformanceReport } from "../conformance/Conformance.js"

/** Random runs when the options do not say: a few seconds for a small implementation. */
export const DEFAULT_RUNS = 100
/** Operations per run at most, as the package's own model-based suites. */
export const DEFAULT_MAX_COMMANDS = 50

/** An invariant that fails after a sequence of operations: thrown inside fast-check's run, read back from its report. */
export class Violation extends Error {
  constructor(readonly invariant: string, readonly operations: ReadonlyArray<string>, title: string) {
    super(`invariant ${invariant} (${title}) fails after:\n${operations.map((op, i) => `  ${i + 1}. ${op}`).join("\n")}`)
    this.name = "Violation"
  }
}

/** What a core's conformance runs need: its lockstep, its scopes and its invariants. */
export interface Suite<Setup, Observation, Op> {
  readonly core: "container" | "slots"
  readonly setup: fc.Arbitrary<Setup>
  readonly start: (setup: Setup) => Observation
  readonly op: fc.Arbitrary<Op>
  readonly step: (observation: Observation, op: Op) => Observation
  readonly show: (op: Op) => string
  readonly invariants: ReadonlyArray<Invariant<Observation>>
  readonly exhaustive: {
    readonly initials: ReadonlyArray<Observation>
    readonly actions: ReadonlyArray<Op>
    readonly key: (observation: Observation) => string
    readonly maxDepth: number
  }
}

export interface Counts {
  runs: number
  commands: number
  readonly evaluations: Map<string, number>
}

const judge = <O>(invariants: ReadonlyArray<Invariant<O>>, observation: O, operations: ReadonlyArray<string>, counts: Counts) => {
  for (const invariant of invariants) {
    counts.evaluations.set(invariant.id, (counts.evaluations.get(invariant.id) ?? 0) + 1)
    if (!invariant.holds(observation)) throw new Violation(invariant.id, operations, invariant.title)
  }
}

/** What one run holds: the observation after the last operation, and the operations so far. */
export interface Real<O> {
  observation: O
  readonly operations: Array<string>
}

/** The model-based property: a setup and a sequence of operations, every invariant after every one. */
export const property = <Setup, O, Op>(
  suite: Suite<Setup, O, Op>,
  maxCommands: number,
  counts: Counts = { runs: 0, commands: 0, evaluations: new Map() }
): fc.IProperty<[Setup, Iterable<fc.Command<object, Real<O>>>]> => {
  const command = (op: Op): fc.Command<object, Real<O>> => ({
    check: () => true,
    run: (_model, real) => {
      real.operations.push(suite.show(op))
      real.observation = suite.step(real.observation, op)
      counts.commands++
      judge(suite.invariants, real.observation, real.operations, counts)
    },
    toString: () => suite.show(op)
  })
  return fc.property(suite.setup, fc.commands([suite.op.map(command)], { maxCommands, size: "max" }), (setup, commands) => {
    counts.runs++
    fc.modelRun(() => ({ model: {}, real: { observation: suite.start(setup), operations: [] } }), commands)
  })
}

/** Runs the model-based property and the exhaustive exploration; the first failure is thrown as a `ConformanceFailure`. */
export const check = <Setup, O, Op>(suite: Suite<Setup, O, Op>, options: ConformanceOptions): ConformanceReport => {
  const counts: Counts = { runs: 0, commands: 0, evaluations: new Map() }
  const details = fc.check(property(suite, options.maxCommands ?? DEFAULT_MAX_COMMANDS, counts), {
    numRuns: options.numRuns ?? DEFAULT_RUNS,
    ...(options.seed === undefined ? {} : { seed: options.seed })
  })
  if (details.failed) {
    const error = details.errorInstance
    throw new ConformanceFailure({
      core: suite.core,
      check: "model",
      invariant: error instanceof Violation ? error.invariant : "an unexpected error",
      seed: details.seed,
      path: details.counterexamplePath ?? "",
      counterexample: error instanceof Violation ? error.operations : [],
      report: fc.defaultReportMessage(details) ?? String(error)
    })
  }
  let exhaustive: ConformanceReport["exhaustive"]
  if (options.exhaustive !== false) {
    const totals = { states: 0, transitions: 0, depth: 0, complete: true }
    for (const initial of suite.exhaustive.initials) {
      const report = explore({
        initial,
        actions: () => suite.exhaustive.actions,
        step: suite.step,
        key: suite.exhaustive.key,
        invariants: suite.invariants,
        maxDepth: suite.exhaustive.maxDepth,
        showAction: suite.show
      })
      for (const [id, n] of Object.entries(report.evaluations)) counts.evaluations.set(id, (counts.evaluations.get(id) ?? 0) + n)
      if (report.counterexample !== undefined) {
        throw new ConformanceFailure({
          core: suite.core,
          check: "exhaustive",
          invariant: report.counterexample.invariant,
          counterexample: report.counterexample.actions.map(suite.show),
          report: report.counterexample.trace
        })
      }
      totals.states += report.states
      totals.transitions += report.transitions
      totals.depth = Math.max(totals.depth, report.depth)
      totals.complete &&= report.complete
    }
    exhaustive = totals
  }
  return {
    core: suite.core,
    invariants: suite.invariants.map((i) => i.id),
    model: { seed: details.seed, runs: counts.runs, commands: counts.commands },
    ...(exhaustive === undefined ? {} : { exhaustive }),
    evaluations: Object.fromEntries([...counts.evaluations].sort(([a], [b]) => a.localeCompare(b)))
  }
}
