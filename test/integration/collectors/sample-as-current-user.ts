// Helper program for other-user.test.ts: run as an unprivileged user, it samples the PID given as
// its argument 1.1 s after opening it (so slow-tier rates such as context switches exist) and prints
// {sample, limitations} as one JSON line.
import { createResourceSampler } from '../../../src-main/collectors/resource-sampler';

const pid = Number(process.argv[2]);
const sampler = createResourceSampler({ pid, includeChildren: false });
setTimeout(() => {
  const sample = sampler.sample();
  process.stdout.write(JSON.stringify({ sample, limitations: sampler.limitations(), uid: process.getuid?.() }) + '\n');
  sampler.close();
}, 1_100);
