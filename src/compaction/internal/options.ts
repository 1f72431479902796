/** Planner options: decoding (strict, every problem named) and the options a call resolves to. */
import { Either, ParseResult, Schema } from "effect"
import { InvalidOptions } from "../errors.js"
import { PlanOptions, type PlanOptionsInput, type Snapshot } from "../Snapshot.js"

const decode = Schema.decodeUnknownEither(PlanOptions, { errors: "all", onExcessProperty: "error" })

/** Options with their defaults filled in, or an `InvalidOptions` naming each bad field. */
export const decodeOptions = (input: unknown): Either.Either<PlanOptions, InvalidOptions> =>
  Either.mapLeft(decode(input ?? {}), (error) =>
    new InvalidOptions({
      problems: ParseResult.ArrayFormatter.formatErrorSync(error).map((issue) => ({
        item: ["options", ...issue.path.map(String)].join("."),
        problem: issue.message
      }))
    }))

/** The options of a planning call (its own, else the snapshot's); throws `InvalidOptions` when they do not decode. */
export const resolveOptions = (snapshot: Snapshot, options: PlanOptionsInput | undefined): PlanOptions =>
  Either.getOrThrowWith(decodeOptions(options ?? snapshot.options), (e) => e)
