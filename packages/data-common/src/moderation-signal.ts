/** The moderation queues: images (data-media) and names and texts (data-profile). */
export type ModerationQueueName = "images" | "texts";

/**
 * Raised by a component when an item has joined a moderation queue (after it committed). The server
 * wires it to the moderators' connections, so a moderation bot or an admin client wakes at once
 * instead of polling.
 */
export class ModerationSignal {
  private readonly listeners: ((queue: ModerationQueueName) => void)[] = [];

  on(listener: (queue: ModerationQueueName) => void): void {
    this.listeners.push(listener);
  }

  raise(queue: ModerationQueueName): void {
    for (const listener of this.listeners) listener(queue);
  }
}
