import {
  managerError,
  type ManagerHandler,
  type ManagerMethod,
  type ManagerRequest,
  type ManagerResponse,
} from "./manager-request.js";

/** Path parameters: `:name` segments by name, and `*` (the rest of the path, with its leading `/`). */
export type RouteParams = Record<string, string>;

export type RoutedHandler = (
  request: ManagerRequest,
  params: RouteParams,
) => Promise<ManagerResponse> | ManagerResponse;

interface Route {
  method: ManagerMethod;
  segments: string[];
  handler: RoutedHandler;
}

function match(segments: readonly string[], path: string): RouteParams | undefined {
  const parts = path.split("/").slice(1);
  const params: RouteParams = {};
  for (const [index, segment] of segments.entries()) {
    if (segment === "*") {
      params["*"] = `/${parts.slice(index).join("/")}`;
      return params;
    }
    const part = parts[index];
    if (part === undefined || part === "") return undefined;
    if (segment.startsWith(":")) params[segment.slice(1)] = decodeURIComponent(part);
    else if (segment !== part) return undefined;
  }
  return parts.length === segments.length ? params : undefined;
}

/**
 * The manager API's routes, apart from any transport: HTTP, the WebSocket and links all hand their
 * requests to `dispatch`, after checking the API key. Patterns: `/manager/remotes/:name/*`.
 */
export class ManagerRouter {
  private readonly routes: Route[] = [];

  add(method: ManagerMethod, pattern: string, handler: RoutedHandler): void {
    this.routes.push({ method, segments: pattern.split("/").slice(1), handler });
  }

  readonly dispatch: ManagerHandler = async (request) => {
    let pathMatched = false;
    for (const route of this.routes) {
      const params = match(route.segments, request.path);
      if (params === undefined) continue;
      pathMatched = true;
      if (route.method === request.method) return route.handler(request, params);
    }
    return pathMatched
      ? managerError(405, "method_not_allowed", `${request.method} is not allowed on ${request.path}`)
      : managerError(404, "not_found", "no such route");
  };
}
