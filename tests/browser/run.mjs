// Browser suite: serves built sites on 127.0.0.1 and checks every page in headless Chromium.
//
//   node run.mjs SITE_DIR [SITE_DIR...]     (each a built quarterdeck output folder)
//
// For every HTML page: no console errors, no failed requests, no request to any other host,
// axe-core WCAG 2 A/AA with zero violations. For every one-pager (YYYY-qN/index.html and the
// home page): printed to PDF at A4 and at Letter, exactly one page; laid out for print, no text
// below 6.5pt and nothing past the margins. For every risk register (YYYY-qN/register/): printed
// at A4 and at Letter, the table header on every page and no row split across pages (pdftotext
// reads each page; at least one register must span pages). At 390px, no sideways scrolling on the
// one-pagers, the archive, the risk pages and the board pack pages. Then the Nu HTML Checker
// (vnu.jar) over every HTML and SVG file: zero errors. Exits non-zero on any failure and ends
// with a line "N passed, M failed".
import { chromium } from 'playwright-core';
import fs from 'node:fs';
import path from 'node:path';
import os from 'node:os';
import { execFile, execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { CHROME, CHROME_ARGS, walk, serve, isOnePager, isPackPage } from './site.mjs';

const require = createRequire(import.meta.url);
const AXE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const VNU = path.join(path.dirname(require.resolve('vnu-jar')), 'build', 'dist', 'vnu.jar');

const sites = process.argv.slice(2);
if (sites.length === 0) {
  console.error('usage: node run.mjs SITE_DIR [SITE_DIR...]');
  process.exit(2);
}

let passed = 0;
let failed = 0;
// Each site's lines are kept in its own list (`out`) and printed whole, in the order the sites
// were given, so two sites checked at once do not interleave.
function result(out, ok, name, detail = '') {
  if (ok) passed++; else failed++;
  out.push(`${ok ? 'ok  ' : 'FAIL'} ${name}${detail ? `\n     ${detail.split('\n').join('\n     ')}` : ''}`);
}

function pdfPages(buf) {
  return (buf.toString('latin1').match(/\/Type\s*\/Page(?!s)/g) || []).length;
}

const isRegister = (rel) => /^\d{4}-q[1-4]\/register\/index\.html$/.test(rel);
let longestRegister = 0;

// Each page's text of a PDF with all whitespace removed: Chromium's PDFs carry no space glyphs,
// so pdftotext (poppler-utils) cannot tell words apart reliably; texts are compared without it.
function pdfPageTexts(buf) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qd-pdf-'));
  try {
    const file = path.join(dir, 'p.pdf');
    fs.writeFileSync(file, buf);
    const out = execFileSync('pdftotext', ['-raw', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
    return out.split('\f').map((t) => t.replace(/\s+/g, '')).filter((t) => t.length > 0);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

// Prints the register at A4 and Letter. Each row starts with its id and title; that start must be
// on exactly one page, every page with rows must begin (after the repeated header) with the start
// of a row, so nothing of a row spilled over from the page before.
async function registerPrint(page, name, out) {
  const rows = await page.$$eval('table.t-register tbody tr', (trs) => trs.map((tr) => {
    const th = tr.querySelector('th');
    return `${th.querySelector('a').textContent}${th.querySelector('.r-title').textContent}`.replace(/\s+/g, '');
  }));
  // The header as the page words it (any language), without text only screen readers get.
  const header = await page.$eval('table.t-register thead', (el) => {
    const c = el.cloneNode(true);
    c.querySelectorAll('.sr-only').forEach((e) => e.remove());
    return c.textContent.replace(/\s+/g, '');
  });
  for (const format of ['A4', 'Letter']) {
    const texts = pdfPageTexts(await page.pdf({ format, printBackground: true, preferCSSPageSize: false }));
    const problems = [];
    const pageOf = rows.map((r) => texts.map((t, k) => (t.includes(r) ? k : -1)).filter((k) => k >= 0));
    rows.forEach((r, i) => { if (pageOf[i].length !== 1) problems.push(`"${r.slice(0, 40)}" starts on ${pageOf[i].length} pages`); });
    texts.forEach((t, k) => {
      const first = rows.findIndex((_, i) => pageOf[i][0] === k);
      if (first < 0) return;
      const h = t.indexOf(header);
      if (h < 0) { problems.push(`page ${k + 1}: no table header`); return; }
      const after = t.slice(h + header.length);
      if (k > 0 && !after.startsWith(rows[first])) problems.push(`page ${k + 1} begins with "${after.slice(0, 50)}", not a row's start`);
    });
    longestRegister = Math.max(longestRegister, texts.length);
    result(out, problems.length === 0, `${name}: register prints on ${texts.length} ${format} page${texts.length === 1 ? '' : 's'}, header on each, no row split`, problems.join('\n'));
  }
}

// The one-pager laid out as print lays it out (print media, the configured paper's width less the
// 10 mm margins): the room left at the bottom of the page, the smallest text (SVG text at its
// drawn scale) and anything wider than the page. Leaves the page as it found it.
async function printRoom(page) {
  const letter = await page.evaluate(() => document.documentElement.classList.contains('paper-letter'));
  const [w, h] = letter ? [215.9, 279.4] : [210, 297];
  const px = (mm) => (mm / 25.4) * 96;
  const before = page.viewportSize();
  await page.emulateMedia({ media: 'print' });
  await page.setViewportSize({ width: Math.floor(px(w - 20)), height: Math.floor(px(h - 20)) });
  const r = await page.evaluate(() => {
    const small = [];
    let min = Infinity;
    const walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    while (walk.nextNode()) {
      const el = walk.currentNode.parentElement;
      if (!walk.currentNode.data.trim() || !el || el.closest('.sr-only, title, desc, style, script')) continue;
      if (el.getClientRects().length === 0 || getComputedStyle(el).visibility !== 'visible') continue;
      let size = parseFloat(getComputedStyle(el).fontSize);
      if (el instanceof SVGGraphicsElement) {
        const m = el.getScreenCTM();
        size *= Math.hypot(m.a, m.b);
      }
      const pt = size * 0.75;
      min = Math.min(min, pt);
      if (pt < 6.5 - 0.01 && small.length < 5) small.push(`"${walk.currentNode.data.trim().slice(0, 30)}" ${pt.toFixed(2)}pt`);
    }
    const body = document.body.getBoundingClientRect();
    return { bottom: body.bottom, small, min, overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth };
  });
  await page.emulateMedia({ media: null });
  await page.setViewportSize(before);
  return { paper: letter ? 'Letter' : 'A4', spare: ((px(h - 20) - r.bottom) * 25.4) / 96, small: r.small, minPt: r.min, overflow: r.overflow };
}

// A page is loaded when its load event has fired (every stylesheet, image and chart it names)
// and its fonts are ready. The sites run no script that fetches later, so waiting for the
// network to be idle (half a second of quiet a page) would only add time: 300 s a run.
async function open(page, url) {
  const resp = await page.goto(url, { waitUntil: 'load' });
  await page.evaluate(() => document.fonts.ready.then(() => true));
  return resp;
}

// The Nu HTML Checker runs once over every site's files, beside the browser work (a second
// core; one JVM start instead of one a site); its findings are reported per site at the end.
const markup = sites.map((s) => {
  const root = path.resolve(s);
  return { root, files: walk(root).filter((f) => f.endsWith('.html') || f.endsWith('.svg')) };
});
const nu = new Promise((resolve) => {
  execFile('java', ['-jar', VNU, '--errors-only', '--also-check-svg', ...markup.flatMap((m) => m.files)],
    { maxBuffer: 64 * 1024 * 1024 },
    (error, stdout, stderr) => resolve({ failed: error !== null, lines: `${stdout || ''}${stderr || ''}`.trim().split('\n').filter((l) => l) }));
});

// Every check of one site, on its own local server and browser context.
async function checkSite(browser, siteArg, out) {
  const root = path.resolve(siteArg);
  const server = await serve(root);
  const origin = `http://127.0.0.1:${server.address().port}`;
  const pages = walk(root).map((f) => path.relative(root, f)).filter((f) => f.endsWith('.html') && f !== '404.html');
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  // axe-core is put into every page the context opens, and one page loads each page in turn:
  // a new page and axe sent over the pipe for each took a third of the suite's time.
  await context.addInitScript({ content: AXE });
  const page = await context.newPage();
  let problems = [];
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('requestfailed', (r) => problems.push(`failed request: ${r.url()} ${r.failure()?.errorText}`));
  page.on('request', (r) => { if (!r.url().startsWith(origin) && !r.url().startsWith('data:')) problems.push(`request to another host: ${r.url()}`); });
  for (const rel of pages) {
    const name = `${path.basename(root)}/${rel}`;
    problems = [];
    const urlPath = rel.endsWith('index.html') ? rel.slice(0, -'index.html'.length) : rel;
    const resp = await open(page, `${origin}/${urlPath}`);
    if (!resp || resp.status() !== 200) problems.push(`status ${resp && resp.status()}`);
    result(out, problems.length === 0, `${name}: loads cleanly, nothing from other hosts`, problems.join('\n'));

    const axe = await page.evaluate(async () => window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } }));
    const v = axe.violations.map((x) => `${x.id} (${x.impact}): ${x.help} — ${x.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
    result(out, v.length === 0, `${name}: axe-core WCAG 2 A/AA`, v.join('\n'));

    if (isOnePager(rel)) {
      const room = await printRoom(page);
      for (const format of ['A4', 'Letter']) {
        const pdf = await page.pdf({ format, printBackground: true, preferCSSPageSize: false });
        const n = pdfPages(pdf);
        result(out, n === 1, `${name}: prints on one ${format} page (laid out for ${room.paper}: ${room.spare.toFixed(1)} mm free at the bottom)`, n === 1 ? '' : `${n} pages`);
      }
      const bad = [];
      if (room.small.length) bad.push(`text below 6.5pt: ${room.small.join('; ')}`);
      if (room.overflow > 1) bad.push(`content runs ${room.overflow}px past the right margin`);
      result(out, bad.length === 0, `${name}: print type at least 6.5pt (smallest ${room.minPt.toFixed(2)}pt), nothing past the margins`, bad.join('\n'));
    }
    if (isRegister(rel)) await registerPrint(page, name, out);
  }
  for (const width of [390]) {
    await page.setViewportSize({ width, height: 844 });
    const narrow = [
      ...pages.filter((p) => isOnePager(p) || p.startsWith('archive') || (p.startsWith('risks/') && !isPackPage(p))).slice(0, 40),
      ...pages.filter(isPackPage),
    ];
    for (const rel of narrow) {
      const urlPath = rel.slice(0, -'index.html'.length);
      await open(page, `${origin}/${urlPath}`);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      result(out, overflow <= 1, `${path.basename(root)}/${rel}: no sideways scrolling at ${width}px`, overflow > 1 ? `page is ${overflow}px too wide` : '');
    }
  }
  await page.close();
  await context.close();
  server.close();
}

// Sites are checked a few at a time (BROWSER_JOBS, default: the cores, at most 4): each page's
// checks wait on the browser, so one site at a time left a core idle.
const JOBS = Number(process.env.BROWSER_JOBS) || Math.max(1, Math.min(4, os.availableParallelism()));
const outs = sites.map(() => []);
const done = sites.map(() => false);
let printed = 0;
function flush() {
  while (printed < sites.length && done[printed]) {
    for (const line of outs[printed]) console.log(line);
    printed++;
  }
}

const browser = await chromium.launch({
  executablePath: CHROME,
  args: CHROME_ARGS,
});
try {
  let next = 0;
  const worker = async () => {
    while (next < sites.length) {
      const i = next++;
      await checkSite(browser, sites[i], outs[i]);
      done[i] = true;
      flush();
    }
  };
  await Promise.all(Array.from({ length: Math.min(JOBS, sites.length) }, worker));
} finally {
  await browser.close();
}
const checked = await nu;
const summary = [];
for (const { root, files } of markup) {
  // vnu names each file as a file: URL; a line without a known site (e.g. the JVM's own) goes to
  // every site, so nothing it says is lost.
  const mine = checked.lines.filter((l) => l.includes(root + path.sep) || !markup.some((m) => l.includes(m.root + path.sep)));
  const ok = !checked.failed || (mine.length === 0 && checked.lines.length > 0);
  result(summary, ok && mine.length === 0, `${path.basename(root)}: Nu HTML Checker, ${files.length} HTML and SVG files`,
    mine.length > 0
      ? mine.slice(0, 30).join('\n') + (mine.length > 30 ? `\n… ${mine.length - 30} more` : '')
      : (ok ? '' : 'the checker failed and said nothing'));
}
result(summary, longestRegister > 1, `a register long enough to span printed pages was checked (longest: ${longestRegister} pages)`);
for (const line of summary) console.log(line);
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
