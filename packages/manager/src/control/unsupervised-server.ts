import type { ServerStatus, ServerSupervisor } from "../server-supervisor.js";

export class NotSupervisedError extends Error {
  constructor() {
    super('this manager does not run a server (server.control = "none")');
  }
}

/** `server.control = "none"`: a manager that only serves its API (a backup peer, a relay). */
export class UnsupervisedServer implements ServerSupervisor {
  start(): void {}

  async restart(): Promise<void> {
    throw new NotSupervisedError();
  }

  async stop(): Promise<void> {}

  async status(): Promise<ServerStatus> {
    return {
      control: "none",
      running: false,
      pid: null,
      since: null,
      uptime_seconds: null,
      restarts: 0,
      requested_restarts: 0,
    };
  }

  async logs(): Promise<[]> {
    return [];
  }
}
