// The layout check's second view: a PDF as printed, word by word (`pdftotext -bbox-layout`, from
// poppler-utils). Chromium embeds the fonts as Type 3, whose word boxes poppler draws from the
// font's whole box (about 2.5 times the type size, the baseline at three quarters down); the
// glyphs themselves fill a narrower band, taken here as 50–68% of the box from its top, which two
// lines of text only share when one is printed over the other. Rotated text (the heat map's
// impact axis) comes one glyph a word, each box wider than tall: it is left to the DOM view.
import { execFileSync } from 'node:child_process';

const PT_PER_MM = 72 / 25.4;
// A Type 3 glyph's box may stand a little past its advance (the footer's last digit, set flush
// with the margin, by 0.4 mm): half a millimetre is allowed.
const SLACK = 1.5;

function words(file) {
  const xml = execFileSync('pdftotext', ['-bbox-layout', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8', maxBuffer: 256 << 20 });
  const pages = [];
  for (const p of xml.split('<page ').slice(1)) {
    const [, w, h] = p.match(/^width="([\d.]+)" height="([\d.]+)"/);
    const list = [];
    let line = 0;
    for (const l of p.split('<line ').slice(1)) {
      line++;
      for (const m of l.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)) {
        const [x0, y0, x1, y1] = m.slice(1, 5).map(Number);
        const hh = y1 - y0;
        const text = m[5];
        if ([...text].length === 1 && x1 - x0 > hh) continue;
        list.push({ line, x0, x1, y0, y1, top: y0 + 0.5 * hh, bottom: y0 + 0.68 * hh, text: m[5].replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'") });
      }
    }
    pages.push({ width: Number(w), height: Number(h), words: list });
  }
  return pages;
}

// The start of an id cut at its hyphen at the end of a line ("R-", "INC-2026-"), whose number
// begins the next line: an id a link inside the pack (no longer `risks/…`) let wrap.
const ID_HEAD = /(^|[^\p{L}\d])\p{Lu}{1,4}(-\d{4})?-$/u;

/** Findings of `file`: words past the left or right margin (`marginMm`), words over words, ids
 *  broken across lines. */
export function pdfFindings(file, marginMm) {
  const out = [];
  const margin = marginMm * PT_PER_MM;
  words(file).forEach((page, k) => {
    const n = k + 1;
    for (const w of page.words) {
      if (w.x0 < margin - SLACK || w.x1 > page.width - margin + SLACK || w.y0 < 0 || w.y1 > page.height + 1) {
        const by = Math.max(margin - w.x0, w.x1 - (page.width - margin));
        out.push({ cls: 'pdf-margin', text: w.text, where: `page ${n}`, detail: `runs ${(by / PT_PER_MM).toFixed(1)} mm past the margin` });
      }
    }
    page.words.forEach((w, i) => {
      const next = page.words[i + 1];
      if (next && next.line !== w.line && ID_HEAD.test(w.text) && /^\d/.test(next.text) && next.x0 <= w.x0 + 1 && next.top > w.top) {
        out.push({ cls: 'pdf-id-break', text: `${w.text}${next.text}`, where: `page ${n}`, detail: 'breaks across 2 lines' });
      }
    });
    const sorted = [...page.words].sort((a, b) => a.top - b.top);
    const seen = new Set();
    for (let i = 0; i < sorted.length; i++) {
      const a = sorted[i];
      for (let j = i + 1; j < sorted.length && sorted[j].top < a.bottom; j++) {
        const b = sorted[j];
        const x = Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0);
        if (x <= 1 || Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) <= 0) continue;
        const key = `${a.text}|${b.text}`;
        if (seen.has(key)) continue;
        seen.add(key);
        out.push({ cls: 'pdf-overlap', text: a.text, where: `page ${n}`, detail: `is printed over "${b.text}"` });
      }
    }
  });
  return out;
}
