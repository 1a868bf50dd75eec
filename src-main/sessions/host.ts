import { arch, cpus, hostname, release, totalmem } from 'node:os';
import type { HostInfo } from '../../src-shared/model/session';

/** The machine this engine runs on, stored with each session. */
export function describeHost(): HostInfo {
  return {
    hostname: hostname(),
    platform: process.platform,
    release: release(),
    arch: arch(),
    cpuCount: cpus().length,
    totalMemoryBytes: totalmem(),
  };
}
