import type { BrowseItem } from "@venus/model";
import { isVenusApiError } from "../venus-api-error.js";
import type { VenusClient } from "../venus-client.js";
import { chooseToLike } from "./choose-likes.js";

/**
 * The shortest time between two new browse sessions once one has nothing left, so that a bot acting
 * every few seconds stays well within `profile.daily_page_resets` (200 a day by default).
 */
export const BROWSE_RESET_INTERVAL_MS = 450_000;
/** Profiles remembered as liked (beyond this the oldest are forgotten; liking again costs nothing). */
const REMEMBERED_LIKES = 100_000;

/**
 * Browsing and liking: keeps one browse session (nearest first) and a buffer of its profiles not yet
 * liked, picks one or two of them per tick, and lists received likes to like back.
 */
export class Liker {
  private readonly liked = new Set<string>();
  private session: string | undefined;
  private sessionDone = false;
  private lastReset = Number.NEGATIVE_INFINITY;
  private buffer: BrowseItem[] = [];

  constructor(
    private readonly client: VenusClient,
    private readonly random: () => number,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * One or two browsed profiles not liked yet, nearest first, to like now; fetches the session's next
   * page (or starts a session) when the buffer has none.
   */
  async chooseNext(): Promise<string[]> {
    this.buffer = this.candidates();
    if (this.buffer.length === 0) await this.fetchPage();
    return chooseToLike(this.buffer, (id) => this.skip(id), this.random);
  }

  /** The accounts on the first page of received likes (newest first), to like back. */
  async receivedLikes(): Promise<string[]> {
    const { likes } = await this.client.chat.receivedLikes();
    return likes.map((like) => like.account_id).filter((id) => id !== this.client.accountId);
  }

  /**
   * `POST /chat/like`, remembered so browsing does not like the same profile again (`always`: like
   * even so, as liking back does: a like that makes a match is never wasted).
   */
  async like(accountId: string, always = false): Promise<void> {
    if (!always && this.liked.has(accountId)) return;
    await this.client.chat.like(accountId);
    this.liked.add(accountId);
    if (this.liked.size > REMEMBERED_LIKES) {
      const oldest = this.liked.values().next().value;
      if (oldest !== undefined) this.liked.delete(oldest);
    }
  }

  private candidates(): BrowseItem[] {
    return this.buffer.filter((item) => !this.skip(item.account_id));
  }

  private skip(accountId: string): boolean {
    return accountId === this.client.accountId || this.liked.has(accountId);
  }

  /**
   * The session's next page into the buffer; a new session first when there is none, or when the last
   * one had nothing more and BROWSE_RESET_INTERVAL_MS has passed since it began.
   */
  private async fetchPage(): Promise<void> {
    if (this.session === undefined || this.sessionDone) {
      if (this.now() - this.lastReset < BROWSE_RESET_INTERVAL_MS) return;
      this.lastReset = this.now();
      this.session = (await this.client.profile.browseReset()).session_id;
      this.sessionDone = false;
    }
    try {
      const page = await this.client.profile.browseNext(this.session);
      this.buffer.push(...page.profiles);
      this.sessionDone = page.done;
    } catch (error) {
      if (isVenusApiError(error, "browse_session_expired")) {
        this.session = undefined;
        this.lastReset = Number.NEGATIVE_INFINITY;
      }
      throw error;
    }
  }
}
