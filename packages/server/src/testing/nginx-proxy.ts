import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePort } from "./free-port.js";

const NGINX = "/usr/sbin/nginx";

export interface NginxProxy {
  url: string;
  stop(): Promise<void>;
}

async function waitForPort(port: number, logFile: string): Promise<void> {
  for (let attempt = 0; attempt < 100; attempt++) {
    const open = await fetch(`http://127.0.0.1:${port}/`).then(
      () => true,
      () => false,
    );
    if (open) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(
    `nginx did not listen on ${port}:\n${existsSync(logFile) ? readFileSync(logFile, "utf8") : ""}`,
  );
}

/**
 * A real nginx reverse proxy on loopback in front of `upstream`, appending to X-Forwarded-For the way
 * operators configure it (`$proxy_add_x_forwarded_for`); it connects to the upstream from `bindAddress`.
 * Everything it writes stays in a temp directory. Throws (never skips) when nginx is not installed.
 */
export async function startNginx(upstream: string, bindAddress: string): Promise<NginxProxy> {
  if (!existsSync(NGINX))
    throw new Error(`${NGINX} is missing: this test needs Debian's nginx (apt-get install -y nginx)`);
  const dir = mkdtempSync(join(tmpdir(), "venus-nginx-"));
  const port = await freePort();
  const errorLog = join(dir, "error.log");
  const root = process.getuid?.() === 0;
  writeFileSync(
    join(dir, "nginx.conf"),
    `${root ? "user root;\n" : ""}worker_processes 1;
pid ${join(dir, "nginx.pid")};
error_log ${errorLog} info;
events { worker_connections 256; }
http {
  access_log ${join(dir, "access.log")};
  client_body_temp_path ${join(dir, "body")};
  proxy_temp_path ${join(dir, "proxy")};
  fastcgi_temp_path ${join(dir, "fastcgi")};
  uwsgi_temp_path ${join(dir, "uwsgi")};
  scgi_temp_path ${join(dir, "scgi")};
  server {
    listen 127.0.0.1:${port};
    location / {
      proxy_pass ${upstream};
      proxy_bind ${bindAddress};
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
    }
  }
}
`,
  );
  const check = spawnSync(NGINX, ["-t", "-p", dir, "-e", errorLog, "-c", join(dir, "nginx.conf")], {
    encoding: "utf8",
  });
  if (check.status !== 0) throw new Error(`nginx refused its config:\n${check.stderr}`);
  const child = spawn(
    NGINX,
    ["-p", dir, "-e", errorLog, "-c", join(dir, "nginx.conf"), "-g", "daemon off;"],
    {
      stdio: "ignore",
    },
  );
  const exited = new Promise<void>((resolve) => child.on("exit", () => resolve()));
  await waitForPort(port, errorLog);
  return {
    url: `http://127.0.0.1:${port}`,
    stop: async () => {
      // SIGQUIT: nginx's graceful stop.
      if (child.exitCode === null) child.kill("SIGQUIT");
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
