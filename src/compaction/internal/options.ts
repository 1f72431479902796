/** Planner options: decoding (strict, every problem named) and the options a call resolves to. */
import { Either, Schema } from "effect"
import { InvalidOptions } from "../errors.js"
import { PlanOptions, type PlanOptionsInput, type Snapshot } from "../Snapshot.js"
import { locate, named } from "./problems.js"

const decode = Schema.decodeUnknownEither(PlanOptions, { errors: "all", onExcessProperty: "error" })

/** Options with their defaults filled in (none given: every default), or an `InvalidOptions` naming each problem as `options.<key>: problem`. */
export const decodeOptions = (input: unknown): Either.Either<PlanOptions, InvalidOptions> =>
  Either.mapLeft(decode(input === undefined ? {} : input), (error) =>
    new InvalidOptions({
      problems: named({ options: input }, locate(error).map((p) => ({ ...p, path: ["options", ...p.path] })), {}, "options")
    }))

/** The options of a planning call (its own, else the snapshot's); throws `InvalidOptions` when they do not decode. */
export const resolveOptions = (snapshot: Snapshot, options: PlanOptionsInput | undefined): PlanOptions =>
  Either.getOrThrowWith(decodeOptions(options ?? snapshot.options), (e) => e)
