#!/usr/bin/env node
/**
 * The `replicore` command: `simulate`, `plan`, `verify`, `check` and `help`.
 * Every failure ends in one line on stderr and an exit code (0 success, 1 a
 * plan or check that fails, 2 bad usage or bad input); never a stack trace.
 *
 * @since 0.1.0
 */
import { Either } from "effect"
import { parse } from "./args.js"
import { helpText } from "./command.js"
import { commands } from "./commands/index.js"
import { type CliError, UsageError } from "./errors.js"
import { BAD_INPUT, FAILED, SUCCESS } from "./exitCodes.js"
import { overview } from "./help.js"
import { print, printError } from "./output.js"

const HINT = "run replicore help for the commands"

const fail = (error: CliError): number => {
  printError(error._tag === "UsageError" ? `${error.message} (${error.command === "" || error.command === "help" ? HINT : `see replicore ${error.command} --help`})` : error.message)
  return BAD_INPUT
}

const help = (args: ReadonlyArray<string>): number => {
  if (args.length === 0) {
    print(overview(commands))
    return SUCCESS
  }
  const [name, ...extra] = args
  const command = commands.find((c) => c.signature.command === name)
  if (extra.length > 0) return fail(new UsageError({ command: "help", problem: `unexpected arguments ${extra.map((a) => JSON.stringify(a)).join(" ")}` }))
  if (command === undefined) return fail(new UsageError({ command: "help", problem: `unknown command ${JSON.stringify(name)}` }))
  print(helpText(command))
  return SUCCESS
}

/**
 * Runs one command line and answers its exit code.
 *
 * @since 0.1.0
 */
export const main = async (args: ReadonlyArray<string>): Promise<number> => {
  const [name, ...rest] = args
  if (name === undefined) {
    printError(overview(commands))
    return BAD_INPUT
  }
  if (name === "help" || name === "--help" || name === "-h") return help(name === "help" ? rest : [])
  const command = commands.find((c) => c.signature.command === name)
  if (command === undefined) return fail(new UsageError({ command: "", problem: `unknown command ${JSON.stringify(name)}` }))
  const parsed = parse(command.signature, rest)
  if (Either.isLeft(parsed)) return fail(parsed.left)
  if (parsed.right.help) {
    print(helpText(command))
    return SUCCESS
  }
  const outcome = await command.run(parsed.right)
  return Either.isLeft(outcome) ? fail(outcome.left) : outcome.right
}

try {
  process.exitCode = await main(process.argv.slice(2))
} catch (error) {
  printError(`replicore: unexpected error, please report it: ${error instanceof Error ? error.message : String(error)}`)
  process.exitCode = FAILED
}
