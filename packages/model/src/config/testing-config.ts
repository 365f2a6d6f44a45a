import { Type } from "@sinclair/typebox";
import { configSection } from "@venus/simple-backend";

/** The environment variable that must be `1` for any `[testing]` key to be accepted. */
export const TESTING_ALLOWED_ENV = "TEST_VENUS_TESTING_ALLOWED";

export const testingConfigSection = configSection(
  `For integration tests only (docs/configuration.md, "Testing"): refused unless the environment has ${TESTING_ALLOWED_ENV}=1 and http.host is a loopback address.`,
  {
    clock: Type.String({
      default: "",
      maxLength: 40,
      description:
        "Empty: the system clock. An ISO time: the server's clock starts there, runs at real speed, and moves forward only by POST /testing/clock on the admin listener.",
    }),
  },
);
