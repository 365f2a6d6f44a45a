import type { Permission } from "@venus/model";

/** The console's screens, each shown to an account holding any of its permissions. */
export const SCREENS = [
  { id: "images", title: "Images", needs: ["moderate_images"] },
  { id: "verification", title: "Verification", needs: ["moderate_images"] },
  { id: "texts", title: "Names and texts", needs: ["moderate_texts"] },
  { id: "reports", title: "Reports", needs: ["process_reports"] },
  { id: "accounts", title: "Accounts", needs: ["view_accounts"] },
  { id: "server", title: "Server", needs: ["edit_config", "view_statistics", "use_manager_api"] },
  { id: "news", title: "News and email", needs: ["manage_news", "email_users"] },
] as const satisfies readonly { id: string; title: string; needs: readonly Permission[] }[];

export type ScreenId = (typeof SCREENS)[number]["id"];

export type Permissions = ReadonlySet<Permission>;

export function visibleScreens(permissions: Permissions) {
  return SCREENS.filter((screen) => screen.needs.some((needed) => permissions.has(needed)));
}
