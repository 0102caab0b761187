// Lighthouse, mobile preset, on the pages buyers land on: home,
// search, a listing and a producer, against a running Trade.ma (a release
// build: `./tradema lighthouse` builds and starts one). Prints the
// performance, accessibility, best-practices and SEO scores of each page and
// the bytes it transferred. A measurement, not a test: it prints numbers.
//
//   node tests/perf/lighthouse.mjs http://127.0.0.1:3000
//
// Lighthouse drives Debian's Chromium (CHROME_PATH), never a downloaded one.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const base = (process.argv[2] ?? 'http://127.0.0.1:3000').replace(/\/$/, '');
const LIGHTHOUSE = 'lighthouse@12.8.2'; // the last release that runs on Node 20

async function firstLink(path, pattern) {
  const html = await (await fetch(base + path)).text();
  const href = [...html.matchAll(/href="([^"]+)"/g)].map((m) => m[1]).find((h) => pattern.test(h));
  if (!href) throw new Error(`no link matching ${pattern} on ${path}`);
  return href;
}

const listing = await firstLink('/fr', /^\/fr\/listings\/\d+/);
const producer = await firstLink(listing, /^\/fr\/producers\/[^/"]+$/);
const pages = [['home', '/fr'], ['search', '/fr/search?q=argan'], ['listing', listing], ['producer', producer]];

const work = mkdtempSync(join(tmpdir(), 'tradema-lighthouse-'));
const rows = [];
try {
  for (const [name, path] of pages) {
    const report = join(work, `${name}.json`);
    const run = spawnSync('npx', [
      '--yes', LIGHTHOUSE, base + path,
      '--quiet', '--output=json', `--output-path=${report}`,
      '--only-categories=performance,accessibility,best-practices,seo',
      `--chrome-flags=--headless=new --no-sandbox --disable-gpu --user-data-dir=${join(work, `profile-${name}`)}`,
    ], { env: { ...process.env, CHROME_PATH: process.env.CHROME_PATH ?? '/usr/bin/chromium' }, stdio: ['ignore', 'inherit', 'inherit'] });
    if (run.status !== 0) throw new Error(`lighthouse failed on ${path} (exit ${run.status})`);
    const result = JSON.parse(readFileSync(report, 'utf8'));
    const score = (id) => Math.round(result.categories[id].score * 100);
    const bytes = result.audits['total-byte-weight']?.numericValue ?? 0;
    const lcp = result.audits['largest-contentful-paint']?.numericValue ?? 0;
    const tbt = result.audits['total-blocking-time']?.numericValue ?? 0;
    const failing = Object.values(result.audits)
      .filter((a) => a.score !== null && a.score < 1 && ['accessibility', 'seo'].some((c) => result.categories[c].auditRefs.some((r) => r.id === a.id && r.weight > 0)))
      .map((a) => a.id);
    rows.push({ name, path, performance: score('performance'), accessibility: score('accessibility'), best: score('best-practices'), seo: score('seo'), kb: Math.round(bytes / 1024), lcp: Math.round(lcp), tbt: Math.round(tbt), failing });
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
console.log('page       perf  a11y  best  seo   transferred  LCP      TBT     failing audits (a11y/SEO)');
for (const r of rows) {
  console.log(`${r.name.padEnd(10)} ${String(r.performance).padStart(4)}  ${String(r.accessibility).padStart(4)}  ${String(r.best).padStart(4)}  ${String(r.seo).padStart(4)}  ${String(r.kb).padStart(8)} KB  ${String(r.lcp).padStart(5)} ms  ${String(r.tbt).padStart(4)} ms  ${r.failing.join(', ') || '-'}`);
}
