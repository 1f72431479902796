/**
 * What a command is: its signature (flags and positionals), its help, and
 * what it does with a parsed command line. A command answers its exit code,
 * or the usage or input error that stopped it.
 *
 * @since 0.1.0
 */
import type { Either } from "effect"
import type { Parsed, Signature } from "./args.js"
import type { CliError } from "./errors.js"

/**
 * One `replicore` command.
 *
 * @since 0.1.0
 */
export interface Command {
  readonly signature: Signature
  /** One line for `replicore help`. */
  readonly summary: string
  /** The synopsis: `replicore plan SNAPSHOT [--json] [--verify]`. */
  readonly usage: string
  /** The rest of `--help`: arguments, flags and exit codes. */
  readonly details: string
  readonly run: (parsed: Parsed) => Promise<Either.Either<number, CliError>>
}

/**
 * The whole `--help` of a command.
 *
 * @since 0.1.0
 */
export const helpText = (command: Command): string => `usage: ${command.usage}\n\n${command.summary}\n\n${command.details}`
