import { managerError, type ManagerResponse } from "../api/manager-request.js";

/** A backup step that failed for a reason worth naming: the peer answers it as `{error:{code,message}}`. */
export class BackupError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = "BackupError";
  }
}

/** Runs a route's work, answering a `BackupError` as its error reply (anything else stays a 500). */
export async function answerBackupErrors(work: () => Promise<ManagerResponse>): Promise<ManagerResponse> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof BackupError) return managerError(error.status, error.code, error.message);
    throw error;
  }
}
