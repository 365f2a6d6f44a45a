/**
 * Every profile's attribute answers in compact form (see attribute-matcher.ts) in one shared
 * `Int32Array`, `stride` words per slot: a million profiles cost one array instead of a million small
 * typed arrays (about 180 bytes each) for the garbage collector to track. Slots of removed profiles
 * are reused. The same slot holds `doubleStride` numbers in `doubles` (a loaded profile's location
 * and times, see loaded-profile.ts: unboxed, where an object field holds a 16-byte heap number each).
 * The arrays are replaced when they grow, so read `words` and `doubles` at the time of use.
 */
export class AttributeSlab {
  words: Int32Array<ArrayBuffer>;
  doubles: Float64Array<ArrayBuffer>;
  private readonly free: number[] = [];
  private used = 0;

  constructor(
    readonly stride: number,
    initialSlots = 1024,
    readonly doubleStride = 0,
  ) {
    this.words = new Int32Array(stride * initialSlots);
    this.doubles = new Float64Array(doubleStride * initialSlots);
  }

  allocate(): number {
    const reused = this.free.pop();
    if (reused !== undefined) return reused;
    if ((this.used + 1) * this.stride > this.words.length) {
      const grown = new Int32Array(Math.max(this.words.length * 2, this.stride * 1024));
      grown.set(this.words);
      this.words = grown;
    }
    if ((this.used + 1) * this.doubleStride > this.doubles.length) {
      const grown = new Float64Array(Math.max(this.doubles.length * 2, this.doubleStride * 1024));
      grown.set(this.doubles);
      this.doubles = grown;
    }
    return this.used++;
  }

  offset(slot: number): number {
    return slot * this.stride;
  }

  release(slot: number): void {
    this.words.fill(0, this.offset(slot), this.offset(slot) + this.stride);
    this.doubles.fill(0, slot * this.doubleStride, (slot + 1) * this.doubleStride);
    this.free.push(slot);
  }
}
