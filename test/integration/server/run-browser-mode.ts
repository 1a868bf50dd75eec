// A program for server-engine.test.ts: browser mode exactly as `thermograph serve` runs it, so the
// test can stop it with a real signal. Arguments: DATABASE_PATH RENDERER_FOLDER.

import { runBrowserMode } from '../../../src-main/server/serve';

const [databasePath, rendererFolder] = process.argv.slice(2);
runBrowserMode({ databasePath: databasePath!, rendererFolder }).then(
  () => console.log('browser mode stopped'),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exitCode = 1;
  },
);
