/**
 * Reading a cluster snapshot and a plan for the `plan` and `verify`
 * commands: JSON first (see `input.ts`), then the package's own decoders,
 * `Compaction.validate` and `Compaction.verify`, whose problem lines follow
 * the one line that names the file. A plan given where a snapshot is expected,
 * or the other way round, is said so in words.
 *
 * @since 0.1.0
 */
import { Either } from "effect"
import { Compaction } from "../index.js"
import { InputError } from "./errors.js"
import { displayName, readJson } from "./input.js"

const hasKeys = (value: unknown, keys: ReadonlyArray<string>): boolean =>
  typeof value === "object" && value !== null && !Array.isArray(value) && keys.every((k) => Object.hasOwn(value, k))

/**
 * Whether a JSON value has the fields of a plan (`steps`, `placement`).
 *
 * @since 0.1.0
 */
export const looksLikePlan = (value: unknown): boolean => hasKeys(value, ["steps", "placement"])

/**
 * Whether a JSON value has the fields of a snapshot (`nodes`, `replicas`).
 *
 * @since 0.1.0
 */
export const looksLikeSnapshot = (value: unknown): boolean => hasKeys(value, ["nodes", "replicas"])

/** The problem lines printed under a file's line; the count in that line says how many there are in all. */
const MAX_PROBLEM_LINES = 10

const lines = (problems: ReadonlyArray<Compaction.InputProblem>): ReadonlyArray<string> => [
  ...problems.slice(0, MAX_PROBLEM_LINES).map((p) => `${p.item}: ${p.problem}`),
  ...(problems.length > MAX_PROBLEM_LINES ? [`… and ${problems.length - MAX_PROBLEM_LINES} more`] : [])
]

const count = (n: number, what: string): string => `${n} ${what}${n === 1 ? "" : "s"}`

/**
 * Decodes a parsed JSON value as a cluster snapshot, naming `path` in the error.
 *
 * @since 0.1.0
 */
export const decodeSnapshot = (command: string, path: string, json: unknown): Either.Either<Compaction.Snapshot, InputError> => {
  const file = displayName(path)
  if (looksLikePlan(json) && !looksLikeSnapshot(json)) {
    return Either.left(new InputError({ command, file, problem: "is a plan, not a cluster snapshot" }))
  }
  return Either.mapLeft(Compaction.validate(json), (error) =>
    new InputError({
      command,
      file,
      problem: `is not a valid cluster snapshot (${count(error.problems.length, "problem")})`,
      details: lines(error.problems)
    }))
}

/**
 * Reads and decodes a cluster snapshot file (or standard input for `-`).
 *
 * @since 0.1.0
 */
export const readSnapshot = async (command: string, path: string): Promise<Either.Either<Compaction.Snapshot, InputError>> =>
  Either.flatMap(await readJson(command, path), (json) => decodeSnapshot(command, path, json))

/**
 * Plans a snapshot. The planner's only refusal is options that do not decode
 * (the snapshot's `options` field), which is named as a problem of its file.
 *
 * @since 0.1.0
 */
export const planSnapshot = (command: string, path: string, snapshot: Compaction.Snapshot): Either.Either<Compaction.Plan, InputError> =>
  Either.mapLeft(
    Either.try({ try: () => Compaction.plan(snapshot), catch: (e) => e }),
    (error) =>
      new InputError({
        command,
        file: displayName(path),
        problem: "has options the planner refuses",
        details: error instanceof Compaction.InvalidOptions ? lines(error.problems) : [String(error)]
      })
  )

/** Whether every problem of a plan is a name the snapshot does not have: a plan made for another cluster. */
const forAnotherCluster = (problems: ReadonlyArray<Compaction.InputProblem>): boolean =>
  problems.length > 0 && problems.every((p) => /^unknown (replica|deployment|node) /.test(p.problem))

/**
 * Explains why a plan file could not be checked against a snapshot file:
 * a plan for another cluster, or one that is not a plan at all.
 *
 * @since 0.1.0
 */
export const invalidPlan = (command: string, planPath: string, snapshotPath: string, error: Compaction.InvalidPlan): InputError => {
  const snapshotName = displayName(snapshotPath)
  return new InputError({
    command,
    file: displayName(planPath),
    problem: forAnotherCluster(error.problems)
      ? `is a plan for another cluster: it names ${count(error.problems.length, "item")} that ${snapshotName} does not have`
      : `is not a valid plan for ${snapshotName} (${count(error.problems.length, "problem")})`,
    details: lines(error.problems)
  })
}
