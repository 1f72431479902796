/**
 * The exhaustive runner of `replicore check`: the package's bounded explorer
 * (`replicore/testing`) over a core's lockstep harness, from one or more
 * initial states, every invariant evaluated in every reachable state.
 *
 * @since 0.1.0
 */
import type { Invariant } from "../../../spec/registry.js"
import { explore, type ExploreReport } from "../../testing/index.js"
import type { Check, CheckResult } from "./Check.js"
import { formatCount } from "./Check.js"

/**
 * What an exhaustive check needs from a core's spec. Its scope is fixed: the
 * budget of random runs does not change it.
 *
 * @since 0.1.0
 */
export interface ExhaustiveCheck<State, Action, Observation> {
  readonly name: string
  readonly core: Check["core"]
  readonly scope: string
  readonly initials: ReadonlyArray<State>
  readonly actions: (state: State) => Iterable<Action>
  readonly step: (state: State, action: Action) => State
  readonly key: (state: State) => string
  readonly observe: (state: State) => Observation
  readonly invariants: ReadonlyArray<Invariant<Observation>>
  readonly maxDepth: number
  readonly show: (action: Action) => string
}

/**
 * A check from an exhaustive specification.
 *
 * @since 0.1.0
 */
export const exhaustiveCheck = <State, Action, Observation>(spec: ExhaustiveCheck<State, Action, Observation>): Check => ({
  name: spec.name,
  core: spec.core,
  kind: "exhaustive",
  run: (): CheckResult => {
    const invariants = spec.invariants.map((i) => ({ id: i.id, holds: (s: State) => i.holds(spec.observe(s)) }))
    const reports: Array<ExploreReport<State, Action>> = []
    for (const initial of spec.initials) {
      const report = explore({
        initial,
        actions: spec.actions,
        step: spec.step,
        key: spec.key,
        invariants,
        maxDepth: spec.maxDepth,
        showAction: spec.show
      })
      reports.push(report)
      if (report.counterexample !== undefined) break
    }
    const evaluations: Record<string, number> = {}
    for (const r of reports) for (const [id, n] of Object.entries(r.evaluations)) evaluations[id] = (evaluations[id] ?? 0) + n
    const complete = reports.every((r) => r.complete)
    const counterexample = reports.find((r) => r.counterexample !== undefined)?.counterexample
    const failure = counterexample !== undefined
      ? counterexample.trace
      : complete
      ? undefined
      : `the scope was not exhausted within depth ${spec.maxDepth}`
    return {
      name: spec.name,
      core: spec.core,
      kind: "exhaustive",
      bound: spec.scope,
      reach: `${formatCount(reports.reduce((n, r) => n + r.states, 0))} distinct states, ` +
        `${formatCount(reports.reduce((n, r) => n + r.transitions, 0))} transitions, ` +
        `fixpoint depth ${Math.max(...reports.map((r) => r.depth))}, ${complete ? "scope exhausted" : "scope NOT exhausted"}`,
      evaluations,
      ...(failure === undefined ? {} : { failure })
    }
  }
})
