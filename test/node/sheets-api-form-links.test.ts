// The Sheets API shell (`hannop run --spreadsheet`) builds each unit's pre-filled link from the
// spreadsheet's `Biểu mẫu`, as Apps Script does, and puts it in every notice about a period.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { demoFormFacts } from '../../src/demo/forms';
import type { FormFact } from '../../src/domain/form-facts';
import { encodeFormValue } from '../../src/domain/prefilled-link';
import { vietnamInstant } from '../../src/domain/time';
import { unitChoiceLabel } from '../../src/domain/units';
import { remoteRunCommand } from '../../src/node/commands/remote-run';
import type { Mailer, OutgoingMail } from '../../src/ports';
import { inventedUnits, seededFake } from '../fakes/sheets-api-daily-run';
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

describe('form links in the mail of the Sheets API shell', () => {
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
