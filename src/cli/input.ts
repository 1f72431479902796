/**
 * Reading a command's JSON inputs: a file, or standard input for `-`. Every
 * way a file can be unusable (missing, a directory, unreadable, empty, not
 * JSON) is an `InputError` that names the file; nothing throws.
 *
 * @since 0.1.0
 */
import { Either } from "effect"
import { readFile } from "node:fs/promises"
import { InputError } from "./errors.js"

/** The argument that reads standard input. */
const STDIN = "-"

/**
 * How a file is named in messages: its path as given, `<stdin>` for `-`.
 *
 * @since 0.1.0
 */
export const displayName = (path: string): string => (path === STDIN ? "<stdin>" : path)

const SYSTEM_PROBLEMS: Readonly<Record<string, string>> = {
  ENOENT: "no such file",
  EACCES: "cannot be read (permission denied)",
  EPERM: "cannot be read (permission denied)",
  EISDIR: "is a directory, not a file",
  ENOTDIR: "no such file (a part of the path is not a directory)",
  ELOOP: "cannot be read (too many symbolic links)"
}

const readStdin = async (): Promise<string> => {
  const chunks: Array<Buffer> = []
  for await (const chunk of process.stdin) chunks.push(Buffer.from(chunk as Uint8Array))
  return Buffer.concat(chunks).toString("utf8")
}

const readText = async (command: string, path: string): Promise<Either.Either<string, InputError>> => {
  try {
    return Either.right(path === STDIN ? await readStdin() : await readFile(path, "utf8"))
  } catch (error) {
    const code = String((error as { code?: unknown }).code ?? "")
    const problem = SYSTEM_PROBLEMS[code] ?? `cannot be read (${error instanceof Error ? error.message : String(error)})`
    return Either.left(new InputError({ command, file: displayName(path), problem }))
  }
}

/**
 * Reads and parses one JSON file (or standard input for `-`).
 *
 * @since 0.1.0
 */
export const readJson = async (command: string, path: string): Promise<Either.Either<unknown, InputError>> => {
  const text = await readText(command, path)
  if (Either.isLeft(text)) return text
  const file = displayName(path)
  if (text.right.trim() === "") return Either.left(new InputError({ command, file, problem: "is empty (expected JSON)" }))
  try {
    return Either.right(JSON.parse(text.right) as unknown)
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error)
    return Either.left(new InputError({ command, file, problem: `is not valid JSON (${reason})` }))
  }
}
