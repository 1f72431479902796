/**
 * The typed errors of the compaction core. Each is an effect
 * `Data.TaggedError` that names the offending items.
 *
 * @since 0.1.0
 */
import { Data } from "effect"

/**
 * One thing wrong with an input (a snapshot, a plan, options): the item, as a
 * path into the input with the id of every listed item on it
 * (`nodes[2] ("n3").capacity.CPU`, `replicas[7] ("r7").node`), and what is
 * wrong with it, in words.
 *
 * @example
 * import { Compaction } from "replicore"
 * import { Either } from "effect"
 * const result = Compaction.validate({ nodes: [{ id: "n1", capacity: { CPU: -1 } }], deployments: [], replicas: [] })
 * Either.isLeft(result) && result.left.problems[0]
 * // { item: 'nodes[0] ("n1").capacity.CPU', problem: "must be a non-negative integer, got -1" }
 *
 * @category errors
 * @since 0.1.0
 */
export interface InputProblem {
  readonly item: string
  readonly problem: string
}

/** One line per problem: `  - path (id): problem`. */
const listProblems = (problems: ReadonlyArray<InputProblem>): string =>
  problems.map((p) => `  - ${p.item}: ${p.problem}`).join("\n")

/**
 * A snapshot that cannot be planned from, with every problem found: its shape
 * (unknown keys, missing or mistyped fields, quantities that are negative,
 * fractional or beyond the safe integer range) and its references (unknown
 * nodes or deployments, duplicate ids, a node over capacity or over a
 * deployment's `maxReplicasPerNode`).
 *
 * @example
 * import { Compaction } from "replicore"
 * import { Either } from "effect"
 * const result = Compaction.validate({ nodes: [{ id: "n1", capacity: { CPU: -1 } }], deployments: [], replicas: [] })
 * Either.isLeft(result) && result.left._tag // "InvalidSnapshot"
 *
 * @category errors
 * @since 0.1.0
 */
export class InvalidSnapshot extends Data.TaggedError("InvalidSnapshot")<{
  readonly problems: ReadonlyArray<InputProblem>
}> {
  override get message(): string {
    return `replicore/compaction.validate: invalid snapshot:\n${listProblems(this.problems)}`
  }
}

/**
 * Planner options that are not valid (an unknown key, a negative budget, a
 * zero concurrency limit, an unknown objective), with every problem found.
 *
 * @example
 * import { Compaction } from "replicore"
 * const s = Compaction.validateOrThrow({ nodes: [], deployments: [], replicas: [] })
 * try {
 *   Compaction.plan(s, { maxConcurrentMigrations: 0 })
 * } catch (e) {
 *   e instanceof Compaction.InvalidOptions // true
 * }
 *
 * @category errors
 * @since 0.1.0
 */
export class InvalidOptions extends Data.TaggedError("InvalidOptions")<{
  readonly problems: ReadonlyArray<InputProblem>
}> {
  override get message(): string {
    return `replicore/compaction.plan: invalid options:\n${listProblems(this.problems)}`
  }
}

/**
 * A plan from outside that cannot be checked against a snapshot, with every
 * problem found: its shape (unknown keys, missing or mistyped fields) and the
 * replicas, nodes and deployments it names that the snapshot does not have.
 *
 * @example
 * import { Compaction } from "replicore"
 * import { Either } from "effect"
 * const s = Compaction.validateOrThrow({ nodes: [], deployments: [], replicas: [] })
 * const result = Compaction.decodePlan(s, { steps: "none" })
 * Either.isLeft(result) && result.left._tag // "InvalidPlan"
 *
 * @category errors
 * @since 0.1.0
 */
export class InvalidPlan extends Data.TaggedError("InvalidPlan")<{
  readonly problems: ReadonlyArray<InputProblem>
}> {
  override get message(): string {
    return `replicore/compaction.decodePlan: invalid plan:\n${listProblems(this.problems)}`
  }
}

/**
 * A cluster dump (`kubectl get … -o json`, `ray list … --format json`, a
 * disruption budget list, a price file) that cannot be converted into a
 * snapshot, with every problem found, each at the path of the offending
 * field (`lists[0].items[4] ("default/web-x").spec.containers[0].resources.requests.cpu`).
 * `source` names the reader: `fromKubernetes` or `fromRay`.
 *
 * @example
 * import { Compaction } from "replicore"
 * import { Either } from "effect"
 * const result = Compaction.fromRay({ nodes: [{ node_id: "n1" }], actors: [] })
 * Either.isLeft(result) && result.left.problems.map((p) => `${p.item}: ${p.problem}`)
 * // [
 * //   'nodes[0] ("n1").state: missing (expected "ALIVE" or "DEAD")',
 * //   'nodes[0] ("n1").is_head_node: missing (expected a boolean)',
 * //   'nodes[0] ("n1").resources_total: missing (expected an object of non-negative numbers)'
 * // ]
 *
 * @category errors
 * @since 0.1.0
 */
export class InvalidDump extends Data.TaggedError("InvalidDump")<{
  readonly source: "fromKubernetes" | "fromRay"
  readonly problems: ReadonlyArray<InputProblem>
}> {
  override get message(): string {
    return `replicore/compaction.${this.source}: invalid dump:\n${listProblems(this.problems)}`
  }
}
