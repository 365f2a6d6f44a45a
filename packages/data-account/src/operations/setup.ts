import {
  PERMISSIONS,
  VenusError,
  type AccountStateResponse,
  type Gender,
  type SetupRequest,
  invalidField,
} from "@venus/model";
import type { Account } from "../cache/account-entity.js";
import { permissionsJson } from "../cache/account-entity.js";
import type { AccountContext } from "../context.js";
import { presentAccountState } from "../account-state-presenter.js";
import { ageOn, parseDate } from "../age.js";
import { publishAccountState } from "./publish-account-state.js";

const MAX_AGE = 99;

function requireInitialSetup(account: Account): void {
  if (account.state !== "initial_setup")
    throw new VenusError("invalid_state", "only allowed during initial setup");
}

/**
 * Saves the setup answers (only in `initial_setup`); durable. `name` arrives already checked against
 * the profile's name rules (data-all does that), since it becomes the profile name.
 */
export async function saveSetup(
  ctx: AccountContext,
  account: Account,
  request: SetupRequest & { name: string },
): Promise<void> {
  requireInitialSetup(account);
  const { name } = request;
  const birthdate = parseDate(request.birthdate);
  const today = new Date(ctx.now());
  if (!birthdate || ageOn(birthdate, today) < 0) throw invalidField("birthdate", "not a past date");
  if (ageOn(birthdate, today) > MAX_AGE) throw invalidField("birthdate", `age over ${MAX_AGE}`);
  account.name = name;
  account.birthdate = request.birthdate;
  account.gender = request.gender;
  account.lookingFor = [...request.looking_for];
  await ctx.writer.write(() =>
    ctx.statements.updateSetup({
      id: account.id,
      name,
      birthdate: request.birthdate,
      gender: request.gender,
      looking_for: JSON.stringify(request.looking_for),
    }),
  );
}

export interface SetupAnswers {
  name: string;
  age: number;
  gender: Gender;
  lookingFor: Gender[];
}

/** The completed setup of an account in `initial_setup`, or why setup cannot complete yet. */
export function setupAnswers(ctx: AccountContext, account: Account): SetupAnswers {
  requireInitialSetup(account);
  const birthdate = account.birthdate === null ? undefined : parseDate(account.birthdate);
  if (!account.name || !birthdate || !account.gender || !account.lookingFor)
    throw new VenusError("setup_incomplete");
  const age = ageOn(birthdate, new Date(ctx.now()));
  if (age < ctx.config.account.min_age) {
    throw new VenusError("too_young", `the minimum age is ${ctx.config.account.min_age}`);
  }
  return { name: account.name, age, gender: account.gender, lookingFor: account.lookingFor };
}

/**
 * Moves a complete, adult account to `normal`; keeps only the age and its year, not the birthdate.
 * The first account matching `admin.grant_email` gets every permission.
 */
export async function completeSetup(ctx: AccountContext, account: Account): Promise<AccountStateResponse> {
  const { age } = setupAnswers(ctx, account);
  const today = new Date(ctx.now());
  const grantEmail = ctx.config.admin.grant_email.trim().toLowerCase();
  const grantAdmin =
    grantEmail !== "" && account.email === grantEmail && !ctx.cache.adminGrantEmails.has(grantEmail);
  if (grantAdmin) {
    ctx.cache.adminGrantEmails.add(grantEmail);
    account.permissions = new Set(PERMISSIONS);
  }
  account.state = "normal";
  account.syncVersion++;
  account.birthdate = null;
  account.initialAge = age;
  account.initialAgeYear = today.getUTCFullYear();
  const row = {
    id: account.id,
    state: account.state,
    permissions: permissionsJson(account),
    sync_version: account.syncVersion,
    initial_age: age,
    initial_age_year: account.initialAgeYear,
  };
  await ctx.writer.write(() => {
    ctx.statements.completeSetup(row);
    if (grantAdmin) ctx.statements.insertAdminGrant(grantEmail, account.id, ctx.now());
  });
  publishAccountState(ctx, account);
  return presentAccountState(account);
}
