/**
 * Every profile's attribute answers in compact form (see attribute-matcher.ts) in one shared
 * `Int32Array`, `stride` words per slot: a million profiles cost one array instead of a million small
 * typed arrays (about 180 bytes each) for the garbage collector to track. Slots of removed profiles
 * are reused. The array is replaced when it grows, so read `words` at the time of use.
 */
export class AttributeSlab {
  words: Int32Array<ArrayBuffer>;
  private readonly free: number[] = [];
  private used = 0;

  constructor(
    readonly stride: number,
    initialSlots = 1024,
  ) {
    this.words = new Int32Array(stride * initialSlots);
  }

  allocate(): number {
    const reused = this.free.pop();
    if (reused !== undefined) return reused;
    if ((this.used + 1) * this.stride > this.words.length) {
      const grown = new Int32Array(Math.max(this.words.length * 2, this.stride * 1024));
      grown.set(this.words);
      this.words = grown;
    }
    return this.used++;
  }

  offset(slot: number): number {
    return slot * this.stride;
  }

  release(slot: number): void {
    this.words.fill(0, this.offset(slot), this.offset(slot) + this.stride);
    this.free.push(slot);
  }
}
