/**
 * The benchmark's cluster: 1,000 nodes, 100 deployments of 100 replicas (10,000
 * in all), every replica RUNNING where the pack scheduler placed it, and a
 * churn tick in which 1 % of the replicas change state.
 */
import { seededRandom } from "../../src/internal/random.js"
import { Container, Lifecycle } from "../../src/index.js"

export interface Size {
  readonly nodes: number
  readonly deployments: number
  readonly replicasPerDeployment: number
}

/** Node capacity in milli-CPU and MiB: room for about 16 one-CPU replicas. */
const NODE = { CPU: 16_000, memory: 65_536 }

/** The configuration: deployment demands drawn from a seeded generator (0.5 to 2 CPU, 1 to 4 GiB). */
export const config = (size: Size, seed = 1): Lifecycle.ConfigInput => {
  const random = seededRandom(seed)
  return {
    nodes: Array.from({ length: size.nodes }, (_, i) => ({ id: `node-${i}`, capacity: NODE })),
    deployments: Array.from({ length: size.deployments }, (_, i) => ({
      id: `model-${i}`,
      demand: { CPU: 500 * (1 + Math.floor(random() * 4)), memory: 1024 * (1 + Math.floor(random() * 4)) },
      target: size.replicasPerDeployment
    }))
  }
}

/** Every replica started where it was placed: the state after the first two ticks, and the time it is at. */
export const steady = (configuration: Lifecycle.ConfigInput): Lifecycle.LifecycleState => {
  const first = Lifecycle.tick(Lifecycle.make(configuration), { now: 0, events: [] })
  return Lifecycle.tick(first.state, { now: 1000, events: reportStarted(first.actions) }).state
}

/** `replicaStarted` for every `startReplica`, on its node. */
export const reportStarted = (actions: ReadonlyArray<Lifecycle.Action>): Array<Lifecycle.EventInput> =>
  actions.flatMap((a) =>
    a.type === "startReplica" && a.node !== null ? [{ type: "replicaStarted" as const, replica: a.replica, node: a.node }] : []
  )

/** `replicaStopped` for every `stopReplica`. */
export const reportStopped = (actions: ReadonlyArray<Lifecycle.Action>): Array<Lifecycle.EventInput> =>
  actions.flatMap((a) => (a.type === "stopReplica" ? [{ type: "replicaStopped" as const, replica: a.replica }] : []))

/** Picks `count` distinct RUNNING replicas spread over the deployments. */
const runningSample = (state: Lifecycle.LifecycleState, deployments: number, count: number, offset: number): Array<string> => {
  const picked = new Set<string>()
  for (let i = 0; picked.size < count; i++) {
    const running = Container.get(Lifecycle.replicas(state, `model-${(i * 37 + offset) % deployments}`), { states: ["RUNNING"] })
    const id = running[(i * 13 + offset) % running.length]?.id
    if (id !== undefined) picked.add(id)
  }
  return [...picked]
}

/** A tick to time: its state, the tick that led there from the steady state, and events that change `changes` replicas. */
export interface ChurnTick {
  readonly state: Lifecycle.LifecycleState
  readonly before: Lifecycle.TickInput
  readonly input: Lifecycle.TickInput
}

/**
 * From the steady state: a third of the changes fail health checks (each is
 * stopped and replaced), in a tick before the one timed; the timed tick
 * reports those replacements started and the stopped replicas gone, and
 * another third fail.
 */
export const churn = (state: Lifecycle.LifecycleState, size: Size, changes: number): ChurnTick => {
  const third = Math.floor(changes / 3)
  const failing = runningSample(state, size.deployments, third, 0)
  const beforeInput = { now: 2000, events: failing.map((replica) => ({ type: "replicaUnhealthy" as const, replica })) }
  const before = Lifecycle.tick(state, beforeInput)
  const next = runningSample(before.state, size.deployments, changes - 2 * third, 7)
  return {
    state: before.state,
    before: beforeInput,
    input: {
      now: 3000,
      events: [
        ...reportStarted(before.actions),
        ...reportStopped(before.actions),
        ...next.map((replica) => ({ type: "replicaUnhealthy" as const, replica }))
      ]
    }
  }
}
