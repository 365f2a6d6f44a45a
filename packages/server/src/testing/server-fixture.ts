import { afterAll, beforeAll } from "vitest";
import { startServer, type RunningServer, type ServerOptions } from "./spawn-server.js";

/** Starts one real server for the test file (before its tests) and stops it afterwards. */
export function useServer(options: ServerOptions = {}): { readonly server: RunningServer } {
  let running: RunningServer | undefined;
  beforeAll(async () => {
    running = await startServer(options);
  });
  afterAll(async () => {
    await running?.stop();
    running?.cleanup();
  });
  return {
    get server(): RunningServer {
      if (!running) throw new Error("the server has not started");
      return running;
    },
  };
}
