// A parent's tablet listens to the room: follow the facilitator's screen, pause, or show the plan.
const body = document.body;
const stateUrl = body.dataset.roomState;
const banner = document.getElementById("tablet-banner");
// Every URL comes from the page (url_for), so a route renamed in Python cannot strand a tablet.
const planUrl = body.dataset.plan;
const stepUrl = body.dataset.step; // with {module_id} and {number} gaps
const LAST = "cgim-followed";
let etag = "";

function leave(url) {
  // Let autosave keep what is being typed before the page changes.
  window.dispatchEvent(new Event("cgim:leaving"));
  window.location.assign(url);
}

function apply(state) {
  if (banner) banner.hidden = !state.paused;
  if (state.ended && body.dataset.ended === "0") {
    leave(planUrl);
    return;
  }
  if (!state.follow) {
    sessionStorage.removeItem(LAST);
    return;
  }
  const target = stepUrl
    .replace("{module_id}", encodeURIComponent(state.follow[0]))
    .replace("{number}", String(state.follow[1]));
  // Move only when the facilitator moves, so a parent may still look back a screen.
  if (sessionStorage.getItem(LAST) !== target) {
    sessionStorage.setItem(LAST, target);
    if (window.location.pathname !== target) leave(target);
  }
}

async function poll() {
  try {
    const response = await fetch(stateUrl, {
      credentials: "same-origin",
      headers: etag ? { "If-None-Match": etag } : {},
    });
    if (response.status === 200) {
      etag = response.headers.get("ETag") || "";
      apply(await response.json());
    }
  } catch {
    // No connection: answers wait in the autosave queue; try again soon.
  }
  setTimeout(poll, 3000);
}

function reportPlace() {
  // Tell the dashboard which screen is open (answers save separately, as they are given).
  const screen = document.querySelector("[data-module][data-number]");
  const csrf = document.querySelector('meta[name="csrf-token"]')?.content ?? "";
  if (!screen) return;
  fetch(body.dataset.here, {
    method: "POST",
    credentials: "same-origin",
    headers: { "Content-Type": "application/json", "X-CSRFToken": csrf },
    body: JSON.stringify({ module: screen.dataset.module, number: Number(screen.dataset.number) }),
  }).catch(() => {});
}

if (stateUrl) {
  reportPlace();
  poll();
}
