import { TESTING_ALLOWED_ENV, type VenusConfig } from "@venus/model";
import { SettableClock, SYSTEM_CLOCK, type Clock } from "@venus/simple-backend";

const LOOPBACK_HOSTS = ["127.0.0.1", "::1", "localhost"];

/**
 * The server's clock: the system clock, or with `[testing] clock` a settable one. The settable clock is
 * refused (a configuration error, exit 2) unless the environment explicitly allows testing and the
 * server listens on loopback only, so a copied test config cannot move a production server's time.
 */
export function serverClock(config: VenusConfig, env: NodeJS.ProcessEnv): Clock | SettableClock {
  const start = config.testing.clock;
  if (start === "") return SYSTEM_CLOCK;
  if (env[TESTING_ALLOWED_ENV] !== "1")
    throw new Error(`testing.clock needs the environment variable ${TESTING_ALLOWED_ENV}=1 (tests only)`);
  if (!LOOPBACK_HOSTS.includes(config.http.host))
    throw new Error(`testing.clock needs http.host on loopback, not ${config.http.host}`);
  const at = Date.parse(start);
  if (!/^\d{4}-\d\d-\d\dT/.test(start) || Number.isNaN(at))
    throw new Error(`testing.clock is not an ISO time: ${start}`);
  return new SettableClock(at);
}
