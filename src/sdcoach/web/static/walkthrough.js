// The walkthrough's contents: folded on phones (the page starts with the text), and the entry for the
// section being read is marked as current while the reader scrolls.
const toc = document.querySelector(".toc details");
if (toc && window.matchMedia("(max-width: 900px)").matches) toc.open = false;

const links = new Map([...document.querySelectorAll(".toc a[href^='#']")].map((a) => [a.hash.slice(1), a]));
const seen = new IntersectionObserver((entries) => {
  for (const entry of entries) {
    if (!entry.isIntersecting) continue;
    for (const a of links.values()) a.removeAttribute("aria-current");
    links.get(entry.target.id)?.setAttribute("aria-current", "true");
  }
}, { rootMargin: "0px 0px -75% 0px" });
for (const id of links.keys()) {
  const heading = document.getElementById(id);
  if (heading) seen.observe(heading);
}
