import { Presets, SingleBar } from "cli-progress";

/** A progress bar on stderr, drawn only when stderr is a terminal (so scripts and tests see none). */
export class ProgressBar {
  private readonly bar: SingleBar | undefined;

  constructor(label: string, total: number, unit: string) {
    if (!process.stderr.isTTY) return;
    this.bar = new SingleBar(
      { stream: process.stderr, format: `${label} |{bar}| {value}/{total} ${unit} {step}`, hideCursor: true },
      Presets.shades_classic,
    );
    this.bar.start(total, 0, { step: "" });
  }

  update(value: number, total?: number, step = ""): void {
    if (total !== undefined) this.bar?.setTotal(total);
    this.bar?.update(value, { step });
  }

  increment(by = 1): void {
    this.bar?.increment(by);
  }

  stop(): void {
    this.bar?.stop();
  }
}
