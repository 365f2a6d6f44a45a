export { openDatabase, type Database } from "./open-database.js";
export { migrate, type Migration } from "./migrations.js";
export { ACCOUNT_MIGRATIONS } from "./account/account-migrations.js";
export { AccountStatements } from "./account/account-statements.js";
export type { AccountRow, SessionRow, RetiredRefreshRow } from "./account/account-rows.js";
export { PROFILE_MIGRATIONS } from "./profile/profile-migrations.js";
export { ProfileStatements } from "./profile/profile-statements.js";
export type { ProfileRow, FavoriteRow } from "./profile/profile-rows.js";
