import { parseDurationMs } from '../resources/duration';
import type { RolloutGates } from './plan';

/*
 * Gates judge only the traffic of the step they decide on. A window reaching back before the step's
 * weights took effect mixes in another split (or the traffic before the rollout, or a fault removed
 * seconds ago): a healthy canary is rolled back for old errors, a bad one promoted on old successes.
 * So the window is min(gates.window, now - stepStartedAt), in whole seconds (Prometheus durations),
 * and shorter than a second there is nothing to read yet.
 */

export interface StepWindow {
  /** Whole seconds of post-step traffic to read; 0 means none yet (gates wait). */
  seconds: number;
  /** The same as a Prometheus duration ("37s"), or the plan's own window text when that is shorter. */
  window: string;
  /** The step start (ISO), echoed into the evaluation. */
  since: string;
}

export function stepWindow(gates: Pick<RolloutGates, 'window'>, stepStartedAt: string, now: number): StepWindow {
  const configured = Math.floor((parseDurationMs(gates.window) ?? 60_000) / 1000);
  const elapsed = Math.max(0, Math.floor((now - Date.parse(stepStartedAt)) / 1000));
  const seconds = Math.min(configured, elapsed);
  return { seconds, window: seconds === configured ? gates.window : `${seconds}s`, since: stepStartedAt };
}
