// Loading and saving the map document with its version (optimistic concurrency), keeping
// unsaved changes on the tablet while the wifi is down, and refreshing the no-JavaScript forms.
const csrf = document.querySelector('meta[name="csrf-token"]')?.content ?? "";

/** The newest map and its version from the server. */
export async function load(url) {
  const response = await fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } });
  if (!response.ok) throw new Error(`load failed: ${response.status}`);
  return response.json();
}

/**
 * Send the whole map. Resolves to one of:
 * {outcome: "saved", version, next} | {outcome: "conflict", version, document} |
 * {outcome: "problem", error} | {outcome: "offline"}. `next` is the page to show after a new
 * serious worry (what to do now); a save that would take worries away is a "problem" (422).
 */
export async function put(url, version, doc) {
  let response;
  try {
    response = await fetch(url, {
      method: "PUT",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", Accept: "application/json", "X-CSRFToken": csrf },
      body: JSON.stringify({ version, document: doc }),
    });
  } catch {
    return { outcome: "offline" };
  }
  if (response.status >= 500 || response.status === 429) return { outcome: "offline" };
  const body = await response.json().catch(() => ({}));
  // A redirect (say, to the join page when the session ended) is "ok" too, but saved nothing.
  if (response.ok && Number.isInteger(body.version)) {
    return { outcome: "saved", version: body.version, next: body.next };
  }
  if (response.status === 409 && body.document) return { outcome: "conflict", ...body };
  return { outcome: "problem", error: body.error };
}

/** Unsaved changes wait here, one entry per parent, until the tablet is back online. */
export class Pending {
  constructor(owner) {
    this.key = `cgim-ecomap-unsaved-${owner}`;
  }

  read() {
    try {
      return JSON.parse(localStorage.getItem(this.key) || "null");
    } catch {
      return null;
    }
  }

  write(version, doc) {
    try {
      localStorage.setItem(this.key, JSON.stringify({ version, document: doc }));
    } catch {
      // Storage full or blocked: the change still lives in this page until it saves.
    }
  }

  clear() {
    localStorage.removeItem(this.key);
  }
}

/** Every no-JavaScript form on the page now carries the newest version. */
export function setVersion(version) {
  for (const input of document.querySelectorAll('input[name="version"]')) input.value = String(version);
}

/** Swap in the side panel and text version of the map from a fresh copy of this page. */
export async function refreshPanel() {
  let html;
  try {
    const response = await fetch(window.location.pathname, { credentials: "same-origin" });
    if (!response.ok) return;
    html = await response.text();
  } catch {
    return;
  }
  const fresh = new DOMParser().parseFromString(html, "text/html");
  for (const selector of [".map-side", "#map-editor figcaption"]) {
    const now = document.querySelector(selector);
    const next = fresh.querySelector(selector);
    if (!now || !next) continue;
    const opened = Array.from(now.querySelectorAll("details"), (d) => d.open); // keep them open
    now.replaceChildren(...Array.from(next.childNodes, (n) => document.importNode(n, true)));
    now.querySelectorAll("details").forEach((d, i) => { d.open ||= Boolean(opened[i]); });
  }
}
