// Staff pages: a warning 2 minutes before an idle session ends, with a button to stay signed in.
// What was typed is never lost: when the session ends, this tab keeps the page's text fields
// in sessionStorage, and puts them back when the person signs in again and returns here.
const box = document.getElementById("idle-warning");
const WARN_SECONDS = 120;
const RETRY_MS = 15000;
const DAY_MS = 24 * 60 * 60 * 1000;
const DRAFTS = "cgim-draft:";
const TEXT_TYPES = ["text", "email", "search", "tel", "url", "number", "date", "time"];
const csrf = document.querySelector('meta[name="csrf-token"]')?.content ?? "";

let deadline = Date.now() + Number(box?.dataset.seconds || 0) * 1000;
let timer = null;

function part(name) {
  return box.querySelector(`[data-idle="${name}"]`);
}

function forms() {
  return Array.from(document.querySelectorAll("main form"));
}

function textFields(form) {
  return Array.from(form.elements).filter(
    (el) =>
      el.name &&
      el.name !== "csrf_token" &&
      !el.disabled &&
      (el.tagName === "TEXTAREA" || (el.tagName === "INPUT" && TEXT_TYPES.includes(el.type))),
  );
}

function draftKey() {
  return DRAFTS + location.pathname;
}

function saveDrafts() {
  const saved = [];
  forms().forEach((form, index) => {
    const fields = {};
    for (const el of textFields(form)) {
      if (el.value !== el.defaultValue) fields[el.name] = el.value;
    }
    if (Object.keys(fields).length) saved.push({ index, fields });
  });
  if (!saved.length) return;
  const draft = { user: box.dataset.user, at: Date.now(), forms: saved };
  sessionStorage.setItem(draftKey(), JSON.stringify(draft));
}

function restoreDrafts() {
  let draft = null;
  try {
    draft = JSON.parse(sessionStorage.getItem(draftKey()) || "null");
  } catch {
    draft = null;
  }
  sessionStorage.removeItem(draftKey());
  // Only the same person's words, and only for a day: a shared computer keeps nobody else's.
  if (!draft || draft.user !== box.dataset.user || Date.now() - draft.at > DAY_MS) return;
  const here = forms();
  let restored = false;
  for (const { index, fields } of draft.forms || []) {
    if (!here[index]) continue;
    for (const el of textFields(here[index])) {
      if (el.name in fields && el.value === el.defaultValue) {
        el.value = fields[el.name];
        el.dispatchEvent(new Event("input", { bubbles: true }));
        restored = true;
      }
    }
  }
  const note = document.getElementById("draft-restored");
  if (restored && note) note.hidden = false;
}

async function ask(url, method = "GET") {
  try {
    const response = await fetch(url, {
      method,
      credentials: "same-origin",
      headers: { Accept: "application/json", "X-CSRFToken": csrf },
    });
    if (!response.ok) return null;
    const body = await response.json();
    return typeof body.seconds_left === "number" ? body.seconds_left : null;
  } catch {
    return null;
  }
}

function show(state) {
  part("warn").hidden = state !== "warn";
  part("stay").hidden = state !== "warn";
  part("out").hidden = state !== "out";
  part("sign-in").hidden = state !== "out";
  box.hidden = state === "none";
}

function schedule(seconds) {
  deadline = Date.now() + seconds * 1000;
  clearTimeout(timer);
  if (seconds > WARN_SECONDS) {
    show("none");
    timer = setTimeout(check, (seconds - WARN_SECONDS) * 1000);
  } else {
    show("warn");
    timer = setTimeout(check, seconds * 1000 + 500);
  }
}

function end() {
  clearTimeout(timer);
  saveDrafts();
  show("out");
}

async function check() {
  const left = await ask(box.dataset.status);
  if (left === null) {
    // Offline or the server is busy: keep the words safe if the time is up, and ask again.
    if (Date.now() >= deadline) saveDrafts();
    timer = setTimeout(check, RETRY_MS);
  } else if (left <= 0) {
    end();
  } else {
    schedule(left);
  }
}

async function stay() {
  const left = await ask(box.dataset.stay, "POST");
  if (left === null) return;
  if (left <= 0) end();
  else schedule(left);
}

// A form sent after the time is up would be lost on the sign-in page: ask first, and if the
// session has ended keep the words and offer to sign in again instead.
async function beforeSubmit(event) {
  if (Date.now() < deadline - 2000 || event.target.dataset.idleChecked) return;
  event.preventDefault();
  const form = event.target;
  const left = await ask(box.dataset.status);
  if (left === null || left > 0) {
    if (left) schedule(left);
    form.dataset.idleChecked = "1";
    if (event.submitter) form.requestSubmit(event.submitter);
    else form.requestSubmit();
  } else {
    end();
  }
}

if (box) {
  restoreDrafts();
  part("stay").addEventListener("click", stay);
  document.addEventListener("submit", beforeSubmit, true);
  schedule(Number(box.dataset.seconds || 0));
}
