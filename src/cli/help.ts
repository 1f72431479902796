/**
 * `replicore help [COMMAND]` and `replicore --help`: the commands, or one
 * command's help.
 *
 * @since 0.1.0
 */
import type { Command } from "./command.js"

/**
 * The overview: every command's synopsis and summary, and the exit codes.
 *
 * @since 0.1.0
 */
export const overview = (commands: ReadonlyArray<Command>): string =>
  [
    "usage: replicore COMMAND [ARGUMENTS] [OPTIONS]",
    "",
    "commands:",
    ...commands.flatMap((c) => [`  ${c.usage}`, `      ${c.summary}`]),
    "  replicore help [COMMAND]",
    "      This overview, or a command's help (as does COMMAND --help).",
    "",
    "exit codes: 0 success, 1 a plan or check that fails, 2 bad usage or bad input"
  ].join("\n")
