// The diagram editor (templates/_diagram_editor.html): the Mermaid typed is drawn as a live preview (debounced,
// by the vendored Mermaid that diagrams.js set up in strict mode); a syntax error shows Mermaid's message with
// its line, and the last good drawing stays, dimmed, instead of a blank. After a check the preview is redrawn
// with the findings marked, the result's drawings get diagrams.js's zoom tools, and an uploaded file opens in
// the editor as Mermaid. Here rather than inline: the CSP allows no inline script.
// Mermaid (3 MB) is loaded when an editor is first shown, not with the page: parsing it would hold back the
// page's forms (htmx starts when the page is parsed), and an interview needs it only once its panel is opened.
const WAIT_MS = 350;
const DRAWING_SCRIPTS = ["/static/vendor/mermaid.min.js", "/static/vendor/svg-pan-zoom.min.js", "/static/diagrams.js"];
let drawings = 0;
let loading = null;

function drawingTools() {
  const load = (src) => new Promise((done, fail) => {
    const script = document.createElement("script");
    script.src = src;
    script.addEventListener("load", done);
    script.addEventListener("error", () => fail(new Error(`${src} did not load`)));
    document.head.append(script);
  });
  loading ||= DRAWING_SCRIPTS.reduce((before, src) => before.then(() => load(src)), Promise.resolve());
  return loading;
}

function say(editor, message) {
  const error = editor.querySelector(".preview-error");
  error.textContent = message;
  error.hidden = !message;
  editor.querySelector("[data-preview]").classList.toggle("is-stale", Boolean(message));
}

async function draw(editor, text) {
  const preview = editor.querySelector("[data-preview]");
  const ticket = (editor.ticket = (editor.ticket || 0) + 1);
  if (!text.trim()) {
    const hint = document.createElement("p");
    hint.className = "muted small";
    hint.textContent = "Your drawing appears here as you type.";
    preview.replaceChildren(hint);
    say(editor, "");
    return;
  }
  try {
    await drawingTools();
    await mermaid.parse(text);
    drawings += 1;
    const { svg } = await mermaid.render(`diagram-preview-${drawings}`, text);
    if (ticket !== editor.ticket) return; // a newer keystroke is being drawn
    preview.innerHTML = svg; // Mermaid's own SVG, sanitised by its strict security level
    preview.querySelector("svg")?.setAttribute("role", "img");
    preview.querySelector("svg")?.setAttribute("aria-label", "Preview of your diagram");
    say(editor, "");
  } catch (err) {
    if (ticket !== editor.ticket) return;
    const message = String(err?.message || err).split("\n").filter((line) => !/^-*\^$/.test(line.trim()));
    say(editor, `Mermaid cannot draw this yet. ${message.join(" ").replace(/\s+/g, " ").trim()}`);
  }
}

// Mermaid measures its text as it draws: a drawing inside a closed <details> (the interview's panel) waits
// until the panel is opened.
function whenShown(editor, draw) {
  const closed = editor.closest("details:not([open])");
  if (closed) closed.addEventListener("toggle", () => draw(), { once: true });
  else draw();
}

async function drawResult(editor, result) {
  await drawingTools();
  const figures = [...result.querySelectorAll("figure.diagram")];
  const nodes = figures.map((f) => f.querySelector("pre.mermaid")).filter(Boolean);
  if (nodes.length) await mermaid.run({ nodes });
  for (const figure of figures) {
    const svg = figure.querySelector("svg");
    if (svg) tools(figure, svg); // diagrams.js: zoom, pan, full screen
  }
  result.querySelector(".diagram-checked")?.classList.add("is-ready");
}

function setUp(editor) {
  const textarea = editor.querySelector("textarea");
  let timer = null;
  textarea.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(() => draw(editor, textarea.value), WAIT_MS);
  });
  whenShown(editor, () => draw(editor, textarea.value));
}

document.querySelectorAll("[data-diagram-editor]").forEach(setUp);

document.body.addEventListener("htmx:afterSwap", (event) => {
  const result = event.detail.target;
  const editor = result.closest?.("[data-diagram-editor]");
  if (!editor || !result.classList.contains("diagram-result")) return;
  const loaded = result.querySelector(".loaded-source");
  const textarea = editor.querySelector("textarea");
  // an upload opens in the editor; a reloaded interview's latest version fills an empty editor
  if (loaded && (loaded.hasAttribute("data-replace") || !textarea.value.trim())) textarea.value = loaded.textContent;
  const marked = result.querySelector(".marked-source");
  if (marked) draw(editor, marked.textContent); // the preview, redrawn with the findings marked
  whenShown(editor, () => drawResult(editor, result));
});
