// A request that fails must say so. htmx 2 does not swap 4xx/5xx responses, so a refused answer (blank,
// out of range, an expired form) did nothing visible. The server sends each error as a short fragment with
// role="alert", retargeted to the #flash area at the top of the page: let htmx swap it in.
htmx.config.responseHandling = [
  { code: "204", swap: false },
  { code: "[2345]..", swap: true },
];
// No answer at all (the server stopped, the network dropped): say it at the top of the page.
document.body.addEventListener("htmx:sendError", () => {
  const flash = document.getElementById("flash");
  const note = document.createElement("p");
  note.className = "error";
  note.setAttribute("role", "alert");
  note.textContent = "No answer from the server: check that sdcoach web is still running, then try again.";
  flash.replaceChildren(note);
});
// A new request clears the last message (its own answer, or its own error, replaces it).
document.body.addEventListener("htmx:beforeRequest", () => document.getElementById("flash").replaceChildren());

// A select marked data-submit-on-change submits its form (here rather than in an onchange attribute: the CSP
// allows no inline script).
document.addEventListener("change", (event) => {
  if (event.target.matches("select[data-submit-on-change]")) event.target.form.submit();
});
