import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadNativeUws, nativeBinaryName, nativeBinaryPath } from "./native-uws.js";

function packageWith(files: string[]): string {
  const root = mkdtempSync(join(tmpdir(), "venus-uws-"));
  for (const file of files) {
    mkdirSync(join(root, file, ".."), { recursive: true });
    writeFileSync(join(root, file), "");
  }
  return root;
}

describe("nativeBinaryPath", () => {
  const binary = nativeBinaryName();

  it("finds an upstream build's binary beside its uws.js", () => {
    const root = packageWith(["uws.js", binary]);
    expect(nativeBinaryPath(join(root, "uws.js"))).toBe(join(root, binary));
  });

  it("finds the npm registry copy's binary in binaries/, its entry point being src/uws.js", () => {
    const root = packageWith(["src/uws.js", `binaries/${binary}`]);
    expect(nativeBinaryPath(join(root, "src/uws.js"))).toBe(join(root, "binaries", binary));
  });

  it("finds nothing when no binary is built for this Node's ABI", () => {
    const other = binary.replace(`_${process.versions.modules}.node`, "_1.node");
    const root = packageWith(["uws.js", other, `binaries/${other}`]);
    expect(nativeBinaryPath(join(root, "uws.js"))).toBeUndefined();
  });
});

describe("loadNativeUws", () => {
  it("loads the installed binary for this Node, or says why not", () => {
    const loaded = loadNativeUws();
    if ("uws" in loaded) expect(typeof loaded.uws.App).toBe("function");
    else expect(loaded.reason).toContain(`for Node ${process.version}`);
  });
});
