// The Mailer port over SMTP (`hannop run --smtp URL`), with nodemailer. The port is synchronous
// (Apps Script is), nodemailer is not: it runs in a worker thread (smtp-worker.js), and `send`
// blocks on Atomics.wait until the worker has the server's answer.
import { join } from 'node:path';
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import type { Mailer, OutgoingMail } from '../ports';
import { messageIdFor } from './outbox-mailer';
import { RecipientAllowance } from './recipient-allowance';
import { maskedSmtpUrl } from './smtp-secret';

export interface SmtpMailerOptions {
  /** `smtp://user:password@host:port` or `smtps://…` (nodemailer's connection URL). */
  readonly url: string;
  /**
   * The From address (the account the server lets us send as); default the message's reply-to
   * address (the contact), else `hannop@localhost`, as the outbox does.
   */
  readonly fromAddress?: string;
  /** The day's allowance in recipients (`--max-mail`); unlimited when absent. */
  readonly maxRecipients?: number;
  /** How long one message may take, connection included. */
  readonly timeoutMs?: number;
}

/** The SMTP server refused a message, or could not be reached. */
export class SmtpSendError extends Error {
  override readonly name = 'SmtpSendError';
  constructor(
    detail: string,
    readonly responseCode: number | null,
  ) {
    super(`SMTP: ${detail}`);
  }
}

interface WorkerReply {
  readonly ok: boolean;
  readonly message?: string;
  readonly responseCode?: number | null;
}

export class SmtpMailer implements Mailer {
  readonly deliversRealMail = true;
  private readonly worker: Worker;
  private readonly port: MessagePort;
  private readonly timeoutMs: number;

  private readonly allowance: RecipientAllowance;

  constructor(private readonly options: SmtpMailerOptions) {
    this.allowance = new RecipientAllowance(options.maxRecipients);
    // Seconds, not a minute: a server that never greets must not hold the run (and its lock).
    this.timeoutMs = options.timeoutMs ?? 10_000;
    const channel = new MessageChannel();
    this.port = channel.port1;
    this.worker = new Worker(join(__dirname, 'smtp-worker.js'), {
      workerData: { port: channel.port2, url: options.url, timeoutMs: this.timeoutMs },
      transferList: [channel.port2],
    });
    // The worker must not keep a finished command alive.
    this.worker.unref();
    this.port.unref();
  }

  /** Set when the server could not be reached: the rest of the batch waits for the next run. */
  private unreachable = false;

  reachable(): boolean {
    return !this.unreachable;
  }

  remainingDailyQuota(): number {
    // After a connection failure, trying each of the remaining messages would take a timeout
    // each; the job asks reachable() first to say why, and an allowance of 0 stops any caller.
    return this.unreachable ? 0 : this.allowance.remaining();
  }

  send(mail: OutgoingMail): void {
    this.allowance.check(mail.to.length);
    const signal = new Int32Array(new SharedArrayBuffer(4));
    const address = this.options.fromAddress ?? mail.replyTo ?? 'hannop@localhost';
    this.port.postMessage({
      signal,
      mail: {
        from: { name: mail.senderName, address },
        // The same on every attempt of a message (outbox-mailer.ts, messageIdFor).
        ...(mail.key !== undefined ? { messageId: `<${messageIdFor(mail.key, address, mail.to)}>` } : {}),
        to: [...mail.to],
        ...(mail.replyTo ? { replyTo: mail.replyTo } : {}),
        subject: mail.subject,
        text: mail.textBody,
        html: mail.htmlBody,
      },
    });
    // A little longer than nodemailer's own timeouts, so that it answers first when it can.
    const waited = Atomics.wait(signal, 0, 0, this.timeoutMs * 3 + 5_000);
    const received = receiveMessageOnPort(this.port);
    if (waited === 'timed-out' || !received) {
      this.unreachable = true;
      throw new SmtpSendError(`no answer from ${maskedSmtpUrl(this.options.url)} in time`, null);
    }
    const reply = received.message as WorkerReply;
    // A message the server took for some recipients went out: failing it would send it again to
    // those who have it. Only a message refused whole is an error.
    // No SMTP reply code: the server was never reached or dropped the connection.
    if (!reply.ok && (reply.responseCode ?? null) === null) this.unreachable = true;
    if (!reply.ok) throw new SmtpSendError(reply.message ?? 'unknown error', reply.responseCode ?? null);
    this.allowance.spend(mail.to.length);
  }

  /** Ends the worker thread and its connections. */
  async close(): Promise<void> {
    this.port.close();
    await this.worker.terminate();
  }
}
