// Browser mode as one call: engine + server + the URL to open + a clean shutdown on Ctrl+C. Shared
// by `thermograph serve` and by `npm start` when the Electron runtime is missing.

import { ThermographError } from '../../src-shared/api/errors';
import { createEngine } from '../api/engine';
import { builtFolder } from '../app-root';
import { reportToStandardError, startServer } from './server';

/** How to run browser mode. */
export interface BrowserModeOptions {
  databasePath: string;
  /** 0 or absent picks any free port. */
  port?: number;
  /** Defaults to the built renderer, out/renderer under the project root. */
  rendererFolder?: string;
  /** Where the URL and status lines go; defaults to stdout. */
  print?: (line: string) => void;
}

/**
 * Starts the engine and the server, prints the URL, and resolves once SIGINT or SIGTERM has closed
 * both (recordings in progress end as user-stopped and are flushed). Rejects if either cannot start.
 */
export async function runBrowserMode(options: BrowserModeOptions): Promise<void> {
  const print = options.print ?? ((line: string) => process.stdout.write(`${line}\n`));
  const engine = createEngine({ databasePath: options.databasePath, mode: 'browser' });
  let server: Awaited<ReturnType<typeof startServer>>;
  try {
    server = await startServer({
      engine,
      port: options.port,
      rendererFolder: options.rendererFolder ?? builtFolder('renderer'),
    });
  } catch (error) {
    await engine.close();
    throw error;
  }
  // Signal handlers go in before the URL is printed: whoever reads the URL may press Ctrl+C (or a
  // script may send SIGINT) at once, and until a handler exists SIGINT kills the process outright.
  const stopped = new Promise<void>((resolveStopped, rejectStopped) => {
    let stopping = false;
    const stop = (failure: Error | null): void => {
      if (stopping) {
        // A second signal means "now": the first one's flush is abandoned.
        process.exit(130);
      }
      stopping = true;
      print('Stopping: saving recordings in progress...');
      server
        .close()
        .then(() => engine.close())
        .finally(() => {
          process.off('SIGINT', onSignal);
          process.off('SIGTERM', onSignal);
          process.off('unhandledRejection', onRejection);
          process.off('uncaughtException', onException);
        })
        .then(() => (failure === null ? resolveStopped() : rejectStopped(failure)), rejectStopped);
    };
    const onSignal = (): void => stop(null);
    // No input may stop the engine. A promise that rejects where nothing awaits it is a bug, and
    // Node's default (exit at once) would orphan the process groups of launched commands and lose
    // the last second of samples: it is reported, and browser mode keeps serving.
    const onRejection = (reason: unknown): void => reportToStandardError(reason);
    // An exception nobody caught leaves the engine in an unknown state (Node documents that resuming
    // is unsafe): it is reported, and browser mode stops as on Ctrl+C, so recordings are saved and
    // launched commands ended, then exits with status 1.
    const onException = (error: unknown): void => {
      reportToStandardError(error, 'browser mode stops');
      if (!stopping) {
        stop(
          new ThermographError(
            'internal',
            'Browser mode stopped after the internal error above; recordings in progress were saved. Start it again with `thermograph serve`.',
          ),
        );
      }
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
    process.on('unhandledRejection', onRejection);
    process.on('uncaughtException', onException);
  });
  print(`Thermograph is running in browser mode (database: ${options.databasePath}).`);
  print(`Open ${server.url}`);
  print('Press Ctrl+C to stop.');
  await stopped;
}
