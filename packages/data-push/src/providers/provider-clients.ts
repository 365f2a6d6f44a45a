import type { VenusConfig } from "@venus/model";
import { ApnsProvider } from "./apns-provider.js";
import { ApnsToken } from "./apns-token.js";
import { FcmAccessTokens, readServiceAccount } from "./fcm-credentials.js";
import { EncryptPool } from "./encrypt-pool.js";
import { FcmProvider } from "./fcm-provider.js";
import type { PushProviderClient } from "./push-provider.js";
import { WebPushProvider } from "./webpush-provider.js";
import type { VapidKeys } from "../vapid-keys.js";

/** The clients of the enabled providers; a misconfigured one is a ConfigError naming its key. */
export async function providerClients(
  config: VenusConfig,
  vapid: VapidKeys | undefined,
): Promise<PushProviderClient[]> {
  const { push } = config;
  const timeoutMs = push.timeout_seconds * 1000;
  const clients: PushProviderClient[] = [];
  if (vapid) {
    const pool = new EncryptPool(push.webpush.encrypt_threads, push.webpush.encrypt_queue);
    clients.push(
      new WebPushProvider(vapid, push.webpush.subject, timeoutMs, push.concurrency_per_provider, pool),
    );
  }
  if (push.fcm.enabled) {
    const account = readServiceAccount(push.fcm.service_account_file);
    const tokens = new FcmAccessTokens(account, push.fcm.token_url, timeoutMs);
    await tokens.check();
    clients.push(new FcmProvider(account, push.fcm.api_url, tokens, timeoutMs));
  }
  if (push.apns.enabled)
    clients.push(new ApnsProvider(push.apns, await ApnsToken.load(push.apns), timeoutMs));
  return clients;
}
