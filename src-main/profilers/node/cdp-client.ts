// A minimal Chrome DevTools Protocol client over one WebSocket (protocol:
// https://chromedevtools.github.io/devtools-protocol/). Only what the Node profiler needs: commands
// with replies, events, and a promise that settles when the connection is gone. Commands still
// waiting when the socket closes reject, so nothing waits forever on a target that vanished.

import WebSocket from 'ws';

/** A CDP error reply or a lost connection. */
export class CdpError extends Error {
  constructor(
    message: string,
    /** True when the connection closed before the reply came (the target exited or closed it). */
    readonly disconnected: boolean,
  ) {
    super(message);
    this.name = 'CdpError';
  }
}

interface Pending {
  method: string;
  resolve(result: unknown): void;
  reject(error: Error): void;
}

/** A CDP message: a reply (with id) or an event (with method). */
export interface CdpMessage {
  id?: number;
  method?: string;
  params?: unknown;
  result?: unknown;
  error?: { message?: string };
}

/** The commands sent on one CDP session that still wait for their replies. */
export class ReplyTable {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();

  /** Registers a command; `transmit` sends it with its id. Resolves with the reply's result. */
  send<T>(method: string, transmit: (id: number) => void): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { method, resolve: resolve as (result: unknown) => void, reject });
      transmit(id);
    });
  }

  /** An id for a command whose reply nobody waits for. */
  takeId(): number {
    return this.nextId++;
  }

  /** Settles the command a reply answers; false when the message is not a reply. */
  settle(message: CdpMessage): boolean {
    if (message.id === undefined) return false;
    const waiting = this.pending.get(message.id);
    if (!waiting) return true;
    this.pending.delete(message.id);
    if (message.error)
      waiting.reject(new CdpError(`${waiting.method} failed: ${message.error.message ?? 'unknown error'}`, false));
    else waiting.resolve(message.result);
    return true;
  }

  /** Rejects one waiting command. */
  reject(id: number, error: Error): void {
    this.pending.get(id)?.reject(error);
    this.pending.delete(id);
  }

  /** Rejects every waiting command: the session is gone. */
  failAll(describe: (method: string) => string): void {
    for (const [, waiting] of this.pending) waiting.reject(new CdpError(describe(waiting.method), true));
    this.pending.clear();
  }
}

/** Parses one CDP message, or null for text that is not JSON. */
export function parseCdpMessage(text: string): CdpMessage | null {
  try {
    return JSON.parse(text) as CdpMessage;
  } catch {
    return null;
  }
}

/** What NodeSession needs of a CDP session: the main connection or a worker's session over it. */
export interface CdpChannel {
  readonly open: boolean;
  send<T = unknown>(method: string, params?: Record<string, unknown>): Promise<T>;
}

/** One open CDP connection. */
export class CdpClient implements CdpChannel {
  private readonly replies = new ReplyTable();
  private readonly listeners = new Map<string, ((params: unknown) => void)[]>();
  /** Settles (never rejects) once the socket has closed, for whatever reason. */
  readonly closed: Promise<void>;

  private constructor(private readonly socket: WebSocket) {
    this.closed = new Promise((resolve) => {
      socket.once('close', () => {
        this.replies.failAll((method) => `The inspector connection closed before ${method} answered.`);
        resolve();
      });
    });
    socket.on('message', (data) => this.receive(String(data)));
    // An 'error' is always followed by 'close', which is where waiting commands are failed.
    socket.on('error', () => undefined);
  }

  /** Connects to a webSocketDebuggerUrl; rejects when the socket cannot open within `timeoutMs`. */
  static connect(url: string, timeoutMs = 5_000): Promise<CdpClient> {
    // Profiles can be tens of megabytes: no compression (CPU in the target) and no small size cap.
    const socket = new WebSocket(url, { perMessageDeflate: false, maxPayload: 2 ** 31 - 1 });
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        socket.terminate();
        reject(new CdpError(`The inspector at ${url} did not accept a connection within ${timeoutMs} ms.`, true));
      }, timeoutMs);
      socket.once('open', () => {
        clearTimeout(timer);
        resolve(new CdpClient(socket));
      });
      socket.once('error', (error) => {
        clearTimeout(timer);
        reject(new CdpError(`Could not connect to the inspector at ${url}: ${error.message}`, true));
      });
    });
  }

  /** True while the socket is open. */
  get open(): boolean {
    return this.socket.readyState === WebSocket.OPEN;
  }

  /** Sends a command and resolves with its result. */
  send<T = unknown>(method: string, params: Record<string, unknown> = {}): Promise<T> {
    if (!this.open)
      return Promise.reject(new CdpError(`The inspector connection is closed; ${method} was not sent.`, true));
    return this.replies.send<T>(method, (id) => this.socket.send(JSON.stringify({ id, method, params })));
  }

  /** Sends a command whose reply may never come (it closes the connection itself). */
  sendWithoutReply(method: string, params: Record<string, unknown> = {}): void {
    if (this.open) this.socket.send(JSON.stringify({ id: this.replies.takeId(), method, params }));
  }

  /** Calls `listener` for every event named `method`. */
  on(method: string, listener: (params: unknown) => void): void {
    const list = this.listeners.get(method) ?? [];
    list.push(listener);
    this.listeners.set(method, list);
  }

  /** Closes the connection and waits until it has closed (at most `timeoutMs`, then it is cut). */
  async close(timeoutMs = 1_000): Promise<void> {
    if (this.socket.readyState === WebSocket.CLOSED) return;
    this.socket.close();
    const timer = setTimeout(() => this.socket.terminate(), timeoutMs);
    await this.closed;
    clearTimeout(timer);
  }

  private receive(text: string): void {
    const message = parseCdpMessage(text);
    if (!message || this.replies.settle(message) || !message.method) return;
    for (const listener of this.listeners.get(message.method) ?? []) listener(message.params);
  }
}
