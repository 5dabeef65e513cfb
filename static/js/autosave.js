// Saves an answer as the parent gives it. Every save carries a random key, so a retry on
// shaky wifi is applied once. Unsent answers wait in localStorage until the tablet is back online.
const form = document.querySelector("form[data-autosave]");
// One queue per parent: on a shared tablet, one parent's unsent answers never reach another's.
const QUEUE = `cgim-unsent-answers:${document.body.dataset.parent || "none"}`;
const statusLine = form ? form.querySelector(".save-status") : null;
const csrf = document.querySelector('meta[name="csrf-token"]')?.content ?? "";
// The words come from the page, in the parent's language.
const words = statusLine ? { ...statusLine.dataset } : {};
let timer = null;

function randomKey() {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

function readQueue() {
  try {
    return JSON.parse(localStorage.getItem(QUEUE) || "{}");
  } catch {
    return {};
  }
}

function writeQueue(queue) {
  localStorage.setItem(QUEUE, JSON.stringify(queue));
}

// The form carries data-unsaved while this screen's answer is not yet stored on the server,
// so tablet.js does not move the parent on (follow-me) in the middle of it.
function markUnsaved(unsaved) {
  form?.toggleAttribute("data-unsaved", unsaved);
}

function show(state, message) {
  if (!statusLine) return;
  statusLine.textContent = message || words[state];
  statusLine.classList.toggle("offline", state === "waiting" || state === "problem");
}

const TEXT_KINDS = ["short_text", "long_text", "balance", "follow_up"];

function currentValue() {
  const kind = form.dataset.kind;
  const parts = Array.from(form.querySelectorAll("[data-part]"));
  if (parts.length) {
    return Object.fromEntries(parts.map((f) => [f.dataset.part, f.value]));
  }
  const fields = Array.from(form.querySelectorAll('[name="answer"]'));
  if (kind === "multiple_choice" || kind === "checklist") {
    return fields.filter((f) => f.checked).map((f) => f.value);
  }
  if (kind === "single_choice" || kind === "scale" || kind === "ruler") {
    return fields.find((f) => f.checked)?.value ?? null;
  }
  return fields[0]?.value ?? "";
}

async function send(url, prompt, entry) {
  const response = await fetch(url, {
    method: "POST",
    credentials: "same-origin",
    headers: { "Content-Type": "application/json", "X-CSRFToken": csrf },
    body: JSON.stringify({ prompt, value: entry.value, key: entry.key }),
  });
  if (response.ok) return "saved";
  if (response.status >= 500 || response.status === 429) return "retry";
  const body = await response.json().catch(() => ({}));
  return body.error || "problem";
}

async function flush() {
  const url = form?.dataset.autosave || document.body.dataset.autosave; // from url_for
  const queue = readQueue();
  if (!url) return;
  for (const [prompt, entry] of Object.entries(queue)) {
    let outcome;
    try {
      outcome = await send(url, prompt, entry);
    } catch {
      outcome = "retry";
    }
    if (outcome === "retry") {
      if (form && prompt === form.dataset.prompt) show("waiting");
      return;
    }
    const latest = readQueue();
    if (latest[prompt]?.key === entry.key) {
      delete latest[prompt];
      writeQueue(latest);
    }
    if (form && prompt === form.dataset.prompt) {
      outcome === "saved" ? show("saved") : show("problem", outcome);
      // A refused answer is still only on this screen: it stays unsaved.
      if (outcome === "saved" && !timer && !readQueue()[prompt]) markUnsaved(false);
    }
  }
}

function queueCurrent() {
  timer = null;
  const queue = readQueue();
  queue[form.dataset.prompt] = { value: currentValue(), key: randomKey() };
  writeQueue(queue);
  show(navigator.onLine ? "saving" : "waiting");
  flush();
}

function onEdit(event) {
  if (event.target.name !== "answer" && !event.target.dataset.part) return;
  clearTimeout(timer);
  markUnsaved(true);
  const typing = event.type === "input" && TEXT_KINDS.includes(form.dataset.kind);
  timer = setTimeout(queueCurrent, typing ? 800 : 0);
}

function onSubmit(event) {
  clearTimeout(timer);
  if (!navigator.onLine) {
    // No page can load now: keep the answer on the tablet and stay on this screen.
    event.preventDefault();
    if (form.querySelector('[name="answer"], [data-part]')) queueCurrent();
    show("waiting");
    return;
  }
  // The form carries the newest answer itself; a queued copy of it is no longer needed.
  const queue = readQueue();
  delete queue[form.dataset.prompt];
  writeQueue(queue);
}

if (form) {
  // An answer typed offline on an earlier visit is still waiting to be sent.
  markUnsaved(Boolean(readQueue()[form.dataset.prompt]));
  form.addEventListener("input", onEdit);
  form.addEventListener("change", onEdit);
  form.addEventListener("submit", onSubmit);
}
window.addEventListener("online", flush);
window.addEventListener("cgim:leaving", () => {
  if (form && timer) {
    clearTimeout(timer);
    queueCurrent();
  }
});
setInterval(() => Object.keys(readQueue()).length && flush(), 10000);
flush();
