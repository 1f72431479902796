/**
 * A snapshot from a Kubernetes cluster: the JSON of `kubectl get nodes,pods
 * -A -o json` (one `List`, or several), optionally `kubectl get pdb -A -o
 * json` and a price file by instance type.
 *
 * How the cluster is represented:
 * - Nodes: `status.allocatable` in the snapshot's units (`cpu` in milli-CPU
 *   named `CPU`; `memory`, `ephemeral-storage`, `hugepages-*` in MiB; `pods`,
 *   `nvidia.com/gpu` and other extended resources in whole units, by name),
 *   rounded down; labels kept. A cordoned node, or one with a `NoSchedule` or
 *   `NoExecute` taint, accepts no replicas (tolerations are not matched: the
 *   conservative reading). A control-plane node is not releasable. With a
 *   price file, a node costs the price of its `node.kubernetes.io/instance-type`
 *   and the planner's objective is `"cost"`.
 * - Pods: only `Running` pods on a node of the dump. Demand is what
 *   Kubernetes schedules by (containers and sidecars, or a larger init
 *   container, plus overhead), rounded up, and one `pods` unit.
 * - DaemonSet pods and static pods are not replicas: their requests are
 *   taken off their node's capacity. So they count on every node that keeps
 *   running, and a node that holds only them is empty, as Karpenter and
 *   cluster-autoscaler see it (they leave with the node).
 * - The other pods are replicas, grouped into a deployment per owning
 *   controller (`namespace/ReplicaSet/name`; a bare pod is its own). Pinned
 *   (`movable: false`): a pod without a controller, one annotated
 *   `cluster-autoscaler.kubernetes.io/safe-to-evict: "false"` or
 *   `karpenter.sh/do-not-disrupt: "true"`, one with local storage (`emptyDir`
 *   or `hostPath`, unless annotated safe to evict) or a persistent volume
 *   claim, one with required pod (anti-)affinity or a `DoNotSchedule` spread
 *   constraint, and one whose `nodeSelector` or required node affinity leaves
 *   out a node that accepts replicas and could hold it (the snapshot cannot
 *   restrict where a replica moves, so it stays; a selector that only leaves
 *   out nodes too small for the pod, such as CPU nodes for a GPU pod,
 *   restricts nothing).
 * - A disruption budget's `status.disruptionsAllowed`, shared evenly by the
 *   deployments it selects, is their `maxSurge` (the smallest when several
 *   apply; 0 when the budget has no status yet).
 * - A node whose pods already request more than it can allocate accepts no
 *   replicas; its capacity is raised to what its pods request.
 *
 * @since 0.1.0
 */
import { Either, Schema } from "effect"
import { InvalidDump } from "./errors.js"
import type { Imported } from "./Imported.js"
import { finish, group, type Member, Notes } from "./internal/import/assemble.js"
import { at, decodeAt, nameAll } from "./internal/import/decode.js"
import * as K8s from "./internal/import/kubernetesSchemas.js"
import { podRequests, quantities } from "./internal/import/podRequests.js"
import { add, type Amounts, convert } from "./internal/import/resources.js"
import { admits, type Placement, selects } from "./internal/import/selectors.js"
import type { Located } from "./internal/problems.js"
import type { SnapshotInput } from "./Snapshot.js"

/**
 * The JSON a Kubernetes operator has: `lists`, the output of `kubectl get
 * nodes,pods -A -o json` (one `List` holding both kinds, or one per kind);
 * `pdbs`, the output of `kubectl get pdb -A -o json`; `prices`, an object of
 * prices by instance type (`{ "m6i.2xlarge": 0.384 }`). Every field is read
 * as unknown JSON and checked.
 *
 * @category models
 * @since 0.1.0
 */
export interface KubernetesDump {
  readonly lists: unknown
  readonly pdbs?: unknown
  readonly prices?: unknown
}

const Input = Schema.Struct({
  lists: Schema.Array(Schema.Unknown).annotations({ description: "a list of kubectl List objects" }),
  pdbs: Schema.optional(Schema.Unknown),
  prices: Schema.optional(Schema.Unknown)
})

/** Labels that make a node part of the control plane. */
const CONTROL_PLANE_LABELS = ["node-role.kubernetes.io/control-plane", "node-role.kubernetes.io/master"]
/** The label that names a node's instance type. */
const INSTANCE_TYPE = "node.kubernetes.io/instance-type"
/** Labels that name a node's instance type, current first. */
const INSTANCE_TYPE_LABELS = [INSTANCE_TYPE, "beta.kubernetes.io/instance-type"]
const SAFE_TO_EVICT = "cluster-autoscaler.kubernetes.io/safe-to-evict"
const DO_NOT_DISRUPT = "karpenter.sh/do-not-disrupt"
const MIRROR = "kubernetes.io/config.mirror"
/** Taint effects that keep new pods off a node. */
const BLOCKING_EFFECTS = ["NoSchedule", "NoExecute"]

type Path = ReadonlyArray<PropertyKey>

interface Read<A> {
  readonly value: A
  readonly path: Path
}

const podId = (metadata: { readonly name: string; readonly namespace?: string | undefined }): string =>
  `${metadata.namespace ?? "default"}/${metadata.name}`

/** Names a listed item in problem lines: a pod or budget by `namespace/name`, a node by its name. */
const nameOf = (list: string, item: unknown): string | undefined => {
  if (list !== "items") return undefined
  const name = at(item, "metadata", "name")
  if (typeof name !== "string") return undefined
  const namespace = at(item, "metadata", "namespace")
  return typeof namespace === "string" ? `${namespace}/${name}` : name
}

/**
 * The objects of one `List`, each decoded by its kind (an item without `kind`
 * takes it from `NodeList`, `PodList`, …); a single object of a kind read
 * (`kubectl get node x -o json`) counts as a list of one.
 */
const readList = (
  list: unknown,
  path: Path,
  kinds: Readonly<Record<string, Schema.Schema.AnyNoContext>>,
  problems: Array<Located>
): Array<{ readonly kind: string; readonly value: unknown; readonly path: Path }> => {
  const own = at(list, "kind")
  const schemaOfOwn = typeof own === "string" && Object.hasOwn(kinds, own) ? kinds[own] : undefined
  if (schemaOfOwn !== undefined) {
    const decodedObject = decodeAt(schemaOfOwn, list, path)
    if (Either.isRight(decodedObject)) return [{ kind: own as string, value: decodedObject.right, path }]
    problems.push(...decodedObject.left)
    return []
  }
  const decoded = decodeAt(K8s.List, list, path)
  if (Either.isLeft(decoded)) {
    problems.push(...decoded.left)
    return []
  }
  const listKind = /^(.+)List$/.exec(decoded.right.kind ?? "")?.[1]
  const out: Array<{ kind: string; value: unknown; path: Path }> = []
  decoded.right.items.forEach((item, index) => {
    const itemPath = [...path, "items", index]
    const kind = at(item, "kind") ?? listKind
    const schema = typeof kind === "string" && Object.hasOwn(kinds, kind) ? kinds[kind] : undefined
    if (schema === undefined) {
      const expected = Object.keys(kinds).map((k) => JSON.stringify(k)).join(" or ")
      problems.push({ path: [...itemPath, "kind"], problem: `must be ${expected}, got ${kind === undefined ? "nothing" : JSON.stringify(kind)}` })
      return
    }
    const decodedItem = decodeAt(schema, item, itemPath)
    if (Either.isLeft(decodedItem)) problems.push(...decodedItem.left)
    else out.push({ kind: kind as string, value: decodedItem.right, path: itemPath })
  })
  return out
}

/** The first of several items with one id is kept; each later one is a problem at its id. */
const unique = <A>(items: ReadonlyArray<Read<A>>, id: (a: A) => string, what: string, problems: Array<Located>): Array<Read<A>> => {
  const first = new Map<string, Path>()
  return items.filter((item) => {
    const seen = first.get(id(item.value))
    if (seen === undefined) {
      first.set(id(item.value), item.path)
      return true
    }
    problems.push({ path: [...item.path, "metadata", "name"], problem: `duplicate ${what} ${JSON.stringify(id(item.value))}` })
    return false
  })
}

interface NodeRead {
  readonly name: string
  readonly labels: Readonly<Record<string, string>>
  readonly allocatable: Amounts
  readonly releasable: boolean
  readonly acceptsIncoming: boolean
  readonly cost: number | undefined
}

const readNode = (
  node: Read<K8s.Node>,
  prices: Readonly<Record<string, number>> | undefined,
  notes: Notes,
  problems: Array<Located>
): NodeRead => {
  const { metadata, spec, status } = node.value
  const labels = metadata.labels ?? {}
  const controlPlane = CONTROL_PLANE_LABELS.find((l) => Object.hasOwn(labels, l))
  if (controlPlane !== undefined) notes.add("node", metadata.name, "not releasable", `control-plane node (label ${controlPlane})`)
  if (spec.unschedulable === true) notes.add("node", metadata.name, "accepts no replicas", "cordoned (spec.unschedulable)")
  const taints = (spec.taints ?? []).filter((t) => BLOCKING_EFFECTS.includes(t.effect))
  for (const t of taints) {
    const shown = `${t.key}${t.value === undefined || t.value === "" ? "" : `=${t.value}`}:${t.effect}`
    notes.add("node", metadata.name, "accepts no replicas", `taint ${shown} (tolerations are not matched)`)
  }
  let cost: number | undefined
  if (prices !== undefined) {
    const label = INSTANCE_TYPE_LABELS.find((l) => Object.hasOwn(labels, l))
    const type = label === undefined ? undefined : labels[label]
    const where = [...node.path, "metadata", "labels", label ?? INSTANCE_TYPE]
    if (type === undefined) problems.push({ path: where, problem: "missing: the price file prices nodes by instance type" })
    else if (!Object.hasOwn(prices, type)) problems.push({ path: where, problem: `no price for instance type ${JSON.stringify(type)} in the price file` })
    else cost = prices[type]
  }
  return {
    name: metadata.name,
    labels,
    allocatable: convert(quantities(status.allocatable), "down", [...node.path, "status", "allocatable"], problems),
    releasable: controlPlane === undefined,
    acceptsIncoming: spec.unschedulable !== true && taints.length === 0,
    cost
  }
}

/** Why a replica pod may not move, in words; empty when it may. */
const pinReasons = (pod: K8s.Pod, controller: { readonly kind: string } | undefined, placementFits: boolean): Array<string> => {
  const annotations = pod.metadata.annotations ?? {}
  const reasons: Array<string> = []
  if (controller === undefined) reasons.push("no controller (a bare pod is not recreated elsewhere)")
  if (annotations[SAFE_TO_EVICT] === "false") reasons.push(`annotation ${SAFE_TO_EVICT}: "false"`)
  if (annotations[DO_NOT_DISRUPT] === "true") reasons.push(`annotation ${DO_NOT_DISRUPT}: "true"`)
  for (const v of pod.spec.volumes ?? []) {
    if ((v.emptyDir !== undefined || v.hostPath !== undefined) && annotations[SAFE_TO_EVICT] !== "true") {
      reasons.push(`local storage (${v.emptyDir !== undefined ? "emptyDir" : "hostPath"} volume ${v.name})`)
    }
    if (v.persistentVolumeClaim !== undefined) {
      reasons.push(`persistent volume claim (volume ${v.name}: it may not attach on two nodes at once, nor in another zone)`)
    }
  }
  const affinity = pod.spec.affinity
  if ((affinity?.podAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? []).length > 0) {
    reasons.push("required pod affinity (the snapshot cannot express it)")
  }
  if ((affinity?.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? []).length > 0) {
    reasons.push("required pod anti-affinity (the snapshot cannot express it)")
  }
  if ((pod.spec.topologySpreadConstraints ?? []).some((c) => c.whenUnsatisfiable === "DoNotSchedule")) {
    reasons.push("a DoNotSchedule topology spread constraint (the snapshot cannot express it)")
  }
  if (!placementFits) {
    reasons.push("its nodeSelector or required node affinity leaves out nodes that could take it (the snapshot cannot restrict where a replica moves)")
  }
  return reasons
}

/** Reads the pods into replicas and node-held requests. */
const readPods = (
  pods: ReadonlyArray<Read<K8s.Pod>>,
  nodes: ReadonlyMap<string, NodeRead>,
  notes: Notes,
  problems: Array<Located>
) => {
  const accepting = [...nodes.values()].filter((n) => n.acceptsIncoming)
  const members: Array<Member> = []
  const labelsOf = new Map<string, { readonly namespace: string; readonly labels: Readonly<Record<string, string>> }>()
  const membersOf = new Map<string, Array<string>>()
  const held = new Map<string, Amounts>()
  for (const { value: pod, path } of pods) {
    const id = podId(pod.metadata)
    const node = pod.spec.nodeName
    if (pod.status.phase !== "Running") {
      notes.add("pod", id, "left out", `phase ${pod.status.phase ?? "unknown"}, not Running`)
      continue
    }
    if (node === undefined) {
      notes.add("pod", id, "left out", "not bound to a node (spec.nodeName)")
      continue
    }
    if (!nodes.has(node)) {
      notes.add("pod", id, "left out", `its node ${node} is not in the dump`)
      continue
    }
    const demand = add(convert(podRequests(pod.spec), "up", [...path, "spec"], problems), { pods: 1 })
    const controller = (pod.metadata.ownerReferences ?? []).find((o) => o.controller === true)
    const annotations = pod.metadata.annotations ?? {}
    if (controller?.kind === "DaemonSet" || controller?.kind === "Node" || Object.hasOwn(annotations, MIRROR)) {
      const what = controller?.kind === "DaemonSet" ? `DaemonSet ${controller.name} pod` : "static pod"
      notes.add("pod", id, "counted on its node", `${what}: its requests are taken off the node's capacity; it leaves with the node`)
      held.set(node, add(held.get(node) ?? {}, demand))
      continue
    }
    const placement: Placement = {
      nodeSelector: pod.spec.nodeSelector ?? {},
      terms: pod.spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms
    }
    const couldHold = accepting.filter((n) => Object.entries(demand).every(([r, amount]) => (n.allocatable[r] ?? 0) >= amount))
    const reasons = pinReasons(pod, controller, couldHold.every((n) => admits(placement, n)))
    for (const reason of reasons) notes.add("pod", id, "pinned", reason)
    const namespace = pod.metadata.namespace ?? "default"
    const groupId = controller === undefined ? `${namespace}/Pod/${pod.metadata.name}` : `${namespace}/${controller.kind}/${controller.name}`
    members.push({ id, node, group: groupId, demand, movable: reasons.length === 0 })
    if (!labelsOf.has(groupId)) labelsOf.set(groupId, { namespace, labels: pod.metadata.labels ?? {} })
    membersOf.set(groupId, [...(membersOf.get(groupId) ?? []), id])
  }
  return { members, labelsOf, membersOf, held }
}

/**
 * `maxSurge` by group from the disruption budgets: each budget's allowed
 * disruptions shared evenly (rounded down) by the groups it selects in its
 * namespace, the smallest share where several budgets select one group.
 */
const surges = (
  budgets: ReadonlyArray<K8s.DisruptionBudget>,
  labelsOf: ReadonlyMap<string, { readonly namespace: string; readonly labels: Readonly<Record<string, string>> }>,
  membersOf: ReadonlyMap<string, ReadonlyArray<string>>,
  notes: Notes
): Map<string, number> => {
  const surge = new Map<string, number>()
  for (const budget of budgets) {
    const selector = budget.spec.selector
    if (selector === undefined) continue
    const namespace = budget.metadata.namespace ?? "default"
    const covered = [...labelsOf].filter(([, g]) => g.namespace === namespace && selects(selector, g.labels)).map(([id]) => id)
    const allowed = budget.status?.disruptionsAllowed ?? 0
    for (const id of covered) {
      const share = Math.floor(allowed / covered.length)
      surge.set(id, Math.min(surge.get(id) ?? share, share))
      if (share === 0) {
        for (const pod of membersOf.get(id) ?? []) {
          notes.add("pod", pod, "pinned", `disruption budget ${namespace}/${budget.metadata.name} allows no disruption now (maxSurge 0)`)
        }
      }
    }
  }
  return surge
}

/** Node capacities: allocatable less what node-held pods request; raised, and closed to newcomers, where the replicas need more. */
const capacities = (
  nodes: ReadonlyArray<NodeRead>,
  members: ReadonlyArray<Member>,
  held: ReadonlyMap<string, Amounts>,
  notes: Notes
): Array<SnapshotInput["nodes"][number]> => {
  const load = new Map<string, Amounts>()
  for (const m of members) load.set(m.node, add(load.get(m.node) ?? {}, m.demand))
  return nodes.map((n) => {
    const capacity: Amounts = { ...n.allocatable }
    for (const [r, amount] of Object.entries(held.get(n.name) ?? {})) capacity[r] = (capacity[r] ?? 0) - amount
    const over: Array<string> = []
    for (const r of new Set([...Object.keys(capacity), ...Object.keys(load.get(n.name) ?? {})])) {
      const needed = load.get(n.name)?.[r] ?? 0
      if ((capacity[r] ?? 0) < needed) {
        over.push(r)
        capacity[r] = needed
      }
    }
    if (over.length > 0) {
      notes.add("node", n.name, "accepts no replicas", `its pods request more ${over.join(", ")} than it can allocate: capacity raised to their requests`)
    }
    return {
      id: n.name,
      capacity,
      releasable: n.releasable,
      acceptsIncoming: n.acceptsIncoming && over.length === 0,
      labels: n.labels,
      cost: n.cost
    }
  })
}

const refuse = (input: unknown, problems: ReadonlyArray<Located>) =>
  Either.left(new InvalidDump({ source: "fromKubernetes", problems: nameAll(input, problems, nameOf, "dump") }))

/**
 * Converts a Kubernetes dump into a validated snapshot, with a note for every
 * node or pod left out, pinned, counted on its node or restricted. A dump
 * that does not decode is refused with every problem at the path of its
 * field (`lists[0].items[3] ("default/web-x").spec.containers[0].resources.requests.cpu`).
 * Never throws.
 *
 * @example
 * import { Compaction } from "replicore"
 * import { Either } from "effect"
 * const node = (name: string) => ({
 *   kind: "Node", metadata: { name }, status: { allocatable: { cpu: "3920m", memory: "15Gi", pods: "110" } }
 * })
 * const pod = (name: string, nodeName: string) => ({
 *   kind: "Pod",
 *   metadata: { name, namespace: "default", ownerReferences: [{ kind: "ReplicaSet", name: "web-6d4b", controller: true }] },
 *   spec: { nodeName, containers: [{ name: "web", resources: { requests: { cpu: "500m", memory: "512Mi" } } }] },
 *   status: { phase: "Running" }
 * })
 * const result = Compaction.fromKubernetes({
 *   lists: [{ kind: "List", items: [node("a"), node("b"), pod("web-1", "a"), pod("web-2", "b")] }]
 * })
 * Either.isRight(result) && result.right.snapshot.deployments
 * // [{ id: "default/ReplicaSet/web-6d4b", demand: { CPU: 500, memory: 512, pods: 1 }, maxSurge: 1, migrationCost: 1 }]
 * Either.isRight(result) && Compaction.plan(result.right.snapshot).released.length // 1
 *
 * @category decoding
 * @since 0.1.0
 */
export const fromKubernetes = (dump: KubernetesDump): Either.Either<Imported, InvalidDump> => {
  const top = decodeAt(Input, dump, [])
  if (Either.isLeft(top)) return refuse(dump, top.left)
  const problems: Array<Located> = []
  const objects = top.right.lists.flatMap((list, i) => readList(list, ["lists", i], { Node: K8s.Node, Pod: K8s.Pod }, problems))
  const budgets = top.right.pdbs === undefined
    ? []
    : readList(top.right.pdbs, ["pdbs"], { PodDisruptionBudget: K8s.DisruptionBudget }, problems)
  const prices = top.right.prices === undefined ? undefined : decodeAt(K8s.Prices, top.right.prices, ["prices"])
  if (prices !== undefined && Either.isLeft(prices)) problems.push(...prices.left)
  const byKind = <A>(kind: string) => objects.filter((o) => o.kind === kind) as unknown as Array<Read<A>>
  const nodeItems = unique(byKind<K8s.Node>("Node"), (n) => n.metadata.name, "node", problems)
  const podItems = unique(byKind<K8s.Pod>("Pod"), (p) => podId(p.metadata), "pod", problems)
  const notes = new Notes()
  const priceList = prices === undefined ? undefined : Either.getOrUndefined(prices)
  const nodes = nodeItems.map((n) => readNode(n, priceList, notes, problems))
  const pods = readPods(podItems, new Map(nodes.map((n) => [n.name, n])), notes, problems)
  if (problems.length > 0) return refuse(dump, problems)
  const surge = surges(budgets.map((b) => b.value as K8s.DisruptionBudget), pods.labelsOf, pods.membersOf, notes)
  return finish(
    "fromKubernetes",
    capacities(nodes, pods.members, pods.held, notes),
    group(pods.members, (id) => surge.get(id)),
    priceList === undefined ? undefined : { objective: "cost" },
    notes
  )
}

/**
 * Like `fromKubernetes`, but throws the `InvalidDump`: for dumps read in scripts and tests.
 *
 * @throws {InvalidDump} naming every problem of the dump.
 *
 * @example
 * import { Compaction } from "replicore"
 * const imported = Compaction.fromKubernetesOrThrow({ lists: [{ kind: "List", items: [] }] })
 * imported.snapshot.nodes.length // 0
 *
 * @category decoding
 * @since 0.1.0
 */
export const fromKubernetesOrThrow = (dump: KubernetesDump): Imported => Either.getOrThrowWith(fromKubernetes(dump), (e) => e)
