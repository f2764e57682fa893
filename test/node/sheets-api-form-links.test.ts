// The Sheets API shell (`hannop run --spreadsheet`) builds each unit's pre-filled link from the
// spreadsheet's `Biểu mẫu`, as Apps Script does, and puts it in every notice about a period.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { demoFormFacts } from '../../src/demo/forms';
import { SHEET, SUBMISSION_COLUMNS } from '../../src/domain/layout';
import type { FormFact } from '../../src/domain/form-facts';
import { encodeFormValue } from '../../src/domain/prefilled-link';
import { vietnamInstant } from '../../src/domain/time';
import { unitChoiceLabel } from '../../src/domain/units';
import { remoteRunCommand } from '../../src/node/commands/remote-run';
import { SheetsApiWorkbook } from '../../src/node/sheets-api-workbook';
import type { Mailer, OutgoingMail } from '../../src/ports';
import { fixedTokenClient, inventedUnits, seededFake } from '../fakes/sheets-api-daily-run';
import { registeredServiceAccountKey } from '../fakes/service-account-key';

const UNIT_NOTICE = /^(Nhắc hạn nộp|Quá hạn nộp|Cần bổ sung|Mở nhận)/;

async function remoteMail(formFacts?: readonly FormFact[]) {
  const { fake, rootUrl } = await seededFake(30, formFacts ? { formFacts } : {});
  const directory = mkdtempSync(join(tmpdir(), 'hannop-remote-links-'));
  try {
    const credentialsPath = join(directory, 'khoa.json');
    writeFileSync(credentialsPath, JSON.stringify(registeredServiceAccountKey(fake, rootUrl)), {
      mode: 0o600,
    });
    const sent: OutgoingMail[] = [];
    const mailer: Mailer = { remainingDailyQuota: () => 100000, send: (mail) => void sent.push(mail) };
    const asOf = vietnamInstant('2023-04-04', 8);
    await remoteRunCommand({
      spreadsheetId: fake.spreadsheetId,
      credentialsPath,
      asOf,
      now: () => asOf,
      smtp: { kind: 'smtp', url: 'smtp://localhost:2525', shown: 'smtp://localhost:2525' },
      mailer,
      sheetsApiRootUrl: rootUrl,
    });
    return sent.filter((mail) => UNIT_NOTICE.test(mail.subject));
  } finally {
    rmSync(directory, { recursive: true, force: true });
    await fake.close();
  }
}

/**
 * A campaign on the local API server, run by `hannop run --spreadsheet` on three mornings: before the
 * plan's deadline (reminders), the day after the department asked one unit to fix its plan
 * (needs-fix), and after the deadline (overdue, the half-year report's opening).
 */
async function remoteCampaignMail(): Promise<OutgoingMail[]> {
  const { fake, rootUrl } = await seededFake(30, { formFacts: demoFormFacts() });
  const directory = mkdtempSync(join(tmpdir(), 'hannop-remote-links-'));
  try {
    const credentialsPath = join(directory, 'khoa.json');
    writeFileSync(credentialsPath, JSON.stringify(registeredServiceAccountKey(fake, rootUrl)), {
      mode: 0o600,
    });
    const sent: OutgoingMail[] = [];
    const mailer: Mailer = { remainingDailyQuota: () => 100000, send: (mail) => void sent.push(mail) };
    const run = async (day: string) => {
      const asOf = vietnamInstant(day as `${number}-${number}-${number}`, 8);
      await remoteRunCommand({
        spreadsheetId: fake.spreadsheetId,
        credentialsPath,
        asOf,
        now: () => asOf,
        smtp: { kind: 'smtp', url: 'smtp://localhost:2525', shown: 'smtp://localhost:2525' },
        mailer,
        sheetsApiRootUrl: rootUrl,
      });
    };
    await run('2023-03-28');
    // The officer returns the first registered response for correction, in `Bài nộp`.
    const workbook = await SheetsApiWorkbook.open(fixedTokenClient(fake, rootUrl), fake.spreadsheetId);
    const table = workbook.read([SHEET.submissions]).get(SHEET.submissions);
    if (!table) throw new Error('no Bài nộp');
    const review = table.headers.indexOf(SUBMISSION_COLUMNS.review);
    const note = table.headers.indexOf(SUBMISSION_COLUMNS.reviewNote);
    const rows = table.rows.map((row, index) =>
      index === 0
        ? row.map((cell, column) =>
            column === review ? 'Yêu cầu bổ sung' : column === note ? 'Thiếu chữ ký thủ trưởng.' : cell,
          )
        : row,
    );
    workbook.write([{ kind: 'replace', sheet: SHEET.submissions, headers: table.headers, rows }]);
    await workbook.save();
    await run('2023-03-29');
    await run('2023-04-04');
    return sent;
  } finally {
    rmSync(directory, { recursive: true, force: true });
    await fake.close();
  }
}

describe('form links in the mail of the Sheets API shell', () => {
  it('puts the unit’s pre-filled link in every reminder, overdue, needs-fix and opening mail of a campaign', async () => {
    const units = inventedUnits(30);
    const mail = await remoteCampaignMail();
    const notices = mail.filter((message) => UNIT_NOTICE.test(message.subject));
    // Every kind is there; a notice of several kinds names each in its subject.
    for (const phrase of ['nhắc hạn nộp', 'quá hạn nộp', 'cần bổ sung', 'mở nhận']) {
      expect(notices.filter((message) => message.subject.toLowerCase().includes(phrase))).not.toEqual([]);
    }
    for (const message of notices) {
      const unit = units.find((candidate) => message.to.includes(candidate.emails[0] as string));
      expect(unit).toBeDefined();
      const entries = demoFormFacts().map(
        (fact) => `${fact.template.entries.unit}=${encodeFormValue(unitChoiceLabel(unit!))}`,
      );
      expect(message.textBody).toContain('https://docs.google.com/forms/');
      expect(entries.some((entry) => message.textBody.includes(entry))).toBe(true);
      expect(entries.some((entry) => message.htmlBody.includes(entry))).toBe(true);
    }
  });

  it('puts the unit’s pre-filled link, from `Biểu mẫu`, in every notice', async () => {
    const units = inventedUnits(30);
    const notices = await remoteMail(demoFormFacts());
    expect(notices.length).toBeGreaterThan(0);
    for (const mail of notices) {
      const unit = units.find((candidate) => mail.to.includes(candidate.emails[0] as string));
      expect(unit).toBeDefined();
      const entries = demoFormFacts().map(
        (fact) => `${fact.template.entries.unit}=${encodeFormValue(unitChoiceLabel(unit!))}`,
      );
      expect(mail.textBody).toContain('https://docs.google.com/forms/');
      expect(entries.some((entry) => mail.textBody.includes(entry))).toBe(true);
      expect(entries.some((entry) => mail.htmlBody.includes(entry))).toBe(true);
    }
  });

  it('says where the link was sent when `Biểu mẫu` is empty (forms not set up yet)', async () => {
    const notices = await remoteMail();
    expect(notices.length).toBeGreaterThan(0);
    for (const mail of notices) {
      expect(mail.textBody).not.toContain('https://docs.google.com/forms/');
      expect(mail.textBody).toContain('đã gửi đơn vị');
    }
  });
});
