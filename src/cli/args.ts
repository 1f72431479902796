/**
 * Argument parsing for every command, with Node's own `util.parseArgs` in
 * strict mode: it refuses unknown flags, flags without their value and values
 * given to boolean flags, and it costs a user nothing to install.
 * (`@effect/cli` would fit the ecosystem, but its Node platform package pulls
 * `@effect/cluster`, `rpc` and `sql` in as peers: too much for four commands.)
 *
 * @since 0.1.0
 */
import { Either } from "effect"
import { parseArgs } from "node:util"
import { UsageError } from "./errors.js"

/**
 * The flags of a command, as `util.parseArgs` takes them. Every command also
 * takes `--help` (`-h`).
 *
 * @since 0.1.0
 */
export type Flags = Readonly<Record<string, { readonly type: "string" | "boolean"; readonly short?: string }>>

/**
 * What a command reads from its command line.
 *
 * @since 0.1.0
 */
export interface Signature {
  readonly command: string
  readonly flags: Flags
  /** The names of its positional arguments, all required, in order (`SNAPSHOT`, `PLAN`). */
  readonly positionals: ReadonlyArray<string>
  /** Set when the command takes more positional arguments than these, and counts them itself (`plan --from`). */
  readonly more?: true
}

/**
 * A parsed command line: the flags given (a string or `true`), the
 * positionals, and whether help was asked for.
 *
 * @since 0.1.0
 */
export interface Parsed {
  readonly values: Readonly<Record<string, string | boolean | undefined>>
  readonly positionals: ReadonlyArray<string>
  readonly help: boolean
}

const HELP = { help: { type: "boolean", short: "h" } } as const

/** `util.parseArgs`'s error in one short line, without its advice on `--`, which these commands never need. */
const shortProblem = (error: unknown): string => {
  const code = (error as { code?: unknown }).code
  const message = error instanceof Error ? error.message : String(error)
  const option = /'(-[^' ]+)/.exec(message)?.[1]
  if (option === undefined) return message.split("\n")[0] ?? message
  if (code === "ERR_PARSE_ARGS_UNKNOWN_OPTION") return `unknown option ${option}`
  if (message.includes("does not take an argument")) return `option ${option} takes no value`
  if (message.includes("ambiguous")) return `option ${option} needs a value (write ${option}=-X for a value that starts with -)`
  if (message.includes("argument missing")) return `option ${option} needs a value`
  return message.split("\n")[0] ?? message
}

/**
 * Parses a command's arguments. `--help` wins over anything else; otherwise
 * unknown flags and a missing or extra positional are a `UsageError`. A lone
 * `-` is a positional (standard input).
 *
 * @since 0.1.0
 */
export const parse = (signature: Signature, args: ReadonlyArray<string>): Either.Either<Parsed, UsageError> => {
  const refuse = (problem: string) => Either.left(new UsageError({ command: signature.command, problem }))
  if (args.includes("--help") || args.includes("-h")) return Either.right({ values: {}, positionals: [], help: true })
  let parsed: { values: Record<string, string | boolean | undefined>; positionals: Array<string> }
  try {
    parsed = parseArgs({
      args: [...args],
      options: { ...signature.flags, ...HELP },
      strict: true,
      allowPositionals: true
    }) as typeof parsed
  } catch (error) {
    return refuse(shortProblem(error))
  }
  const expected = signature.positionals
  if (parsed.positionals.length < expected.length) {
    return refuse(`missing ${expected.slice(parsed.positionals.length).join(" and ")}`)
  }
  if (signature.more !== true && parsed.positionals.length > expected.length) {
    const extra = parsed.positionals.slice(expected.length).map((a) => JSON.stringify(a)).join(" ")
    return refuse(`unexpected argument${parsed.positionals.length - expected.length > 1 ? "s" : ""} ${extra}`)
  }
  return Either.right({ values: parsed.values, positionals: parsed.positionals, help: false })
}

/**
 * A flag's value as an integer in `[min, max]`, its default when not given.
 *
 * @since 0.1.0
 */
export const integerFlag = (
  command: string,
  parsed: Parsed,
  name: string,
  range: { readonly min: number; readonly max: number; readonly default: number }
): Either.Either<number, UsageError> => {
  const raw = parsed.values[name]
  if (raw === undefined) return Either.right(range.default)
  const value = typeof raw === "string" && /^-?\d+$/.test(raw.trim()) ? Number(raw) : Number.NaN
  if (Number.isSafeInteger(value) && value >= range.min && value <= range.max) return Either.right(value)
  const bounds = range.max === Number.MAX_SAFE_INTEGER ? `an integer ≥ ${range.min}` : `an integer from ${range.min} to ${range.max}`
  return Either.left(new UsageError({ command, problem: `--${name} must be ${bounds}, got ${JSON.stringify(raw)}` }))
}

/**
 * A flag's string value, or `undefined` when it was not given.
 *
 * @since 0.1.0
 */
export const stringFlag = (parsed: Parsed, name: string): string | undefined => {
  const raw = parsed.values[name]
  return typeof raw === "string" ? raw : undefined
}

/**
 * Whether a boolean flag was given.
 *
 * @since 0.1.0
 */
export const booleanFlag = (parsed: Parsed, name: string): boolean => parsed.values[name] === true
