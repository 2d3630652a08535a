// Run after a page's HTML was put in place of the tab's previous page (which had the same
// folder depth, so the stylesheet and fonts it shares are already loaded). The document keeps
// the previous page's address; links are resolved against the page's own, given by the <base>
// quarterdeck put first in its <head>, and then that <base> goes. A link to this page itself
// becomes "#id", as it would be had the page been navigated to, so it stays a link inside the
// PDF. Resolves to true when the page has loaded, false without quarterdeck's <base>.
(async () => {
  const base = document.querySelector('base[data-quarterdeck]');
  if (!base) return false;
  const own = base.href;
  const same = new URL(own);
  for (const a of document.querySelectorAll('a, area')) {
    for (const name of ['href', 'xlink:href']) {
      const v = a.getAttribute(name);
      if (v === null || v === '' || v.startsWith('#')) continue;
      let url;
      try {
        url = new URL(v, own);
      } catch (e) {
        continue;
      }
      const fragment = url.hash;
      url.hash = '';
      a.setAttribute(name, url.href === same.href && fragment ? fragment : url.href + fragment);
    }
  }
  base.remove();
  if (document.readyState !== 'complete') {
    await new Promise(done => addEventListener('load', done, { once: true }));
  }
  await Promise.all([...document.images].map(i => i.decode().catch(() => {})));
  return true;
})()
