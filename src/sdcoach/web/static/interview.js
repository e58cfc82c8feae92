// The answer box has the focus (and is in view) when the page opens, so a resumed interview starts where the
// candidate types; Ctrl+Enter sends; the form clears after a stored answer; the newest turn scrolls into view.
const answer = document.getElementById("text");
if (answer) {
  answer.focus({ preventScroll: true });
  answer.scrollIntoView({ block: "center" });
}
const checklist = document.querySelector(".checklist-box");
if (checklist && window.matchMedia("(max-width: 800px)").matches) checklist.open = false;

document.addEventListener("keydown", (event) => {
  if (event.key === "Enter" && (event.ctrlKey || event.metaKey) && event.target.id === "text") {
    event.preventDefault();
    htmx.trigger("#answer", "submit");
  }
});
document.body.addEventListener("htmx:afterSwap", (event) => {
  if (event.detail.target.id !== "turns") return; // the diagram panel's results keep their own place
  const turns = document.querySelectorAll("#turns .turn");
  if (turns.length) turns[turns.length - 1].scrollIntoView({ block: "end" });
  if (answer) answer.focus({ preventScroll: true });
});

// The phase clock ticks between replies; each reply brings the server's own figures.
const clock = (seconds) => `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, "0")}`;
setInterval(() => {
  const status = document.getElementById("status");
  if (!status) return;
  for (const [key, cls] of [["phaseLeft", ".phase-left"], ["totalLeft", ".total-left"]]) {
    const left = Math.max(0, Number(status.dataset[key]) - 1);
    status.dataset[key] = String(left);
    status.querySelector(cls).textContent = clock(left);
  }
}, 1000);

// Each control that posts a turn (the answer form, Hint, Next phase, End) gives its post an id and keeps it
// until the server has answered: a retried or doubled post is stored once and gets the same turns back.
const newSubmitId = () =>
  Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, "0")).join("");
document.body.addEventListener("htmx:configRequest", (event) => {
  if (!event.detail.path.endsWith("/turns")) return;
  const control = event.detail.elt;
  control.dataset.submitId ||= newSubmitId();
  event.detail.parameters.submit_id = control.dataset.submitId;
});
// A stored answer clears the box and frees its submit id.
document.body.addEventListener("htmx:afterRequest", (event) => {
  if (!event.detail.successful) return;
  delete event.detail.elt.dataset.submitId;
  if (event.detail.elt.id === "answer") event.detail.elt.reset();
});
