/**
 * `fromKubernetes`: the example dump converted into the snapshot written out
 * by hand below, each rule on a small dump of its own, refusals naming the
 * path of the offending field, and fuzzed dumps (never a throw; a malformed
 * field read by the import is refused at its path).
 */
import { Either } from "effect"
import fc from "fast-check"
import { readFileSync } from "node:fs"
import { describe, expect, it } from "vitest"
import { propertyParameters } from "../../../properties/support/settings.js"
import { deepFreeze } from "../../../spec/freeze.js"
import { Compaction } from "../../../src/index.js"
import { expectRefusedAt, pathsOf, replaced } from "./fixtures.js"

const json = (path: string): unknown => JSON.parse(readFileSync(path, "utf8"))
const CLUSTER = json("examples/kubernetes/cluster.json")
const PDBS = json("examples/kubernetes/pdbs.json")
const PRICES = json("examples/kubernetes/prices.json")

/** The problem lines of a refused dump, or `[]` when it converted. */
const problems = (dump: Compaction.KubernetesDump): Array<string> => {
  const result = Compaction.fromKubernetes(dump)
  return Either.isLeft(result) ? result.left.problems.map((p) => `${p.item}: ${p.problem}`) : []
}

const imported = (dump: Compaction.KubernetesDump): Compaction.Imported => Compaction.fromKubernetesOrThrow(deepFreeze(dump))

// ---------------------------------------------------------------------------------------------
// The example, converted by hand.
//
// Units: cpu in milli-CPU; memory and ephemeral-storage in MiB, rounded down for a node
// (30631508Ki = 29913.58… MiB → 29913; 95491281146 bytes = 91067.9… MiB → 91067;
// 192205436Ki → 187700; 7629508Ki → 7450; 18242267924 bytes → 17397).
// DaemonSet and static pods come off their node: kube-proxy 100m and a pod on every node,
// kube-apiserver 250m and a pod on cp-1, the device plugin a pod on each GPU node.

const labels = (name: string, type: string, pool: string, extra: Record<string, string> = {}) => ({
  "kubernetes.io/arch": "amd64",
  "kubernetes.io/hostname": name,
  "kubernetes.io/os": "linux",
  "node.kubernetes.io/instance-type": type,
  "topology.kubernetes.io/zone": "eu-west-1a",
  pool,
  ...extra
})
const HUGEPAGES = { "hugepages-1Gi": 0, "hugepages-2Mi": 0 }
const CPU_NODE = { CPU: 7910 - 100, memory: 29913, pods: 58 - 1, "ephemeral-storage": 91067, ...HUGEPAGES }
const GPU_NODE = { CPU: 47810 - 100, memory: 187700, pods: 234 - 2, "ephemeral-storage": 91067, ...HUGEPAGES, "nvidia.com/gpu": 4 }

const EXPECTED_NODES = [
  {
    id: "cp-1",
    capacity: { CPU: 1930 - 250 - 100, memory: 7450, pods: 29 - 2, "ephemeral-storage": 17397, ...HUGEPAGES },
    cost: 1,
    releasable: false,
    acceptsIncoming: false,
    labels: labels("cp-1", "m6i.large", "system", { "node-role.kubernetes.io/control-plane": "" })
  },
  ...["cpu-a1", "cpu-a2", "cpu-a3"].map((id) => ({
    id,
    capacity: CPU_NODE,
    cost: 1,
    releasable: true,
    acceptsIncoming: true,
    labels: labels(id, "m6i.2xlarge", "general")
  })),
  { id: "cpu-b1", capacity: CPU_NODE, cost: 1, releasable: true, acceptsIncoming: false, labels: labels("cpu-b1", "m6i.2xlarge", "batch") },
  ...["gpu-1", "gpu-2"].map((id) => ({
    id,
    capacity: GPU_NODE,
    cost: 1,
    releasable: true,
    acceptsIncoming: true,
    labels: labels(id, "g5.12xlarge", "gpu")
  }))
]

const deployment = (id: string, demand: Record<string, number>, maxSurge = 1) => ({ id, demand, maxSurge, migrationCost: 1 })

const EXPECTED_DEPLOYMENTS = [
  deployment("kube-system/ReplicaSet/coredns-76f75df574", { CPU: 100, memory: 70, pods: 1 }),
  // web: 500m + the envoy sidecar's 100m; 512Mi + 64Mi
  deployment("default/ReplicaSet/web-6d4b8f7c9d", { CPU: 600, memory: 576, pods: 1 }),
  // api: the migrate init container's 1500m beats the container's 1 CPU; memory 2Gi beats 256Mi
  deployment("default/ReplicaSet/api-5f7d9c6b8", { CPU: 1500, memory: 2048, pods: 1 }),
  deployment("default/ReplicaSet/cache-7b9f6d5c4", { CPU: 250, memory: 1024, pods: 1 }),
  deployment("ml/ReplicaSet/llm-7b-59c6d8f4b", { CPU: 8000, memory: 32768, "nvidia.com/gpu": 1, pods: 1 }),
  deployment("ml/ReplicaSet/embedder-84c5b7d9f", { CPU: 2000, memory: 4096, "nvidia.com/gpu": 1, pods: 1 }),
  deployment("default/Job/report-28394710", { CPU: 1000, memory: 1024, pods: 1 }),
  deployment("default/Pod/debug-shell", { CPU: 100, memory: 64, pods: 1 }),
  deployment("monitoring/StatefulSet/prometheus", { CPU: 500, memory: 2048, pods: 1 })
]

const replica = (id: string, deployment: string, node: string, movable = true) => ({ id, deployment, node, movable })

const EXPECTED_REPLICAS = [
  replica("kube-system/coredns-76f75df574-5bx7k", "kube-system/ReplicaSet/coredns-76f75df574", "cpu-a1"),
  replica("kube-system/coredns-76f75df574-9mz2q", "kube-system/ReplicaSet/coredns-76f75df574", "cpu-a2"),
  replica("default/web-6d4b8f7c9d-h2k9d", "default/ReplicaSet/web-6d4b8f7c9d", "cpu-a1"),
  replica("default/web-6d4b8f7c9d-j7p3x", "default/ReplicaSet/web-6d4b8f7c9d", "cpu-a2"),
  replica("default/web-6d4b8f7c9d-l4q8z", "default/ReplicaSet/web-6d4b8f7c9d", "cpu-a3"),
  replica("default/api-5f7d9c6b8-n3c7w", "default/ReplicaSet/api-5f7d9c6b8", "cpu-a3"),
  replica("default/api-5f7d9c6b8-p8f2s", "default/ReplicaSet/api-5f7d9c6b8", "cpu-b1"),
  replica("default/cache-7b9f6d5c4-t6y2u", "default/ReplicaSet/cache-7b9f6d5c4", "cpu-a1", false),
  replica("ml/llm-7b-59c6d8f4b-v5b8n", "ml/ReplicaSet/llm-7b-59c6d8f4b", "gpu-1"),
  replica("ml/llm-7b-59c6d8f4b-w1x4m", "ml/ReplicaSet/llm-7b-59c6d8f4b", "gpu-2"),
  replica("ml/embedder-84c5b7d9f-z9a3k", "ml/ReplicaSet/embedder-84c5b7d9f", "gpu-2"),
  replica("default/report-28394710-k2j8h", "default/Job/report-28394710", "cpu-a2", false),
  replica("default/debug-shell", "default/Pod/debug-shell", "cpu-a3", false),
  replica("monitoring/prometheus-0", "monitoring/StatefulSet/prometheus", "cpu-a2", false)
]

const NOT_MATCHED = "(tolerations are not matched)"
const HELD = "its requests are taken off the node's capacity; it leaves with the node"
const EXPECTED_NOTES = [
  "not releasable node cp-1: control-plane node (label node-role.kubernetes.io/control-plane)",
  `accepts no replicas node cp-1: taint node-role.kubernetes.io/control-plane:NoSchedule ${NOT_MATCHED}`,
  `accepts no replicas node cpu-b1: cordoned (spec.unschedulable); taint node.kubernetes.io/unschedulable:NoSchedule ${NOT_MATCHED}`,
  `counted on its node pod kube-system/kube-apiserver-cp-1: static pod: ${HELD}`,
  ...["x7k2p", "b4n8q", "c9w3d", "d2m5f", "e6t1g", "f3r7h", "g8s4j"].map((s) =>
    `counted on its node pod kube-system/kube-proxy-${s}: DaemonSet kube-proxy pod: ${HELD}`
  ),
  ...["q2w9e", "r5t1y"].map((s) =>
    `counted on its node pod kube-system/nvidia-device-plugin-${s}: DaemonSet nvidia-device-plugin pod: ${HELD}`
  ),
  "left out pod default/web-6d4b8f7c9d-m1v6c: phase Pending, not Running",
  "pinned pod default/cache-7b9f6d5c4-t6y2u: its nodeSelector or required node affinity leaves out nodes that could take it (the snapshot cannot restrict where a replica moves)",
  "pinned pod default/report-28394710-k2j8h: local storage (emptyDir volume scratch)",
  "left out pod default/report-28394650-q7r3t: phase Succeeded, not Running",
  "pinned pod default/debug-shell: no controller (a bare pod is not recreated elsewhere)",
  'pinned pod monitoring/prometheus-0: annotation cluster-autoscaler.kubernetes.io/safe-to-evict: "false"; persistent volume claim (volume data: it may not attach on two nodes at once, nor in another zone)'
]

describe("the example dump", () => {
  it("converts into the snapshot written by hand, with every note", () => {
    const { notes, snapshot } = imported({ lists: [CLUSTER] })
    expect(snapshot).toEqual({ nodes: EXPECTED_NODES, deployments: EXPECTED_DEPLOYMENTS, replicas: EXPECTED_REPLICAS })
    expect(notes.map(Compaction.describeNote)).toEqual(EXPECTED_NOTES)
  })

  it("with its disruption budgets and prices: maxSurge from the budgets, cost by instance type, the cost objective", () => {
    const { notes, snapshot } = imported({ lists: [CLUSTER], pdbs: PDBS, prices: PRICES })
    const surge: Record<string, number> = {
      "kube-system/ReplicaSet/coredns-76f75df574": 1,
      "default/ReplicaSet/web-6d4b8f7c9d": 2,
      "default/ReplicaSet/api-5f7d9c6b8": 0
    }
    const price: Record<string, number> = { "m6i.large": 0.096, "m6i.2xlarge": 0.384, "g5.12xlarge": 5.672 }
    expect(snapshot).toEqual({
      nodes: EXPECTED_NODES.map((n) => ({ ...n, cost: price[n.labels["node.kubernetes.io/instance-type"]] })),
      deployments: EXPECTED_DEPLOYMENTS.map((d) => ({ ...d, maxSurge: surge[d.id] ?? 1 })),
      replicas: EXPECTED_REPLICAS,
      options: { objective: "cost", seed: 0 }
    })
    expect(notes.map(Compaction.describeNote)).toEqual([
      ...EXPECTED_NOTES,
      "pinned pod default/api-5f7d9c6b8-n3c7w: disruption budget default/api allows no disruption now (maxSurge 0)",
      "pinned pod default/api-5f7d9c6b8-p8f2s: disruption budget default/api allows no disruption now (maxSurge 0)"
    ])
  })

  it("plans a verified release of a GPU node", () => {
    const { snapshot } = imported({ lists: [CLUSTER], pdbs: PDBS, prices: PRICES })
    const plan = Compaction.plan(snapshot)
    expect(Either.isRight(Compaction.verify(snapshot, plan))).toBe(true)
    expect(plan.released.map((r) => r.node)).toHaveLength(1)
    expect(["gpu-1", "gpu-2"]).toContain(plan.released[0]?.node)
  })

  it("reads the same dump split into a node list and a pod list, items without their kind", () => {
    const items = (CLUSTER as { items: Array<{ kind: string }> }).items
    const list = (kind: string) => ({ kind: `${kind}List`, items: items.filter((i) => i.kind === kind).map(({ kind: _, ...rest }) => rest) })
    expect(imported({ lists: [list("Pod"), list("Node")] }).snapshot).toEqual(imported({ lists: [CLUSTER] }).snapshot)
  })
})

// ---------------------------------------------------------------------------------------------
// Each rule on a dump of its own.

describe("lists", () => {
  it("takes a single object (kubectl get node x -o json) as a list of one", () => {
    const { snapshot } = Compaction.fromKubernetesOrThrow({ lists: [node("a"), { kind: "List", items: [pod("p", "a")] }] })
    expect(snapshot.nodes.map((n) => n.id)).toEqual(["a"])
    expect(snapshot.replicas.map((r) => r.id)).toEqual(["ns/p"])
  })
})

const node = (name: string, extra: { spec?: object; labels?: Record<string, string>; allocatable?: object } = {}) => ({
  kind: "Node",
  metadata: { name, labels: extra.labels ?? {} },
  spec: extra.spec ?? {},
  status: { allocatable: extra.allocatable ?? { cpu: "4", memory: "8Gi", pods: "110" } }
})

interface PodOptions {
  readonly owner?: { readonly kind: string; readonly name: string } | null
  readonly annotations?: Record<string, string>
  readonly labels?: Record<string, string>
  readonly spec?: object
  readonly cpu?: string
  readonly phase?: string
}

const pod = (name: string, nodeName: string, o: PodOptions = {}) => ({
  kind: "Pod",
  metadata: {
    name,
    namespace: "ns",
    labels: o.labels ?? { app: "a" },
    ...(o.annotations === undefined ? {} : { annotations: o.annotations }),
    ...(o.owner === null ? {} : { ownerReferences: [{ ...(o.owner ?? { kind: "ReplicaSet", name: "a-1" }), controller: true }] })
  },
  spec: { nodeName, containers: [{ name: "c", resources: { requests: { cpu: o.cpu ?? "250m" } } }], ...o.spec },
  status: { phase: o.phase ?? "Running" }
})

const dumpOf = (...items: ReadonlyArray<object>): Compaction.KubernetesDump => ({ lists: [{ kind: "List", items }] })

const notesOf = (dump: Compaction.KubernetesDump): Array<string> => imported(dump).notes.map(Compaction.describeNote)

describe("nodes", () => {
  it("a NoExecute taint closes a node, a PreferNoSchedule taint does not; the legacy master label keeps it", () => {
    const { snapshot } = imported(dumpOf(
      node("a", { spec: { taints: [{ key: "k", value: "v", effect: "NoExecute" }] } }),
      node("b", { spec: { taints: [{ key: "k", effect: "PreferNoSchedule" }] } }),
      node("m", { labels: { "node-role.kubernetes.io/master": "" } })
    ))
    expect(snapshot.nodes.map((n) => [n.id, n.acceptsIncoming, n.releasable])).toEqual([
      ["a", false, true],
      ["b", true, true],
      ["m", true, false]
    ])
  })

  it("a node whose pods request more than it allocates accepts nothing, its capacity raised to the requests", () => {
    const dump = dumpOf(node("a", { allocatable: { cpu: "1", pods: "10" } }), pod("p1", "a", { cpu: "800m" }), pod("p2", "a", { cpu: "800m" }))
    const { notes, snapshot } = imported(dump)
    expect(snapshot.nodes[0]).toMatchObject({ capacity: { CPU: 1600, pods: 10 }, acceptsIncoming: false })
    expect(notes.map(Compaction.describeNote)).toEqual([
      "accepts no replicas node a: its pods request more CPU than it can allocate: capacity raised to their requests"
    ])
  })

  it("DaemonSet pods do not keep a node from being released", () => {
    const ds = { owner: { kind: "DaemonSet", name: "agent" }, cpu: "200m" }
    const { snapshot } = imported(dumpOf(node("a"), node("b"), pod("d1", "a", ds), pod("d2", "b", ds), pod("p1", "a"), pod("p2", "b")))
    expect(snapshot.nodes.map((n) => n.capacity["CPU"])).toEqual([3800, 3800])
    expect(Compaction.plan(snapshot).released).toHaveLength(1)
  })
})

describe("pods", () => {
  it("pins what must not move, with every reason", () => {
    const notes = notesOf(dumpOf(
      node("a"),
      node("b"),
      pod("bare", "a", { owner: null }),
      pod("evict", "a", { annotations: { "cluster-autoscaler.kubernetes.io/safe-to-evict": "false" } }),
      pod("karp", "a", { annotations: { "karpenter.sh/do-not-disrupt": "true" } }),
      pod("host", "a", { spec: { volumes: [{ name: "logs", hostPath: { path: "/var/log" } }] } }),
      pod("anti", "a", { spec: { affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: "x" }] } } } }),
      pod("aff", "a", { spec: { affinity: { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: "x" }] } } } }),
      pod("spread", "a", { spec: { topologySpreadConstraints: [{ whenUnsatisfiable: "DoNotSchedule", maxSkew: 1 }] } }),
      pod("sel", "a", { spec: { nodeSelector: { "kubernetes.io/hostname": "a" } } })
    ))
    expect(notes).toEqual([
      "pinned pod ns/bare: no controller (a bare pod is not recreated elsewhere)",
      'pinned pod ns/evict: annotation cluster-autoscaler.kubernetes.io/safe-to-evict: "false"',
      'pinned pod ns/karp: annotation karpenter.sh/do-not-disrupt: "true"',
      "pinned pod ns/host: local storage (hostPath volume logs)",
      "pinned pod ns/anti: required pod anti-affinity (the snapshot cannot express it)",
      "pinned pod ns/aff: required pod affinity (the snapshot cannot express it)",
      "pinned pod ns/spread: a DoNotSchedule topology spread constraint (the snapshot cannot express it)",
      "pinned pod ns/sel: its nodeSelector or required node affinity leaves out nodes that could take it (the snapshot cannot restrict where a replica moves)"
    ])
  })

  it("moves what may: safe-to-evict allows local storage; a selector every node matches; a ScheduleAnyway spread", () => {
    const { notes, snapshot } = imported(dumpOf(
      node("a", { labels: { pool: "x" } }),
      node("b", { labels: { pool: "x" } }),
      pod("tmp", "a", {
        annotations: { "cluster-autoscaler.kubernetes.io/safe-to-evict": "true" },
        spec: { volumes: [{ name: "tmp", emptyDir: {} }] }
      }),
      pod("sel", "a", { spec: { nodeSelector: { pool: "x" } } }),
      pod("soft", "b", { spec: { topologySpreadConstraints: [{ whenUnsatisfiable: "ScheduleAnyway" }] } })
    ))
    expect(notes).toEqual([])
    expect(snapshot.replicas.every((r) => r.movable)).toBe(true)
  })

  it("leaves out pods that are not running, not bound or on a node not in the dump", () => {
    expect(notesOf(dumpOf(node("a"), pod("p", "a", { phase: "Failed" }), pod("q", "zz"), { ...pod("r", "a"), spec: { containers: [] } })))
      .toEqual([
        "left out pod ns/p: phase Failed, not Running",
        "left out pod ns/q: its node zz is not in the dump",
        "left out pod ns/r: not bound to a node (spec.nodeName)"
      ])
  })

  it("splits a controller's pods with different requests into one deployment per demand", () => {
    const { snapshot } = imported(dumpOf(node("a"), pod("p1", "a", { cpu: "1" }), pod("p2", "a", { cpu: "2" }), pod("p3", "a", { cpu: "1" })))
    expect(snapshot.deployments.map((d) => [d.id, d.demand["CPU"]])).toEqual([["ns/ReplicaSet/a-1", 1000], ["ns/ReplicaSet/a-1~2", 2000]])
    expect(snapshot.replicas.map((r) => r.deployment)).toEqual(["ns/ReplicaSet/a-1", "ns/ReplicaSet/a-1~2", "ns/ReplicaSet/a-1"])
  })

  it("shares a budget's allowed disruptions evenly among the deployments it selects", () => {
    const pdb = (name: string, allowed: number, selector: object | null) => ({
      kind: "PodDisruptionBudget",
      metadata: { name, namespace: "ns" },
      spec: { selector },
      status: { disruptionsAllowed: allowed }
    })
    const dump = {
      ...dumpOf(node("a"), pod("x", "a", { owner: { kind: "ReplicaSet", name: "x" } }), pod("y", "a", { owner: { kind: "ReplicaSet", name: "y" } })),
      pdbs: { kind: "List", items: [pdb("both", 5, { matchLabels: { app: "a" } }), pdb("none", 0, null)] }
    }
    expect(imported(dump).snapshot.deployments.map((d) => d.maxSurge)).toEqual([2, 2])
  })
})

// ---------------------------------------------------------------------------------------------
// Refusals: every problem at the path of its field.

describe("refusals", () => {
  it("names each malformed field with the path and the item", () => {
    const bad = pod("p", "a")
    bad.spec.containers[0] = { name: "c", resources: { requests: { cpu: "1.5 cores" } } }
    expect(problems(dumpOf(node("a", { allocatable: { memory: "-1Gi" } }), bad, { kind: "Service", metadata: { name: "s" } }))).toEqual([
      'lists[0].items[0] ("a").status.allocatable.memory: must not be negative, got "-1Gi"',
      'lists[0].items[1] ("ns/p").spec.containers[0].resources.requests.cpu: must be a Kubernetes quantity (such as 500m, 2, 32Gi, 1e3), got "1.5 cores"',
      'lists[0].items[2] ("s").kind: must be "Node" or "Pod", got "Service"'
    ])
  })

  it("refuses a dump that is not a list of Lists, a missing field, a duplicate, a price file that misses a type", () => {
    expect(problems({ lists: { items: [] } })).toEqual(["lists: must be a list of kubectl List objects, got an object"])
    expect(problems({ lists: [{ kind: "List" }] })).toEqual(["lists[0].items: missing (expected a list of objects)"])
    expect(problems(dumpOf({ kind: "Node", metadata: { name: "a" } }))).toEqual(['lists[0].items[0] ("a").status: missing (expected a value)'])
    expect(problems(dumpOf(node("a"), node("a")))).toEqual(['lists[0].items[1] ("a").metadata.name: duplicate node "a"'])
    expect(problems({ ...dumpOf(node("a", { labels: { "node.kubernetes.io/instance-type": "x1" } })), prices: { y1: 1 } })).toEqual([
      'lists[0].items[0] ("a").metadata.labels["node.kubernetes.io/instance-type"]: no price for instance type "x1" in the price file'
    ])
    expect(problems({ ...dumpOf(), prices: { y1: -1 } })).toEqual(["prices.y1: must be a non-negative finite number, got -1"])
  })
})

// ---------------------------------------------------------------------------------------------
// Fuzzed dumps.

const EXAMPLE = { lists: [CLUSTER], pdbs: PDBS, prices: PRICES }
const EXAMPLE_PATHS = pathsOf(EXAMPLE)

/** Fields the import reads, each with values that are not what Kubernetes writes there. */
const READ_FIELDS: ReadonlyArray<readonly [ReadonlyArray<string | number>, fc.Arbitrary<unknown>]> = [
  [["lists", 0, "items", 1, "status", "allocatable", "cpu"], fc.constantFrom("7.9 cores", "-1", "", null, true, {})],
  [["lists", 0, "items", 5, "metadata", "name"], fc.constantFrom(7, null, [], {})],
  [["lists", 0, "items", 20, "spec", "containers"], fc.constantFrom("web", 3, null, {})],
  [["lists", 0, "items", 20, "spec", "containers", 0, "resources", "requests", "memory"], fc.constantFrom("512 MB", "1e", -5, false)],
  [["lists", 0, "items", 20, "spec", "initContainers", 0, "restartPolicy"], fc.constantFrom(1, null, [])],
  [["lists", 0, "items", 24, "metadata", "ownerReferences", 0, "kind"], fc.constantFrom(0, null, {})],
  [["lists", 0, "items", 4, "spec", "unschedulable"], fc.constantFrom("yes", 1, [])],
  [["lists", 0, "items", 4, "spec", "taints", 0, "effect"], fc.constantFrom(2, null)],
  [["pdbs", "items", 1, "status", "disruptionsAllowed"], fc.constantFrom(-1, 1.5, "2")],
  [["prices", "m6i.2xlarge"], fc.constantFrom(-0.1, "0.384", null)]
]

describe("fuzzed dumps", () => {
  it("a read field made malformed is refused with a problem at its path", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: READ_FIELDS.length - 1 }).chain((i) => {
        const [path, values] = READ_FIELDS[i] as (typeof READ_FIELDS)[number]
        return fc.tuple(fc.constant(path), values)
      }), ([path, value]) => {
        const dump = replaced(EXAMPLE, path, value) as Compaction.KubernetesDump
        const result = Compaction.fromKubernetes(dump)
        expectRefusedAt(result, path)
      }),
      propertyParameters(100)
    )
  })

  it("any value anywhere never throws: a snapshot that validates, or a refusal with problems", () => {
    fc.assert(
      fc.property(fc.constantFrom(...EXAMPLE_PATHS), fc.jsonValue({ maxDepth: 2 }), (path, value) => {
        const result = Compaction.fromKubernetes(replaced(EXAMPLE, path, value) as Compaction.KubernetesDump)
        if (Either.isLeft(result)) expect(result.left.problems.length).toBeGreaterThan(0)
        else expect(Either.isRight(Compaction.validate(result.right.snapshot))).toBe(true)
      }),
      propertyParameters(300)
    )
  })

  it("arbitrary JSON in place of the dump never throws", () => {
    fc.assert(
      fc.property(fc.record({ lists: fc.jsonValue(), pdbs: fc.jsonValue(), prices: fc.jsonValue() }, { requiredKeys: ["lists"] }), (dump) => {
        const result = Compaction.fromKubernetes(dump)
        expect(Either.isLeft(result) ? result.left.problems.length > 0 : true).toBe(true)
      }),
      propertyParameters(300)
    )
  })
})

// ---------------------------------------------------------------------------------------------
// Each rule once more, down to the line a user reads.

const pdb = (name: string, allowed: number | undefined, selector: object, namespace: string | null = "ns") => ({
  kind: "PodDisruptionBudget",
  metadata: { name, ...(namespace === null ? {} : { namespace }) },
  spec: { selector },
  ...(allowed === undefined ? {} : { status: { disruptionsAllowed: allowed } })
})

const withBudgets = (dump: Compaction.KubernetesDump, ...budgets: ReadonlyArray<object>): Compaction.KubernetesDump => ({
  ...dump,
  pdbs: { kind: "List", items: budgets }
})

const refusal = (dump: unknown): Compaction.InvalidDump => {
  const result = Compaction.fromKubernetes(dump as Compaction.KubernetesDump)
  if (Either.isRight(result)) throw new Error("expected a refusal")
  return result.left
}

describe("lists, item by item", () => {
  it("a list without a kind takes each item's own kind", () => {
    const { snapshot } = imported({ lists: [{ items: [node("a"), pod("p", "a")] }] })
    expect(snapshot.nodes.map((n) => n.id)).toEqual(["a"])
    expect(snapshot.replicas.map((r) => r.id)).toEqual(["ns/p"])
  })

  it("a list whose kind names no kind read is a list: its items are read", () => {
    const { snapshot } = imported({ lists: [{ kind: "toString", items: [node("a")] }, { kind: "constructor", items: [node("b")] }] })
    expect(snapshot.nodes.map((n) => n.id)).toEqual(["a", "b"])
  })

  it("an item without a kind in a plain List, or with a kind that is not a kind read, is refused at its kind", () => {
    expect(problems(dumpOf({ metadata: { name: "x" } }, { kind: "toString", metadata: { name: "y" } }, { kind: ["Node"], metadata: { name: "z" } })))
      .toEqual([
        'lists[0].items[0] ("x").kind: must be "Node" or "Pod", got nothing',
        'lists[0].items[1] ("y").kind: must be "Node" or "Pod", got "toString"',
        'lists[0].items[2] ("z").kind: must be "Node" or "Pod", got ["Node"]'
      ])
  })

  it("only a kind ending in List names its items' kind", () => {
    const { kind: _, ...bare } = pod("p", "a")
    expect(problems({ lists: [{ kind: "PodListing", items: [bare] }] })).toEqual([
      'lists[0].items[0] ("ns/p").kind: must be "Node" or "Pod", got nothing'
    ])
  })

  it("a list whose kind is not a string is refused at its kind", () => {
    expect(problems({ lists: [{ ...node("a"), kind: ["Node"] }] })).toEqual([
      "lists[0].kind: must be a string, got a list",
      "lists[0].items: missing (expected a list of objects)"
    ])
  })

  it("a single object that does not decode is refused at its own path, unnamed (only a List's items are named)", () => {
    expect(problems({ lists: [node("a", { allocatable: { memory: "-1Gi" } })] })).toEqual([
      'lists[0].status.allocatable.memory: must not be negative, got "-1Gi"'
    ])
  })

  it("reports every problem of the dump: a malformed item and a duplicate together", () => {
    const bad = pod("p", "a")
    bad.spec.containers[0] = { name: "c", resources: { requests: { cpu: "lots" } } }
    expect(problems(dumpOf(node("a"), node("a"), bad, pod("q", "a"), pod("q", "a")))).toEqual([
      'lists[0].items[2] ("ns/p").spec.containers[0].resources.requests.cpu: must be a Kubernetes quantity (such as 500m, 2, 32Gi, 1e3), got "lots"',
      'lists[0].items[1] ("a").metadata.name: duplicate node "a"',
      'lists[0].items[4] ("ns/q").metadata.name: duplicate pod "ns/q"'
    ])
  })

  it("a duplicate is a problem at its name and is not read further: only the first node is priced", () => {
    expect(problems({ ...dumpOf(node("a"), node("a")), prices: { x1: 1 } })).toEqual([
      'lists[0].items[1] ("a").metadata.name: duplicate node "a"',
      'lists[0].items[0] ("a").metadata.labels["node.kubernetes.io/instance-type"]: missing: the price file prices nodes by instance type'
    ])
  })

  it("a dump that is not an object is refused at the dump, from fromKubernetes", () => {
    const error = refusal("nodes.json")
    expect(error.source).toBe("fromKubernetes")
    expect(error.problems.map((p) => p.item)).toEqual(["dump"])
    expect(error.message.startsWith("replicore/compaction.fromKubernetes: invalid dump:\n")).toBe(true)
  })

  it("a converted snapshot the snapshot's checks refuse is refused from fromKubernetes, as a problem of the converted snapshot", () => {
    // two replicas of 9e12 CPU each on one node: its capacity, raised to their 1.8e16 milli-CPU, is beyond the safe integer range
    const error = refusal(dumpOf(node("a"), pod("p", "a", { cpu: "9000000000000" }), pod("q", "a", { cpu: "9000000000000" })))
    expect(error.source).toBe("fromKubernetes")
    expect(error.problems.map((p) => `${p.item}: ${p.problem}`)).toEqual([
      'converted snapshot: nodes[0] ("a").capacity.CPU: 18000000000000000 is beyond the safe integer range (-9007199254740991 to 9007199254740991)'
    ])
  })

  it("fromKubernetesOrThrow throws the InvalidDump itself", () => {
    let thrown: unknown
    try {
      Compaction.fromKubernetesOrThrow({ lists: [{ kind: "List" }] })
    } catch (e) {
      thrown = e
    }
    expect(thrown).toBeInstanceOf(Compaction.InvalidDump)
    expect((thrown as Compaction.InvalidDump).problems).toEqual([{ item: "lists[0].items", problem: "missing (expected a list of objects)" }])
  })
})

describe("nodes, note by note", () => {
  it("shows a taint as key=value:effect, or key:effect when it has no value", () => {
    expect(notesOf(dumpOf(
      node("a", { spec: { taints: [{ key: "k", value: "v", effect: "NoExecute" }] } }),
      node("b", { spec: { taints: [{ key: "k", value: "", effect: "NoSchedule" }] } }),
      node("c", { spec: { taints: [{ key: "k", effect: "NoSchedule" }] } })
    ))).toEqual([
      `accepts no replicas node a: taint k=v:NoExecute ${NOT_MATCHED}`,
      `accepts no replicas node b: taint k:NoSchedule ${NOT_MATCHED}`,
      `accepts no replicas node c: taint k:NoSchedule ${NOT_MATCHED}`
    ])
  })

  it("a cordoned node without taints accepts no replicas; an uncordoned one does", () => {
    const { notes, snapshot } = imported(dumpOf(node("a", { spec: { unschedulable: true } }), node("b", { spec: { unschedulable: false } })))
    expect(snapshot.nodes.map((n) => [n.id, n.acceptsIncoming])).toEqual([["a", false], ["b", true]])
    expect(notes.map(Compaction.describeNote)).toEqual(["accepts no replicas node a: cordoned (spec.unschedulable)"])
  })

  it("with a price file, a node without an instance-type label is refused at the current label", () => {
    expect(problems({ ...dumpOf(node("a", { labels: { undefined: "x1" } })), prices: { x1: 1 } })).toEqual([
      'lists[0].items[0] ("a").metadata.labels["node.kubernetes.io/instance-type"]: missing: the price file prices nodes by instance type'
    ])
  })

  it("an allocatable amount beyond the safe integer range is refused at its path", () => {
    expect(problems(dumpOf(node("a", { allocatable: { "nvidia.com/gpu": "1e20" } })))).toEqual([
      'lists[0].items[0] ("a").status.allocatable["nvidia.com/gpu"]: is beyond the safe integer range once converted'
    ])
  })

  it("a node whose DaemonSet pods request more than it allocates: capacity raised to its replicas' requests (none)", () => {
    const { notes, snapshot } = imported(dumpOf(node("a", { allocatable: { cpu: "1", pods: "10" } }), pod("d", "a", { owner: { kind: "DaemonSet", name: "agent" }, cpu: "1500m" })))
    expect(snapshot.nodes[0]).toMatchObject({ capacity: { CPU: 0, pods: 9 }, acceptsIncoming: false })
    expect(notes.map(Compaction.describeNote)).toEqual([
      `counted on its node pod ns/d: DaemonSet agent pod: ${HELD}`,
      "accepts no replicas node a: its pods request more CPU than it can allocate: capacity raised to their requests"
    ])
  })

  it("names every resource its pods request more of than it can allocate", () => {
    const dump = dumpOf(node("a", { allocatable: { cpu: "1", pods: "1" } }), pod("p1", "a", { cpu: "800m" }), pod("p2", "a", { cpu: "800m" }))
    expect(notesOf(dump)).toEqual([
      "accepts no replicas node a: its pods request more CPU, pods than it can allocate: capacity raised to their requests"
    ])
  })
})

describe("pods, note by note", () => {
  it("a pod without a phase is left out as phase unknown", () => {
    const { status: _, ...noPhase } = pod("p", "a")
    expect(notesOf(dumpOf(node("a"), { ...noPhase, status: {} }))).toEqual(["left out pod ns/p: phase unknown, not Running"])
  })

  it("rounds a pod's requests up: 1500u of CPU is 2 milli-CPU", () => {
    expect(imported(dumpOf(node("a"), pod("p", "a", { cpu: "1500u" }))).snapshot.deployments[0]?.demand).toEqual({ CPU: 2, pods: 1 })
  })

  it("a request beyond the safe integer range is refused at the pod's spec", () => {
    expect(problems(dumpOf(node("a"), pod("p", "a", { cpu: "1e30" })))).toEqual([
      'lists[0].items[1] ("ns/p").spec.cpu: is beyond the safe integer range once converted'
    ])
  })

  it("an owner that is not the controller makes a bare pod", () => {
    const bare = pod("p", "a", { owner: null })
    const owned = { ...bare, metadata: { ...bare.metadata, ownerReferences: [{ kind: "ReplicaSet", name: "x", controller: false }] } }
    const { notes, snapshot } = imported(dumpOf(node("a"), owned))
    expect(snapshot.deployments.map((d) => d.id)).toEqual(["ns/Pod/p"])
    expect(notes.map(Compaction.describeNote)).toEqual(["pinned pod ns/p: no controller (a bare pod is not recreated elsewhere)"])
  })

  it("a pod owned by its Node, or a bare one with the mirror annotation, is a static pod counted on its node", () => {
    const { notes, snapshot } = imported(dumpOf(
      node("a"),
      pod("s1", "a", { owner: { kind: "Node", name: "a" }, cpu: "100m" }),
      pod("s2", "a", { owner: null, annotations: { "kubernetes.io/config.mirror": "x" }, cpu: "200m" })
    ))
    expect(snapshot.replicas).toEqual([])
    expect(snapshot.nodes[0]?.capacity).toEqual({ CPU: 3700, memory: 8192, pods: 108 })
    expect(notes.map(Compaction.describeNote)).toEqual([
      `counted on its node pod ns/s1: static pod: ${HELD}`,
      `counted on its node pod ns/s2: static pod: ${HELD}`
    ])
  })

  it("a preferred node affinity alone restricts nothing", () => {
    const spec = { affinity: { nodeAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [] } } }
    const { notes, snapshot } = imported(dumpOf(node("a"), node("b"), pod("p", "a", { spec })))
    expect(notes).toEqual([])
    expect(snapshot.replicas.map((r) => r.movable)).toEqual([true])
  })

  it("a selector that leaves out only nodes that accept no replicas restricts nothing", () => {
    const { notes, snapshot } = imported(dumpOf(
      node("a", { labels: { pool: "x" } }),
      node("b", { labels: { pool: "x" } }),
      node("c", { spec: { unschedulable: true } }),
      pod("p", "a", { spec: { nodeSelector: { pool: "x" } } })
    ))
    expect(snapshot.replicas.map((r) => r.movable)).toEqual([true])
    expect(notes.map(Compaction.describeNote)).toEqual(["accepts no replicas node c: cordoned (spec.unschedulable)"])
  })

  it("a node with exactly the room a pod requests could hold it: a selector leaving it out pins the pod", () => {
    const { snapshot } = imported(dumpOf(
      node("a", { labels: { pool: "x" } }),
      node("b", { allocatable: { cpu: "250m", pods: "1" } }),
      pod("p", "a", { spec: { nodeSelector: { pool: "x" } } })
    ))
    expect(snapshot.replicas.map((r) => r.movable)).toEqual([false])
  })
})

describe("namespaces and disruption budgets", () => {
  const inDefault = (name: string, nodeName: string) => {
    const p = pod(name, nodeName)
    const { namespace: _, ...metadata } = p.metadata
    return { ...p, metadata }
  }

  it("a pod and a budget without a namespace are in default", () => {
    const { notes, snapshot } = imported(withBudgets(dumpOf(node("a"), inDefault("p", "a")), pdb("b", 0, { matchLabels: { app: "a" } }, null)))
    expect(snapshot.deployments.map((d) => [d.id, d.maxSurge])).toEqual([["default/ReplicaSet/a-1", 0]])
    expect(snapshot.replicas.map((r) => r.id)).toEqual(["default/p"])
    expect(notes.map(Compaction.describeNote)).toEqual(["pinned pod default/p: disruption budget default/b allows no disruption now (maxSurge 0)"])
  })

  it("a budget selects only in its own namespace", () => {
    const { notes, snapshot } = imported(withBudgets(dumpOf(node("a"), pod("p", "a")), pdb("b", 0, { matchLabels: { app: "a" } }, "other")))
    expect(snapshot.deployments.map((d) => d.maxSurge)).toEqual([1])
    expect(notes).toEqual([])
  })

  it("a budget without a status yet allows no disruption", () => {
    const { snapshot } = imported(withBudgets(dumpOf(node("a"), pod("p", "a")), pdb("b", undefined, { matchLabels: { app: "a" } })))
    expect(snapshot.deployments.map((d) => d.maxSurge)).toEqual([0])
  })

  it("the smallest share where several budgets select one deployment, in either order", () => {
    const dump = dumpOf(node("a"), pod("p", "a"))
    const loose = pdb("loose", 3, { matchLabels: { app: "a" } })
    const tight = pdb("tight", 1, { matchLabels: { app: "a" } })
    expect(imported(withBudgets(dump, loose, tight)).snapshot.deployments.map((d) => d.maxSurge)).toEqual([1])
    expect(imported(withBudgets(dump, tight, loose)).snapshot.deployments.map((d) => d.maxSurge)).toEqual([1])
  })

  it("a deployment is selected by the labels of its first pod (a controller's pods share their template's labels)", () => {
    const dump = dumpOf(node("a"), pod("p1", "a", { labels: { app: "a", v: "1" } }), pod("p2", "a", { labels: { app: "a", v: "2" } }))
    expect(imported(withBudgets(dump, pdb("b", 3, { matchLabels: { v: "1" } }))).snapshot.deployments.map((d) => d.maxSurge)).toEqual([3])
  })
})
