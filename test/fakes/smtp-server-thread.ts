// A real SMTP server (smtp-server) in its own thread (smtp-server-worker.js): SmtpMailer blocks the
// test's thread while it sends, so the server cannot live there. It keeps every message it accepts.
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';

export interface ReceivedMessage {
  readonly raw: string;
  readonly from: string;
  readonly to: string[];
}

export class SmtpServerThread {
  readonly received: ReceivedMessage[] = [];
  private readonly worker = new Worker(join(__dirname, 'smtp-server-worker.js'));
  private readonly exited = new Promise<void>((resolve) => this.worker.once('exit', () => resolve()));
  readonly port: Promise<number>;
  private waiters: (() => void)[] = [];

  constructor() {
    this.port = new Promise((resolve, reject) => {
      this.worker.once('error', reject);
      this.worker.on('message', (message: { port?: number } & Partial<ReceivedMessage>) => {
        if (message.port !== undefined) resolve(message.port);
        else {
          this.received.push(message as ReceivedMessage);
          this.waiters.splice(0).forEach((wake) => wake());
        }
      });
    });
  }

  /** The server thread posts each message after the client's send has returned: wait for it. */
  async messages(count: number): Promise<ReceivedMessage[]> {
    while (this.received.length < count) await new Promise<void>((resolve) => this.waiters.push(resolve));
    return this.received;
  }

  /** Stops the server; closing it again (after a test that closed it) only waits for the end. */
  async close(): Promise<void> {
    this.worker.postMessage('close');
    await this.exited;
  }
}
