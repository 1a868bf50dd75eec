// Helper program for other-user.test.ts: run as an unprivileged user, it samples the PID given as
// its argument twice, 300 ms apart, and prints {sample, limitations} as one JSON line.
import { createResourceSampler } from '../../../src-main/collectors/resource-sampler';

const pid = Number(process.argv[2]);
const sampler = createResourceSampler({ pid, includeChildren: false });
setTimeout(() => {
  const sample = sampler.sample();
  process.stdout.write(JSON.stringify({ sample, limitations: sampler.limitations(), uid: process.getuid?.() }) + '\n');
  sampler.close();
}, 300);
