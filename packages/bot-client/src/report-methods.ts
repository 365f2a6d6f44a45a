import type { ReportRequest, ReportResponse } from "@venus/model";
import { routePath, type HttpApi } from "./http-api.js";

/**
 * `/report/…`: reporting what the caller can see (messages are reported with `chat.report`). A
 * report repeated while the caller's report on the same thing waits answers that report's id.
 */
export class ReportMethods {
  constructor(private readonly http: HttpApi) {}

  /** `POST /report/profile_name/{account_id}`: the name as the caller sees it. */
  profileName(accountId: string, request: ReportRequest): Promise<ReportResponse> {
    return this.http.post(routePath`/report/profile_name/${accountId}`, request);
  }

  /** `POST /report/profile_text/{account_id}`: the profile text as the caller sees it. */
  profileText(accountId: string, request: ReportRequest): Promise<ReportResponse> {
    return this.http.post(routePath`/report/profile_text/${accountId}`, request);
  }

  /** `POST /report/image/{account_id}/{content_id}`: an image of the account the caller can see. */
  image(accountId: string, contentId: string, request: ReportRequest): Promise<ReportResponse> {
    return this.http.post(routePath`/report/image/${accountId}/${contentId}`, request);
  }
}
