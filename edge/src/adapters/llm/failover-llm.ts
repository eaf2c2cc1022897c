import { createCancelSource } from '../../core/create-cancel-source.ts';
import { UpstreamUnavailableError } from '../../core/errors.ts';
import type { CancelSignal } from '../../ports/cancel-signal.ts';
import type { Clock } from '../../ports/clock.ts';
import type { Llm, LlmBackendHealth, LlmChunk, LlmRequest } from '../../ports/llm.ts';
import type { Timer } from '../../ports/timer.ts';

export interface FailoverBackend {
  /** For logs and health reports, e.g. the base URL. */
  name: string;
  llm: Llm;
}

export interface FailoverOptions {
  clock: Clock;
  timer: Timer;
  /** Consecutive failures that open a backend's circuit. */
  failureThreshold?: number;
  /** How long an open circuit keeps a backend out before one trial request. */
  cooldownMs?: number;
  /** A backend that sends nothing at all within this time is given up for the next one. */
  firstChunkTimeoutMs?: number;
  /** Called when a backend fails and the request moves on (for logs). */
  onBackendFailure?: (name: string, error: unknown) => void;
}

interface State extends FailoverBackend {
  failures: number;
  openedAt: number | null;
  trial: boolean;
  ready: boolean | null;
  lastError: string | null;
}

/** A model backend that did not answer in time. */
class FirstChunkTimeoutError extends Error {
  constructor(name: string, ms: number) {
    super(`${name} sent nothing within ${ms} ms`);
    this.name = 'FirstChunkTimeoutError';
  }
}

/**
 * One Llm over several backends (LLM_BASE_URL=a,b): healthy backends first, another backend tried when one fails
 * before its first answer token (reasoning already received from the failed one is dropped, never mixed), and a
 * circuit breaker that keeps a failing backend out for `cooldownMs` after `failureThreshold` failures in a row, then
 * lets one trial request through. Once the answer has started a failure is passed on: the customer has seen text.
 * @example const llm = createFailoverLlm([{ name: a, llm: createOpenAiCompatibleLlm({ baseURL: a, model }) }], { clock: Date, timer: platformTimer });
 */
export function createFailoverLlm(
  backends: FailoverBackend[],
  options: FailoverOptions,
): Llm & { health(): LlmBackendHealth[]; probe(signal?: CancelSignal): Promise<void> } {
  if (!backends.length) throw new Error('createFailoverLlm needs at least one backend');
  const threshold = options.failureThreshold ?? 3;
  const cooldownMs = options.cooldownMs ?? 30_000;
  const firstChunkMs = options.firstChunkTimeoutMs ?? 10_000;
  const states: State[] = backends.map((b) => ({
    ...b,
    failures: 0,
    openedAt: null,
    trial: false,
    ready: null,
    lastError: null,
  }));

  const circuit = (s: State): LlmBackendHealth['circuit'] => {
    if (s.openedAt === null) return 'closed';
    return options.clock.now() - s.openedAt >= cooldownMs ? 'half-open' : 'open';
  };
  const failed = (s: State, error: unknown) => {
    s.failures++;
    s.lastError = (error as Error)?.message ?? String(error);
    if (s.trial || s.failures >= threshold) s.openedAt = options.clock.now();
    s.trial = false;
    options.onBackendFailure?.(s.name, error);
  };
  const succeeded = (s: State) => {
    s.failures = 0;
    s.openedAt = null;
    s.trial = false;
    s.lastError = null;
  };
  /**
   * A half-open backend gets its one trial first (a failure costs only a retry on the next backend, before any
   * answer token), then closed circuits: probed-ready before unknown before probed-down.
   */
  const candidates = (): State[] => {
    const rank = (s: State) => (s.ready === true ? 0 : s.ready === null ? 1 : 2);
    const closed = states.filter((s) => circuit(s) === 'closed').sort((a, b) => rank(a) - rank(b));
    const halfOpen = states.filter((s) => circuit(s) === 'half-open' && !s.trial);
    return [...halfOpen, ...closed];
  };

  /**
   * Opens a backend's stream and reads it up to its first answer token (or its end), the first chunk within
   * `firstChunkMs`. What it read is returned to be passed on; a failure here lets the next backend try.
   */
  async function open(s: State, request: LlmRequest, local: ReturnType<typeof createCancelSource>) {
    const iterator = s.llm.stream(request, local.signal)[Symbol.asyncIterator]();
    const first = iterator.next();
    const stop = createCancelSource(local.signal);
    const timeout = options.timer.delay(firstChunkMs, stop.signal).then(() => {
      if (stop.signal.aborted) return null;
      local.cancel();
      throw new FirstChunkTimeoutError(s.name, firstChunkMs);
    });
    first.catch(() => {});
    let result: IteratorResult<LlmChunk>;
    try {
      result = (await Promise.race([first, timeout])) as IteratorResult<LlmChunk>;
    } finally {
      stop.cancel();
    }
    const buffered: LlmChunk[] = [];
    while (!result.done) {
      buffered.push(result.value);
      if (result.value.type === 'content') return { iterator, buffered, answering: true };
      result = await iterator.next();
    }
    return { iterator, buffered, answering: false };
  }

  return {
    model: backends[0]!.llm.model,
    async *stream(request, signal) {
      const order = candidates();
      if (!order.length) {
        throw new UpstreamUnavailableError(
          `all ${states.length} model backends are failing (circuit open); the next trial is within ${Math.round(cooldownMs / 1000)} s`,
        );
      }
      let lastError: unknown;
      for (const s of order) {
        if (signal.aborted) break;
        if (s.openedAt !== null) s.trial = true;
        const local = createCancelSource(signal);
        let opened: Awaited<ReturnType<typeof open>>;
        try {
          opened = await open(s, request, local);
        } catch (error) {
          local.cancel();
          if (signal.aborted) throw error;
          failed(s, error);
          lastError = error;
          continue;
        }
        succeeded(s);
        // From here a failure is passed on (the customer may have seen text). The chunks go straight from the
        // backend's iterator: one generator step per token, whatever the number of backends.
        try {
          yield* opened.buffered;
          // The reasoning read while opening is passed on: not kept for the rest of the stream.
          opened.buffered.length = 0;
          if (!opened.answering) return;
          for (;;) {
            const result = await opened.iterator.next();
            if (result.done) return;
            yield result.value;
          }
        } catch (error) {
          if (!signal.aborted) failed(s, error);
          throw error;
        } finally {
          local.cancel();
        }
      }
      if (signal.aborted) throw new UpstreamUnavailableError('model request cancelled');
      throw new UpstreamUnavailableError(
        `no model backend answered (${order.length} tried): ${(lastError as Error)?.message ?? 'unknown error'}`,
        { cause: lastError },
      );
    },
    async ready(signal) {
      await this.probe(signal);
      return states.some((s) => s.ready);
    },
    async probe(signal) {
      await Promise.all(
        states.map(async (s) => {
          s.ready = await s.llm.ready(signal).catch(() => false);
        }),
      );
    },
    health() {
      return states.map((s) => ({
        name: s.name,
        circuit: circuit(s),
        consecutiveFailures: s.failures,
        ready: s.ready,
        lastError: s.lastError,
      }));
    },
  };
}
