import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export interface TestTls {
  /** The CA certificate (PEM file) a client must trust: NODE_EXTRA_CA_CERTS, or push.apns.ca_file. */
  caFile: string;
  key: Buffer;
  cert: Buffer;
  cleanup(): void;
}

/** A throwaway CA and a certificate it signed for 127.0.0.1 and localhost (P-256, with openssl). */
export function testTls(): TestTls {
  const dir = mkdtempSync(join(tmpdir(), "venus-test-ca-"));
  const at = (name: string) => join(dir, name);
  const openssl = (...args: string[]) => execFileSync("openssl", args, { stdio: "pipe" });
  openssl("ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", at("ca.key"));
  openssl(
    "req",
    "-x509",
    "-new",
    "-key",
    at("ca.key"),
    "-subj",
    "/CN=Venus test CA",
    "-days",
    "2",
    "-out",
    at("ca.pem"),
  );
  openssl("ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", at("server.key"));
  openssl("req", "-new", "-key", at("server.key"), "-subj", "/CN=127.0.0.1", "-out", at("server.csr"));
  writeFileSync(at("ext.cnf"), "subjectAltName=IP:127.0.0.1,DNS:localhost\n");
  openssl(
    "x509",
    "-req",
    "-in",
    at("server.csr"),
    "-CA",
    at("ca.pem"),
    "-CAkey",
    at("ca.key"),
    "-CAcreateserial",
    "-days",
    "2",
    "-extfile",
    at("ext.cnf"),
    "-out",
    at("server.pem"),
  );
  return {
    caFile: at("ca.pem"),
    key: readFileSync(at("server.key")),
    cert: readFileSync(at("server.pem")),
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}
