import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { cac } from 'cac';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { JournalFileError } from '../../../reports/read-journal.js';
import { ReportUsageError, registerReportCommand, runReportCommand } from '../../../reports/cli.js';
import { fixture } from './load-fixtures.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'archtdd-report-cli-'));
  await writeFile(path.join(dir, 'a.json'), JSON.stringify(fixture('previous.json')));
  await writeFile(path.join(dir, 'b.json'), JSON.stringify(fixture('journal.json')));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('archtdd report (real files in a temp dir)', () => {
  it('re-renders HTML, Markdown, JUnit and JSON from a saved journal, comparing with --baseline', async () => {
    const out = path.join(dir, 'out');
    const files = await runReportCommand([], { input: path.join(dir, 'b.json'), out, baseline: path.join(dir, 'a.json') }, () => {});
    expect(files.map((f) => path.basename(f)).sort()).toEqual(['baseline.html', 'baseline.json', 'junit.xml', 'summary.md']);
    const md = await readFile(path.join(out, 'summary.md'), 'utf8');
    expect(md).toContain('⚠️ regression');
    expect(await readFile(path.join(out, 'baseline.html'), 'utf8')).toContain('<svg');
  });

  it('does not overwrite the journal it reads when input and output are the same file', async () => {
    const out = path.join(dir, 'same');
    await runReportCommand([], { input: path.join(dir, 'b.json'), out }, () => {});
    const input = path.join(out, 'baseline.json');
    const before = await readFile(input, 'utf8');
    const files = await runReportCommand([], { input, out }, () => {});
    expect(files.map((f) => path.basename(f))).not.toContain('baseline.json');
    expect(await readFile(input, 'utf8')).toBe(before);
  });

  it('--compare writes compare.html and compare.md with both runs', async () => {
    const lines: string[] = [];
    const out = path.join(dir, 'cmp');
    await runReportCommand([path.join(dir, 'a.json'), path.join(dir, 'b.json')], { compare: true, out }, (l) => lines.push(l));
    const html = await readFile(path.join(out, 'compare.html'), 'utf8');
    expect(html).toContain('20251231T120000Z-0ld001');
    expect(html).toContain('20260101T120000Z-5eed01');
    expect(html).toContain('not in this run');
    expect(html.match(/<tr class="slo-row"/g)).toHaveLength(6);
    expect(lines.join('\n')).toMatch(/\| `catalog-p95` \| `p\(95\)<50` \| ✅ PASS 38 ms \| ✅ PASS 45 ms \| \+7\.03 ms \(\+18\.5%\) ⚠️ regression \|/);
  });

  it('refuses --compare with one file, stray arguments, and a missing or foreign input', async () => {
    await expect(runReportCommand(['a.json'], { compare: true }, () => {})).rejects.toThrow(ReportUsageError);
    await expect(runReportCommand(['x.json'], {}, () => {})).rejects.toThrow(/unexpected arguments/);
    await expect(runReportCommand([], { input: path.join(dir, 'nope.json') }, () => {})).rejects.toThrow(JournalFileError);
    await writeFile(path.join(dir, 'other.json'), '{"schema":"something-else"}');
    await expect(runReportCommand([], { input: path.join(dir, 'other.json') }, () => {})).rejects.toThrow(/expected "archtdd.baseline\/v1"/);
  });

  it('registers a "report" command on a cac CLI that parses --compare with two files', async () => {
    const cli = cac('archtdd');
    registerReportCommand(cli);
    cli.parse(['node', 'archtdd', 'report', '--compare', 'a.json', 'b.json'], { run: false });
    expect(cli.matchedCommandName).toBe('report');
    expect(cli.args).toEqual(['a.json', 'b.json']);
    expect(cli.options.compare).toBe(true);
  });
});

describe('renderAll when one reporter breaks', () => {
  it('still writes the other outputs and then throws naming the broken one', async () => {
    const { registerReporter } = await import('../../../reports/registry.js');
    const { renderAll, ReportRenderError } = await import('../../../reports/render.js');
    registerReporter({
      name: 'broken-for-test',
      fileName: 'broken.txt',
      render: () => {
        throw new Error('boom');
      },
    });
    const out = path.join(dir, 'broken');
    const error = await renderAll(fixture('journal.json'), out, { reporters: ['json', 'broken-for-test', 'markdown'] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ReportRenderError);
    expect((error as Error).message).toMatch(/broken-for-test \(broken\.txt\): boom/);
    expect((error as InstanceType<typeof ReportRenderError>).written.map((f) => path.basename(f))).toEqual(['baseline.json', 'summary.md']);
  });
});
