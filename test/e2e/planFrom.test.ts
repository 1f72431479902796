/**
 * End-to-end tests of `replicore plan --from kubernetes|ray`: the shipped
 * example dumps planned and verified, the notes listed under the plan, the
 * converted snapshot saved for `replicore verify`, and bad usage or input
 * refused in one line naming the file, never with a stack trace.
 */
import { readFileSync } from "node:fs"
import { join } from "node:path"
import { beforeAll, describe, expect, it } from "vitest"
import { build, BUILD_TIMEOUT_MS, file, hasStack, type Ran, replicore, scratch } from "./support.js"

const K8S = join("examples", "kubernetes")
const RAY = join("examples", "ray")
const CLUSTER = join(K8S, "cluster.json")
const PDBS = join(K8S, "pdbs.json")
const PRICES = join(K8S, "prices.json")
const NODES = join(RAY, "nodes.json")
const ACTORS = join(RAY, "actors.json")

let dir = ""

beforeAll(async () => {
  await build()
  dir = scratch()
}, BUILD_TIMEOUT_MS)

const expectRefused = (ran: Ran, firstLine: RegExp): void => {
  expect(ran.status, ran.stderr).toBe(2)
  expect(ran.stdout).toBe("")
  expect(ran.stderr.split("\n")[0]).toMatch(firstLine)
  expect(hasStack(ran.stderr), ran.stderr).toBe(false)
}

describe("plan --from kubernetes", () => {
  it("plans the example with its budgets and prices, verifies it, and lists what it left out or pinned", () => {
    const ran = replicore(["plan", "--from", "kubernetes", CLUSTER, PDBS, "--prices", PRICES, "--verify"])
    expect(ran.status, ran.stderr).toBe(0)
    expect(ran.stdout).toMatch(/^nodes 6 → 5, cost 12\.88 → 7\.208; 1 migrations in 1 waves$/m)
    expect(ran.stdout).toMatch(/^ {2}release gpu-[12] after wave 1$/m)
    expect(ran.stdout).toContain("from the dump: 7 nodes, 14 replicas of 9 deployments; 21 items left out, pinned or restricted:")
    expect(ran.stdout).toContain("  pinned pod default/debug-shell: no controller (a bare pod is not recreated elsewhere)")
    expect(ran.stdout).toContain("  left out pod default/web-6d4b8f7c9d-m1v6c: phase Pending, not Running")
    expect(ran.stdout).toContain("  accepts no replicas node cpu-b1: cordoned (spec.unschedulable)")
    expect(ran.stdout).toContain("plan verified:")
  })

  it("takes the budgets before the dump too, and --json keeps stdout a plan that verify accepts with the saved snapshot", () => {
    const snapshot = join(dir, "k8s-snapshot.json")
    const ran = replicore(["plan", "--from", "kubernetes", PDBS, CLUSTER, "--json", "--save-snapshot", snapshot])
    expect(ran.status, ran.stderr).toBe(0)
    expect(ran.stderr).toContain("21 items left out, pinned or restricted:")
    const planFile = file(dir, "k8s-plan.json", ran.stdout)
    const saved = JSON.parse(readFileSync(snapshot, "utf8")) as { deployments: Array<{ id: string; maxSurge: number }> }
    expect(saved.deployments.find((d) => d.id === "default/ReplicaSet/web-6d4b8f7c9d")?.maxSurge).toBe(2)
    const verified = replicore(["verify", snapshot, planFile])
    expect(verified.status, verified.stderr).toBe(0)
  })

  it("refuses a malformed dump in one line naming the file, with the path inside it", () => {
    const dump = JSON.parse(readFileSync(CLUSTER, "utf8")) as { items: Array<{ status: { allocatable: Record<string, string> } }> }
    ;(dump.items[1] as { status: { allocatable: Record<string, string> } }).status.allocatable["cpu"] = "lots"
    const path = file(dir, "bad-cluster.json", JSON.stringify(dump))
    const ran = replicore(["plan", "--from", "kubernetes", path])
    expectRefused(ran, new RegExp(`^replicore plan: ${path.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}: is not a usable Kubernetes dump \\(1 problem\\)$`))
    expect(ran.stderr).toContain('  items[1] ("cpu-a1").status.allocatable.cpu: must be a Kubernetes quantity (such as 500m, 2, 32Gi, 1e3), got "lots"')
  })

  it("names a price file that misses an instance type, under the dump that has the node", () => {
    const prices = file(dir, "few-prices.json", JSON.stringify({ "m6i.2xlarge": 0.384 }))
    const ran = replicore(["plan", "--from", "kubernetes", CLUSTER, "--prices", prices])
    expectRefused(ran, /: is not a usable Kubernetes dump \(3 problems\)$/)
    expect(ran.stderr).toContain('no price for instance type "g5.12xlarge" in the price file')
  })

  it.each([
    [["plan", "--from", "kubernetes"], /^replicore plan: missing DUMP/],
    [["plan", "--from", "kubernetes", PDBS], /^replicore plan: missing DUMP: every file given is a disruption budget list/],
    [["plan", "--from", "kubernetes", CLUSTER, PDBS, PDBS], /^replicore plan: more than one disruption budget list/],
    [["plan", "--from", "mesos", CLUSTER], /^replicore plan: --from must be kubernetes or ray, got "mesos"/],
    [["plan", "--from", "ray", NODES, ACTORS, "--prices", PRICES], /^replicore plan: --prices is read with --from kubernetes only/],
    [["plan", CLUSTER, "--prices", PRICES], /^replicore plan: --prices is read with --from kubernetes only/]
  ])("bad usage %j is refused with exit 2", (args, message) => {
    expectRefused(replicore(args), message)
  })
})

describe("plan --from ray", () => {
  it("plans the example: a GPU node and a CPU node released, the notes listed", () => {
    const ran = replicore(["plan", "--from", "ray", NODES, ACTORS, "--verify"])
    expect(ran.status, ran.stderr).toBe(0)
    expect(ran.stdout).toMatch(/^nodes 5 → 3, cost 5 → 3; 3 migrations in 1 waves$/m)
    expect(ran.stdout).toContain("from the dump: 5 nodes, 8 replicas of 5 deployments; 11 items left out, pinned or restricted:")
    expect(ran.stdout).toContain("  left out actor SERVE_REPLICA::embed#Embedder#c9t4w1: state RESTARTING, not ALIVE")
    expect(ran.stdout).toContain("plan verified:")
  })

  it("says when the two files are swapped", () => {
    const ran = replicore(["plan", "--from", "ray", ACTORS, NODES])
    expectRefused(ran, /is a list of actors and .*nodes\.json a list of nodes: the arguments are swapped/)
  })

  it("refuses a malformed node list naming the file and the field", () => {
    const nodes = JSON.parse(readFileSync(NODES, "utf8")) as Array<{ resources_total: Record<string, unknown> }>
    ;(nodes[1] as { resources_total: Record<string, unknown> }).resources_total["GPU"] = -4
    const path = file(dir, "bad-nodes.json", JSON.stringify(nodes))
    const ran = replicore(["plan", "--from", "ray", path, ACTORS])
    expectRefused(ran, /: is not a usable list of Ray nodes \(1 problem\)$/)
    expect(ran.stderr).toMatch(/^ {2}nodes\[1\] \("1f2e3d4c[0-9a-f]+…?"\)\.resources_total\.GPU: must be a non-negative number, got -4$/m)
  })

  it.each([
    [["plan", "--from", "ray", NODES], /^replicore plan: missing ACTORS/],
    [["plan", "--from", "ray", NODES, ACTORS, "x.json"], /^replicore plan: unexpected argument "x\.json"/],
    [["plan", "--from", "ray", join(dir, "missing.json"), ACTORS], /missing\.json: no such file/]
  ])("bad usage or input %j is refused with exit 2", (args, message) => {
    expectRefused(replicore(args), message)
  })
})

describe("help", () => {
  it("plan --help shows both --from forms and the commands that make the dumps", () => {
    const ran = replicore(["plan", "--help"])
    expect(ran.status).toBe(0)
    expect(ran.stdout).toContain("replicore plan --from kubernetes DUMP [PDBS] [--prices PRICES]")
    expect(ran.stdout).toContain("replicore plan --from ray NODES ACTORS")
    expect(ran.stdout).toContain("kubectl get nodes,pods -A -o json")
    expect(ran.stdout).toContain("ray list actors --detail --format json")
  })
})
