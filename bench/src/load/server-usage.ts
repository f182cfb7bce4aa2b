import { statSync } from 'node:fs';
import { readCpuMs, readMemory } from '../proc-stats.js';
import type { ServerRef, ServerUsage } from './jobs.js';

/** A point-in-time reading of the server process, taken at a window boundary. */
export interface UsageMark {
  cpuMs: number;
  logBytes: number | undefined;
  clientCpuMicros: number;
  at: number;
}

/** Reads the server's CPU counter and log size, and this process's own CPU time. */
export function markUsage(server: ServerRef): UsageMark {
  const usage = process.cpuUsage();
  return {
    cpuMs: readCpuMs(server.pid),
    logBytes: server.logFile === undefined ? undefined : statSync(server.logFile).size,
    clientCpuMicros: usage.user + usage.system,
    at: performance.now(),
  };
}

/** Differences between two marks, plus the server's memory now. */
export function usageBetween(server: ServerRef, start: UsageMark, end: UsageMark): { server: ServerUsage; clientCpuPercent: number } {
  const memory = readMemory(server.pid);
  const elapsedMs = end.at - start.at;
  return {
    server: {
      cpuMs: end.cpuMs - start.cpuMs,
      rssBytes: memory.rssBytes,
      peakRssBytes: memory.peakRssBytes,
      logBytes: start.logBytes === undefined || end.logBytes === undefined ? undefined : end.logBytes - start.logBytes,
    },
    clientCpuPercent: elapsedMs > 0 ? ((end.clientCpuMicros - start.clientCpuMicros) / 1000 / elapsedMs) * 100 : 0,
  };
}
