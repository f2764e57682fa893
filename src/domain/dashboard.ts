// The department's dashboard as one self-contained HTML page: rates per period and per `Cấp học`
// drawn as inline SVG, and the units to chase with their contacts. Pure, so the Apps Script dialog
// and `hannop report --html` show the same page. The page has no script, no external font, image
// or style sheet: it opens offline, inside HtmlService's sandbox and in a mail attachment alike.
// Every value that comes from a sheet goes through `escapeHtml`, in text and in attributes.
import { describeDeadline, type CampaignConfig } from './campaign';
import { mailForecastSection, type DashboardMailForecast } from './dashboard-mail-forecast';
import { escapeHtml } from './mail-content';
import { STATUS_LABEL, statusOf, type StatusBoard } from './status';
import { buildStatusReport, type StatusReport } from './status-report';
import { formatVietnameseDate, formatVietnameseDateTime } from './time';

export const DASHBOARD_TITLE = 'Bảng điều khiển';

export type FollowUpStatus = 'overdue' | 'needs_fix';

/** A unit that owes a period and must be chased: nothing accepted after the deadline, or to be fixed. */
export interface DashboardFollowUp {
  readonly periodId: string;
  readonly periodName: string;
  readonly status: FollowUpStatus;
  readonly unitCode: string;
  readonly unitName: string;
  readonly level: string;
  readonly head: string;
  readonly emails: readonly string[];
  /** As written in `Đơn vị`; empty when unknown. */
  readonly phone: string;
  readonly issues: readonly string[];
}

export interface DashboardSchedule {
  readonly periodId: string;
  /** `dd/MM/yyyy`. */
  readonly opensOn: string;
  /** "hết ngày 30/03/2023 (trước ngày 31/03/2023)": the due moment and the plan's own words. */
  readonly deadline: string;
}

export interface DashboardView {
  readonly agencyName: string;
  /** Follows the word "Kế hoạch", as in `Tên kế hoạch`. */
  readonly planName: string;
  readonly asOf: Date;
  readonly report: StatusReport;
  readonly schedule: readonly DashboardSchedule[];
  /** By period, then overdue before needs-fix, then units in Vietnamese name order. */
  readonly followUps: readonly DashboardFollowUp[];
  /** The coming days' mail against the quota; absent where the campaign could not be forecast. */
  readonly mailForecast?: DashboardMailForecast;
}

const FOLLOW_UP_ORDER: readonly FollowUpStatus[] = ['overdue', 'needs_fix'];

/** What the page shows, from the campaign and the board at its `asOf`; no workbook needed. */
export function dashboardView(
  campaign: { readonly config: Pick<CampaignConfig, 'agencyName' | 'planName'> },
  board: StatusBoard,
): DashboardView {
  const followUps: DashboardFollowUp[] = [];
  for (const period of board.periods) {
    for (const wanted of FOLLOW_UP_ORDER) {
      for (const unit of board.units) {
        if (!unit.isActive) continue;
        const status = statusOf(board, unit.code, period.id);
        if (!status.isExpected || status.status !== wanted) continue;
        followUps.push({
          periodId: period.id,
          periodName: period.name,
          status: wanted,
          unitCode: unit.code,
          unitName: unit.name,
          level: unit.level,
          head: unit.head,
          emails: unit.emails,
          phone: unit.phone,
          issues: status.issues,
        });
      }
    }
  }
  return {
    agencyName: campaign.config.agencyName,
    planName: campaign.config.planName,
    asOf: board.asOf,
    report: buildStatusReport(board),
    schedule: board.periods.map((period) => {
      const { dueMoment, asWritten } = describeDeadline(period);
      return {
        periodId: period.id,
        opensOn: formatVietnameseDate(period.opensOn),
        deadline: `${dueMoment} (${asWritten})`,
      };
    }),
    followUps,
  };
}

/** `83,3%`, `100%`; a dash when nothing is expected. */
export function formatRate(rate: number | null): string {
  if (rate === null) return '–';
  const tenths = Math.round(rate * 1000) / 10;
  return `${Number.isInteger(tenths) ? String(tenths) : tenths.toFixed(1).replace('.', ',')}%`;
}

interface RateCounts {
  readonly expected: number;
  readonly submitted: number;
  readonly onTime: number;
  readonly notOpen: number;
  readonly reportingRate: number | null;
  readonly onTimeRate: number | null;
}

interface ChartRow {
  readonly label: string;
  readonly rates: RateCounts;
}

/** The two bars of each row, in the legend's colours. */
const MEASURES = [
  {
    name: 'Tỷ lệ nộp',
    className: 'reporting',
    rate: (rates: RateCounts) => rates.reportingRate,
    count: 'submitted',
  },
  {
    name: 'Tỷ lệ đúng hạn',
    className: 'on-time',
    rate: (rates: RateCounts) => rates.onTimeRate,
    count: 'onTime',
  },
] as const;

/** In view-box units; the SVG scales to the page width. */
const CHART = { width: 720, valueWidth: 150, rowHeight: 60, top: 22, barHeight: 15 } as const;

/** Horizontal bars, two per row (reporting and on-time rate), on a 0–100 % scale. */
function barChart(caption: string, rows: readonly ChartRow[]): string {
  const barSpan = CHART.width - CHART.valueWidth;
  const height = CHART.top + rows.length * CHART.rowHeight + 4;
  const grid = [0, 25, 50, 75, 100]
    .map((tick) => {
      const x = (barSpan * tick) / 100;
      const anchor = tick === 0 ? 'start' : tick === 100 ? 'end' : 'middle';
      return (
        `<line class="grid" x1="${x}" y1="${CHART.top - 4}" x2="${x}" y2="${height}"/>` +
        `<text class="tick" x="${x}" y="12" text-anchor="${anchor}">${tick}%</text>`
      );
    })
    .join('');
  const bars = rows
    .map((row, index) => {
      const y = CHART.top + index * CHART.rowHeight;
      const label = `<text class="row-label" x="0" y="${y + 14}">${escapeHtml(row.label)}</text>`;
      if (row.rates.expected === 0 || row.rates.notOpen === row.rates.expected) {
        const note = row.rates.expected === 0 ? 'Không có đơn vị phải nộp' : STATUS_LABEL.not_open;
        return `${label}<text class="note" x="0" y="${y + 36}">${note}</text>`;
      }
      const measures = MEASURES.map((measure, position) => {
        const rate = measure.rate(row.rates) ?? 0;
        const barY = y + 20 + position * (CHART.barHeight + 3);
        const value = `${formatRate(rate)} (${row.rates[measure.count]}/${row.rates.expected})`;
        const width = Math.max(0, Math.min(1, rate)) * barSpan;
        return (
          `<rect class="bar ${measure.className}" x="0" y="${barY}" width="${width.toFixed(1)}" height="${CHART.barHeight}">` +
          `<title>${escapeHtml(`${row.label} — ${measure.name}: ${value}`)}</title></rect>` +
          `<text class="value" x="${barSpan + 8}" y="${barY + CHART.barHeight - 3}">${value}</text>`
        );
      }).join('');
      return label + measures;
    })
    .join('');
  return (
    `<svg class="chart" role="img" aria-label="${escapeHtml(caption)}" viewBox="0 0 ${CHART.width} ${height}" ` +
    `width="100%" preserveAspectRatio="xMinYMin meet" xmlns="http://www.w3.org/2000/svg">` +
    `<title>${escapeHtml(caption)}</title>${grid}${bars}</svg>`
  );
}

const LEGEND =
  '<p class="legend"><span class="swatch reporting"></span>Tỷ lệ nộp (đơn vị có bài hợp lệ / đơn vị phải nộp)' +
  '<span class="swatch on-time"></span>Tỷ lệ đúng hạn (đơn vị nộp đúng hạn, kể cả ân hạn / đơn vị phải nộp)</p>';

function periodLabel(name: string, id: string): string {
  return `${name} (${id})`;
}

function periodsSection(view: DashboardView): string {
  const periods = view.report.periods;
  if (periods.length === 0) {
    return '<section id="ky-nop"><h2>Tỷ lệ theo kỳ nộp</h2><p class="empty">Chưa có kỳ nộp nào trong trang «Kỳ nộp».</p></section>';
  }
  const chart = barChart(
    'Tỷ lệ nộp và tỷ lệ đúng hạn theo kỳ nộp',
    periods.map((period) => ({ label: periodLabel(period.name, period.id), rates: period })),
  );
  const schedule = new Map(view.schedule.map((entry) => [entry.periodId, entry]));
  const headers = [
    'Kỳ nộp',
    'Mở nhận',
    'Hạn nộp',
    'Phải nộp',
    'Đã nộp',
    'Đúng hạn',
    'Trễ hạn',
    'Quá hạn',
    'Cần bổ sung',
    'Chưa nộp',
    'Đã duyệt',
  ];
  const rows = periods
    .map((period) => {
      const when = schedule.get(period.id);
      const numbers = [
        period.expected,
        period.submitted,
        period.onTime,
        period.late,
        period.overdue,
        period.needsFix,
        period.pending,
        period.approved,
      ];
      return (
        `<tr><th scope="row">${escapeHtml(periodLabel(period.name, period.id))}</th>` +
        `<td>${escapeHtml(when?.opensOn ?? '')}</td><td>${escapeHtml(when?.deadline ?? '')}</td>` +
        numbers.map((count) => `<td class="number">${count}</td>`).join('') +
        '</tr>'
      );
    })
    .join('');
  return (
    `<section id="ky-nop"><h2>Tỷ lệ theo kỳ nộp</h2>${LEGEND}${chart}` +
    `<div class="table-wrap"><table><thead><tr>${headers.map((title) => `<th scope="col">${title}</th>`).join('')}</tr></thead>` +
    `<tbody>${rows}</tbody></table></div></section>`
  );
}

function levelSection(view: DashboardView): string {
  const levels = view.report.groups.filter((group) => group.dimension === 'level');
  if (levels.length === 0 || view.report.periods.length === 0) {
    return '<section id="cap-hoc"><h2>Tỷ lệ theo cấp học</h2><p class="empty">Chưa có đơn vị nào đang hoạt động.</p></section>';
  }
  const schedule = new Map(view.schedule.map((entry) => [entry.periodId, entry]));
  const charts = view.report.periods
    .map((period) => {
      const heading = `<h3>${escapeHtml(periodLabel(period.name, period.id))}</h3>`;
      if (period.expected > 0 && period.notOpen === period.expected) {
        const opensOn = schedule.get(period.id)?.opensOn;
        const from = opensOn ? ` (mở nhận từ ${escapeHtml(opensOn)})` : '';
        return `${heading}<p class="empty">Kỳ này chưa mở nhận${from}.</p>`;
      }
      const caption = `${periodLabel(period.name, period.id)} — theo cấp học`;
      const rows = levels.flatMap((level) => {
        const rates = level.periods.find((candidate) => candidate.periodId === period.id);
        return rates ? [{ label: level.group, rates }] : [];
      });
      return heading + barChart(caption, rows);
    })
    .join('');
  return `<section id="cap-hoc"><h2>Tỷ lệ theo cấp học</h2>${LEGEND}${charts}</section>`;
}

function contactCell(followUp: DashboardFollowUp): string {
  const emails = followUp.emails
    // HtmlService's sandbox follows a link only with a target outside its iframe.
    .map(
      (email) =>
        `<a href="mailto:${escapeHtml(email)}" target="_blank" rel="noopener">${escapeHtml(email)}</a>`,
    )
    .join('<br>');
  const phone = followUp.phone ? `<br><span class="phone">ĐT: ${escapeHtml(followUp.phone)}</span>` : '';
  const head = followUp.head ? `${escapeHtml(followUp.head)}<br>` : '';
  return `<td>${head}${emails}${phone}</td>`;
}

function followUpSection(view: DashboardView): string {
  const title = 'Đơn vị quá hạn hoặc cần bổ sung';
  if (view.followUps.length === 0) {
    return `<section id="can-don-doc"><h2>${title}</h2><p class="empty">Không có đơn vị nào quá hạn hoặc cần bổ sung.</p></section>`;
  }
  const count = (status: FollowUpStatus) => view.followUps.filter((entry) => entry.status === status).length;
  const rows = view.followUps
    .map((entry) => {
      const issues =
        entry.issues.length === 0
          ? 'Chưa có bài nộp hợp lệ.'
          : `<ul>${entry.issues.map((issue) => `<li>${escapeHtml(issue)}</li>`).join('')}</ul>`;
      return (
        `<tr class="${entry.status === 'overdue' ? 'overdue' : 'needs-fix'}">` +
        `<td>${escapeHtml(entry.periodId)}</td>` +
        `<td><span class="code">${escapeHtml(entry.unitCode)}</span><br>${escapeHtml(entry.unitName)}</td>` +
        `<td>${escapeHtml(entry.level)}</td>` +
        `<td><span class="badge">${STATUS_LABEL[entry.status]}</span></td>` +
        contactCell(entry) +
        `<td>${issues}</td></tr>`
      );
    })
    .join('');
  return (
    `<section id="can-don-doc"><h2>${title}</h2>` +
    `<p>${count('overdue')} lượt ${STATUS_LABEL.overdue.toLowerCase()}, ${count('needs_fix')} lượt ${STATUS_LABEL.needs_fix.toLowerCase()}.</p>` +
    '<div class="table-wrap"><table class="follow-ups"><thead><tr>' +
    ['Kỳ', 'Đơn vị', 'Cấp học', 'Tình trạng', 'Thủ trưởng và liên hệ', 'Cần xử lý']
      .map((header) => `<th scope="col">${header}</th>`)
      .join('') +
    `</tr></thead><tbody>${rows}</tbody></table></div></section>`
  );
}

const STYLE = `
*{box-sizing:border-box}
body{margin:0;padding:16px;font-family:"Segoe UI",Roboto,"Noto Sans","DejaVu Sans",Arial,sans-serif;font-size:14px;line-height:1.45;color:#202124;background:#fff}
header{border-bottom:2px solid #1a73e8;margin-bottom:16px;padding-bottom:8px}
h1{font-size:22px;margin:0 0 4px}h2{font-size:18px;margin:24px 0 8px}h3{font-size:15px;margin:16px 0 4px}
header p{margin:2px 0}.agency{font-weight:600;text-transform:uppercase}.as-of{color:#5f6368}
.legend{margin:4px 0 8px;color:#3c4043}.swatch{display:inline-block;width:12px;height:12px;margin:0 6px 0 12px;vertical-align:-1px}
.swatch:first-child{margin-left:0}
.reporting{fill:#1a73e8;background:#1a73e8}.on-time{fill:#188038;background:#188038}
.chart{max-width:760px;display:block}.chart .grid{stroke:#dadce0;stroke-width:1}
.chart text{font-size:13px;fill:#202124}.chart .tick{font-size:11px;fill:#5f6368}.chart .note{fill:#5f6368;font-style:italic}
.chart .value{font-size:12px}
.table-wrap{overflow-x:auto}
table{border-collapse:collapse;margin:8px 0;min-width:60%}
th,td{border:1px solid #dadce0;padding:4px 8px;text-align:left;vertical-align:top}
thead th{background:#f1f3f4}td.number{text-align:right;font-variant-numeric:tabular-nums}
td ul{margin:0;padding-left:18px}.code{font-family:"DejaVu Sans Mono",Consolas,monospace;font-size:12px;color:#5f6368}
.badge{display:inline-block;padding:1px 8px;border-radius:10px;font-size:12px;white-space:nowrap}
tr.overdue .badge{background:#fce8e6;color:#a50e0e}tr.needs-fix .badge{background:#fef7e0;color:#8a4b00}
.empty{color:#5f6368;font-style:italic}
.forecast-alert{background:#fce8e6;color:#a50e0e;padding:6px 10px;border-left:4px solid #d93025}
tr.overflow td{background:#fce8e6}tr.overflow .badge{background:#d93025;color:#fff}.note{color:#5f6368;font-size:12px}
footer{margin-top:24px;color:#5f6368;font-size:12px}
@media print{body{padding:0}.table-wrap{overflow:visible}}
`;

/** The whole page: an HTML document with inline CSS and SVG, and nothing to fetch. */
export function renderDashboardPage(view: DashboardView): string {
  const asOf = formatVietnameseDateTime(view.asOf);
  const plan = view.planName ? `<p>Kế hoạch ${escapeHtml(view.planName)}</p>` : '';
  return (
    '<!DOCTYPE html>\n<html lang="vi"><head><meta charset="utf-8">' +
    '<meta name="viewport" content="width=device-width, initial-scale=1">' +
    `<title>${DASHBOARD_TITLE} — ${escapeHtml(view.agencyName)}</title><style>${STYLE}</style></head><body>` +
    `<header><h1>${DASHBOARD_TITLE} hạn nộp</h1><p class="agency">${escapeHtml(view.agencyName)}</p>${plan}` +
    `<p class="as-of">Số liệu tính đến ${asOf}</p></header>` +
    periodsSection(view) +
    levelSection(view) +
    followUpSection(view) +
    (view.mailForecast ? mailForecastSection(view.mailForecast) : '') +
    '<footer>Đơn vị phải nộp: đơn vị đang hoạt động, có trong danh sách trước hạn nộp của kỳ. ' +
    'Đã nộp: có bài nộp hợp lệ (kể cả bài đã duyệt). Đúng hạn: bài hợp lệ đầu tiên đến trước khi hết hạn và ân hạn.</footer>' +
    '</body></html>\n'
  );
}
