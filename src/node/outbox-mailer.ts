// The Mailer port as a folder: one RFC 5322 `.eml` file per message, which any mail program
// opens, and which `hannop run --outbox DIR` leaves for a person to check or send. Written by
// hand rather than with nodemailer's composer because the port is synchronous.
import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
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
    const messageId = `${stamp}.${randomUUID().replace(/-/g, '').slice(0, 16)}@hannop.local`;
    const from = this.options.fromAddress ?? mail.replyTo ?? 'hannop@localhost';
    const content = formatEml(mail, { from, date, messageId });
    mkdirSync(this.options.directory, { recursive: true });
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
