import { statfs } from "node:fs/promises";
import { resolve } from "node:path";
import { cpus, freemem, hostname, loadavg, totalmem, uptime } from "node:os";
import { readProcessResources, type ProcessResources } from "./proc-stats.js";
import type { ServerStatus } from "./server-supervisor.js";

export interface DiskUsage {
  /** What the directory holds: `manager_data` or `server_data`. */
  name: string;
  path: string;
  total_bytes: number;
  free_bytes: number;
  /** Free space an unprivileged process may use. */
  available_bytes: number;
  used_bytes: number;
}

export interface SystemInfo {
  version: string;
  hostname: string;
  platform: string;
  uptime_seconds: number;
  manager_uptime_seconds: number;
  cpu: { count: number; model: string; load_average: [number, number, number] };
  /** `free_bytes` is what new processes can still get (MemAvailable on Linux). */
  memory: { total_bytes: number; free_bytes: number };
  disks: DiskUsage[];
  server: ServerStatus & { resources: ProcessResources | null };
}

async function diskUsage(name: string, path: string): Promise<DiskUsage | undefined> {
  try {
    const stats = await statfs(path);
    return {
      name,
      path: resolve(path),
      total_bytes: stats.blocks * stats.bsize,
      free_bytes: stats.bfree * stats.bsize,
      available_bytes: stats.bavail * stats.bsize,
      used_bytes: (stats.blocks - stats.bfree) * stats.bsize,
    };
  } catch {
    return undefined;
  }
}

export interface SystemInfoSources {
  version: string;
  /** Directories whose disk is reported; one that does not exist (yet) is left out. */
  dataDirs: { name: string; path: string }[];
  server: () => Promise<ServerStatus>;
}

export async function collectSystemInfo(sources: SystemInfoSources): Promise<SystemInfo> {
  const server = await sources.server();
  const [resources, ...disks] = await Promise.all([
    server.pid === null ? undefined : readProcessResources(server.pid),
    ...sources.dataDirs.map((dir) => diskUsage(dir.name, dir.path)),
  ]);
  const [one, five, fifteen] = loadavg() as [number, number, number];
  const cpuList = cpus();
  return {
    version: sources.version,
    hostname: hostname(),
    platform: `${process.platform}-${process.arch}`,
    uptime_seconds: uptime(),
    manager_uptime_seconds: process.uptime(),
    cpu: { count: cpuList.length, model: cpuList[0]?.model ?? "unknown", load_average: [one, five, fifteen] },
    memory: { total_bytes: totalmem(), free_bytes: freemem() },
    disks: disks.filter((disk): disk is DiskUsage => disk !== undefined),
    server: { ...server, resources: resources ?? null },
  };
}
