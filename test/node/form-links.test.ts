// Every mail a unit gets about a period it must still send — the reminder, the overdue notice,
// the request for a fix, the opening notice — carries the unit's own pre-filled form link, on the
// `.xlsx` shell as on Apps Script: the links come from `Biểu mẫu`, not from Apps Script properties.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simpleParser, type ParsedMail } from 'mailparser';
import { demoFormFacts } from '../../src/demo/forms';
import { encodeFormValue } from '../../src/domain/prefilled-link';
import { vietnamInstant } from '../../src/domain/time';
import { unitChoiceLabel } from '../../src/domain/units';
import { XlsxWorkbook } from '../../src/node/xlsx-workbook';
import { SHEET } from '../../src/domain/layout';
import { readFormFacts } from '../../src/domain/form-facts';
import { parseCampaignState } from '../../src/app/campaign-state';
import { STATE_SHEETS } from '../../src/app/campaign-state';
import { runCli } from './cli-runner';

jest.setTimeout(120_000);

let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'hannop-form-links-'));
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** The notices a unit gets about a period still to send, by the subject's first words. */
const UNIT_NOTICE = /^(Nhắc hạn nộp|Quá hạn nộp|Cần bổ sung|Mở nhận)/;

async function outboxMessages(): Promise<ParsedMail[]> {
  const path = join(dir, 'data', 'outbox');
  const files = existsSync(path) ? readdirSync(path).filter((file) => file.endsWith('.eml')) : [];
  return Promise.all(files.map((file) => simpleParser(readFileSync(join(path, file)))));
}

function recipients(message: ParsedMail): string {
  const to = message.to;
  return to && !Array.isArray(to) ? to.text : '';
}

describe('form links in the mail of the .xlsx shell', () => {
  it('puts the unit’s pre-filled link in every reminder, overdue, needs-fix and opening mail of the demo', async () => {
    const played = await runCli(['demo', '--to', '2023-04-02'], {
      now: () => vietnamInstant('2026-11-27', 9),
      cwd: dir,
    });
    expect(played.stderr).toBe('');
    expect(played.code).toBe(0);

    const workbook = await XlsxWorkbook.open(join(dir, 'data', 'demo.xlsx'));
    const tables = workbook.read([...STATE_SHEETS, SHEET.forms]);
    const facts = readFormFacts(tables.get(SHEET.forms));
    expect(facts.problems).toEqual([]);
    expect(facts.facts).toEqual(demoFormFacts());
    const units = parseCampaignState(tables).units.all;

    const notices = (await outboxMessages()).filter((message) => UNIT_NOTICE.test(message.subject ?? ''));
    const kinds = new Set(notices.map((message) => UNIT_NOTICE.exec(message.subject ?? '')?.[1]));
    expect(kinds).toEqual(new Set(['Nhắc hạn nộp', 'Quá hạn nộp', 'Cần bổ sung', 'Mở nhận']));
    for (const message of notices) {
      const unit = units.find((candidate) =>
        candidate.emails.some((email) => recipients(message).includes(email)),
      );
      expect(unit).toBeDefined();
      const unitEntries = demoFormFacts().map(
        (fact) => `${fact.template.entries.unit}=${encodeFormValue(unitChoiceLabel(unit!))}`,
      );
      const text = message.text ?? '';
      const html = typeof message.html === 'string' ? message.html : '';
      expect(text).toContain('https://docs.google.com/forms/');
      expect(unitEntries.some((entry) => text.includes(entry))).toBe(true);
      expect(unitEntries.some((entry) => html.includes(entry))).toBe(true);
    }
  });
});
