import type { EventName } from "@venus/model";
import type { AnyVenusEvent, EventDataMap, VenusEvent } from "./wire-types.js";

export interface EventQueueOptions {
  /** Most events kept for `next()`; beyond it the oldest go (counted in `dropped`). Default 10 000. */
  maxQueued?: number;
  /** How long `next()` and `take()` wait by default, in ms (`Infinity`: for ever). Default 10 000. */
  timeoutMs?: number;
  /** An `on()` handler threw. Default: rethrown on a later tick, like an EventEmitter listener. */
  onHandlerError?: (error: unknown, event: AnyVenusEvent) => void;
}

export interface WaitOptions<T> {
  /** Overrides the queue's default wait, in ms. */
  timeoutMs?: number;
  /** Only an event whose data passes this is taken; the others stay queued. */
  predicate?: (data: T) => boolean;
}

/** `next()` or `take()` found no matching event in time. */
export class EventTimeoutError extends Error {
  override readonly name = "EventTimeoutError";
}

interface Waiter {
  matches(event: AnyVenusEvent): boolean;
  resolve(event: AnyVenusEvent): void;
  reject(error: Error): void;
}

/**
 * The events pushed to one client, for two kinds of consumer:
 *
 * - `on(event, handler)` runs the handler as each event arrives, synchronously in the frame handler,
 *   so a bot can react (acknowledge, reply) in arrival order;
 * - `next(event)` / `take(match)` resolve with the first matching event, *including events that
 *   arrived before the call*. Several frames of one TCP chunk are handled back to back before an
 *   awaiting coroutine resumes, so an event that is not queued would be lost to a `next()` called a
 *   moment later; every event is therefore queued until taken (bounded by `maxQueued`).
 *
 * Taking an event removes it from the queue; handlers see every event regardless.
 */
export class EventQueue {
  private readonly queue: AnyVenusEvent[] = [];
  private readonly waiters: Waiter[] = [];
  private readonly handlers = new Set<(event: AnyVenusEvent) => void>();
  private readonly maxQueued: number;
  private readonly timeoutMs: number;
  private readonly onHandlerError: (error: unknown, event: AnyVenusEvent) => void;
  /** Events dropped from the front of a full queue. */
  dropped = 0;

  constructor(options: EventQueueOptions = {}) {
    this.maxQueued = options.maxQueued ?? 10_000;
    this.timeoutMs = options.timeoutMs ?? 10_000;
    this.onHandlerError =
      options.onHandlerError ??
      ((error) =>
        setImmediate(() => {
          throw error;
        }));
  }

  /** Delivers one event: to every handler, then to the first waiter it matches, else to the queue. */
  push(event: AnyVenusEvent): void {
    for (const handler of [...this.handlers]) {
      try {
        handler(event);
      } catch (error) {
        this.onHandlerError(error, event);
      }
    }
    for (const [index, waiter] of this.waiters.entries()) {
      let matches: boolean;
      try {
        matches = waiter.matches(event);
      } catch (error) {
        this.waiters.splice(index, 1);
        waiter.reject(error instanceof Error ? error : new Error(String(error)));
        return this.enqueue(event);
      }
      if (matches) {
        this.waiters.splice(index, 1);
        return waiter.resolve(event);
      }
    }
    this.enqueue(event);
  }

  /** Runs `handler` for every later event of this name; returns the function that stops it. */
  on<E extends EventName>(
    event: E,
    handler: (data: EventDataMap[E], event: VenusEvent<E>) => void,
  ): () => void {
    return this.onAny((candidate) => {
      if (candidate.event === event) handler(...typed<E>(candidate));
    });
  }

  /** Runs `handler` for every later event; returns the function that stops it. */
  onAny(handler: (event: AnyVenusEvent) => void): () => void {
    const own = (event: AnyVenusEvent) => handler(event);
    this.handlers.add(own);
    return () => this.handlers.delete(own);
  }

  /** The data of the first event of this name (queued or still to come) that passes `predicate`. */
  async next<E extends EventName>(
    event: E,
    options: WaitOptions<EventDataMap[E]> = {},
  ): Promise<EventDataMap[E]> {
    return (await this.nextEvent(event, options)).data;
  }

  /** As `next()`, resolving with the whole event rather than its data. */
  async nextEvent<E extends EventName>(
    event: E,
    options: WaitOptions<EventDataMap[E]> = {},
  ): Promise<VenusEvent<E>> {
    const { predicate } = options;
    const found = await this.take(
      (candidate) =>
        candidate.event === event && (predicate === undefined || predicate(typed<E>(candidate)[0])),
      options.timeoutMs,
      event,
    );
    return typed<E>(found)[1];
  }

  /** The first event (queued or still to come) that `matches`; the others stay queued. */
  take(
    matches: (event: AnyVenusEvent) => boolean,
    timeoutMs = this.timeoutMs,
    what = "matching event",
  ): Promise<AnyVenusEvent> {
    const index = this.queue.findIndex(matches);
    if (index >= 0) return Promise.resolve(this.queue.splice(index, 1)[0] as AnyVenusEvent);
    return new Promise((resolve, reject) => {
      let timer: NodeJS.Timeout | undefined;
      const waiter: Waiter = {
        matches,
        resolve: (event) => {
          clearTimeout(timer);
          resolve(event);
        },
        reject: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      };
      if (Number.isFinite(timeoutMs))
        timer = setTimeout(() => {
          this.removeWaiter(waiter);
          const queued = this.queue.map((event) => event.event).join(", ") || "nothing";
          reject(new EventTimeoutError(`no ${what} within ${timeoutMs} ms (queued: ${queued})`));
        }, timeoutMs);
      this.waiters.push(waiter);
    });
  }

  /** The queued events, oldest first (a copy). */
  queued(): AnyVenusEvent[] {
    return [...this.queue];
  }

  /** Removes the queued events that match (all without `matches`) and returns them. */
  drain(matches: (event: AnyVenusEvent) => boolean = () => true): AnyVenusEvent[] {
    const taken: AnyVenusEvent[] = [];
    const kept: AnyVenusEvent[] = [];
    for (const event of this.queue) (matches(event) ? taken : kept).push(event);
    this.queue.splice(0, this.queue.length, ...kept);
    return taken;
  }

  /** Forgets every queued event. */
  clear(): void {
    this.queue.length = 0;
  }

  /** Rejects every pending `next()`/`take()` with `error` (their events can no longer come). */
  fail(error: Error): void {
    for (const waiter of this.waiters.splice(0)) waiter.reject(error);
  }

  private enqueue(event: AnyVenusEvent): void {
    this.queue.push(event);
    while (this.queue.length > this.maxQueued) {
      this.queue.shift();
      this.dropped++;
    }
  }

  private removeWaiter(waiter: Waiter): void {
    const index = this.waiters.indexOf(waiter);
    if (index >= 0) this.waiters.splice(index, 1);
  }
}

/**
 * An event already checked to be named `E`, typed as such. (TypeScript cannot narrow the union by a
 * generic name, so this is the one place that asserts it.)
 */
function typed<E extends EventName>(event: AnyVenusEvent): [EventDataMap[E], VenusEvent<E>] {
  const checked = event as unknown as VenusEvent<E>;
  return [checked.data, checked];
}

/** Narrows an event to the one named `name` (for a literal name). */
export function isEvent<E extends EventName>(
  event: AnyVenusEvent,
  name: E,
): event is Extract<AnyVenusEvent, { event: E }> {
  return event.event === name;
}
