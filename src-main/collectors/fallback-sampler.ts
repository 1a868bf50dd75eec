// The sampler for systems without /proc (macOS, Windows): pidusage for the target's CPU and memory,
// Node's os module for the system context. pidusage is asynchronous (and spawns `ps` on some
// platforms), so it is polled in the background and sample() returns its latest answer; sample()
// itself stays synchronous and never spawns anything.
import { cpus, freemem, loadavg, platform, totalmem } from 'node:os';
import pidusage from 'pidusage';
import { ThermographError } from '../../src-shared/api/errors';
import {
  metricKeys,
  type MetricKey,
  type ResourceSample,
  type SamplerLimitation,
} from '../../src-shared/model/resource';
import type { EpochMilliseconds, Milliseconds } from '../../src-shared/units';
import type { ResourceSampler, ResourceSamplerOptions } from './resource-sampler';
import { processExitedMessage, processNotFoundMessage } from './messages';
import { processExists } from './process-exists';
import { systemCpuPercent } from './rates';

const pollIntervalMs: Milliseconds = 500;

/** What this sampler can record; every other metric is null, and its limitation says why. */
const recordedMetrics = new Set<MetricKey>([
  'cpuUser',
  'rss',
  'processCount',
  'systemCpu',
  'systemMemoryUsed',
  'systemMemoryTotal',
  'loadAverage1m',
]);
const unrecorded = Object.fromEntries(metricKeys.map((key) => [key, null])) as Record<MetricKey, null>;

/** Sums all cores' times from os.cpus() as busy and total milliseconds. */
function readCpuTimes(): { busyTicks: number; totalTicks: number } {
  let busy = 0;
  let total = 0;
  for (const cpu of cpus()) {
    const { user, nice, sys, idle, irq } = cpu.times;
    busy += user + nice + sys + irq;
    total += user + nice + sys + idle + irq;
  }
  return { busyTicks: busy, totalTicks: total };
}

/** Creates a pidusage-backed sampler; CPU is not split into user and system, and I/O is not read. */
export function createFallbackSampler(options: ResourceSamplerOptions): ResourceSampler {
  const { pid } = options;
  if (!processExists(pid)) {
    throw new ThermographError('process-not-found', processNotFoundMessage(pid));
  }
  let latest: { cpu: number; memory: number } | null = null;
  let vanished = false;
  let closed = false;
  let previousCpu = readCpuTimes();
  let lastSystemCpu: number | null = null;

  const poll = (): void => {
    pidusage(pid).then(
      (stats) => {
        latest = { cpu: stats.cpu, memory: stats.memory };
      },
      () => {
        // pidusage reports a vanished process as an error; confirm before ending the recording.
        if (!processExists(pid)) vanished = true;
      },
    );
  };
  poll();
  const timer = setInterval(poll, pollIntervalMs);
  timer.unref();

  const limitations: SamplerLimitation[] = [
    {
      metrics: metricKeys.filter((key) => !recordedMetrics.has(key)),
      message: `This system has no /proc, so only CPU (user and system together, shown as CPU user) and memory of PID ${pid} are recorded. Record on Linux for I/O, threads, faults and open files.`,
    },
  ];
  if (options.includeChildren) {
    limitations.push({
      metrics: ['processCount'],
      message: 'Child processes are only followed on Linux; this recording shows the target alone.',
    });
  }

  return {
    pid,
    sample(time: EpochMilliseconds = Date.now()): ResourceSample {
      if (closed || vanished) throw new ThermographError('process-not-found', processExitedMessage(pid));
      const cpuTimes = readCpuTimes();
      const percent = systemCpuPercent(previousCpu, cpuTimes);
      if (percent !== null) {
        lastSystemCpu = percent;
        previousCpu = cpuTimes;
      }
      const total = totalmem();
      return {
        ...unrecorded,
        time,
        cpuUser: latest?.cpu ?? null,
        rss: latest?.memory ?? null,
        processCount: 1,
        systemCpu: lastSystemCpu,
        systemMemoryUsed: total - freemem(),
        systemMemoryTotal: total,
        // Windows has no load average and reports zeros.
        loadAverage1m: platform() === 'win32' ? null : (loadavg()[0] ?? null),
      };
    },
    limitations: () => limitations.slice(),
    // Without /proc an exec cannot be seen; pidusage keeps reading the PID whatever it runs.
    takeExec: () => null,
    // pidusage polls on its own; there are no files a feed could read ahead.
    useFeed: () => undefined,
    close(): void {
      closed = true;
      clearInterval(timer);
    },
  };
}
