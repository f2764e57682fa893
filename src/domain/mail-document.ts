// The document a mail body is built as (paragraphs, lists, a table), written out twice: as HTML,
// every value escaped in one place (`escapeHtml`), and as plain text; a header never carries a
// line break (`headerText`).
import type { CampaignConfig, Period } from './campaign';
import type { Unit } from './units';

export interface MailContent {
  readonly subject: string;
  readonly htmlBody: string;
  readonly textBody: string;
}

/** A unit's own link to the form of a period, its unit, code and (for a report) the period filled in. */
export type PrefilledLinkOf = (unit: Unit, period: Pick<Period, 'form' | 'name'>) => string | null;

export interface MailContentContext {
  readonly config: CampaignConfig;
  readonly asOf: Date;
  /** The unit's own form link, with its unit and confirmation code filled in; null when unknown. */
  readonly prefilledLink: PrefilledLinkOf;
}

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => HTML_ESCAPES[char] ?? char);
}

// eslint-disable-next-line no-control-regex -- control characters are exactly what a header must not carry
const HEADER_BREAKS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g;

/** A header value: line breaks, tabs and other control characters become one space. */
export function headerText(text: string): string {
  return text.replace(HEADER_BREAKS, ' ').replace(/\s+/g, ' ').trim();
}

// The document a body is built as.
export type Inline = string | { readonly link: string } | { readonly strong: string };
export type Line = readonly Inline[];
export interface NumberedItem {
  readonly title: Line;
  readonly lines: readonly Line[];
}
export type Block =
  | { readonly kind: 'paragraph'; readonly lines: readonly Line[] }
  | { readonly kind: 'list'; readonly items: readonly Line[] }
  | { readonly kind: 'numbered'; readonly items: readonly NumberedItem[] }
  | { readonly kind: 'heading'; readonly text: string }
  | { readonly kind: 'quote'; readonly text: string }
  | {
      readonly kind: 'table';
      readonly head: readonly string[];
      readonly rows: readonly (readonly string[])[];
      /** Rows to draw attention to: red and bold in HTML, `(!) ` before the row in text. */
      readonly alertRows?: readonly number[];
    }
  | { readonly kind: 'footer'; readonly lines: readonly Line[] };

export const paragraph = (...lines: Line[]): Block => ({ kind: 'paragraph', lines });

function isWebLink(text: string): boolean {
  return /^https?:\/\/[^\s<>"]+$/i.test(text);
}

function inlineHtml(part: Inline): string {
  if (typeof part === 'string') return escapeHtml(part);
  if ('strong' in part) return `<strong>${escapeHtml(part.strong)}</strong>`;
  const href = escapeHtml(part.link);
  return isWebLink(part.link) ? `<a href="${href}">${href}</a>` : href;
}

function inlineText(part: Inline): string {
  if (typeof part === 'string') return part;
  return 'strong' in part ? part.strong : part.link;
}

const lineHtml = (line: Line) => line.map(inlineHtml).join('');
const lineText = (line: Line) => line.map(inlineText).join('');

function blockHtml(block: Block): string {
  switch (block.kind) {
    case 'paragraph':
      return `<p style="margin:0 0 12px">${block.lines.map(lineHtml).join('<br>')}</p>`;
    case 'list':
      return `<ul style="margin:0 0 12px">${block.items.map((item) => `<li>${lineHtml(item)}</li>`).join('')}</ul>`;
    case 'numbered':
      return `<ol style="margin:0 0 12px">${block.items
        .map(
          (item) =>
            `<li style="margin-bottom:8px"><strong>${lineHtml(item.title)}</strong>${item.lines
              .map((line) => `<br>${lineHtml(line)}`)
              .join('')}</li>`,
        )
        .join('')}</ol>`;
    case 'heading':
      return `<h3 style="margin:16px 0 8px;font-size:15px">${escapeHtml(block.text)}</h3>`;
    case 'quote':
      return `<blockquote style="margin:0 0 12px;padding:4px 12px;border-left:3px solid #999;white-space:pre-line">${escapeHtml(
        block.text,
      )}</blockquote>`;
    case 'table': {
      const cell = 'border:1px solid #ccc;padding:4px 6px;text-align:left;vertical-align:top';
      const head = block.head
        .map((title) => `<th style="${cell};background:#f0f0f0">${escapeHtml(title)}</th>`)
        .join('');
      const alert = new Set(block.alertRows ?? []);
      const rows = block.rows
        .map((row, index) => {
          const style = alert.has(index) ? `${cell};color:#c00000;font-weight:bold` : cell;
          return `<tr>${row.map((value) => `<td style="${style}">${escapeHtml(value)}</td>`).join('')}</tr>`;
        })
        .join('');
      return `<table style="border-collapse:collapse;margin:0 0 12px;font-size:13px"><thead><tr>${head}</tr></thead><tbody>${rows}</tbody></table>`;
    }
    case 'footer':
      return `<hr style="border:none;border-top:1px solid #ddd;margin:16px 0 8px"><p style="margin:0;font-size:12px;color:#666">${block.lines
        .map(lineHtml)
        .join('<br>')}</p>`;
  }
}

function blockText(block: Block): string {
  switch (block.kind) {
    case 'paragraph':
      return block.lines.map(lineText).join('\n');
    case 'list':
      return block.items.map((item) => `- ${lineText(item)}`).join('\n');
    case 'numbered':
      return block.items
        .map((item, index) =>
          [`${index + 1}. ${lineText(item.title)}`, ...item.lines.map((line) => `   ${lineText(line)}`)].join(
            '\n',
          ),
        )
        .join('\n\n');
    case 'heading':
      return block.text.toUpperCase();
    case 'quote':
      return block.text
        .split(/\r?\n/)
        .map((line) => `> ${line}`)
        .join('\n');
    case 'table': {
      const alert = new Set(block.alertRows ?? []);
      return [
        block.head.join(' | '),
        ...block.rows.map((row, index) => `${alert.has(index) ? '(!) ' : ''}${row.join(' | ')}`),
      ].join('\n');
    }
    case 'footer':
      return `--\n${block.lines.map(lineText).join('\n')}`;
  }
}

export function renderBlocks(subject: string, blocks: readonly Block[]): MailContent {
  const body = blocks.map(blockHtml).join('\n');
  return {
    subject: headerText(subject),
    htmlBody: `<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"></head><body><div style="font-family:Arial,Helvetica,sans-serif;font-size:14px;line-height:1.5;color:#222">${body}</div></body></html>`,
    textBody: `${blocks.map(blockText).join('\n\n')}\n`,
  };
}
