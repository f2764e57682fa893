// The dashboard page in a real browser: Chromium (see ./chromium.ts), headless, driven by playwright-core.
// The page must render with no console error, fetch nothing, run no script (the unit named
// `<img src=x onerror=alert(1)>` shows as text and opens no dialog), and draw its SVG charts.
// A screenshot is kept in test-artifacts/dashboard.png for a person to look at.
import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { dashboardView, renderDashboardPage } from '../../src/domain/dashboard';
import { DASHBOARD_CAMPAIGN, MALICIOUS_NAME, dashboardBoard } from '../domain/dashboard-fixture';
import { chooseChromium } from './chromium';

const SCREENSHOT = resolve(__dirname, '..', '..', 'test-artifacts', 'dashboard.png');
const BROWSER_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
];

// Launching Chromium takes a second or two (unpacking the packaged one, about ten the first time);
// the whole file stays well under this bound.
jest.setTimeout(45000);

interface Watched {
  readonly page: Page;
  readonly requests: string[];
  readonly consoleErrors: string[];
  readonly dialogs: string[];
}

let browser: Browser | undefined;

beforeAll(async () => {
  const choice = await chooseChromium();
  if (!existsSync(choice.executablePath)) {
    // Not a skip: CI must run this test, so a missing browser is a failure with the fix in it.
    throw new Error(
      `Chromium not found at ${choice.executablePath} (${choice.source}): set CHROMIUM_PATH to a Chromium ` +
        'executable, or run npm ci so that @sparticuz/chromium is installed.',
    );
  }
  browser = await chromium.launch({
    executablePath: choice.executablePath,
    args: BROWSER_ARGS,
    env: { ...process.env, ...choice.env },
    timeout: 20000,
  });
});

afterAll(async () => {
  await browser?.close();
});

/** A page that may fetch nothing: every request is recorded and refused, every error and dialog recorded. */
async function watchedPage(): Promise<Watched> {
  if (!browser) throw new Error('the browser did not start');
  const page = await browser.newPage({ viewport: { width: 1000, height: 720 } });
  const requests: string[] = [];
  const consoleErrors: string[] = [];
  const dialogs: string[] = [];
  await page.route('**/*', async (route) => {
    requests.push(route.request().url());
    await route.abort();
  });
  page.on('request', (request) => {
    if (!requests.includes(request.url())) requests.push(request.url());
  });
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => consoleErrors.push(error.message));
  page.on('dialog', (dialog) => {
    dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    void dialog.dismiss();
  });
  return { page, requests, consoleErrors, dialogs };
}

describe('the dashboard page in headless Chromium', () => {
  it('catches an injected handler and a request when there are some (the watch below can fail)', async () => {
    const { page, dialogs, requests } = await watchedPage();
    const dialogShown = page.waitForEvent('dialog', { timeout: 5000 });
    // `.invalid` never resolves, and the route refuses the request before it leaves anyway.
    const font = 'https://fonts.example.invalid/roboto.css';
    await page.setContent(
      `<!DOCTYPE html><html><head><link rel="stylesheet" href="${font}"></head><body>${MALICIOUS_NAME}</body></html>`,
    );
    await dialogShown;
    expect(dialogs).toEqual(['alert: 1']);
    expect(requests).toContain(font);
    await page.close();
  });

  it('renders without errors or requests, shows the hostile unit name as text, and draws its charts', async () => {
    const { page, requests, consoleErrors, dialogs } = await watchedPage();
    const html = renderDashboardPage(dashboardView(DASHBOARD_CAMPAIGN, dashboardBoard()));
    await page.setContent(html, { waitUntil: 'load' });

    // A string, evaluated in the page: the tests are type-checked without the DOM library.
    expect(await page.evaluate('[document.documentElement.lang, document.characterSet]')).toEqual([
      'vi',
      'UTF-8',
    ]);
    await expect(page.title()).resolves.toBe('Bảng điều khiển — Phòng Giáo dục và Đào tạo thành phố Thủ Đức');
    expect(await page.locator('h1').innerText()).toBe('Bảng điều khiển hạn nộp');

    // The unit's name is text in the table, not an element.
    const hostileCell = page.getByText(MALICIOUS_NAME, { exact: false });
    await expect(hostileCell.isVisible()).resolves.toBe(true);
    expect(await page.locator('#can-don-doc tbody tr').first().innerText()).toContain(MALICIOUS_NAME);
    expect(await page.locator('img, script, iframe').count()).toBe(0);

    // One chart for the periods, one per open period by level; each bar has a width.
    const charts = page.locator('svg.chart');
    expect(await charts.count()).toBe(3);
    for (const chart of await charts.all()) {
      const box = await chart.boundingBox();
      expect(box?.width ?? 0).toBeGreaterThan(500);
      expect(box?.height ?? 0).toBeGreaterThan(50);
    }
    const firstBar = await page.locator('#ky-nop rect.bar.reporting').first().boundingBox();
    const chartBox = await charts.first().boundingBox();
    // 50 % of the bar span (570 of the 720-unit view box).
    expect((firstBar?.width ?? 0) / (chartBox?.width ?? 1)).toBeCloseTo(285 / 720, 2);
    await expect(page.getByText('50% (2/4)', { exact: true }).isVisible()).resolves.toBe(true);

    mkdirSync(dirname(SCREENSHOT), { recursive: true });
    await page.screenshot({ path: SCREENSHOT, fullPage: true });

    expect(requests).toEqual([]);
    expect(consoleErrors).toEqual([]);
    expect(dialogs).toEqual([]);
    const png = readFileSync(SCREENSHOT);
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect(statSync(SCREENSHOT).size).toBeGreaterThan(20000);
    await page.close();
  });
});
