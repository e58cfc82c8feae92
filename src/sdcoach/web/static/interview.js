// Ctrl+Enter sends the answer; the newest turn scrolls into view after each reply.
document.addEventListener("keydown", (event) => {
  if (event.key === "Enter" && (event.ctrlKey || event.metaKey) && event.target.id === "text") {
    event.preventDefault();
    htmx.trigger("#answer", "submit");
  }
});
document.body.addEventListener("htmx:afterSwap", () => {
  const turns = document.querySelectorAll("#turns .turn");
  if (turns.length) turns[turns.length - 1].scrollIntoView({ block: "end" });
});
