// downkit serve: the live preview. Asks for the kit's file stamp a few times a second and,
// when a file of the kit changed, fetches the pages (or the problems) again. Everything else
// works without this script.
"use strict";
// Reading scans in: each chosen file is sent as the body of one POST; the answers (what each
// file held) are shown under the form.
(function () {
  const up = document.getElementById("upload");
  if (!up) return;
  up.addEventListener("submit", async function (ev) {
    ev.preventDefault();
    const files = document.getElementById("up-files").files;
    const inc = document.getElementById("up-inc").value.trim();
    const out = document.getElementById("upload-result");
    const csrf = document.querySelector("meta[name=csrf]").content;
    out.textContent = "";
    for (const f of files) {
      const item = document.createElement("div");
      item.textContent = f.name + " …";
      out.append(item);
      const url = up.action + "?incident=" + encodeURIComponent(inc) + "&name=" + encodeURIComponent(f.name);
      try {
        const r = await fetch(url, { method: "POST", body: f, credentials: "same-origin",
          headers: { "X-CSRF": csrf, "Content-Type": "application/octet-stream" } });
        const text = await r.text();
        if (r.ok) { item.innerHTML = text; } else { item.textContent = f.name + ": " + text; }
      } catch (e) {
        item.textContent = f.name + ": " + e;
      }
    }
    const a = document.createElement("a");
    a.href = location.pathname + "?incident=" + encodeURIComponent(inc);
    a.textContent = up.dataset.reload;
    a.id = "upload-done";
    out.append(a);
  });
})();
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
