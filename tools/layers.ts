/**
 * The layer rule of DESIGN.md §2 as data. A package on the server's stack imports only packages on
 * lower rows; the component packages on row 5 never import each other. The packages beside the stack
 * (manager, bot-client, image-worker) use only the packages they list, and only `server`, which
 * assembles everything and owns every mode of the `venus` binary, may use them. The browser packages
 * (web-shared, console) use only `model` (types) and each other as listed; the server serves their
 * built files and imports none of them.
 */
export interface StackPackage {
  /** Row in DESIGN.md §2: 1 is the bottom. */
  row: number;
  /** One of the component packages on one row, which never import each other. */
  component?: true;
}

export interface BesidePackage {
  row: "beside";
  /** The only packages it may use. */
  uses: readonly string[];
}

/** A package that runs in the browser: wire types from `model` (types only) and browser libraries. */
export interface BrowserPackage {
  row: "browser";
  /** The only packages it may use. */
  uses: readonly string[];
}

export type LayerEntry = StackPackage | BesidePackage | BrowserPackage;

const BESIDE_USES = ["model", "simple-backend"] as const;

/** Every package of the workspace, created or planned, by directory name (`@venus/<name>`). */
export const LAYERS: Readonly<Record<string, LayerEntry>> = {
  server: { row: 8 },
  api: { row: 7 },
  "data-all": { row: 6 },
  "data-account": { row: 5, component: true },
  "data-profile": { row: 5, component: true },
  "data-media": { row: 5, component: true },
  "data-chat": { row: 5, component: true },
  "data-history": { row: 5, component: true },
  "data-common": { row: 4 },
  database: { row: 3 },
  model: { row: 2 },
  "simple-backend": { row: 1 },
  manager: { row: "beside", uses: BESIDE_USES },
  "bot-client": { row: "beside", uses: BESIDE_USES },
  "image-worker": { row: "beside", uses: BESIDE_USES },
  "web-shared": { row: "browser", uses: ["model"] },
  console: { row: "browser", uses: ["model", "web-shared"] },
};

/** The package that may use the packages beside the stack. */
export const ASSEMBLER = "server";

/** Why `from` may not use `to`, or undefined when the layer table allows it. */
export function layerViolation(from: string, to: string): string | undefined {
  const source = LAYERS[from];
  const target = LAYERS[to];
  if (!source) return `${from} is not in the layer table (tools/layers.ts)`;
  if (!target) return `${to} is not in the layer table (tools/layers.ts)`;
  if (from === to) return `a package does not depend on itself`;
  if (source.row === "beside" || source.row === "browser") {
    const where = source.row === "beside" ? "stands beside the stack" : "runs in the browser";
    return source.uses.includes(to)
      ? undefined
      : `${from} ${where} and may use only ${source.uses.join(" and ")}`;
  }
  if (target.row === "browser") return `${to} runs in the browser; no package of the server's side uses it`;
  if (target.row === "beside") {
    return from === ASSEMBLER ? undefined : `${to} stands beside the stack; only ${ASSEMBLER} may use it`;
  }
  if (source.component && target.component && source.row === target.row)
    return `${from} and ${to} are component packages on row ${source.row}, which never depend on each other`;
  if (target.row >= source.row)
    return `${from} (row ${source.row}) may use only packages on lower rows, and ${to} is on row ${target.row}`;
  return undefined;
}
