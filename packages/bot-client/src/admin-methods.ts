import type {
  AccountDeletedResponse,
  AdminAccountView,
  AdminList,
  AuditPage,
  BanRequest,
  MediaModerationPage,
  VerificationDecisionRequest,
  VerificationQueue,
  MediaModerationRequest,
  ModerationDecisionRequest,
  Permission,
  ModerationQueuePage,
  ProfileStatistics,
  ReportDecisionRequest,
  ReportDecisionResponse,
  ReportKind,
  ReportState,
  ReportsPage,
  RuntimeFlagName,
  RuntimeFlags,
  SessionsEndedResponse,
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

  /** `GET /admin/media/verification` (`moderate_images`): accounts whose selfie and face image a human must compare. */
  verificationQueue(): Promise<VerificationQueue> {
    return this.http.get("/admin/media/verification");
  }

  /** `POST /admin/media/verification` (`moderate_images`), for the pair of images shown. */
  decideVerification(decision: VerificationDecisionRequest): Promise<OkBody> {
    return this.http.post("/admin/media/verification", decision);
  }

  /** `GET /admin/reports[?state=&kind=&after=]` (`process_reports`): waiting by default, oldest first. */
  reports(query: { state?: ReportState; kind?: ReportKind; after?: string } = {}): Promise<ReportsPage> {
    return this.http.get("/admin/reports", query);
  }

  /** `POST /admin/reports/{id}/decision` (`process_reports`): a rejection may ban the reporter. */
  decideReport(reportId: number, decision: ReportDecisionRequest): Promise<ReportDecisionResponse> {
    return this.http.post(routePath`/admin/reports/${reportId}/decision`, decision);
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

  /** `GET /admin/accounts/{id}` (`view_accounts`). */
  accountById(accountId: string): Promise<AdminAccountView> {
    return this.http.get(routePath`/admin/accounts/${accountId}`);
  }

  /** `GET /admin/accounts?email=` (`view_accounts`). */
  accountByEmail(email: string): Promise<AdminAccountView> {
    return this.http.get("/admin/accounts", { email });
  }

  /** `GET /admin/admins` (`manage_admins`): every account with a permission. */
  admins(): Promise<AdminList> {
    return this.http.get("/admin/admins");
  }

  /** `PUT /admin/accounts/{id}/permissions` (`manage_admins`): the whole set. */
  setPermissions(accountId: string, permissions: readonly Permission[]): Promise<AdminAccountView> {
    return this.http.put(routePath`/admin/accounts/${accountId}/permissions`, { permissions });
  }

  /** `POST /admin/accounts/{id}/ban` (`ban`): `until` an ISO time, absent or null for no end. */
  ban(accountId: string, request: BanRequest): Promise<AdminAccountView> {
    return this.http.post(routePath`/admin/accounts/${accountId}/ban`, request);
  }

  /** `POST /admin/accounts/{id}/unban` (`ban`). */
  unban(accountId: string): Promise<AdminAccountView> {
    return this.http.post(routePath`/admin/accounts/${accountId}/unban`);
  }

  /** `POST /admin/accounts/{id}/lock` (`ban`): login refused, every session ends. */
  lock(accountId: string): Promise<AdminAccountView> {
    return this.http.post(routePath`/admin/accounts/${accountId}/lock`);
  }

  /** `POST /admin/accounts/{id}/unlock` (`ban`). */
  unlock(accountId: string): Promise<AdminAccountView> {
    return this.http.post(routePath`/admin/accounts/${accountId}/unlock`);
  }

  /** `POST /admin/accounts/{id}/logout` (`ban`): every session ends at once. */
  logoutAccount(accountId: string): Promise<SessionsEndedResponse> {
    return this.http.post(routePath`/admin/accounts/${accountId}/logout`);
  }

  /** `POST /admin/accounts/{id}/delete` (`delete`): every row and file of the account, now. */
  deleteAccount(accountId: string): Promise<AccountDeletedResponse> {
    return this.http.post(routePath`/admin/accounts/${accountId}/delete`);
  }

  /** `GET /admin/audit` (`manage_admins`): newest first; `before` is the previous page's `next`. */
  audit(query: { limit?: number; before?: string; account_id?: string } = {}): Promise<AuditPage> {
    return this.http.get("/admin/audit", query);
  }
}
