import {
  finishInterruptedDeletions,
  observeDeletionSteps,
  restoreExports,
  type AllComponents,
  type DeletionStepObserver,
} from "@venus/data-all";
import type { Logger } from "@venus/simple-backend";

/**
 * Tests only: the server pauses this many ms after each committed deletion step (and logs the step),
 * so a test can `kill -9` it between two steps and check that start-up finishes the deletion.
 */
export const DELETION_STEP_PAUSE_ENV = "TEST_VENUS_DELETION_STEP_PAUSE_MS";

function deletionObserver(log: Logger, env: NodeJS.ProcessEnv): DeletionStepObserver {
  const pauseMs = Number(env[DELETION_STEP_PAUSE_ENV] ?? 0);
  return async (accountId, step) => {
    if (step === "account") log.info({ accountId }, "account deleted");
    if (!(pauseMs > 0)) return;
    log.warn({ accountId, step, pauseMs }, "account deletion step done; pausing (test hook)");
    await new Promise((resolve) => setTimeout(resolve, pauseMs));
  };
}

/**
 * Before the server listens: every account deletion a stop interrupted is finished (the deletion
 * mark is durable), and data export archives are found again (unfinished and expired ones wiped).
 */
export async function prepareAccountData(
  components: AllComponents,
  log: Logger,
  env: NodeJS.ProcessEnv = process.env,
): Promise<void> {
  observeDeletionSteps(deletionObserver(log, env));
  const finished = await finishInterruptedDeletions(components);
  if (finished > 0) log.info({ accounts: finished }, "finished account deletions a stop interrupted");
  const wiped = await restoreExports(components);
  if (wiped > 0) log.info({ files: wiped }, "wiped unfinished or expired data exports");
}
