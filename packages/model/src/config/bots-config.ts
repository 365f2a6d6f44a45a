import { Type } from "@sinclair/typebox";
import { configSection } from "@venus/simple-backend";

export const botsConfigSection = configSection(
  "Bots: local and remote bot sign-in, and the bots the server runs.",
  {
    local_port: Type.Integer({
      default: 3001,
      minimum: 0,
      maximum: 65535,
      description:
        "Port of the bot listener on 127.0.0.1 (POST /bot/register, /bot/login); 0 picks a free one. Never reachable from another machine. It opens only while the server runs bots itself (users, moderation_bot) or local_login is on.",
    }),
    local_login: Type.Boolean({
      default: false,
      description:
        "Open the bot listener for bots run by hand on this machine (venus bot --local, venus bot load, scripts) even when the server runs none itself; initial value of the runtime flag local_bot_login_enabled.",
    }),
    remote_login_password: Type.String({
      default: "",
      description:
        "Password for POST /bot/remote_login on the public port; empty switches remote bot login off (the route answers 404).",
    }),
    remote_login_enabled: Type.Boolean({
      default: true,
      description:
        "Initial value of the runtime flag remote_bot_login_enabled: remote bot login is open when this is on and remote_login_password is set.",
    }),
    remote_login_allowed: Type.Array(Type.String({ minLength: 1 }), {
      default: [],
      description:
        'Addresses or CIDR ranges allowed to use remote bot login (e.g. "203.0.113.7", "10.0.0.0/8"); empty: any. Others get 404.',
    }),
    users: Type.Integer({
      default: 0,
      minimum: 0,
      maximum: 10000,
      description:
        "User bots the server runs itself (in a `venus bot --local` child process); initial value of the runtime flag local_user_bots.",
    }),
    moderation_bot: Type.Boolean({
      default: false,
      description:
        "Run the moderation bot (in the same child process); initial value of the runtime flag moderation_bot_enabled.",
    }),
    file: Type.String({
      default: "",
      description:
        "The bots config file (TOML: profile templates, replies, moderation rules); empty: the embedded default.",
    }),
  },
);
