// A CDP session with one worker thread of a Node.js target. Node's inspector has one connection per
// process; a worker's commands and replies travel inside NodeWorker.sendMessageToWorker commands
// and NodeWorker.receivedMessageFromWorker events on it
// (https://chromedevtools.github.io/devtools-protocol/tot/NodeWorker/ is Node's own domain).

import { CdpError, parseCdpMessage, ReplyTable, type CdpChannel, type CdpClient } from './cdp-client';

/** What the worker is, as the inspector describes it. */
export interface WorkerInfo {
  workerId: string;
  type: string;
  title: string;
  url: string;
}

/** Commands to one worker, answered through the main connection. */
export class WorkerChannel implements CdpChannel {
  private readonly replies = new ReplyTable();
  private detached = false;

  constructor(
    private readonly client: CdpClient,
    readonly sessionId: string,
    readonly info: WorkerInfo,
    /** Called for each event the worker sends. */
    private readonly onEvent: (method: string, params: unknown) => void,
  ) {}

  /** True until the worker exits or the connection closes. */
  get open(): boolean {
    return !this.detached && this.client.open;
  }

  send<T = unknown>(method: string, params: Record<string, unknown> = {}): Promise<T> {
    if (!this.open) {
      return Promise.reject(new CdpError(`Worker ${this.info.workerId} has exited; ${method} was not sent.`, true));
    }
    return this.replies.send<T>(method, (id) => {
      const message = JSON.stringify({ id, method, params });
      // The carrier command fails when the worker vanished first: so does this command.
      this.client.send('NodeWorker.sendMessageToWorker', { sessionId: this.sessionId, message }).catch(() => {
        this.replies.reject(id, new CdpError(`Worker ${this.info.workerId} exited before ${method} answered.`, true));
      });
    });
  }

  /** A message from the worker (the text of a receivedMessageFromWorker event for this session). */
  receive(text: string): void {
    const message = parseCdpMessage(text);
    if (!message || this.replies.settle(message)) return;
    if (message.method) this.onEvent(message.method, message.params);
  }

  /** The worker exited (detachedFromWorker): what still waits fails as disconnected. */
  detach(): void {
    this.detached = true;
    this.replies.failAll((method) => `Worker ${this.info.workerId} exited before ${method} answered.`);
  }
}
