// Reconnect delays: exponential growth, capped, with jitter so that many tabs dropped at once
// (a deploy, API Gateway's 2-hour limit) do not all come back in the same instant.

export interface BackoffOptions {
  /** Delay before the first retry, in ms. */
  baseMs: number;
  /** Largest delay, in ms. */
  maxMs: number;
  /** Returns a number in [0, 1). */
  random: () => number;
}

export const defaultBackoff: BackoffOptions = { baseMs: 1_000, maxMs: 30_000, random: Math.random };

/**
 * Delay before retry number `attempt` (0-based): "equal jitter", i.e. half of the capped
 * exponential step is fixed and half is random, so a delay is never near zero yet tabs spread out.
 */
export function backoffDelay(attempt: number, options: BackoffOptions = defaultBackoff): number {
  const safeAttempt = Math.max(0, Math.min(30, Math.floor(attempt)));
  const step = Math.min(options.maxMs, options.baseMs * 2 ** safeAttempt);
  const random = Math.min(Math.max(options.random(), 0), 1);
  return Math.round(step / 2 + random * (step / 2));
}
