// What each planned mail says, in formal Vietnamese, as a subject, an HTML body and a plain-text
// body. A body is built once as a small document (paragraphs, lists, a table) holding raw values
// from the sheets, then written out twice; every value is escaped in one place (`escapeHtml`), and
// a header never carries a line break (`headerText`).
import type { MailContent, MailContentContext } from './mail-document';
import { renderDigest } from './mail-digest';
import { renderExtension, renderNotice, renderOpening } from './mail-notice';
import type { PlannedMail } from './mail-plan';
import { renderReceipt, renderReturned } from './mail-receipt';

export { escapeHtml, headerText } from './mail-document';
export type { MailContent, MailContentContext, PrefilledLinkOf } from './mail-document';

export function renderMail(mail: PlannedMail, context: MailContentContext): MailContent {
  switch (mail.kind) {
    case 'reminder':
    case 'overdue':
    case 'needs_fix':
      return renderNotice(mail, context);
    case 'receipt':
      return renderReceipt(mail, context);
    case 'returned':
      return renderReturned(mail, context);
    case 'digest':
      return renderDigest(mail, context);
    case 'extension':
      return renderExtension(mail, context);
    case 'opening':
      return renderOpening(mail, context);
  }
}
