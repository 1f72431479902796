/**
 * Runs the built `replicore` command (`dist/src/cli/main.js`) in a child
 * process, as a user's shell would, and builds it once per test file.
 */
import { execFileSync, spawnSync } from "node:child_process"
import { mkdirSync, mkdtempSync, readdirSync, rmdirSync, statSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { setTimeout as sleep } from "node:timers/promises"

const MAIN = join("dist", "src", "cli", "main.js")

/** Long enough for `tsc` on a loaded 2-core machine. */
export const BUILD_TIMEOUT_MS = 300_000

/** The sources the command is built from. */
const SOURCES = ["src", "spec"]
/** Held by the test file that builds, while the others wait: the e2e files run in parallel. */
const LOCK = join("dist", ".e2e-build.lock")
/** How often a waiting file looks at the lock. */
const POLL_MS = 500

const newestSource = (directory: string): number =>
  readdirSync(directory, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith(".ts"))
    .reduce((newest, e) => Math.max(newest, statSync(join(e.parentPath, e.name)).mtimeMs), 0)

/** Whether the built command is newer than every source (as after `npm run build`). */
const upToDate = (): boolean => {
  try {
    return statSync(MAIN).mtimeMs >= Math.max(...SOURCES.map(newestSource))
  } catch {
    return false
  }
}

const exists = (path: string): boolean => {
  try {
    statSync(path)
    return true
  } catch {
    return false
  }
}

/**
 * Compiles the package as `npm run build` does, unless it is built already;
 * when another test file is building it, waits for that build.
 */
export const build = async (): Promise<void> => {
  if (upToDate()) return
  mkdirSync("dist", { recursive: true })
  try {
    mkdirSync(LOCK)
  } catch {
    while (exists(LOCK)) await sleep(POLL_MS)
    return
  }
  try {
    execFileSync("npx", ["tsc", "-p", "tsconfig.build.json"], { stdio: "inherit" })
  } finally {
    rmdirSync(LOCK)
  }
}

export interface Ran {
  readonly status: number | null
  readonly stdout: string
  readonly stderr: string
}

/** Runs `replicore ...args`, with `input` on stdin; stdout and stderr are pipes, not a terminal. */
export const replicore = (args: ReadonlyArray<string>, input = ""): Ran => {
  const ran = spawnSync(process.execPath, [MAIN, ...args], { input, encoding: "utf8", timeout: BUILD_TIMEOUT_MS })
  return { status: ran.status, stdout: ran.stdout, stderr: ran.stderr }
}

/** A fresh directory for the files of one test. */
export const scratch = (): string => mkdtempSync(join(tmpdir(), "replicore-e2e-"))

/** Writes `text` to `name` in `directory` and answers its path. */
export const file = (directory: string, name: string, text: string): string => {
  const path = join(directory, name)
  writeFileSync(path, text)
  return path
}

/** Whether a text shows a stack trace (a line `    at f (file:line:col)`). */
export const hasStack = (text: string): boolean => /^\s+at .+[:(]/m.test(text)
