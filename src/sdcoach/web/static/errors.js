// A request that fails must say so. htmx 2 does not swap 4xx/5xx responses, so a refused answer (blank,
// out of range, an expired form) did nothing visible. The server sends each error as a short fragment with
// role="alert", retargeted to the #flash area at the top of the page: let htmx swap it in.
// They count as failed requests (error: true), so a form that clears itself after an answer keeps what the
// person typed when it was refused.
htmx.config.responseHandling = [
  { code: "204", swap: false },
  { code: "[23]..", swap: true },
  { code: "[45]..", swap: true, error: true },
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

// The result a refused or unanswered request was meant to replace still answers the request before it: mark it
// outdated (labelled and dimmed) until an answer replaces it. A transcript the request would have added to
// (hx-swap="beforeend") is still true and stays as it is.
const resultOf = (elt) => {
  const swap = elt.closest("[hx-swap]")?.getAttribute("hx-swap") ?? "innerHTML";
  const target = elt.closest("[hx-target]")?.getAttribute("hx-target");
  return target?.startsWith("#") && swap.startsWith("innerHTML") ? document.querySelector(target) : null;
};
const markOutdated = (event) => {
  const result = resultOf(event.detail.elt);
  if (!result || !result.hasChildNodes() || result.hasAttribute("data-outdated")) return;
  const label = document.createElement("p");
  label.className = "outdated-note";
  label.textContent = "Outdated: this is the result of your previous request; the last one was not answered.";
  result.setAttribute("data-outdated", "");
  result.prepend(label);
};
document.body.addEventListener("htmx:responseError", markOutdated);
document.body.addEventListener("htmx:sendError", markOutdated);
document.body.addEventListener("htmx:afterSwap", (event) => event.detail.target.removeAttribute("data-outdated"));
