// A parent's tablet listens to the room: follow the facilitator's screen, pause, or show the plan.
const body = document.body;
const stateUrl = body.dataset.roomState;
const banner = document.getElementById("tablet-banner");
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
    leave("/me/plan");
    return;
  }
  if (!state.follow) {
    sessionStorage.removeItem(LAST);
    return;
  }
  const target = `/me/${state.follow[0]}/${state.follow[1]}`;
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
  const match = window.location.pathname.match(/^\/me\/(\w+)\/(\d+)$/);
  const csrf = document.querySelector('meta[name="csrf-token"]')?.content ?? "";
  if (!match) return;
  fetch(body.dataset.here, {
    method: "POST",
    credentials: "same-origin",
    headers: { "Content-Type": "application/json", "X-CSRFToken": csrf },
    body: JSON.stringify({ module: match[1], number: Number(match[2]) }),
  }).catch(() => {});
}

if (stateUrl) {
  reportPlace();
  poll();
}
