/**
 * The model-based runner of `replicore check`: fast-check draws a start and
 * a sequence of operations (`fc.commands`), each one applied by the spec's
 * lockstep harness, and every invariant of the core is evaluated after every
 * operation. A failure carries fast-check's report: seed, path and the
 * shrunk counterexample.
 *
 * @since 0.1.0
 */
import fc from "fast-check"
import { checkAll, type Invariant, Tally } from "../../../spec/registry.js"
import type { Budget, Check, CheckResult } from "./Check.js"
import { formatCount } from "./Check.js"

/**
 * What a model-based check needs from a core's spec.
 *
 * @since 0.1.0
 */
export interface ModelCheck<Setup, State, Op, Observation> {
  readonly name: string
  readonly core: Check["core"]
  /** The bound in words, without the seed and runs, which the runner adds. */
  readonly scope: string
  readonly setup: fc.Arbitrary<Setup>
  readonly start: (setup: Setup) => State
  readonly op: fc.Arbitrary<Op>
  readonly maxCommands: number
  readonly step: (state: State, op: Op) => State
  readonly observe: (state: State) => Observation
  readonly invariants: ReadonlyArray<Invariant<Observation>>
  readonly show: (op: Op) => string
  /** A key of the state, to count distinct states. */
  readonly key: (state: State) => string
  /** Whether the invariants hold in the start state already (a lifecycle's first tick), so they are checked there too. */
  readonly checkStart: boolean
  /** What runs after the operations, every state it reaches judged (the lifecycle settles). */
  readonly finish?: (state: State, judge: (state: State) => void) => void
  /** This check's runs for a budget of `runs`. */
  readonly runsFor: (runs: number) => number
}

interface Real<State> {
  state: State
}

/**
 * A check from a model-based specification.
 *
 * @since 0.1.0
 */
export const modelCheck = <Setup, State, Op, Observation>(spec: ModelCheck<Setup, State, Op, Observation>): Check => ({
  name: spec.name,
  core: spec.core,
  kind: "model",
  run: (budget: Budget): CheckResult => {
    const tally = new Tally()
    const states = new Set<string>()
    let commands = 0
    let runs = 0
    const judge = (state: State) => {
      checkAll(spec.invariants, spec.observe(state), tally, () => `state: ${spec.key(state)}`)
      states.add(spec.key(state))
    }
    const command = (op: Op): fc.Command<object, Real<State>> => ({
      check: () => true,
      run: (_model, real) => {
        const next = spec.step(real.state, op)
        checkAll(spec.invariants, spec.observe(next), tally, () => `operation: ${spec.show(op)}`)
        states.add(spec.key(next))
        real.state = next
        commands++
      },
      toString: () => spec.show(op)
    })
    const numRuns = spec.runsFor(budget.runs)
    const details = fc.check(
      fc.property(spec.setup, fc.commands([spec.op.map(command)], { maxCommands: spec.maxCommands, size: "max" }), (setup, cmds) => {
        runs++
        const real: Real<State> = { state: spec.start(setup) }
        if (spec.checkStart) judge(real.state)
        fc.modelRun(() => ({ model: {}, real }), cmds)
        spec.finish?.(real.state, judge)
      }),
      { seed: budget.seed, numRuns }
    )
    return {
      name: spec.name,
      core: spec.core,
      kind: "model",
      bound: `seed ${budget.seed}, ${formatCount(numRuns)} runs × ≤ ${spec.maxCommands} commands (${spec.scope})`,
      reach: `${formatCount(runs)} runs, ${formatCount(commands)} commands, ${formatCount(states.size)} distinct states`,
      evaluations: tally.toJSON(),
      ...(details.failed ? { failure: fc.defaultReportMessage(details) ?? "failed" } : {})
    }
  }
})
