/**
 * End-to-end tests of the `replicore` command: the built command in a child
 * process, its help, its exit codes, every kind of bad input (one line that
 * names the file, never a stack trace), `plan` on the shipped example and
 * the `verify` round trip.
 */
import { chmodSync, mkdirSync, readFileSync } from "node:fs"
import { join } from "node:path"
import { beforeAll, describe, expect, it } from "vitest"
import { build, BUILD_TIMEOUT_MS, file, hasStack, type Ran, replicore, scratch } from "./support.js"

const EXAMPLE = join("examples", "cluster.json")
const COMMANDS = ["simulate", "plan", "verify", "check"]

/** A valid snapshot of another cluster: its names share nothing with the example's. */
const OTHER_CLUSTER = JSON.stringify({
  nodes: [{ id: "a", capacity: { CPU: 2 } }],
  deployments: [{ id: "d", demand: { CPU: 1 } }],
  replicas: [{ id: "z1", deployment: "d", node: "a" }]
})

let dir = ""
let examplePlan = ""

beforeAll(() => {
  build()
  dir = scratch()
  examplePlan = file(dir, "plan.json", replicore(["plan", EXAMPLE, "--json"]).stdout)
}, BUILD_TIMEOUT_MS)

/** A refusal of bad input: exit 2, nothing on stdout, a first line that names the command and the file, no stack. */
const expectBadInput = (ran: Ran, command: string, named: string): void => {
  expect(ran.status, ran.stderr).toBe(2)
  expect(ran.stdout).toBe("")
  expect(ran.stderr.split("\n")[0]).toMatch(new RegExp(`^replicore ${command}: ${named.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}: \\S`))
  expect(hasStack(ran.stderr), ran.stderr).toBe(false)
}

describe("help", () => {
  it("replicore help and replicore --help list every command and exit 0", () => {
    for (const args of [["help"], ["--help"]]) {
      const ran = replicore(args)
      expect(ran.status).toBe(0)
      for (const command of COMMANDS) expect(ran.stdout).toContain(`replicore ${command}`)
    }
  })

  it.each(COMMANDS)("replicore %s --help and replicore help %s print the command's usage and exit 0", (command) => {
    for (const args of [[command, "--help"], [command, "-h"], ["help", command]]) {
      const ran = replicore(args)
      expect(ran.status).toBe(0)
      expect(ran.stdout).toMatch(new RegExp(`^usage: replicore ${command}`))
      expect(ran.stdout).toContain("exit codes")
    }
  })

  it("without a command, prints the overview on stderr and exits 2", () => {
    const ran = replicore([])
    expect(ran.status).toBe(2)
    expect(ran.stderr).toContain("usage: replicore COMMAND")
  })

  it("report is gone: check replaced it", () => {
    expect(replicore(["report"]).status).toBe(2)
  })
})

describe("bad usage exits 2 with one line", () => {
  it.each([
    [["frob"], /^replicore: unknown command "frob"/],
    [["plan", EXAMPLE, "--frob"], /^replicore plan: unknown option --frob/],
    [["plan"], /^replicore plan: missing SNAPSHOT/],
    [["plan", EXAMPLE, "extra.json"], /^replicore plan: unexpected argument "extra.json"/],
    [["verify", EXAMPLE], /^replicore verify: missing PLAN/],
    [["check", "--runs", "many"], /^replicore check: --runs must be an integer/],
    [["check", "--seed"], /^replicore check: option --seed needs a value/],
    [["simulate", "--scenario", "moon"], /^replicore simulate: --scenario must be one of day, fragmented, large/],
    [["simulate", "--hours", "0"], /^replicore simulate: --hours must be/],
    [["simulate", "--json=yes"], /^replicore simulate: option --json takes no value/],
    [["help", "frob"], /^replicore help: unknown command "frob"/]
  ])("%j", (args, line) => {
    const ran = replicore(args)
    expect(ran.status).toBe(2)
    expect(ran.stdout).toBe("")
    expect(ran.stderr).toMatch(line)
    expect(ran.stderr.trim().split("\n")).toHaveLength(1)
  })
})

describe("bad input exits 2 with one line that names the file", () => {
  it("a missing file", () => {
    const missing = join(dir, "missing.json")
    const ran = replicore(["plan", missing])
    expectBadInput(ran, "plan", missing)
    expect(ran.stderr).toContain("no such file")
  })

  it("a directory", () => {
    const directory = join(dir, "a-directory.json")
    mkdirSync(directory, { recursive: true })
    expectBadInput(replicore(["plan", directory]), "plan", directory)
  })

  it.skipIf(process.getuid?.() === 0)("an unreadable file (not testable as root, who reads anything)", () => {
    const path = file(dir, "unreadable.json", readFileSync(EXAMPLE, "utf8"))
    chmodSync(path, 0o000)
    const ran = replicore(["plan", path])
    expectBadInput(ran, "plan", path)
    expect(ran.stderr).toContain("permission denied")
  })

  it.each([
    ["empty", "", "is empty"],
    ["blank", " \n\t\n", "is empty"],
    ["malformed", "{\"nodes\": [", "is not valid JSON"],
    ["not-an-object", "[1, 2, 3]", "is not a valid cluster snapshot"],
    ["wrong-shape", JSON.stringify({ nodes: [{ id: "n1", capacity: { CPU: -1 } }], deployments: [], replicas: [] }), "is not a valid cluster snapshot"]
  ])("a snapshot that is %s", (name, text, problem) => {
    const path = file(dir, `${name}.json`, text)
    const ran = replicore(["plan", path])
    expectBadInput(ran, "plan", path)
    expect(ran.stderr.split("\n")[0]).toContain(problem)
  })

  it("a wrong shape lists the decoder's problems, indented, under the file's line", () => {
    const path = file(dir, "negative.json", JSON.stringify({ nodes: [{ id: "n1", capacity: { CPU: -1 } }], deployments: [], replicas: [] }))
    const lines = replicore(["plan", path]).stderr.trim().split("\n")
    expect(lines[0]).toContain("(1 problem)")
    expect(lines[1]).toMatch(/^ {2}nodes\[0\] \("n1"\)\.capacity\.CPU: /)
  })

  it("bad input on stdin is named <stdin>", () => {
    expectBadInput(replicore(["plan", "-"], "not json"), "plan", "<stdin>")
  })

  it("a plan given where the snapshot belongs", () => {
    const ran = replicore(["plan", examplePlan])
    expectBadInput(ran, "plan", examplePlan)
    expect(ran.stderr).toContain("is a plan, not a cluster snapshot")
  })

  it("swapped arguments of verify", () => {
    const ran = replicore(["verify", examplePlan, EXAMPLE])
    expectBadInput(ran, "verify", examplePlan)
    expect(ran.stderr).toContain("swapped")
  })

  it("a snapshot given where the plan belongs", () => {
    const ran = replicore(["verify", EXAMPLE, EXAMPLE])
    expectBadInput(ran, "verify", EXAMPLE)
    expect(ran.stderr).toContain("not a plan")
  })

  it("a plan for another cluster", () => {
    const other = file(dir, "other.json", OTHER_CLUSTER)
    const ran = replicore(["verify", other, examplePlan])
    expectBadInput(ran, "verify", examplePlan)
    expect(ran.stderr.split("\n")[0]).toContain(`is a plan for another cluster`)
    expect(ran.stderr.split("\n")[0]).toContain(other)
    expect(ran.stderr).toMatch(/^ {2}steps\[0\] .*unknown replica/m)
  })

  it("a plan that is not a plan object", () => {
    const path = file(dir, "not-a-plan.json", JSON.stringify({ steps: "none" }))
    expectBadInput(replicore(["verify", EXAMPLE, path]), "verify", path)
  })
})

describe("plan and verify on the shipped example", () => {
  it("plan releases nodes, moves nothing onto the head node, and exits 0", () => {
    const ran = replicore(["plan", EXAMPLE, "--json"])
    expect(ran.status).toBe(0)
    const plan = JSON.parse(ran.stdout) as { steps: Array<{ to: string }>; released: Array<unknown> }
    expect(plan.released.length).toBeGreaterThan(0)
    expect(plan.steps.filter((s) => s.to === "head")).toEqual([])
  })

  it("plan prints the plan in words, and --verify adds the verifier's verdict", () => {
    const ran = replicore(["plan", EXAMPLE, "--verify"])
    expect(ran.status).toBe(0)
    expect(ran.stdout).toMatch(/^nodes 5 → \d+/)
    expect(ran.stdout).toContain("plan verified")
  })

  it("plan reads the snapshot from stdin with -", () => {
    const ran = replicore(["plan", "-", "--json"], readFileSync(EXAMPLE, "utf8"))
    expect(ran.status).toBe(0)
    expect(ran.stdout).toBe(readFileSync(examplePlan, "utf8"))
  })

  it("verify accepts the plan that plan made (round trip), from a file and from stdin", () => {
    expect(replicore(["verify", EXAMPLE, examplePlan]).status).toBe(0)
    expect(replicore(["verify", EXAMPLE, "-"], readFileSync(examplePlan, "utf8")).status).toBe(0)
  })

  it("verify exits 1 and names the invariant when a step overloads a node", () => {
    const plan = JSON.parse(readFileSync(examplePlan, "utf8")) as { steps: Array<{ deployment: string; to: string }> }
    const gpuStep = plan.steps.find((s) => s.deployment === "llm")
    expect(gpuStep, "the example's plan moves an LLM replica").toBeDefined()
    if (gpuStep !== undefined) gpuStep.to = "cpu-2" // a CPU node: no GPU for the replica
    const path = file(dir, "overloaded.json", JSON.stringify(plan))
    const ran = replicore(["verify", EXAMPLE, path])
    expect(ran.status).toBe(1)
    expect(ran.stderr).toMatch(/K1 violated/)
    expect(hasStack(ran.stderr)).toBe(false)
  })
})
