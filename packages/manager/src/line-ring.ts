/** One line of a child's output as the manager keeps it. */
export interface KeptLine {
  /** Unix ms the manager read the line (or journald stored it). */
  time: number;
  /** `journal`: read from journald (control `systemd`), which does not keep the two apart. */
  stream: "stdout" | "stderr" | "journal";
  text: string;
}

const MAX_LINE_CHARS = 16 * 1024;

/** The last `capacity` lines, oldest first; a longer line is cut at 16 KiB. */
export class LineRing {
  private readonly lines: KeptLine[] = [];
  private next = 0;

  constructor(readonly capacity: number) {
    if (!(capacity >= 1)) throw new RangeError("capacity must be at least 1");
  }

  get size(): number {
    return this.lines.length;
  }

  push(line: KeptLine): void {
    const kept =
      line.text.length > MAX_LINE_CHARS ? { ...line, text: `${line.text.slice(0, MAX_LINE_CHARS)}…` } : line;
    if (this.lines.length < this.capacity) this.lines.push(kept);
    else this.lines[this.next] = kept;
    this.next = (this.next + 1) % this.capacity;
  }

  /** The last `count` lines (all when fewer), oldest first. */
  last(count: number): KeptLine[] {
    const n = Math.max(0, Math.min(count, this.lines.length));
    if (this.lines.length < this.capacity) return this.lines.slice(this.lines.length - n);
    const result: KeptLine[] = [];
    for (let i = this.capacity - n; i < this.capacity; i++)
      result.push(this.lines[(this.next + i) % this.capacity] as KeptLine);
    return result;
  }
}
