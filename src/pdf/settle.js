// Run after a page's HTML was put in place of the tab's previous page (which had the same
// folder depth, so the stylesheet and fonts it shares are already loaded). The document keeps
// the previous page's address; links are resolved against the page's own, given by the <base>
// quarterdeck put first in its <head>, and then that <base> goes. A link to this page itself
// becomes "#id", as it would be had the page been navigated to, so it stays a link inside the
// PDF. Resolves to "ok" once the page has loaded; to "navigate" when a link with a fragment
// names the previous page, which Chromium would take for a link inside this document (the
// page is then navigated to instead); to "no base" without quarterdeck's <base>.
(async () => {
  const base = document.querySelector('base[data-quarterdeck]');
  if (!base) return 'no base';
  const bare = u => {
    const x = new URL(u);
    x.hash = '';
    return x.href;
  };
  const own = bare(base.href);
  const previous = bare(location.href);
  let clash = false;
  for (const a of document.querySelectorAll('a, area')) {
    for (const name of ['href', 'xlink:href']) {
      const v = a.getAttribute(name);
      if (v === null || v.startsWith('#')) continue;
      let url;
      try {
        url = new URL(v, own);
      } catch (e) {
        continue;
      }
      const fragment = url.hash;
      url.hash = '';
      if (fragment && url.href === previous) clash = true;
      a.setAttribute(name, url.href === own && fragment ? fragment : url.href + fragment);
    }
  }
  base.remove();
  if (clash) return 'navigate';
  if (document.readyState !== 'complete') {
    await new Promise(done => addEventListener('load', done, { once: true }));
  }
  await Promise.all([...document.images].map(i => i.decode().catch(() => {})));
  return 'ok';
})()
