/**
 * Ray Serve's request-based autoscaling, per deployment: the desired number
 * of replicas is the ongoing requests (running, reserved and waiting at the
 * router), averaged over a look-back window, divided by the target ongoing
 * requests per replica, clamped to [min, max]. A change is applied only after
 * the desire has pointed the same way for the upscale (or downscale) delay,
 * as Ray's decision counter does.
 */

/** A deployment's autoscaling config (Ray's `autoscaling_config`). */
export interface AutoscalingConfig {
  readonly minReplicas: number
  readonly maxReplicas: number
  /** `target_ongoing_requests`. */
  readonly targetOngoing: number
  /** `upscale_delay_s`, in ms. */
  readonly upscaleDelayMs: number
  /** `downscale_delay_s`, in ms. */
  readonly downscaleDelayMs: number
}

/** Ray's `look_back_period_s` (30 s): the window the ongoing requests are averaged over. */
export const LOOK_BACK_MS = 30_000

/** One deployment's autoscaler state. */
export interface AutoscalerState {
  readonly target: number
  /** Samples (time, ongoing) inside the look-back window. */
  readonly samples: ReadonlyArray<readonly [number, number]>
  /** Since when the desire has pointed up (or down), or null. */
  readonly upSince: number | null
  readonly downSince: number | null
}

/** A fresh autoscaler at `target` replicas. */
export const make = (target: number): AutoscalerState => ({ target, samples: [], upSince: null, downSince: null })

/** The replicas wanted for `ongoing` requests, clamped. */
export const desired = (config: AutoscalingConfig, ongoing: number): number =>
  Math.min(config.maxReplicas, Math.max(config.minReplicas, Math.ceil(ongoing / config.targetOngoing)))

/** Records a sample of ongoing requests at `now` and answers the new state (with its possibly new target). */
export const observe = (
  config: AutoscalingConfig,
  state: AutoscalerState,
  now: number,
  ongoing: number
): AutoscalerState => {
  const samples = [...state.samples.filter(([t]) => t > now - LOOK_BACK_MS), [now, ongoing] as const]
  const average = samples.reduce((s, [, n]) => s + n, 0) / samples.length
  const want = desired(config, average)
  if (want > state.target) {
    const upSince = state.upSince ?? now
    return now - upSince >= config.upscaleDelayMs
      ? { target: want, samples, upSince: null, downSince: null }
      : { target: state.target, samples, upSince, downSince: null }
  }
  if (want < state.target) {
    const downSince = state.downSince ?? now
    return now - downSince >= config.downscaleDelayMs
      ? { target: want, samples, upSince: null, downSince: null }
      : { target: state.target, samples, upSince: null, downSince }
  }
  return { target: state.target, samples, upSince: null, downSince: null }
}
