import {
  dashboardView,
  formatRate,
  renderDashboardPage,
  type DashboardView,
} from '../../src/domain/dashboard';
import { computeStatusBoard } from '../../src/domain/status';
import { periods2023 } from '../fakes/campaign-fixture';
import {
  AGENCY_NAME,
  DASHBOARD_CAMPAIGN,
  MALICIOUS_NAME,
  PHONE_PROBLEM,
  at,
  dashboardBoard,
} from './dashboard-fixture';

function page(view: DashboardView = dashboardView(DASHBOARD_CAMPAIGN, dashboardBoard())): string {
  return renderDashboardPage(view);
}

/** The text of the section with this id as a person reads it: tags and SVG tooltips removed. */
function sectionText(html: string, id: string): string {
  const match = new RegExp(`<section id="${id}">([\\s\\S]*?)</section>`).exec(html);
  if (!match) throw new Error(`no section ${id}`);
  return (match[1] as string)
    .replace(/<title>[^<]*<\/title>/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ');
}

describe('dashboardView', () => {
  it('lists the overdue and needs-fix units of each period with their contacts, inactive units left out', () => {
    const view = dashboardView(DASHBOARD_CAMPAIGN, dashboardBoard());
    expect(view.agencyName).toBe(AGENCY_NAME);
    expect(view.report.asOf).toBe('2023-04-05T12:00:00+07:00');
    expect(view.followUps).toEqual([
      {
        periodId: 'KH-2023',
        periodName: 'Kế hoạch năm 2023',
        status: 'overdue',
        unitCode: 'TH<X>',
        unitName: MALICIOUS_NAME,
        level: 'Tiểu học',
        head: 'Trần "Văn" Đức & cộng sự',
        emails: ['hieutruong@thx.example.edu.vn', 'vanthu@thx.example.edu.vn'],
        phone: '028 3896 1234',
        issues: [],
      },
      {
        periodId: 'KH-2023',
        periodName: 'Kế hoạch năm 2023',
        status: 'needs_fix',
        unitCode: 'THCSLQD',
        unitName: 'THCS Lê Quý Đôn',
        level: 'THCS',
        head: 'Nguyễn Thị Hiệu Trưởng',
        emails: ['thcslqd@truong.example.edu.vn'],
        phone: '0901234567',
        issues: [PHONE_PROBLEM],
      },
    ]);
    expect(view.schedule[0]).toEqual({
      periodId: 'KH-2023',
      opensOn: '14/03/2023',
      deadline: 'hết ngày 30/03/2023 (trước ngày 31/03/2023)',
    });
  });

  it('orders follow-ups by period, overdue first, then unit name («<img…» sorts before letters)', () => {
    const view = dashboardView(DASHBOARD_CAMPAIGN, dashboardBoard('2023-05-03T08:00'));
    expect(view.followUps.map((entry) => `${entry.periodId} ${entry.status} ${entry.unitCode}`)).toEqual([
      'KH-2023 overdue TH<X>',
      'KH-2023 needs_fix THCSLQD',
      'BC6T-2023 overdue TH<X>',
      'BC6T-2023 overdue THCSLQD',
      'BC6T-2023 overdue THDD',
    ]);
  });
});

describe('formatRate', () => {
  it('writes a percentage the Vietnamese way, with a decimal comma and no needless decimal', () => {
    expect(formatRate(5 / 6)).toBe('83,3%');
    expect(formatRate(1)).toBe('100%');
    expect(formatRate(0)).toBe('0%');
    expect(formatRate(0.25)).toBe('25%');
    expect(formatRate(null)).toBe('–');
  });
});

describe('renderDashboardPage', () => {
  it('is a self-contained Vietnamese HTML document: no script, no link, nothing to fetch', () => {
    const html = page();
    expect(html.startsWith('<!DOCTYPE html>\n<html lang="vi"><head><meta charset="utf-8">')).toBe(true);
    expect(html).toContain('<title>Bảng điều khiển — Phòng Giáo dục và Đào tạo thành phố Thủ Đức</title>');
    expect(html).not.toMatch(/<script|<link|<iframe|<object|<embed|@import|url\(/i);
    // The only tag with a `src` would be injected markup.
    expect(html).not.toMatch(/<[a-z]+[^>]*\ssrc=/i);
    // The SVG namespace is a name, not a fetch; no other address appears.
    expect(html.replace(/ xmlns="http:\/\/www\.w3\.org\/2000\/svg"/g, '')).not.toMatch(
      /https?:|\/\/[a-z0-9]/i,
    );
    expect(html).toBe(html.normalize('NFC'));
  });

  it('shows the reporting and on-time rates per period, with counts, as bars', () => {
    const html = page();
    const periods = sectionText(html, 'ky-nop');
    expect(periods).toContain('Kế hoạch năm 2023 (KH-2023) 50% (2/4) 25% (1/4)');
    expect(periods).toContain('Báo cáo 6 tháng đầu năm 2023 (BC6T-2023) 25% (1/4) 25% (1/4)');
    expect(periods).toContain('Báo cáo năm 2023 (BCN-2023) Chưa mở nhận');
    expect(periods).toContain('hết ngày 30/03/2023 (trước ngày 31/03/2023)');
    // Phải nộp, Đã nộp, Đúng hạn, Trễ hạn, Quá hạn, Cần bổ sung, Chưa nộp, Đã duyệt
    expect(periods).toContain(
      'Kế hoạch năm 2023 (KH-2023) 14/03/2023 hết ngày 30/03/2023 (trước ngày 31/03/2023) 4 2 1 1 1 1 0 1',
    );
    // Bars are as long as the rate: 50% and 25% of the 570-unit span.
    expect(html).toContain('<rect class="bar reporting" x="0" y="42" width="285.0" height="15">');
    expect(html).toContain('<rect class="bar on-time" x="0" y="60" width="142.5" height="15">');
  });

  it('shows the same rates by Cấp học for each open period, and says when a period is not open yet', () => {
    const levels = sectionText(page(), 'cap-hoc');
    expect(levels).toContain(
      'Kế hoạch năm 2023 (KH-2023) 0% 25% 50% 75% 100% Mầm non 100% (1/1) 100% (1/1) Tiểu học 50% (1/2) 0% (0/2) THCS 0% (0/1) 0% (0/1)',
    );
    expect(levels).toContain('Báo cáo năm 2023 (BCN-2023) Kỳ này chưa mở nhận (mở nhận từ 01/10/2023).');
    expect(page().match(/<svg /g)).toHaveLength(3);
  });

  it('lists the units to chase with their head, e-mails, phone and what to fix', () => {
    const followUps = sectionText(page(), 'can-don-doc');
    expect(followUps).toContain('1 lượt quá hạn, 1 lượt cần bổ sung.');
    expect(followUps).toContain(
      'KH-2023 TH&lt;X&gt; &lt;img src=x onerror=alert(1)&gt; Tiểu học Quá hạn Trần &quot;Văn&quot; Đức &amp; cộng sự hieutruong@thx.example.edu.vn vanthu@thx.example.edu.vn ĐT: 028 3896 1234 Chưa có bài nộp hợp lệ.',
    );
    expect(followUps).toContain(
      `KH-2023 THCSLQD THCS Lê Quý Đôn THCS Cần bổ sung Nguyễn Thị Hiệu Trưởng thcslqd@truong.example.edu.vn ĐT: 0901234567 ${PHONE_PROBLEM}`,
    );
    expect(followUps).not.toContain('Mầm non Cũ');
  });

  it('escapes every value from the sheets, in text and in attributes', () => {
    const hostile = '"><script>alert(1)</script>';
    const board = dashboardBoard();
    const view = dashboardView({ config: { agencyName: hostile, planName: `x' onload='alert(1)` } }, board);
    const html = renderDashboardPage({
      ...view,
      followUps: view.followUps.map((entry) => ({
        ...entry,
        emails: [`a@b.vn"><img src=x onerror=alert(2)>`],
      })),
    });
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('Kế hoạch x&#39; onload=&#39;alert(1)');
    expect(html).toContain(
      '<a href="mailto:a@b.vn&quot;&gt;&lt;img src=x onerror=alert(2)&gt;" target="_blank" rel="noopener">',
    );
    // The period names from `Kỳ nộp` are data too, also inside the SVG.
    const renamed = renderDashboardPage(
      dashboardView(DASHBOARD_CAMPAIGN, {
        ...board,
        periods: board.periods.map((period) => ({ ...period, name: `${period.name} <b>` })),
      }),
    );
    expect(renamed).not.toContain('<b>');
    expect(renamed).toContain(
      '<text class="row-label" x="0" y="36">Kế hoạch năm 2023 &lt;b&gt; (KH-2023)</text>',
    );
  });

  it('renders an empty campaign (no period, no unit) with a sentence in each section', () => {
    const html = renderDashboardPage(
      dashboardView(DASHBOARD_CAMPAIGN, computeStatusBoard([], [], [], at('2023-01-02T08:00'))),
    );
    expect(sectionText(html, 'ky-nop')).toContain('Chưa có kỳ nộp nào trong trang «Kỳ nộp».');
    expect(sectionText(html, 'cap-hoc')).toContain('Chưa có đơn vị nào đang hoạt động.');
    expect(sectionText(html, 'can-don-doc')).toContain('Không có đơn vị nào quá hạn hoặc cần bổ sung.');
    expect(html).toContain('Số liệu tính đến 02/01/2023 08:00');
    expect(html).not.toContain('<svg');
  });

  it('says when a period expects no unit rather than drawing a 0% bar', () => {
    const html = renderDashboardPage(
      dashboardView(DASHBOARD_CAMPAIGN, computeStatusBoard([], periods2023(), [], at('2023-04-05T12:00'))),
    );
    expect(sectionText(html, 'ky-nop')).toContain('Kế hoạch năm 2023 (KH-2023) Không có đơn vị phải nộp');
    expect(html).not.toContain('class="bar');
  });
});
