// Run in the quarter's one-pager before printing: the appendix page's content follows it, from
// a new page, so one print gives the whole board pack and page 1 is the one-pager itself.
// Called with the appendix page's HTML and address, the one-pager's own address, and options
// {inDocument, pages}: with `inDocument` the one-pager's links to pages the pack holds become
// links inside the pack too (the appendix's always do); `pages` gives the page each contents
// entry starts on, as the print before this one found them (else they are worked out here).
// Returns {mark, title, clash, pages} as JSON: `clash` when a link names the document's own
// address but not this one-pager's (the tab's first page, which this one was put in place of),
// a link Chromium would take for one inside the document: quarterdeck then prints the quarter
// by navigating; `pages` maps each contents entry's target id to the page number written.
(async (html, base, page, options = {}) => {
  // The page each contents entry's target starts on, as print will lay it out: the pack's part
  // (from page 2) laid out again in columns one printed page wide and high, where the browser
  // breaks it as it breaks pages (break-before: page becomes a column break), with the style
  // sheet's print rules on and its screen-only rules off while it is measured. quarterdeck
  // compares these numbers with the PDF's destinations and prints again in the rare case that
  // one differs.
  function startPages(part) {
    const mm = v => (v * 96) / 25.4;
    const letter = document.documentElement.classList.contains('paper-letter');
    const width = mm((letter ? 215.9 : 210) - 20);
    const height = mm((letter ? 279.4 : 297) - 20);
    const changed = [];
    const media = rules => {
      for (const r of rules) {
        if (r instanceof CSSMediaRule) {
          const text = r.media.mediaText;
          const to = /\bprint\b/.test(text) ? text.replace(/\bprint\b/g, 'all') : /\bscreen\b/.test(text) ? 'not all' : null;
          if (to !== null) {
            changed.push([r, text]);
            r.media.mediaText = to;
          }
          media(r.cssRules);
        } else if (r.cssRules) {
          media(r.cssRules);
        }
      }
    };
    for (const sheet of document.styleSheets) {
      try {
        media(sheet.cssRules);
      } catch (e) {
        // a sheet of another origin cannot be read; it does not lay out the pack
      }
    }
    const box = document.createElement('div');
    box.style.cssText = `position: absolute; left: 0; top: 0; width: ${width}px; height: ${height}px; column-width: ${width}px; column-gap: 0; column-fill: auto; visibility: hidden`;
    const copy = part.cloneNode(true);
    copy.style.breakBefore = 'auto';
    box.append(copy);
    document.body.append(box);
    for (const el of copy.querySelectorAll('*')) {
      const cs = getComputedStyle(el);
      if (cs.breakBefore === 'page') el.style.breakBefore = 'column';
      if (cs.breakAfter === 'page') el.style.breakAfter = 'column';
    }
    const left = box.getBoundingClientRect().left;
    const pages = {};
    for (const slot of copy.querySelectorAll('.pno[data-page-of]')) {
      const target = copy.querySelector(`[id="${CSS.escape(slot.dataset.pageOf)}"]`);
      const r = target && target.getClientRects()[0];
      if (r) pages[slot.dataset.pageOf] = 2 + Math.floor((r.left - left + 1) / width);
    }
    box.remove();
    for (const [r, text] of changed) r.media.mediaText = text;
    return pages;
  }

  const doc = new DOMParser().parseFromString(html, 'text/html');
  const main = doc.querySelector('main') || doc.body;
  // Ids the one-pager already uses are renamed in the appendix, with what refers to them, so
  // every link still lands where it did in the appendix page.
  const ours = new Set([...document.querySelectorAll('[id]')].map(e => e.id));
  const taken = new Set(ours);
  for (const el of doc.querySelectorAll('[id]')) taken.add(el.id);
  const fresh = n => {
    while (taken.has(n)) n = 'pack-' + n;
    taken.add(n);
    return n;
  };
  const renamed = new Map();
  for (const el of main.querySelectorAll('[id]')) {
    if (ours.has(el.id) && !renamed.has(el.id)) renamed.set(el.id, fresh('pack-' + el.id));
    if (renamed.has(el.id)) el.id = renamed.get(el.id);
  }
  const id = v => {
    try {
      return renamed.get(decodeURIComponent(v)) || v;
    } catch (e) {
      return v;
    }
  };
  // What the pack holds of other pages (`data-pack-for`: a section for the register page, a
  // register row for a risk's page, a part for a standing page): links to those pages become
  // links inside the pack.
  const root = new URL('../../', base);
  const pageKey = u => {
    const x = new URL(u);
    x.hash = '';
    x.search = '';
    return x.href.replace(/index\.html$/, '');
  };
  const inPack = new Map();
  for (const el of main.querySelectorAll('[data-pack-for][id]')) {
    try {
      inPack.set(pageKey(new URL(el.dataset.packFor, root)), el.id);
    } catch (e) {
      // not an address: nothing to link
    }
  }
  const packIds = new Set([...main.querySelectorAll('[id]')].map(e => e.id));
  const packLink = (url, fragment) => {
    const target = inPack.get(pageKey(url));
    if (target === undefined) return null;
    const named = fragment ? id(fragment.slice(1)) : '';
    return '#' + (named && packIds.has(named) ? named : target);
  };
  // A link to the appendix page or the one-pager becomes "#id", a link inside the pack, as does
  // a link to a page the pack holds; any other relative address is made absolute against the
  // appendix page, where it was written.
  const bare = u => {
    const x = new URL(u);
    x.hash = '';
    return x.href;
  };
  const appendixUrl = bare(base);
  const pageUrl = bare(page);
  const documentUrl = bare(location.href);
  let clash = false;
  const link = v => {
    if (v.startsWith('#')) return '#' + id(v.slice(1));
    let url;
    try {
      url = new URL(v, base);
    } catch (e) {
      return v;
    }
    const fragment = url.hash;
    url.hash = '';
    if (fragment && url.href === appendixUrl) return '#' + id(fragment.slice(1));
    if (fragment && url.href === pageUrl) return fragment;
    const inside = packLink(url, fragment);
    if (inside) return inside;
    if (fragment && url.href === documentUrl) clash = true;
    return url.href + fragment;
  };
  // url(...) in a style, quoted either way or not, and @import "...": resolved against the
  // appendix page; url(#id) follows a renamed id.
  const cssUrls = css => css
    .replace(/url\(\s*(?:"([^"]*)"|'([^']*)'|([^'"\s)]*))\s*\)/gi, (m, d, s, b) => {
      const u = d ?? s ?? b ?? '';
      const q = d !== undefined ? '"' : s !== undefined ? "'" : '';
      if (u.startsWith('#')) return 'url(' + q + '#' + id(u.slice(1)) + q + ')';
      if (/^[a-z][a-z0-9+.-]*:/i.test(u)) return m;
      try {
        return 'url(' + q + new URL(u, base).href + q + ')';
      } catch (e) {
        return m;
      }
    })
    .replace(/@import\s+(["'])([^"']*)\1/gi, (m, q, u) => {
      try {
        return '@import ' + q + new URL(u, base).href + q;
      } catch (e) {
        return m;
      }
    });
  // The appendix's @page rules reach only its pages (a named page), never the one-pager's;
  // a rule for a page name of the template's own is left as it is.
  const scopePages = rules => {
    for (const r of rules) {
      if (r instanceof CSSPageRule) {
        r.selectorText = r.selectorText.split(',').map(x => x.trim())
          .map(x => (x === '' || x.startsWith(':') ? 'quarterdeck-appendix' + x : x)).join(', ');
      } else if (r.cssRules) {
        scopePages(r.cssRules);
      }
    }
  };
  const paint = ['style', 'fill', 'stroke', 'clip-path', 'mask', 'filter', 'marker-start', 'marker-mid', 'marker-end'];
  const idLists = ['aria-labelledby', 'aria-describedby', 'aria-controls', 'aria-owns', 'aria-details', 'headers', 'for', 'data-page-of'];
  const styles = [...main.querySelectorAll('style')];
  for (const st of styles) st.textContent = cssUrls(st.textContent);
  for (const el of main.querySelectorAll('*')) {
    for (const a of [...el.attributes]) {
      const v = a.value;
      if (a.name === 'href' || a.name === 'xlink:href' || a.name === 'src') {
        a.value = link(v);
      } else if (idLists.includes(a.name)) {
        a.value = v.split(/\s+/).map(x => renamed.get(x) || x).join(' ');
      } else if (paint.includes(a.name)) {
        a.value = cssUrls(v);
      }
    }
  }
  // The one-pager's own links to what the pack holds (its register, a risk, a standing page).
  if (options.inDocument) {
    for (const a of document.body.querySelectorAll('a[href]')) {
      if (a.getAttribute('href').startsWith('#')) continue;
      const url = new URL(a.href);
      const fragment = url.hash;
      url.hash = '';
      const inside = packLink(url, fragment);
      if (inside) a.setAttribute('href', inside);
    }
  }
  // A hidden link to the appendix makes Chromium record the page it starts on as a named
  // destination: quarterdeck checks from it that the one-pager took exactly one page.
  const mark = fresh('quarterdeck-appendix');
  const part = document.createElement('div');
  part.className = doc.body.className;
  part.id = mark;
  // The appendix's pages are a named page, so that its @page rules (the running footer, and
  // any a site's template sets) reach its pages and never the one-pager's.
  part.style.cssText = 'break-before: page; page: quarterdeck-appendix';
  const marker = document.createElement('a');
  marker.href = '#' + mark;
  marker.hidden = true;
  part.append(marker, ...main.childNodes);
  document.body.append(part);
  const have = new Set([...document.querySelectorAll('link[rel~="stylesheet"]')].map(l => l.href));
  const loading = [];
  for (const el of doc.head.querySelectorAll('style, link[rel~="stylesheet"]')) {
    if (el.localName === 'style') {
      el.textContent = cssUrls(el.textContent);
      styles.push(el);
    } else {
      const href = link(el.getAttribute('href') || '');
      if (have.has(href)) continue;
      el.setAttribute('href', href);
      // Only a sheet the browser will fetch is waited for, and not forever.
      if (href && !el.disabled && (!el.type || el.type === 'text/css')) {
        loading.push(new Promise(done => {
          el.addEventListener('load', done, { once: true });
          el.addEventListener('error', done, { once: true });
          setTimeout(done, 10000);
        }));
      }
    }
    document.head.append(el);
  }
  await Promise.all(loading);
  for (const st of styles) {
    if (st.sheet) scopePages(st.sheet.cssRules);
  }
  const title = document.title;
  document.title = doc.title;
  await document.fonts.ready;
  await Promise.all([...part.querySelectorAll('img')].map(i => i.decode().catch(() => {})));
  const pages = options.pages || startPages(part);
  for (const slot of part.querySelectorAll('.pno[data-page-of]')) {
    const n = pages[slot.dataset.pageOf];
    if (n !== undefined) slot.textContent = String(n);
  }
  return JSON.stringify({ mark, title, clash, pages });
})

