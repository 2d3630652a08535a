// Run in the quarter's one-pager before printing: the appendix page's content follows it, from
// a new page, so one print gives the whole board pack and page 1 is the one-pager itself.
// Called with the appendix page's HTML and address and the one-pager's own address; returns
// {mark, title, clash} as JSON: `clash` when a link names the document's own address but not
// this one-pager's (the tab's first page, which this one was put in place of), a link Chromium
// would take for one inside the document: quarterdeck then prints the quarter by navigating.
(async (html, base, page) => {
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
  // A link to the appendix page or the one-pager becomes "#id", a link inside the pack; any
  // other relative address is made absolute against the appendix page, where it was written.
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
  const idLists = ['aria-labelledby', 'aria-describedby', 'aria-controls', 'aria-owns', 'aria-details', 'headers', 'for'];
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
  return JSON.stringify({ mark, title, clash });
})
