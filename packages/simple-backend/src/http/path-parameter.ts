/** A path parameter that is not valid percent-encoded UTF-8. */
export class BadPathParameterError extends Error {
  readonly status = 400;
  readonly code = "invalid_path";
  constructor(readonly raw: string) {
    super("a path parameter is not valid percent-encoded UTF-8");
    this.name = "BadPathParameterError";
  }
}

export function decodePathParameter(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    throw new BadPathParameterError(raw);
  }
}
