import { chromium, type Browser } from "playwright-core";

/** Debian's Chromium (never a downloaded one), headless, with nothing that calls outside. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.VENUS_CHROMIUM ?? "/usr/bin/chromium",
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--use-fake-ui-for-media-stream",
      "--use-fake-device-for-media-stream",
    ],
  });
}
