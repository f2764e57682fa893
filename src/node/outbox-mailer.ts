// The Mailer port as a folder: one RFC 5322 `.eml` file per message, which any mail program
// opens, and which `hannop run --outbox DIR` leaves for a person to check or send. Written by
// hand rather than with nodemailer's composer because the port is synchronous.
import { createHash, randomUUID } from 'node:crypto';
import { closeSync, fsyncSync, mkdirSync, openSync, renameSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { vietnamClockOf } from '../domain/time';
import type { Mailer, OutgoingMail } from '../ports';
import { RecipientAllowance } from './recipient-allowance';

export interface OutboxMailerOptions {
  readonly directory: string;
  /** The day's allowance in recipients (`--max-mail`); unlimited when absent. */
  readonly maxRecipients?: number;
  /** The From address; default the reply-to address, else `hannop@localhost`. */
  readonly fromAddress?: string;
  /** Time for file names and the Date header. */
  readonly now?: () => Date;
}

const CRLF = '\r\n';
const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function pad(value: number, width = 2): string {
  return String(value).padStart(width, '0');
}

/** RFC 5322 date in Vietnam time: `Thu, 30 Mar 2023 07:00:00 +0700`. */
export function rfc5322Date(instant: Date): string {
  const shifted = new Date(instant.getTime() + 7 * 60 * 60 * 1000);
  return `${WEEKDAYS[shifted.getUTCDay()]}, ${shifted.getUTCDate()} ${MONTHS[shifted.getUTCMonth()]} ${shifted.getUTCFullYear()} ${pad(
    shifted.getUTCHours(),
  )}:${pad(shifted.getUTCMinutes())}:${pad(shifted.getUTCSeconds())} +0700`;
}

/** No line break or control character may reach a header. */
function oneLine(text: string): string {
  return text.replace(/[\r\n\t\v\f]+/g, ' ').trim();
}

/**
 * A header value as RFC 2047 encoded words when it is not plain ASCII: UTF-8, base64, at most 39
 * bytes (64 characters encoded, so a line stays under 78 with its header name) a word, split
 * between characters, words folded onto new lines.
 */
export function encodeHeaderWords(text: string): string {
  const value = oneLine(text);
  if (/^[\x20-\x7e]*$/.test(value)) return value;
  const words: string[] = [];
  let chunk = '';
  for (const char of value) {
    if (Buffer.byteLength(chunk + char, 'utf8') > 39) {
      words.push(chunk);
      chunk = '';
    }
    chunk += char;
  }
  if (chunk) words.push(chunk);
  return words.map((word) => `=?UTF-8?B?${Buffer.from(word, 'utf8').toString('base64')}?=`).join(`${CRLF} `);
}

function mailbox(name: string, address: string): string {
  const display = oneLine(name);
  if (!display) return `<${address}>`;
  if (/^[\x20-\x7e]*$/.test(display)) return `"${display.replace(/(["\\])/g, '\\$1')}" <${address}>`;
  // Folding before the address keeps the line short after a long encoded name.
  return `${encodeHeaderWords(display)}${CRLF} <${address}>`;
}

function base64Lines(text: string): string {
  return (
    Buffer.from(text, 'utf8')
      .toString('base64')
      .match(/.{1,76}/g) ?? []
  ).join(CRLF);
}

/** One message as RFC 5322 text: multipart/alternative, plain text then HTML, both UTF-8 base64. */
export function formatEml(
  mail: OutgoingMail,
  envelope: { from: string; date: Date; messageId: string },
): string {
  // Base64 never contains `_`, so this boundary cannot occur in a part.
  const boundary = `=_hannop_${envelope.messageId.replace(/[^A-Za-z0-9]/g, '').slice(0, 40)}`;
  const headers = [
    `From: ${mailbox(mail.senderName, envelope.from)}`,
    `To: ${mail.to.map(oneLine).join(', ')}`,
    ...(mail.replyTo ? [`Reply-To: ${oneLine(mail.replyTo)}`] : []),
    `Subject: ${encodeHeaderWords(mail.subject)}`,
    `Date: ${rfc5322Date(envelope.date)}`,
    `Message-ID: <${envelope.messageId}>`,
    'MIME-Version: 1.0',
    `Content-Type: multipart/alternative;${CRLF} boundary="${boundary}"`,
  ];
  const part = (type: string, body: string) =>
    [
      `--${boundary}`,
      `Content-Type: ${type}; charset=utf-8`,
      'Content-Transfer-Encoding: base64',
      '',
      base64Lines(body),
    ].join(CRLF);
  return [
    ...headers,
    '',
    'This is a multi-part message in MIME format.',
    part('text/plain', mail.textBody),
    part('text/html', mail.htmlBody),
    `--${boundary}--`,
    '',
  ].join(CRLF);
}

function digest(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/**
 * The Message-ID of a keyed message, the same on every attempt: a message sent again after a kill
 * (between the server's acceptance and the journal's record) is the same message, which mail
 * programs show once. The sender and recipients are in it so that two agencies' `unit:U01:…`
 * messages are not taken for one.
 */
export function messageIdFor(key: string, from: string, to: readonly string[]): string {
  return `${digest([key, from, ...to].join('\n')).slice(0, 32)}@hannop.local`;
}

/** A file name of a mail key: its safe characters, and a hash so that two keys never share one. */
export function emlFileNameFor(key: string): string {
  const safe = key.replace(/[^A-Za-z0-9.-]+/g, '_').slice(0, 80);
  return `${safe}-${digest(key).slice(0, 8)}.eml`;
}

/** Writes a whole file or nothing: a temporary file, fsynced, renamed over the name. */
function writeWholeFile(path: string, content: string): void {
  const temporary = `${path}.partial`;
  const handle = openSync(temporary, 'w', 0o644);
  try {
    writeSync(handle, content);
    fsyncSync(handle);
  } finally {
    closeSync(handle);
  }
  renameSync(temporary, path);
}

export class OutboxMailer implements Mailer {
  /** Paths of the files written, in order. */
  readonly written: string[] = [];
  private sequence = 0;
  private readonly now: () => Date;

  private readonly allowance: RecipientAllowance;

  constructor(private readonly options: OutboxMailerOptions) {
    this.allowance = new RecipientAllowance(options.maxRecipients);
    this.now = options.now ?? (() => new Date());
  }

  remainingDailyQuota(): number {
    return this.allowance.remaining();
  }

  send(mail: OutgoingMail): void {
    this.allowance.check(mail.to.length);
    const date = this.now();
    const clock = vietnamClockOf(date);
    const stamp = `${clock.date.replace(/-/g, '')}-${pad(clock.hours)}${pad(clock.minutes)}${pad(clock.seconds)}`;
    const from = this.options.fromAddress ?? mail.replyTo ?? 'hannop@localhost';
    const messageId =
      mail.key !== undefined
        ? messageIdFor(mail.key, from, mail.to)
        : `${stamp}.${randomUUID().replace(/-/g, '').slice(0, 16)}@hannop.local`;
    const content = formatEml(mail, { from, date, messageId });
    mkdirSync(this.options.directory, { recursive: true });
    if (mail.key !== undefined) {
      // Named by its key: a message sent again after a kill replaces its own file, never adds one.
      const path = join(this.options.directory, emlFileNameFor(mail.key));
      writeWholeFile(path, content);
      this.written.push(path);
      this.allowance.spend(mail.to.length);
      return;
    }
    // Names sort by time, then by order of sending; `wx` never overwrites an earlier run's file.
    for (;;) {
      this.sequence += 1;
      const path = join(this.options.directory, `${stamp}-${pad(this.sequence, 4)}.eml`);
      try {
        writeFileSync(path, content, { encoding: 'utf8', flag: 'wx' });
        this.written.push(path);
        break;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
    }
    this.allowance.spend(mail.to.length);
  }
}
