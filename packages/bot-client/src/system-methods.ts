import type { HttpApi } from "./http-api.js";
import type { HealthBody } from "./wire-types.js";

/** Public system routes; usable without a session (`new SystemMethods(new HttpApi(url))`). */
export class SystemMethods {
  constructor(private readonly http: HttpApi) {}

  /** `GET /health` (`503 shutting_down` while stopping). */
  health(): Promise<HealthBody> {
    return this.http.json({ method: "GET", path: "/health", auth: false });
  }

  /** `GET /metrics`: Prometheus text. */
  metrics(): Promise<string> {
    return this.http.text({ method: "GET", path: "/metrics", auth: false });
  }

  /** `GET /openapi.json`: the OpenAPI 3.1 document of every route. */
  openApi(): Promise<Record<string, unknown>> {
    return this.http.json({ method: "GET", path: "/openapi.json", auth: false });
  }
}
