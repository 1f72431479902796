/**
 * The typed errors of the compaction core. Each is an effect
 * `Data.TaggedError` that names the offending items.
 *
 * @since 0.1.0
 */
import { Data } from "effect"

/**
 * One thing wrong with a snapshot: the item (`replica "r7"`,
 * `nodes[2] ("n3").capacity.CPU`) and what is wrong with it.
 *
 * @since 0.1.0
 */
export interface SnapshotProblem {
  readonly item: string
  readonly problem: string
}

const listProblems = (problems: ReadonlyArray<SnapshotProblem>): string =>
  problems.map((p) => `  - ${p.item}: ${p.problem}`).join("\n")

/**
 * A snapshot that cannot be planned from, with every problem found.
 *
 * @example
 * import { Compaction } from "replicore"
 * import { Either } from "effect"
 * const result = Compaction.validate({ nodes: [{ id: "n1", capacity: { CPU: -1 } }], deployments: [], replicas: [] })
 * Either.isLeft(result) && result.left._tag // "InvalidSnapshot"
 *
 * @since 0.1.0
 */
export class InvalidSnapshot extends Data.TaggedError("InvalidSnapshot")<{
  readonly problems: ReadonlyArray<SnapshotProblem>
}> {
  override get message(): string {
    return `replicore/compaction.validate: invalid snapshot:\n${listProblems(this.problems)}`
  }
}

/**
 * Planner options that are not valid (a negative budget, a zero concurrency
 * limit, an unknown objective).
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
 * @since 0.1.0
 */
export class InvalidOptions extends Data.TaggedError("InvalidOptions")<{
  readonly problems: ReadonlyArray<SnapshotProblem>
}> {
  override get message(): string {
    return `replicore/compaction.plan: invalid options:\n${listProblems(this.problems)}`
  }
}
