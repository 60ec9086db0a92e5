// Saves an agency report's draft while its author types (progressive enhancement: without
// JavaScript every button of the form saves the text). A form opts in with
// data-autosave-url; the status goes to #autosave-status, an aria-live region.
// The request is the form's own fields (CSRF token and lock_version included, the file left
// out); the answer is JSON: {saved, lock_version, message} or {saved: false, conflict, message}.

const DELAY_MS = 2000;

export function initReportAutosave(root = document) {
  const form = root.querySelector("form[data-autosave-url]");
  const status = root.getElementById ? root.getElementById("autosave-status") : null;
  if (!form || !status || typeof fetch !== "function") return;
  const url = form.dataset.autosaveUrl;
  const version = form.querySelector("input[name=lock_version]");
  let timer = null;
  let inFlight = false;
  let again = false;
  let stopped = false;
  let last = snapshot();

  function fields() {
    const data = new FormData(form);
    data.delete("file");
    data.delete("withdraw");
    return new URLSearchParams(data);
  }

  function snapshot() {
    const data = fields();
    data.delete("lock_version");
    data.delete("csrfmiddlewaretoken");
    return data.toString();
  }

  function show(text) {
    status.textContent = text;
  }

  async function save() {
    timer = null;
    if (stopped) return;
    if (inFlight) {
      again = true;
      return;
    }
    const now = snapshot();
    if (now === last) return;
    inFlight = true;
    show("Saving…");
    try {
      const response = await fetch(url, {
        method: "POST",
        body: fields(),
        credentials: "same-origin",
        headers: { Accept: "application/json", "X-Requested-With": "fetch" },
      });
      const type = response.headers.get("content-type") || "";
      const answer = type.includes("application/json") ? await response.json() : {};
      if (response.ok && answer.saved) {
        last = now;
        if (version && answer.lock_version !== undefined) version.value = answer.lock_version;
        show(answer.message || "Saved");
      } else if (response.status === 409) {
        stopped = true; // saving again would overwrite the other person's work
        show(answer.message || "Not saved: someone else saved this report meanwhile.");
      } else {
        show(answer.message || "Not saved: choose ‘Save the draft’ to save your changes.");
      }
    } catch {
      show("Not saved: the connection failed. Choose ‘Save the draft’ to save your changes.");
    } finally {
      inFlight = false;
      if (again) {
        again = false;
        schedule();
      }
    }
  }

  function schedule() {
    if (stopped) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(save, DELAY_MS);
  }

  form.addEventListener("input", (event) => {
    if (event.target && event.target.name !== "file") schedule();
  });
  form.addEventListener("change", (event) => {
    if (event.target && event.target.name !== "file") schedule();
  });
  // Every button saves the text itself: no autosave may race the form's own post.
  form.addEventListener("submit", () => {
    stopped = true;
    if (timer) clearTimeout(timer);
  });
}
