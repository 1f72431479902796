/**
 * The command's two kinds of failure, as tagged errors: bad usage (a flag or
 * argument the command does not take) and bad input (a file that is missing,
 * unreadable, empty, not JSON, or not what the command reads). Both end the
 * command with exit code 2 and one line on stderr; neither prints a stack.
 *
 * @since 0.1.0
 */
import { Data } from "effect"

/**
 * A command line the command cannot run: an unknown command or flag, a
 * missing or extra argument, a flag value out of range.
 *
 * @since 0.1.0
 */
export class UsageError extends Data.TaggedError("UsageError")<{
  /** The command, as typed (`plan`, `verify`, …), or `""` before one is known. */
  readonly command: string
  readonly problem: string
}> {
  override get message(): string {
    return `replicore${this.command === "" ? "" : ` ${this.command}`}: ${this.problem}`
  }
}

/**
 * An input the command cannot use, named by its file (`-` reads standard
 * input, named `<stdin>`): the problem in one line, then the decoder's
 * problem lines, indented, when there are any.
 *
 * @since 0.1.0
 */
export class InputError extends Data.TaggedError("InputError")<{
  readonly command: string
  readonly file: string
  readonly problem: string
  readonly details?: ReadonlyArray<string>
}> {
  override get message(): string {
    const head = `replicore ${this.command}: ${this.file}: ${this.problem}`
    return [head, ...(this.details ?? []).map((line) => `  ${line}`)].join("\n")
  }
}

/**
 * Either failure of a command line.
 *
 * @since 0.1.0
 */
export type CliError = UsageError | InputError
