/**
 * The HTML report opened in real headless Chromium with JavaScript OFF (the report must
 * need none): rows per SLO, verdict badge colours, charts with data, no network requests.
 * Saves reports/out/screenshot.png for a human to look at.
 * Needs Debian's chromium (apt-get install -y chromium).
 */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Journal } from '../../../harness/journal/schema.js';
import { renderAll } from '../../../reports/render.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SCREENSHOT = fileURLToPath(new URL('../../../reports/out/screenshot.png', import.meta.url));

const readFixture = async (name: string) =>
  JSON.parse(await readFile(new URL(`../../unit/reports/fixtures/${name}`, import.meta.url), 'utf8')) as Journal;

let dir: string;
let browser: Browser;
let page: Page;
let journal: Journal;
const requests: string[] = [];

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Chromium not found at ${CHROMIUM}. Install it: apt-get install -y chromium (or set CHROMIUM_PATH).`);
  }
  dir = await mkdtemp(path.join(tmpdir(), 'archtdd-html-'));
  const rendered = await renderAll(await readFixture('journal.json'), dir, { previous: await readFixture('previous.json') });
  journal = rendered.journal;
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
  const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 1200, height: 900 } });
  page = await context.newPage();
  page.on('request', (r) => requests.push(r.url()));
  await page.goto(pathToFileURL(path.join(dir, 'baseline.html')).href);
});

afterAll(async () => {
  await browser?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('baseline.html in headless Chromium, JavaScript off', () => {
  it('loads nothing but itself', () => {
    expect(requests.filter((u) => !u.startsWith('file:'))).toEqual([]);
    expect(requests).toHaveLength(1);
  });

  it('shows one table row per SLO with its verdict badge', async () => {
    const rows = page.locator('#slo-table tr.slo-row');
    await expect.poll(() => rows.count()).toBe(journal.slos.length);
    for (const slo of journal.slos) {
      const badge = page.locator(`#slo-table tr[data-slo="${slo.id}"] .badge`);
      expect(await badge.textContent()).toContain(slo.verdict);
    }
  });

  it('colours verdict badges: PASS green, FAIL red, INCONCLUSIVE amber, INVALID purple (never green)', async () => {
    const colour = (verdict: string) =>
      page
        .locator(`#slo-table .badge[data-verdict="${verdict}"]`)
        .first()
        // runs in the page (tsconfig has no DOM lib)
        .evaluate((el) => (globalThis as unknown as { getComputedStyle(e: unknown): { backgroundColor: string } }).getComputedStyle(el).backgroundColor);
    expect(await colour('PASS')).toBe('rgb(30, 142, 62)');
    expect(await colour('FAIL')).toBe('rgb(217, 48, 37)');
    expect(await colour('INCONCLUSIVE')).toBe('rgb(232, 162, 0)');
    expect(await colour('INVALID')).toBe('rgb(123, 63, 160)');
    expect(await page.locator('[data-gate]').getAttribute('data-gate')).toBe('does-not-hold');
  });

  it('renders at least one chart as SVG with data paths that have real size', async () => {
    const charts = page.locator('figure[data-chart="timeseries"] svg');
    expect(await charts.count()).toBeGreaterThanOrEqual(5);
    const first = charts.first();
    const box = await first.boundingBox();
    expect(box!.width).toBeGreaterThan(300);
    expect(box!.height).toBeGreaterThan(100);
    // a line series is one path with one segment per point
    const points = journal.slos[0]!.evidence.series![0]!.points.length;
    expect(points).toBeGreaterThan(10);
    const longest = await first.evaluate((svg) =>
      Math.max(...[...svg.querySelectorAll('path')].map((p) => (p.getAttribute('d') ?? '').split('L').length)),
    );
    expect(longest).toBeGreaterThanOrEqual(points);
    expect(await page.locator('figure[data-chart="repeat"] svg').count()).toBe(1);
  });

  it('shows failure logs for the failing SLO and the run facts', async () => {
    expect(await page.locator('#slo-catalog-5xx-ratio pre.logs').textContent()).toContain('ECONNREFUSED');
    expect(await page.locator('#run').textContent()).toContain('prometheus');
    expect(await page.locator('#legend').textContent()).toContain('What each column means');
  });

  it('takes a full-page screenshot to reports/out/screenshot.png', async () => {
    await mkdir(path.dirname(SCREENSHOT), { recursive: true });
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
    expect((await stat(SCREENSHOT)).size).toBeGreaterThan(50_000);
  });
});
