// A parent's tablet listens to the room: follow the facilitator's screen, pause, or show the plan.
// A parent inside a tool, or in the middle of typing, is never moved: they are told the group
// has moved on and choose when to join.
const body = document.body;
const stateUrl = body.dataset.roomState;
const banner = document.getElementById("tablet-banner");
const moved = document.getElementById("moved-banner");
// Every URL comes from the page (url_for), so a route renamed in Python cannot strand a tablet.
const planUrl = body.dataset.plan;
const stepUrl = body.dataset.step; // with {module_id} and {number} gaps
const LAST = "cgim-followed";
// The group's screen this parent chose to finish first; they join on a page with nothing to keep.
const LATER = "cgim-join-later";
// Someone who typed a moment ago is still typing, even if autosave has just caught up.
const TYPING_PAUSE_MS = 5000;
let etag = "";
let typedAt = 0;
let offered = false;

document.addEventListener("input", () => (typedAt = Date.now()), true);

function leave(url) {
  // Let autosave keep what is being typed before the page changes.
  window.dispatchEvent(new Event("cgim:leaving"));
  window.location.assign(url);
}

function autosaved(field) {
  // autosave.js keeps these itself and marks its form data-unsaved until they are stored.
  return field.form.hasAttribute("data-autosave") && (field.name === "answer" || field.dataset.part);
}

function changedSinceLoad(form) {
  return Array.from(form.elements).some((field) => {
    if (autosaved(field)) return false;
    if (field.type === "checkbox" || field.type === "radio") {
      return field.checked !== field.defaultChecked;
    }
    if (field.tagName === "SELECT") {
      return Array.from(field.options).some((o) => o.selected !== o.defaultSelected);
    }
    if (field.type === "hidden" || !("defaultValue" in field)) return false;
    return field.value !== field.defaultValue;
  });
}

function hasUnsaved() {
  // Autosaved answers say so themselves (data-unsaved); any other field is unsaved once changed.
  if (document.querySelector("form[data-unsaved]")) return true;
  if (Date.now() - typedAt < TYPING_PAUSE_MS) return true;
  return Array.from(document.forms).some(changedSinceLoad);
}

function staysHere() {
  return Boolean(body.dataset.tool) || hasUnsaved();
}

function offer(kind, url) {
  // kind: "group" (join the shown screen), "ended" (open the plan) or null (nothing to offer).
  if (!moved) return;
  for (const box of moved.querySelectorAll("[data-moved]")) {
    box.classList.toggle("is-hidden", box.dataset.moved !== kind);
  }
  if (kind === "group") moved.querySelector('[data-moved="group"] a').href = url;
  offered = kind !== null;
}

function follow(target) {
  const here = window.location.pathname === target;
  const facilitatorMoved = sessionStorage.getItem(LAST) !== target;
  sessionStorage.setItem(LAST, target);
  if (here) {
    sessionStorage.removeItem(LATER);
    offer(null);
    return;
  }
  // Move only when the facilitator moves, so a parent may still look back a screen.
  if (!facilitatorMoved && sessionStorage.getItem(LATER) !== target) return;
  if (offered || staysHere()) {
    sessionStorage.setItem(LATER, target);
    offer("group", target);
  } else {
    sessionStorage.removeItem(LATER);
    leave(target);
  }
}

function apply(state) {
  if (banner) banner.hidden = !state.paused;
  if (state.ended && body.dataset.ended === "0") {
    if (window.location.pathname === planUrl) offer(null);
    else if (offered || staysHere()) offer("ended");
    else leave(planUrl);
    return;
  }
  if (!state.follow) {
    sessionStorage.removeItem(LAST);
    sessionStorage.removeItem(LATER);
    offer(null);
    return;
  }
  follow(
    stepUrl
      .replace("{module_id}", encodeURIComponent(state.follow[0]))
      .replace("{number}", String(state.follow[1])),
  );
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

function place() {
  // A module screen, or a tool page (or leaving one): what the dashboard should show.
  const screen = document.querySelector("[data-module][data-number]");
  if (screen) return { module: screen.dataset.module, number: Number(screen.dataset.number) };
  const tool = body.dataset.tool || null;
  return tool === (body.dataset.inTool || null) ? null : { tool };
}

function reportPlace() {
  // Tell the dashboard where the parent is (answers save separately, as they are given).
  const where = place();
  const csrf = document.querySelector('meta[name="csrf-token"]')?.content ?? "";
  if (!where) return;
  fetch(body.dataset.here, {
    method: "POST",
    credentials: "same-origin",
    headers: { "Content-Type": "application/json", "X-CSRFToken": csrf },
    body: JSON.stringify(where),
  }).catch(() => {});
}

if (moved) {
  for (const link of moved.querySelectorAll("a")) {
    link.addEventListener("click", () => {
      sessionStorage.removeItem(LATER);
      window.dispatchEvent(new Event("cgim:leaving"));
    });
  }
}
if (stateUrl) {
  reportPlace();
  poll();
}
