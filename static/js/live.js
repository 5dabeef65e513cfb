// Keeps a live region fresh: polls its URL with the last ETag; a 304 costs almost nothing.
// Works through ordinary proxies and any number of app processes (the ETag comes from content).
for (const region of document.querySelectorAll("[data-live-src]")) {
  let etag = "";
  const every = Number(region.dataset.interval || 2000);
  async function refresh() {
    try {
      const response = await fetch(region.dataset.liveSrc, {
        credentials: "same-origin",
        headers: etag ? { "If-None-Match": etag } : {},
      });
      if (response.status === 200) {
        etag = response.headers.get("ETag") || "";
        const busy = region.contains(document.activeElement) && document.activeElement !== document.body;
        if (!busy) region.innerHTML = await response.text();
        else etag = ""; // try again next time, once the person has finished
      }
    } catch {
      // Offline for a moment: keep what is shown and try again.
    }
    setTimeout(refresh, every);
  }
  setTimeout(refresh, every);
}
