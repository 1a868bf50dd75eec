// A program for process-failures.test.ts: browser mode as `thermograph serve` runs it, with a bug
// planted behind SIGUSR2, since no input reaches one any more. Arguments: DATABASE_PATH
// RENDERER_FOLDER KIND, where KIND is `rejection` (a promise rejected with nobody awaiting it) or
// `exception` (an exception thrown from a callback, caught by nothing).

import { runBrowserMode } from '../../../src-main/server/serve';

const [databasePath, rendererFolder, kind] = process.argv.slice(2);
process.on('SIGUSR2', () => {
  if (kind === 'rejection') void Promise.reject(new Error('planted rejection'));
  else
    setImmediate(() => {
      throw new Error('planted exception');
    });
});
runBrowserMode({ databasePath: databasePath!, rendererFolder }).then(
  () => console.log('browser mode stopped'),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exitCode = 1;
  },
);
