// Run after a page's HTML was put in place of the tab's previous page (which had the same
// folder depth, so the stylesheet and fonts it shares are already loaded): links are resolved
// against the page's own address, given by the <base> quarterdeck put first in its <head>,
// then that <base> goes, so that links to "#id" stay links inside the document. Resolves when
// the page's stylesheets and images have loaded.
(async () => {
  const base = document.querySelector('base[data-quarterdeck]');
  for (const a of document.querySelectorAll('a[href], area[href]')) {
    const v = a.getAttribute('href');
    if (v !== '' && !v.startsWith('#')) a.setAttribute('href', a.href);
  }
  if (base) base.remove();
  const loaded = el => new Promise(done => {
    el.addEventListener('load', done, { once: true });
    el.addEventListener('error', done, { once: true });
  });
  await Promise.all([...document.querySelectorAll('link[rel~="stylesheet"]')]
    .filter(l => !l.sheet).map(loaded));
  await Promise.all([...document.images].map(i => i.decode().catch(() => {})));
  return true;
})()
