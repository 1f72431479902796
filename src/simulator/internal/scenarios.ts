/**
 * The scenarios: the machines the cloud offers, the deployments with their
 * traffic and autoscaling, how often the cloud drains a node, and how densely
 * the invariants are evaluated.
 *
 * - `day`: twelve models (LLMs on 1, 2, 4 and 8 GPUs, embedders, rerankers
 *   and a classifier on CPU) whose traffic peaks at different hours, with
 *   bursts and a quiet night; about 50 nodes at peak.
 * - `fragmented`: the replica compaction blog's example. A 1-GPU chat model
 *   and a 4-GPU model grow together, so nodes hold some of each; then the chat
 *   model goes quiet and scales down, leaving the 4-GPU replicas scattered
 *   over half-empty nodes.
 * - `large`: twenty-five shifted copies of the `day` fleet, over 1,000 nodes at
 *   peak, its requests in batches (a few client requests per slot).
 */
import type { AutoscalingConfig } from "./autoscaler.js"
import type { NodeType, Resources } from "./nodes.js"
import type { TrafficProfile } from "./traffic.js"

/** A scenario's name. */
export type ScenarioName = "day" | "fragmented" | "large"

/** A model served by the cluster. */
export interface DeploymentModel {
  readonly id: string
  /** One replica's resources. */
  readonly demand: Resources
  /** `max_ongoing_requests`: the replica's slots. */
  readonly maxOngoing: number
  readonly autoscaling: AutoscalingConfig
  readonly traffic: TrafficProfile
  /** Mean request duration (exponential, capped at `MAX_SERVICE_FACTOR` × the mean). */
  readonly serviceMs: number
  /** From `startReplica` to ready: seconds on CPU, minutes for large GPU models. */
  readonly startupMs: number
}

/** Everything a run needs besides the seed and the compaction mode. */
export interface ScenarioSpec {
  readonly name: ScenarioName
  /** Default length of the simulated day, in hours. */
  readonly hours: number
  readonly nodeTypes: ReadonlyArray<NodeType>
  readonly deployments: ReadonlyArray<DeploymentModel>
  /** Expected cloud drains (maintenance, spot reclaim with notice) per day. */
  readonly drainsPerDay: number
  /** Evaluate the lifecycle and container invariants on every `checkEvery`-th tick (1: all). */
  readonly checkEvery: number
}

/**
 * A request lasts at most this many times its deployment's mean (a client's
 * timeout): 270 s for the LLMs, inside the 300 s a graceful stop waits.
 */
export const MAX_SERVICE_FACTOR = 3

const MINUTE = 60_000
const GiB = 1024

/** An 8-GPU machine (8 × A100 80 GB class), the one GPU type: smaller models share it. */
const GPU_8: NodeType = {
  name: "gpu8",
  capacity: { CPU: 96_000, memory: 1152 * GiB, GPU: 8 },
  costPerHour: 32.77,
  launchMs: 5 * MINUTE
}

/** A 16-vCPU machine for the CPU models. */
const CPU_16: NodeType = {
  name: "cpu16",
  capacity: { CPU: 16_000, memory: 64 * GiB },
  costPerHour: 0.77,
  launchMs: 90_000
}

/** Ray's `upscale_delay_s` (30 s) and `downscale_delay_s` (600 s) defaults. */
const RAY_DELAYS = { upscaleDelayMs: 30_000, downscaleDelayMs: 10 * MINUTE }

interface Sketch {
  readonly id: string
  readonly gpus: number
  readonly cpu: number
  readonly memoryGiB: number
  /** Replicas at the daily peak. */
  readonly peakReplicas: number
  readonly peakHour: number
  readonly startupMs: number
  /** Default: `MIN_REPLICAS_SHARE` of the peak. */
  readonly minReplicas?: number
  /** Default: twice the peak. */
  readonly maxReplicas?: number
}

/**
 * `min_replicas` as a share of the peak: above the night's traffic plus its
 * noise, so that deployments hold still at night (availability headroom, as
 * operators set it).
 */
const MIN_REPLICAS_SHARE = 0.15

/** LLM serving: continuous batching, long generations. */
const LLM = { maxOngoing: 16, targetOngoing: 8, serviceMs: 90_000, nightShare: 0.08 }
/** CPU models: small batches of documents per request, Ray's default target of 2 ongoing requests. */
const CPU_MODEL = { maxOngoing: 4, targetOngoing: 2, serviceMs: 20_000, nightShare: 0.05 }

/**
 * How many client requests one simulated request stands for: 1 (every
 * request on its own), or a batch of that many arriving and ending together
 * and holding one slot, with the replica's slots and the autoscaler's target
 * divided alike, so the load per replica is unchanged with a batch-th of the
 * slot operations.
 */
interface Batching {
  readonly llm: number
  readonly cpu: number
}

const UNBATCHED: Batching = { llm: 1, cpu: 1 }

const model = (s: Sketch, batching: Batching = UNBATCHED): DeploymentModel => {
  const kind = s.gpus > 0 ? LLM : CPU_MODEL
  const batch = s.gpus > 0 ? batching.llm : batching.cpu
  const demand: Resources = s.gpus > 0
    ? { CPU: s.cpu, memory: s.memoryGiB * GiB, GPU: s.gpus }
    : { CPU: s.cpu, memory: s.memoryGiB * GiB }
  return {
    id: s.id,
    demand,
    maxOngoing: kind.maxOngoing / batch,
    autoscaling: {
      minReplicas: s.minReplicas ?? Math.max(1, Math.ceil(s.peakReplicas * MIN_REPLICAS_SHARE)),
      maxReplicas: s.maxReplicas ?? s.peakReplicas * 2,
      targetOngoing: kind.targetOngoing / batch,
      ...RAY_DELAYS
    },
    traffic: {
      peakRps: (s.peakReplicas * kind.targetOngoing) / batch / (kind.serviceMs / 1000),
      peakHour: s.peakHour,
      nightShare: kind.nightShare,
      burstsPerDay: 3,
      burstAmplitude: 0.6
    },
    serviceMs: kind.serviceMs,
    startupMs: s.startupMs
  }
}

const DAY_FLEET: ReadonlyArray<Sketch> = [
  { id: "llama-8b", gpus: 1, cpu: 8000, memoryGiB: 64, peakReplicas: 56, peakHour: 14, startupMs: 90_000 },
  { id: "mistral-7b", gpus: 1, cpu: 8000, memoryGiB: 64, peakReplicas: 36, peakHour: 10, startupMs: 90_000 },
  { id: "vision-11b", gpus: 1, cpu: 8000, memoryGiB: 96, peakReplicas: 20, peakHour: 20, startupMs: 2 * MINUTE },
  { id: "qwen-14b", gpus: 2, cpu: 16_000, memoryGiB: 128, peakReplicas: 22, peakHour: 16, startupMs: 3 * MINUTE },
  { id: "coder-34b", gpus: 2, cpu: 16_000, memoryGiB: 192, peakReplicas: 14, peakHour: 11, startupMs: 4 * MINUTE },
  { id: "llama-70b", gpus: 4, cpu: 32_000, memoryGiB: 384, peakReplicas: 16, peakHour: 13, startupMs: 6 * MINUTE },
  { id: "mixtral-8x22b", gpus: 8, cpu: 64_000, memoryGiB: 768, peakReplicas: 8, peakHour: 15, startupMs: 9 * MINUTE },
  { id: "embed-small", gpus: 0, cpu: 8000, memoryGiB: 16, peakReplicas: 40, peakHour: 9, startupMs: 10_000 },
  { id: "embed-large", gpus: 0, cpu: 12_000, memoryGiB: 24, peakReplicas: 30, peakHour: 12, startupMs: 20_000 },
  { id: "rerank-base", gpus: 0, cpu: 10_000, memoryGiB: 20, peakReplicas: 24, peakHour: 14, startupMs: 15_000 },
  { id: "rerank-xl", gpus: 0, cpu: 16_000, memoryGiB: 32, peakReplicas: 16, peakHour: 17, startupMs: 30_000 },
  { id: "classifier", gpus: 0, cpu: 4000, memoryGiB: 8, peakReplicas: 32, peakHour: 19, startupMs: 10_000 }
]

/**
 * `day` evaluates the lifecycle and container invariants on every 6th tick
 * (once a simulated minute): every tick would double the run time (each
 * evaluation ticks the core a second time and replays the spec's model), over the 60 s budget.
 */
const DAY_CHECK_EVERY = 6

const day: ScenarioSpec = {
  name: "day",
  hours: 24,
  nodeTypes: [GPU_8, CPU_16],
  deployments: DAY_FLEET.map((s) => model(s)),
  drainsPerDay: 6,
  checkEvery: DAY_CHECK_EVERY
}

/** A fragmented scenario's model: no bursts, a schedule instead of the diurnal curve. */
const scheduledModel = (sketch: Sketch, schedule: ReadonlyArray<readonly [number, number]>): DeploymentModel => {
  const m = model(sketch)
  return { ...m, traffic: { ...m.traffic, burstsPerDay: 0, schedule } }
}

/**
 * A 4-GPU model (up to 8 replicas, held at its maximum by demand above it)
 * and a 1-GPU chat model grow together for 90 minutes, so nodes hold one
 * 4-GPU replica beside chat replicas; at 2 h 30 the chat model goes quiet and
 * scales down, leaving the 4-GPU replicas alone on half-empty nodes.
 */
const fragmented: ScenarioSpec = {
  name: "fragmented",
  hours: 6,
  nodeTypes: [GPU_8],
  deployments: [
    scheduledModel(
      { id: "chat-8b", gpus: 1, cpu: 8000, memoryGiB: 64, peakReplicas: 32, peakHour: 0, startupMs: 90_000, minReplicas: 2 },
      [[0, 0.05], [1.5, 1], [2.5, 1], [2.75, 0.02]]
    ),
    scheduledModel(
      {
        id: "llama-70b",
        gpus: 4,
        cpu: 32_000,
        memoryGiB: 384,
        peakReplicas: 8,
        peakHour: 0,
        startupMs: 6 * MINUTE,
        minReplicas: 1,
        maxReplicas: 8
      },
      [[0, 0.1], [1.5, 1.3]]
    )
  ],
  drainsPerDay: 0,
  checkEvery: 1
}

/** Copies of the day fleet in `large`, each shifted by a fraction of an hour: over 1,000 nodes at peak. */
const LARGE_COPIES = 25

/**
 * `large`'s requests go in batches (LLM generations 4 at a time, CPU requests
 * 2 at a time; the slots 16 → 4 and 4 → 2, the targets 8 → 2 and 2 → 1): a
 * request costs the same through the slot core whatever the fleet, and one
 * by one, 25 fleets' 27 million requests a day took most of a run's minutes.
 */
const LARGE_BATCHING: Batching = { llm: 4, cpu: 2 }

const large: ScenarioSpec = {
  name: "large",
  hours: 24,
  nodeTypes: [GPU_8, CPU_16],
  deployments: Array.from({ length: LARGE_COPIES }, (_, k) =>
    DAY_FLEET.map((s) =>
      model({ ...s, id: `${s.id}-${k}`, peakHour: (s.peakHour + (k % 5) * 0.4) % 24 }, LARGE_BATCHING)
    )).flat(),
  drainsPerDay: 6 * LARGE_COPIES,
  checkEvery: 60
}

/** The scenarios by name. */
export const scenarios: Readonly<Record<ScenarioName, ScenarioSpec>> = { day, fragmented, large }
