// Run in the quarter's one-pager before printing: the appendix page's content follows it, from
// a new page, so one print gives the whole board pack and page 1 is the one-pager itself.
// Called with the appendix page's HTML and its address; returns {mark, title} as JSON.
(async (html, base) => {
  const doc = new DOMParser().parseFromString(html, 'text/html');
  const main = doc.querySelector('main') || doc.body;
  // Ids the one-pager already uses are renamed in the appendix, with what refers to them, so
  // every link still lands where it did in the appendix page.
  const taken = new Set([...document.querySelectorAll('[id]')].map(e => e.id));
  const renamed = new Map();
  for (const el of main.querySelectorAll('[id]')) {
    if (taken.has(el.id)) {
      let id = 'pack-' + el.id;
      while (taken.has(id)) id = 'pack-' + id;
      renamed.set(el.id, id);
      taken.add(id);
      el.id = id;
    }
  }
  const idLists = ['aria-labelledby', 'aria-describedby', 'aria-controls', 'aria-owns', 'aria-details', 'headers', 'for'];
  for (const el of main.querySelectorAll('*')) {
    for (const a of [...el.attributes]) {
      const v = a.value;
      if (a.name === 'href' || a.name === 'src' || a.name === 'xlink:href') {
        if (v.startsWith('#')) {
          const id = renamed.get(decodeURIComponent(v.slice(1)));
          if (id) a.value = '#' + id;
        } else {
          // Relative to the appendix page, not to the one-pager it now sits in.
          a.value = new URL(v, base).href;
        }
      } else if (idLists.includes(a.name)) {
        a.value = v.split(/\s+/).map(x => renamed.get(x) || x).join(' ');
      } else if (v.includes('url(#')) {
        a.value = v.replace(/url\(#([^)]+)\)/g, (m, id) => 'url(#' + (renamed.get(id) || id) + ')');
      }
    }
  }
  // A hidden link to the appendix makes Chromium record the page it starts on as a named
  // destination: quarterdeck checks from it that the one-pager took exactly one page.
  let mark = 'quarterdeck-appendix';
  while (taken.has(mark)) mark = 'pack-' + mark;
  const part = document.createElement('div');
  part.className = doc.body.className;
  part.id = mark;
  part.style.breakBefore = 'page';
  const link = document.createElement('a');
  link.href = '#' + mark;
  link.hidden = true;
  part.append(link, ...main.childNodes);
  document.body.append(part);
  // The appendix page's own @page rules: the running footer, absent from the first page.
  for (const s of doc.head.querySelectorAll('style')) document.head.append(s);
  const title = document.title;
  document.title = doc.title;
  await document.fonts.ready;
  await Promise.all([...part.querySelectorAll('img')].map(i => i.decode().catch(() => {})));
  return JSON.stringify({ mark, title });
})
