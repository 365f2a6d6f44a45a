import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { isBuiltin } from "node:module";
import path from "node:path";
import ts from "typescript";
import { LAYERS, layerViolation } from "./layers.js";

const SCOPE = "@venus/";
const SOURCE_FILE = /\.(?:[cm]?ts|tsx)$/;
const RUNTIME_FIELDS = ["dependencies", "peerDependencies", "optionalDependencies"] as const;
const ALL_FIELDS = [...RUNTIME_FIELDS, "devDependencies"] as const;

type DependencyField = (typeof ALL_FIELDS)[number];
type Manifest = { name?: string } & Partial<Record<DependencyField, Record<string, string>>>;

/** One module a source file refers to; `specifier` is undefined when it is not a string literal. */
export interface ModuleReference {
  specifier: string | undefined;
  line: number;
}

function literalText(node: ts.Node | undefined): string | undefined {
  return node && (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node))
    ? node.text
    : undefined;
}

function isRequireCall(callee: ts.Expression): boolean {
  if (ts.isIdentifier(callee)) return callee.text === "require";
  return (
    ts.isPropertyAccessExpression(callee) &&
    ts.isIdentifier(callee.expression) &&
    callee.expression.text === "require" &&
    callee.name.text === "resolve"
  );
}

/**
 * Every module a file refers to: `import … from`, `import type`, `export … from`, `import x = require()`,
 * `import("…")`, `typeof import("…")`, `require("…")` and `require.resolve("…")`.
 */
export function moduleReferences(fileName: string, text: string): ModuleReference[] {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true);
  const found: ModuleReference[] = [];
  const add = (at: ts.Node, specifier: ts.Node | undefined) =>
    found.push({
      specifier: literalText(specifier),
      line: source.getLineAndCharacterOfPosition(at.getStart(source)).line + 1,
    });
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node)) add(node, node.moduleSpecifier);
    else if (ts.isExportDeclaration(node) && node.moduleSpecifier) add(node, node.moduleSpecifier);
    else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference))
      add(node, node.moduleReference.expression);
    else if (ts.isImportTypeNode(node)) {
      const argument = node.argument;
      add(node, ts.isLiteralTypeNode(argument) ? argument.literal : undefined);
    } else if (
      ts.isCallExpression(node) &&
      (node.expression.kind === ts.SyntaxKind.ImportKeyword || isRequireCall(node.expression))
    )
      add(node, node.arguments[0]);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** The package a bare specifier names: `@scope/name/sub` → `@scope/name`, `name/sub` → `name`. */
export function packageNameOf(specifier: string): string {
  const parts = specifier.split("/");
  return specifier.startsWith("@") ? parts.slice(0, 2).join("/") : (parts[0] as string);
}

function readManifest(file: string): Manifest {
  return JSON.parse(readFileSync(file, "utf8")) as Manifest;
}

function namesIn(manifest: Manifest, fields: readonly DependencyField[]) {
  return new Set(fields.flatMap((field) => Object.keys(manifest[field] ?? {})));
}

function sourceFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "node_modules" ? [] : sourceFiles(full);
    return SOURCE_FILE.test(entry.name) ? [full] : [];
  });
}

/** Test code may use the root devDependencies: `*.test.ts` files and everything under `src/testing/`. */
export function isTestCode(pathInSrc: string): boolean {
  const posix = pathInSrc.split(path.sep).join("/");
  return /\.test\.[cm]?tsx?$/.test(posix) || posix.startsWith("testing/") || posix.startsWith("scenarios/");
}

interface PackageScope {
  dir: string;
  src: string;
  srcPath: string;
  manifestPath: string;
  runtime: Set<string>;
  testOnly: Set<string>;
}

function checkManifest(layer: string, manifest: Manifest, where: string): string[] {
  const problems: string[] = [];
  if (!LAYERS[layer])
    problems.push(
      `${where}: package ${layer} is not in the layer table (tools/layers.ts); give it a row there first`,
    );
  if (manifest.name !== `${SCOPE}${layer}`)
    problems.push(
      `${where}: the package is named ${JSON.stringify(manifest.name)}, expected "${SCOPE}${layer}"`,
    );
  for (const field of ALL_FIELDS) {
    for (const name of Object.keys(manifest[field] ?? {})) {
      if (!name.startsWith(SCOPE)) continue;
      const reason = layerViolation(layer, name.slice(SCOPE.length));
      if (reason) problems.push(`${where}: ${field} lists ${name}, which the layer rule forbids: ${reason}`);
    }
  }
  return problems;
}

function checkReference(
  scope: PackageScope,
  file: string,
  ref: ModuleReference,
  where: string,
): string | undefined {
  const { specifier } = ref;
  if (specifier === undefined)
    return `${where}: the module specifier is not a string literal, so its layer cannot be checked`;
  if (specifier.startsWith(".")) {
    const target = path.resolve(path.dirname(file), specifier);
    // The package's own manifest (for its version) is part of the package, not another package.
    if (target === path.join(scope.dir, "package.json")) return undefined;
    const inside = path.relative(scope.src, target);
    const escapes = inside === ".." || inside.startsWith(`..${path.sep}`) || path.isAbsolute(inside);
    return escapes
      ? `${where}: relative import ${JSON.stringify(specifier)} leaves ${scope.srcPath}/; import other packages by name`
      : undefined;
  }
  if (specifier.startsWith("node:") || isBuiltin(specifier)) return undefined;
  if (specifier.startsWith("/") || specifier.startsWith("#") || /^[a-z][a-z0-9+.-]*:/i.test(specifier))
    return `${where}: ${JSON.stringify(specifier)} is neither relative, a Node builtin, nor a package name`;
  const name = packageNameOf(specifier);
  if (scope.runtime.has(name)) return undefined;
  const test = isTestCode(path.relative(scope.src, file));
  if (test && scope.testOnly.has(name)) return undefined;
  if (scope.testOnly.has(name))
    return `${where}: imports ${JSON.stringify(specifier)}, a devDependency, which only test code (*.test.ts, src/testing/, src/scenarios/) may use; list ${name} in dependencies of ${scope.manifestPath}`;
  return `${where}: imports ${JSON.stringify(specifier)}, but ${scope.manifestPath} does not list ${name} in its dependencies`;
}

/**
 * Checks every package under `<repoRoot>/packages` against the layer rule: its `@venus/*` dependencies
 * are allowed by tools/layers.ts, every import in `src/` is a builtin or a declared dependency (root
 * devDependencies only in test code), and relative imports stay inside `src/` (the package's own
 * package.json excepted). Returns the violations, one readable line each.
 */
export function checkLayers(repoRoot: string): string[] {
  const root = path.resolve(repoRoot);
  const rel = (file: string) => path.relative(root, file).split(path.sep).join("/");
  const rootManifest = readManifest(path.join(root, "package.json"));
  const packagesDir = path.join(root, "packages");
  const problems: string[] = [];
  const layers = readdirSync(packagesDir)
    .filter((name) => statSync(path.join(packagesDir, name)).isDirectory())
    .sort();
  for (const layer of layers) {
    const dir = path.join(packagesDir, layer);
    const manifestFile = path.join(dir, "package.json");
    if (!existsSync(manifestFile)) {
      problems.push(`${rel(dir)}: has no package.json`);
      continue;
    }
    const manifest = readManifest(manifestFile);
    problems.push(...checkManifest(layer, manifest, rel(manifestFile)));
    const scope: PackageScope = {
      dir,
      src: path.join(dir, "src"),
      srcPath: rel(path.join(dir, "src")),
      manifestPath: rel(manifestFile),
      runtime: namesIn(manifest, RUNTIME_FIELDS),
      testOnly: new Set([
        ...namesIn(manifest, ["devDependencies"]),
        ...namesIn(rootManifest, ["devDependencies"]),
      ]),
    };
    for (const file of sourceFiles(scope.src).sort()) {
      const text = readFileSync(file, "utf8");
      for (const ref of moduleReferences(file, text)) {
        const problem = checkReference(scope, file, ref, `${rel(file)}:${ref.line}`);
        if (problem) problems.push(problem);
      }
    }
  }
  return problems;
}
