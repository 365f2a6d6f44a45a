import type { ManagerRequestFrame, ManagerResponseFrame } from "@venus/model";
import type { Logger } from "@venus/simple-backend";
import { managerError, type ManagerHandler, type ManagerResponse } from "../api/manager-request.js";

/** Runs a request that came as a frame through `dispatch`, and frames the answer (never throws). */
export async function answerRequest(
  frame: ManagerRequestFrame,
  caller: string,
  dispatch: ManagerHandler,
  log: Logger,
): Promise<ManagerResponseFrame> {
  const url = new URL(frame.path, "http://manager");
  let response: ManagerResponse;
  try {
    response = await dispatch({
      method: frame.method,
      path: url.pathname,
      query: url.searchParams,
      body: frame.body,
      caller,
    });
  } catch (error) {
    log.error({ err: error, path: frame.path }, "manager request over a socket failed");
    response = managerError(500, "internal_error", "the manager could not answer this request");
  }
  return { type: "response", id: frame.id, status: response.status, body: response.body };
}
