// downkit serve: the live preview. Asks for the kit's file stamp a few times a second and,
// when a file of the kit changed, fetches the pages (or the problems) again. Everything else
// works without this script.
"use strict";
(function () {
  const box = document.getElementById("preview");
  if (!box) return;
  const kit = box.dataset.kit;
  let stamp = box.dataset.stamp;
  let busy = false;
  async function tick() {
    if (busy) return;
    busy = true;
    try {
      const r = await fetch("/kit/" + kit + "/stamp", { cache: "no-store", credentials: "same-origin" });
      if (r.ok) {
        const now = (await r.text()).trim();
        if (now !== stamp) {
          box.setAttribute("aria-busy", "true");
          const p = await fetch("/kit/" + kit + "/pages", { cache: "no-store", credentials: "same-origin" });
          if (p.ok) {
            stamp = p.headers.get("X-Stamp") || now;
            box.innerHTML = await p.text();
            box.dataset.stamp = stamp;
          }
          box.setAttribute("aria-busy", "false");
        }
      }
    } catch (e) {
      // The server is stopped or busy: try again on the next tick.
    } finally {
      busy = false;
    }
  }
  setInterval(tick, 300);
})();
