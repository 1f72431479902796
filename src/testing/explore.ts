/**
 * A bounded, breadth-first explorer of a pure transition system.
 *
 * Random tests find bugs; this one shows their absence inside a bound. It
 * visits every state reachable from `initial` through `actions` and `step`, up
 * to `maxDepth` steps, deduplicating states by a canonical `key` (a key that
 * sorts or renames interchangeable parts gives symmetry reduction for free).
 * Every invariant is evaluated in every state reached, including states
 * reached again, so a check that depends on the last step's answers is made
 * on every transition. Breadth-first order makes the first counterexample a
 * shortest one.
 *
 * @since 0.1.0
 */

/**
 * A property of a state, named by an id (`C3`, `S1`, …).
 *
 * @category models
 * @since 0.1.0
 */
export interface StateInvariant<S> {
  readonly id: string
  readonly holds: (state: S) => boolean
}

/**
 * What to explore.
 *
 * @category models
 * @since 0.1.0
 */
export interface ExploreOptions<S, A> {
  readonly initial: S
  /** The actions enabled in a state, as data. */
  readonly actions: (state: S) => Iterable<A>
  /** The pure transition function. A thrown exception is reported as a counterexample. */
  readonly step: (state: S, action: A) => S
  /** A canonical key: two states with one key are treated as the same state. */
  readonly key: (state: S) => string
  readonly invariants: ReadonlyArray<StateInvariant<S>>
  /** The most steps from `initial` to explore. */
  readonly maxDepth: number
  /** Stop (incomplete) after this many distinct states. Default: unlimited. */
  readonly maxStates?: number
  /** How an action is written in a trace. Default: `JSON.stringify`. */
  readonly showAction?: (action: A) => string
}

/**
 * A shortest path from the initial state to a state where an invariant fails.
 *
 * @category models
 * @since 0.1.0
 */
export interface Counterexample<S, A> {
  /** The id of the failed invariant, or `"step threw"`. */
  readonly invariant: string
  readonly actions: ReadonlyArray<A>
  /** The state reached (for a throwing step: the state the step was applied to). */
  readonly state: S
  /** The trace as numbered lines, ready to print. */
  readonly trace: string
}

/**
 * The outcome of an exploration.
 *
 * @category models
 * @since 0.1.0
 */
export interface ExploreReport<S, A> {
  /** True when every reachable state was visited: the frontier emptied within `maxDepth` and `maxStates`. */
  readonly complete: boolean
  /** Distinct states (by key) visited. */
  readonly states: number
  /** Transitions taken (every action applied in every visited state). */
  readonly transitions: number
  /** The deepest level at which a new state was found. */
  readonly depth: number
  readonly maxDepth: number
  /** How often each invariant was evaluated. */
  readonly evaluations: Readonly<Record<string, number>>
  readonly counterexample?: Counterexample<S, A>
}

interface Visit<S, A> {
  readonly state: S
  readonly parent: number
  readonly action: A | undefined
}

/**
 * Explores every state reachable within `maxDepth` steps and evaluates every
 * invariant in each. Returns at the first violation with a shortest trace.
 *
 * @example
 * import { explore } from "replicore/testing"
 * // A counter that must stay below 3, stepping by 1 or 2.
 * const report = explore({
 *   initial: 0,
 *   actions: () => [1, 2],
 *   step: (n, by) => Math.min(n + by, 4),
 *   key: String,
 *   invariants: [{ id: "below-3", holds: (n) => n < 3 }],
 *   maxDepth: 5
 * })
 * report.counterexample?.actions // [1, 2]: a shortest way to reach 3
 *
 * @category exploration
 * @since 0.1.0
 */
export const explore = <S, A>(options: ExploreOptions<S, A>): ExploreReport<S, A> => {
  const { actions, step, key, invariants, maxDepth } = options
  const maxStates = options.maxStates ?? Infinity
  const showAction = options.showAction ?? ((a: A) => JSON.stringify(a))
  const evaluations: Record<string, number> = Object.fromEntries(invariants.map((i) => [i.id, 0]))
  const visits: Array<Visit<S, A>> = [{ state: options.initial, parent: -1, action: undefined }]
  const seen = new Set<string>([key(options.initial)])
  let transitions = 0
  let depth = 0

  const report = (complete: boolean, counterexample?: Counterexample<S, A>): ExploreReport<S, A> => ({
    complete,
    states: seen.size,
    transitions,
    depth,
    maxDepth,
    evaluations,
    ...(counterexample === undefined ? {} : { counterexample })
  })

  const pathTo = (parent: number, last: A | undefined): Array<A> => {
    const path: Array<A> = last === undefined ? [] : [last]
    for (let i = parent; i > 0; i = (visits[i] as Visit<S, A>).parent) path.push((visits[i] as Visit<S, A>).action as A)
    return path.reverse()
  }

  const counterexample = (invariant: string, parent: number, action: A | undefined, state: S) => {
    const path = pathTo(parent, action)
    const lines = path.map((a, i) => `  ${i + 1}. ${showAction(a)}`)
    const trace = [`invariant ${invariant} fails after ${path.length} step(s):`, ...lines].join("\n")
    return { invariant, actions: path, state, trace }
  }

  const failing = (state: S): string | undefined => {
    for (const invariant of invariants) {
      evaluations[invariant.id] = (evaluations[invariant.id] ?? 0) + 1
      if (!invariant.holds(state)) return invariant.id
    }
    return undefined
  }

  const initialFailure = failing(options.initial)
  if (initialFailure !== undefined) return report(false, counterexample(initialFailure, -1, undefined, options.initial))

  let levelStart = 0
  let levelEnd = visits.length
  for (let level = 0; level < maxDepth && levelStart < levelEnd; level++) {
    for (let v = levelStart; v < levelEnd; v++) {
      const from = (visits[v] as Visit<S, A>).state
      for (const action of actions(from)) {
        transitions++
        let next: S
        try {
          next = step(from, action)
        } catch (e) {
          const found = counterexample("step threw", v, action, from)
          return report(false, { ...found, trace: `${found.trace}\n  threw: ${String(e)}` })
        }
        const failed = failing(next)
        if (failed !== undefined) return report(false, counterexample(failed, v, action, next))
        const k = key(next)
        if (seen.has(k)) continue
        if (seen.size >= maxStates) return report(false)
        seen.add(k)
        visits.push({ state: next, parent: v, action })
        depth = level + 1
      }
    }
    levelStart = levelEnd
    levelEnd = visits.length
  }
  return report(levelStart === levelEnd)
}
