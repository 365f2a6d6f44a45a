interface RouteNode<T> {
  statics: Map<string, RouteNode<T>>;
  param: RouteNode<T> | undefined;
  /** A trailing `*`: the rest of the path, one segment or more. */
  rest: T | undefined;
  value: T | undefined;
}

const emptyNode = <T>(): RouteNode<T> => ({
  statics: new Map(),
  param: undefined,
  rest: undefined,
  value: undefined,
});

/**
 * uWebSockets.js-style patterns for `node:http`: `/profile/:account_id`, `/manager/*`. As in uWS, a
 * static segment wins over a parameter, which wins over `*`; parameters come back still encoded.
 */
export class RouteTable<T> {
  private readonly root = emptyNode<T>();

  add(pattern: string, value: T): void {
    let node = this.root;
    for (const segment of pattern.split("/").slice(1)) {
      if (segment === "*") {
        node.rest = value;
        return;
      }
      if (segment.startsWith(":")) node = node.param ??= emptyNode();
      else {
        let next = node.statics.get(segment);
        if (!next) node.statics.set(segment, (next = emptyNode()));
        node = next;
      }
    }
    node.value = value;
  }

  match(path: string): { value: T; params: string[] } | undefined {
    return this.walk(this.root, path.split("/").slice(1), 0, []);
  }

  private walk(
    node: RouteNode<T>,
    segments: string[],
    at: number,
    params: string[],
  ): { value: T; params: string[] } | undefined {
    if (at === segments.length) return node.value === undefined ? undefined : { value: node.value, params };
    const segment = segments[at] as string;
    const fixed = node.statics.get(segment);
    const found =
      (fixed && this.walk(fixed, segments, at + 1, params)) ||
      (node.param && this.walk(node.param, segments, at + 1, [...params, segment]));
    if (found) return found;
    return node.rest === undefined ? undefined : { value: node.rest, params };
  }
}
