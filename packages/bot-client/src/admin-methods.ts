import type {
  MediaModerationPage,
  MediaModerationRequest,
  MessageReportsPage,
  ModerationDecisionRequest,
  ModerationQueuePage,
  ProfileStatistics,
  RuntimeFlagName,
  RuntimeFlags,
  StatisticsHistory,
} from "@venus/model";
import type { HttpApi } from "./http-api.js";
import { routePath } from "./http-api.js";
import type { DailyTaskBody, OkBody } from "./wire-types.js";

/** `/admin/…` routes; each needs its permission (`403 forbidden` otherwise). */
export class AdminMethods {
  constructor(private readonly http: HttpApi) {}

  /** `GET /admin/profile/moderation[?after=]` (`moderate_texts`): names and texts waiting, oldest first. */
  profileModerationQueue(after?: string): Promise<ModerationQueuePage> {
    return this.http.get("/admin/profile/moderation", { after });
  }

  /** `POST /admin/profile/moderation` (`moderate_texts`). */
  moderateProfile(decision: ModerationDecisionRequest): Promise<OkBody> {
    return this.http.post("/admin/profile/moderation", decision);
  }

  /** `GET /admin/media/moderation[?after=]` (`moderate_images`): images waiting, oldest first. */
  mediaModerationQueue(after?: string): Promise<MediaModerationPage> {
    return this.http.get("/admin/media/moderation", { after });
  }

  /** `POST /admin/media/moderation` (`moderate_images`); a rejection needs a category. */
  moderateMedia(decision: MediaModerationRequest): Promise<OkBody> {
    return this.http.post("/admin/media/moderation", decision);
  }

  /** `GET /admin/chat/reports[?after=]` (`process_reports`): oldest first. */
  chatReports(after?: string): Promise<MessageReportsPage> {
    return this.http.get("/admin/chat/reports", { after });
  }

  /** `GET /admin/flags` (`edit_config`). */
  flags(): Promise<RuntimeFlags> {
    return this.http.get("/admin/flags");
  }

  /** `PUT /admin/flags/{name}` (`edit_config`): all flags after the change. */
  setFlag<N extends RuntimeFlagName>(name: N, value: RuntimeFlags[N]): Promise<RuntimeFlags> {
    return this.http.put(routePath`/admin/flags/${name}`, { value });
  }

  /** `POST /admin/daily_task/run` (`edit_config`). */
  runDailyTask(): Promise<DailyTaskBody> {
    return this.http.post("/admin/daily_task/run");
  }

  /** `GET /admin/profile/statistics` (`view_statistics`): public and private counts. */
  statistics(): Promise<ProfileStatistics> {
    return this.http.get("/admin/profile/statistics");
  }

  /** `GET /admin/profile/statistics/history` (`view_statistics`). */
  statisticsHistory(): Promise<StatisticsHistory> {
    return this.http.get("/admin/profile/statistics/history");
  }
}
