// Layout check: does every printed word stay readable, where it belongs?
//
//   node layout.mjs [--expect CLASS,CLASS...] SITE_DIR [SITE_DIR...]   (built output folders)
//
// Two views of what a board member reads on paper:
// 1. The print layout (print media, the paper's width and height less the 10 mm margins) of every
//    one-pager, board-pack page (register, roadmap, exceptions, appendix) and standing page, at A4
//    and at Letter, measured in the DOM (layout-dom.js);
// 2. every PDF in the site (`build --pdf`), word by word from `pdftotext -bbox-layout`
//    (layout-pdf.mjs).
// Defect classes: overlap (text drawn over other text), margin (text past the page's margin),
// cell (text outside its table cell), clipped (text cut off or ended with an ellipsis while the
// page still has room for it; on pages that flow onto more pages, any cut), svg (chart text
// outside its chart), notice (a "cut short" notice where nothing was cut), id-break (an id such as
// R-008 broken across lines), small (text under 6.5 pt); in PDFs pdf-overlap, pdf-margin and pdf-id-break.
// Each finding is a FAIL line; a summary per site gives the counts per class. Exits non-zero on
// any finding, or with --expect, unless each listed class was found (the check's own test on a
// deliberately broken site, tests/browser/broken/). With LAYOUT_FIT=1 it also lists, for each
// one-pager on its own paper, the print model's estimate (src/render/fit/) beside the height
// the browser laid out.
import { chromium } from 'playwright-core';
import fs from 'node:fs';
import path from 'node:path';
import { CHROME, CHROME_ARGS, walk, serve, isOnePager, isPackPage } from './site.mjs';
import { pdfFindings } from './layout-pdf.mjs';

const DOM_CHECK = fs.readFileSync(new URL('./layout-dom.js', import.meta.url), 'utf8');
const PAPERS = { A4: [210, 297], Letter: [215.9, 279.4] };
const MARGIN_MM = 10;
const px = (mm) => (mm / 25.4) * 96;

const args = process.argv.slice(2);
let expect = null;
if (args[0] === '--expect') {
  expect = args[1].split(',');
  args.splice(0, 2);
}
if (args.length === 0) {
  console.error('usage: node layout.mjs [--expect CLASS,...] SITE_DIR [SITE_DIR...]');
  process.exit(2);
}

// Standing pages are the folders at the top that are not the site's own.
const GENERATED = new Set(['archive', 'risks', 'assets']);
const isStanding = (rel) => {
  const parts = rel.split('/');
  return parts.length === 2 && parts[1] === 'index.html' && !GENERATED.has(parts[0]) && !/^\d{4}-q[1-4]$/.test(parts[0]);
};

const totals = {};
let failedLines = 0;
function report(site, name, findings) {
  for (const f of findings) {
    totals[site][f.cls] = (totals[site][f.cls] || 0) + 1;
    failedLines++;
    if (!expect) console.log(`FAIL ${name}: ${f.cls}: ${f.text ? `"${f.text}" ` : ''}${f.where ? `(${f.where}) ` : ''}${f.detail || ''}`.trimEnd());
  }
}

const browser = await chromium.launch({ executablePath: CHROME, args: CHROME_ARGS });
try {
  for (const siteArg of args) {
    const root = path.resolve(siteArg);
    const site = path.basename(root) === 'output' ? path.basename(path.dirname(root)) : path.basename(root);
    totals[site] = {};
    const server = await serve(root);
    const origin = `http://127.0.0.1:${server.address().port}`;
    const files = walk(root).map((f) => path.relative(root, f));
    const pages = files.filter((f) => isOnePager(f) || (isPackPage(f) && f !== 'risks/index.html') || isStanding(f));
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.emulateMedia({ media: 'print' });
    let checked = 0;
    const fits = [];
    for (const rel of pages) {
      await page.setViewportSize({ width: 800, height: 800 });
      await page.goto(`${origin}/${rel.slice(0, -'index.html'.length)}`, { waitUntil: 'load' });
      await page.evaluate(() => document.fonts.ready);
      const letter = await page.evaluate(() => document.documentElement.classList.contains('paper-letter'));
      for (const [paper, [w, h]] of Object.entries(PAPERS)) {
        const W = px(w - 2 * MARGIN_MM);
        const H = px(h - 2 * MARGIN_MM);
        await page.setViewportSize({ width: Math.floor(W), height: Math.floor(H) });
        // A one-pager is laid out for its site's paper, and printed on the other one it is
        // scaled to fit: whether a cut leaves room is judged on its own paper.
        const own = (paper === 'Letter') === letter;
        const r = await page.evaluate(`(${DOM_CHECK})(${JSON.stringify({ W: Math.floor(W), H, onePager: isOnePager(rel), own })})`);
        if (r.estimate !== undefined && own) fits.push(`${rel} ${paper}: estimate ${r.estimate} mm, printed ${r.used.toFixed(1)} mm of ${(h - 2 * MARGIN_MM).toFixed(1)}`);
        report(site, `${site}/${rel} ${paper}`, r.findings);
        checked++;
      }
    }
    await context.close();
    server.close();
    let pdfs = 0;
    for (const rel of files.filter((f) => f.endsWith('.pdf'))) {
      report(site, `${site}/${rel}`, pdfFindings(path.join(root, rel), MARGIN_MM));
      pdfs++;
    }
    if (process.env.LAYOUT_FIT) for (const f of fits) console.log(`     ${site}/${f}`);
    const counts = Object.entries(totals[site]).map(([k, v]) => `${k} ${v}`).join(', ');
    console.log(`${counts ? 'FAIL' : 'ok  '} ${site}: ${pages.length} pages at A4 and Letter (${checked} layouts), ${pdfs} PDFs: ${counts || 'no findings'}`);
  }
} finally {
  await browser.close();
}

if (expect) {
  const found = new Set(Object.values(totals).flatMap((t) => Object.keys(t)));
  const missing = expect.filter((c) => !found.has(c));
  console.log(missing.length === 0
    ? `ok   the check found every expected defect class: ${expect.join(', ')}`
    : `FAIL the check missed: ${missing.join(', ')} (found: ${[...found].join(', ') || 'nothing'})`);
  process.exit(missing.length === 0 ? 0 : 1);
}
console.log(`\nlayout: ${failedLines} finding${failedLines === 1 ? '' : 's'}`);
process.exit(failedLines === 0 ? 0 : 1);
