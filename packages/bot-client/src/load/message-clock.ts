import { LatencySamples } from "./latency-recorder.js";

/**
 * Times messages from the moment their send request leaves to the moment the recipient's socket
 * delivers them (`new_message`). Every load bot plays in one process, so one clock sees both ends;
 * a message is known by `<sender>/<uuid>`.
 */
export class MessageClock {
  readonly latency = new LatencySamples();
  /** Send requests the server answered with success. */
  sent = 0;
  /** Messages timed at their recipient (each once, however often it is delivered). */
  received = 0;
  private readonly started = new Map<string, number>();

  /** A send request is leaving (a retry with the same uuid keeps the first time). */
  sending(sender: string, uuid: string, at: number): void {
    const key = `${sender}/${uuid}`;
    if (!this.started.has(key)) this.started.set(key, at);
  }

  /** The send request's answer: a refused or lost message will never arrive, so it is forgotten. */
  answered(sender: string, uuid: string, ok: boolean): void {
    if (ok) this.sent++;
    else this.started.delete(`${sender}/${uuid}`);
  }

  /** A recipient got the message; one this clock did not see leave (or saw arrive already) is ignored. */
  delivered(sender: string, uuid: string, at: number): void {
    const key = `${sender}/${uuid}`;
    const started = this.started.get(key);
    if (started === undefined) return;
    this.started.delete(key);
    this.received++;
    this.latency.add(at - started);
  }

  /** Forgets the messages in flight (at the end of the measured phase). */
  reset(): void {
    this.started.clear();
  }
}
