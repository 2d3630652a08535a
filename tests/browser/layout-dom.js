// Runs in a page laid out for print (layout.mjs sets print media and a viewport of the paper's
// width and height less the margins, W × H CSS pixels). Returns { findings: [{cls, text, where,
// detail}], spare, used, estimate } where spare and used are the room left under the content
// and the height it takes, in mm, and estimate the print model's (data-print-estimate). An
// expression: a function of { W, H, onePager, own }, `own` when the paper is the site's.
({ W, H, onePager, own = true }) => {
  const findings = [];
  const mm = (v) => ((v * 25.4) / 96).toFixed(1);
  const snip = (s) => s.replace(/\s+/g, ' ').trim().slice(0, 48);
  const cls = (e) => {
    const c = typeof e.className === 'string' ? e.className : (e.className && e.className.baseVal) || '';
    return c.trim().split(/\s+/).filter(Boolean)[0];
  };
  const where = (el) => {
    const parts = [];
    for (let e = el; e && e !== document.body && parts.length < 3; e = e.parentElement) {
      let s = e.localName;
      if (e.id) {
        parts.unshift(`${s}#${e.id}`);
        break;
      }
      if (cls(e)) s += `.${cls(e)}`;
      parts.unshift(s);
    }
    return parts.join(' > ');
  };
  const TOL = 0.75;
  const KEEP = (2 * 96) / 25.4;
  const outside = (r, c, tol = TOL) => r.left < c.left - tol || r.right > c.right + tol || r.top < c.top - tol || r.bottom > c.bottom + tol;
  const intersect = (a, b) => {
    const left = Math.max(a.left, b.left);
    const right = Math.min(a.right, b.right);
    const top = Math.max(a.top, b.top);
    const bottom = Math.min(a.bottom, b.bottom);
    return right > left && bottom > top ? { left, right, top, bottom } : null;
  };

  // Elements that cut what overflows them (overflow other than visible), from the text's parent
  // up to the body; the root <svg> of a chart is left to the svg check.
  const clipCache = new Map();
  const clippers = (el) => {
    if (clipCache.has(el)) return clipCache.get(el);
    let list = [];
    const parent = el.parentElement;
    if (parent && parent !== document.documentElement) list = clippers(parent);
    if (el !== document.body && !(el instanceof SVGElement)) {
      const cs = getComputedStyle(el);
      if (cs.overflowX !== 'visible' || cs.overflowY !== 'visible') list = [...list, el];
    }
    clipCache.set(el, list);
    return list;
  };

  // Every visible run of text: HTML text by line (a Range's client rects), chart text by element.
  const items = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode;
    const el = node.parentElement;
    if (!el || !node.data.trim() || el.closest('.sr-only, title, desc, style, script, noscript, template')) continue;
    const cs = getComputedStyle(el);
    if (cs.visibility !== 'visible') continue;
    let rects;
    let size = parseFloat(cs.fontSize);
    const text = el instanceof SVGElement ? el.closest('text') : null;
    if (el instanceof SVGElement) {
      if (!text) continue;
      const r = text.getBoundingClientRect();
      rects = r.width > 0.5 && r.height > 0.5 ? [r] : [];
      const m = text.getScreenCTM();
      if (m) size *= Math.hypot(m.a, m.b);
    } else {
      const range = document.createRange();
      range.setStart(node, node.data.search(/\S/));
      range.setEnd(node, node.data.trimEnd().length);
      rects = [...range.getClientRects()].filter((r) => r.width > 0.5 && r.height > 0.5);
    }
    if (rects.length === 0) continue;
    // The middle half of each line's box: line boxes of one font size overlap at their edges when
    // the line height is tight, and stand a little outside a box of that line height.
    rects = rects.map((r) => {
      const h = r.bottom - r.top;
      return { left: r.left, right: r.right, top: r.top + h / 4, bottom: r.bottom - h / 4 };
    });
    items.push({ node, el, svg: text ? text.ownerSVGElement : null, rects, size, text: snip(node.data) });
  }

  // Text under 6.5 pt.
  for (const it of items) {
    if (it.size * 0.75 < 6.5 - 0.01) findings.push({ cls: 'small', text: it.text, where: where(it.el), detail: `${(it.size * 0.75).toFixed(2)} pt` });
  }

  // Chart text outside its chart.
  for (const it of items.filter((i) => i.svg)) {
    let svg = it.svg;
    while (svg.ownerSVGElement) svg = svg.ownerSVGElement;
    const box = svg.getBoundingClientRect();
    if (outside(it.rects[0], box)) {
      const r = it.rects[0];
      const over = Math.max(box.left - r.left, r.right - box.right, box.top - r.top, r.bottom - box.bottom);
      findings.push({ cls: 'svg', text: it.text, where: where(svg), detail: `runs ${mm(over)} mm outside the chart` });
    }
  }

  // Cut text: a line outside an element that clips. Visible parts are kept for the checks below.
  const cut = new Map(); // clipping element -> items it cuts
  const shown = [];
  for (const it of items) {
    if (it.svg) {
      shown.push({ it, r: it.rects[0] });
      continue;
    }
    const clips = clippers(it.el).map((c) => ({ c, box: c.getBoundingClientRect() }));
    let isCut = false;
    for (const r of it.rects) {
      let vis = r;
      for (const { c, box } of clips) {
        if (outside(r, box)) {
          isCut = true;
          if (!cut.has(c)) cut.set(c, []);
          if (!cut.get(c).includes(it)) cut.get(c).push(it);
        }
        vis = vis && intersect(vis, box);
      }
      if (vis && vis.right - vis.left > 0.5 && vis.bottom - vis.top > 0.5) shown.push({ it, r: vis });
    }
    it.cut = isCut;
  }

  // Past the page's margins; outside its table cell.
  const svgOut = new Set(findings.filter((f) => f.cls === 'svg').map((f) => f.text));
  for (const { it, r } of shown) {
    if ((r.left < -TOL || r.right > W + TOL) && !(it.svg && svgOut.has(it.text))) {
      findings.push({ cls: 'margin', text: it.text, where: where(it.el), detail: `runs ${mm(Math.max(-r.left, r.right - W))} mm past the margin` });
      continue;
    }
    const cell = !it.svg && it.el.closest('td, th');
    if (cell && getComputedStyle(cell).display.startsWith('table') && outside(r, cell.getBoundingClientRect(), 1)) {
      const c = cell.getBoundingClientRect();
      const over = Math.max(c.left - r.left, r.right - c.right, c.top - r.top, r.bottom - c.bottom);
      findings.push({ cls: 'cell', text: it.text, where: where(it.el), detail: `runs ${mm(over)} mm out of its cell` });
    }
  }
  const dedupe = (list) => {
    const seen = new Set();
    return list.filter((f) => {
      const k = `${f.cls}|${f.text}|${f.where}`;
      if (seen.has(k)) return false;
      seen.add(k);
      return true;
    });
  };

  // Text over text: any two lines of different runs.
  const bands = shown.map(({ it, r }) => ({ it, ...r })).sort((a, b) => a.top - b.top);
  const pairs = new Set();
  for (let i = 0; i < bands.length; i++) {
    const a = bands[i];
    for (let j = i + 1; j < bands.length && bands[j].top < a.bottom; j++) {
      const b = bands[j];
      if (a.it === b.it) continue;
      const x = Math.min(a.right, b.right) - Math.max(a.left, b.left);
      if (x <= 1 || Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) <= 0) continue;
      const key = [items.indexOf(a.it), items.indexOf(b.it)].sort().join();
      if (pairs.has(key)) continue;
      pairs.add(key);
      findings.push({ cls: 'overlap', text: a.it.text, where: where(a.it.el), detail: `is drawn over "${b.it.text}" (${where(b.it.el)})` });
    }
  }

  // An id broken across lines.
  const ID = /\b(?:R|I|INC|INV|EX|A)-[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*/g;
  for (const it of items.filter((i) => !i.svg)) {
    for (const m of it.node.data.matchAll(ID)) {
      const range = document.createRange();
      range.setStart(it.node, m.index);
      range.setEnd(it.node, m.index + m[0].length);
      const tops = new Set([...range.getClientRects()].filter((r) => r.width > 0.5).map((r) => Math.round(r.top)));
      if (tops.size > 1) findings.push({ cls: 'id-break', text: m[0], where: where(it.el), detail: `breaks across ${tops.size} lines` });
    }
  }

  // Room left on the page: how far the content ends above the page's bottom margin.
  const bottom = () => document.body.getBoundingClientRect().bottom;
  const before = bottom();
  const spare = H - before;

  // A cut is a defect when the text would fit: on a page that flows onto more pages always; on a
  // one-pager when the page has room for what the cut hides (measured by lifting the cut), on
  // the paper it is laid out for.
  for (const [c, cutItems] of onePager && !own ? [] : cut) {
    let growth = 0;
    if (onePager) {
      const saved = c.getAttribute('style');
      const display = getComputedStyle(c).display;
      c.style.setProperty('overflow', 'visible', 'important');
      c.style.setProperty('-webkit-line-clamp', 'none', 'important');
      c.style.setProperty('line-clamp', 'none', 'important');
      c.style.setProperty('max-height', 'none', 'important');
      c.style.setProperty('white-space', 'normal', 'important');
      c.style.setProperty('text-overflow', 'clip', 'important');
      if (display === '-webkit-box') c.style.setProperty('display', 'block', 'important');
      growth = bottom() - before;
      if (saved === null) c.removeAttribute('style');
      else c.setAttribute('style', saved);
      // The one-pager keeps 2 mm free for what its print model cannot know exactly
      // (src/render/fit/): a cut is a defect when the page holds the text and still that.
      if (growth > spare - KEEP) continue;
    }
    findings.push({
      cls: 'clipped',
      text: cutItems.map((i) => i.text).join(' ').slice(0, 48),
      where: where(c),
      detail: onePager ? `is cut while the page has ${mm(spare)} mm free (showing it all needs ${mm(growth)} mm, and 2 mm are kept free)` : 'is cut on a page that may flow onto the next',
    });
  }

  // A notice that says something was cut short, where nothing was.
  for (const n of document.querySelectorAll('[data-notice-for], .summary-more')) {
    if (n.getClientRects().length === 0) continue;
    const target = n.dataset.noticeFor ? document.getElementById(n.dataset.noticeFor) : document.querySelector('.op-summary');
    const isCut = target && [...cut.keys()].some((c) => c === target || target.contains(c) || c.contains(target));
    if (!isCut) findings.push({ cls: 'notice', text: snip(n.textContent), where: where(n), detail: 'says the text was cut short, but none of it was' });
  }

  const op = document.querySelector('[data-print-estimate]');
  return {
    findings: dedupe(findings),
    spare: (spare * 25.4) / 96,
    used: ((before - document.body.getBoundingClientRect().top) * 25.4) / 96,
    estimate: op ? Number(op.dataset.printEstimate) : undefined,
  };
}
