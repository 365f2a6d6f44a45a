import { request, type Agent } from "node:https";

export interface PostAnswer {
  status: number;
  retryAfter: string | undefined;
}

/** One HTTPS POST on a kept-alive agent; the answer's body is read and dropped. */
export function httpsPost(
  url: string,
  headers: Record<string, string | number>,
  body: Uint8Array,
  agent: Agent,
  timeoutMs: number,
): Promise<PostAnswer> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: "POST", headers, agent, timeout: timeoutMs }, (res) => {
      res
        .resume()
        .on("end", () => resolve({ status: res.statusCode ?? 0, retryAfter: res.headers["retry-after"] }));
      res.on("error", reject);
    });
    req.on("timeout", () => req.destroy(new Error(`no answer in ${timeoutMs} ms`)));
    req.on("error", reject);
    req.end(body);
  });
}
