import type { ApiEventListener, ThermographInProcessApi } from '../../src-shared/api/contract';
import type { ApiResult } from '../../src-shared/api/errors';

/** Receives every engine event; transports forward them to their clients. */
export type EngineListener = ApiEventListener;

/** The whole engine as a transport sees it: validated calls in, events out. */
export interface Engine {
  /** The API for in-process callers (the CLI, tests): validated like any transport, rejects with ThermographError. */
  readonly api: ThermographInProcessApi;
  /** Validates and runs one call from an untrusted transport. Never rejects. */
  dispatch(method: unknown, params: unknown): Promise<ApiResult<unknown>>;
  /** Subscribes to every event; returns the unsubscribe function. */
  subscribe(listener: EngineListener): () => void;
  /** Stops recordings (reason user-stopped), flushes and closes the database. */
  close(): Promise<void>;
}

/** How an engine is created by the Electron app, the server and the CLI. */
export interface EngineOptions {
  databasePath: string;
  mode: 'electron' | 'browser' | 'cli';
  /**
   * Open the database for reading only (no migrations, no crash recovery): lets the CLI list and
   * show sessions of a database on a full or read-only disk. Every write then fails clearly.
   */
  readOnly?: boolean;
}
