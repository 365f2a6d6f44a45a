import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";

/** Every directory under `root` (itself included) not 0700 and every file not 0600, as "path mode". */
export function notPrivate(root: string): string[] {
  const found: string[] = [];
  const check = (path: string, wanted: number) => {
    const mode = statSync(path).mode & 0o777;
    if (mode !== wanted) found.push(`${path} ${mode.toString(8)}`);
  };
  const walk = (dir: string) => {
    check(dir, 0o700);
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile()) check(path, 0o600);
    }
  };
  walk(root);
  return found;
}

/** How many files `notPrivate` looked at: a test asserts it saw what it meant to. */
export function filesUnder(root: string): string[] {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile()) files.push(path.slice(root.length + 1));
    }
  };
  walk(root);
  return files;
}
