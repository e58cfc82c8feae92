// Draw the walkthrough's data-flow diagram with the vendored Mermaid (strict: no HTML labels, no links), then
// make it zoomable and pannable (vendored svg-pan-zoom) with buttons and a full-screen view. A wide flowchart
// fitted into the column has text too small to read, so it opens at a readable scale on its first node.
// Colours come from the page's own tokens (app.css), so the diagram follows the light or dark theme.
const token = (name) => getComputedStyle(document.documentElement).getPropertyValue(name).trim();
mermaid.initialize({
  startOnLoad: false,
  securityLevel: "strict",
  theme: "base",
  themeVariables: {
    background: token("--bg"), primaryColor: token("--surface-2"), primaryTextColor: token("--ink"),
    primaryBorderColor: token("--muted"), lineColor: token("--muted"), textColor: token("--ink"),
    edgeLabelBackground: token("--surface"), clusterBkg: token("--surface"), fontFamily: token("--font"),
  },
});

const READABLE_PX = 14; // the smallest label height worth opening at

function labelScale(svg) {
  // Screen pixels per drawing unit (Mermaid sets its labels at 16 units): how far fitting shrank the text.
  const node = svg.querySelector("g.node");
  const matrix = node && node.getScreenCTM();
  return matrix ? Math.max(matrix.a, 0.01) : 1;
}

// svg-pan-zoom applies its changes on the next animation frame: measure only after one has passed.
const nextFrame = () => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));

async function readable(zoom, svg) {
  zoom.resize();
  zoom.fit();
  zoom.center();
  await nextFrame();
  const wanted = READABLE_PX / 16 / labelScale(svg);
  if (wanted <= 1) return;
  zoom.zoom(wanted);
  await nextFrame();
  const first = svg.querySelector("g.node"); // the flow's first box, brought to the left edge
  const box = first.getBoundingClientRect();
  const frame = svg.getBoundingClientRect();
  zoom.panBy({ x: frame.left + 24 - box.left, y: frame.top + frame.height / 2 - (box.top + box.height / 2) });
  await nextFrame();
}

function button(label, text, onClick) {
  const b = document.createElement("button");
  b.type = "button";
  b.className = "secondary";
  b.textContent = text;
  b.setAttribute("aria-label", label);
  b.addEventListener("click", onClick);
  return b;
}

function tools(figure, svg) {
  const zoom = svgPanZoom(svg, { zoomEnabled: true, mouseWheelZoomEnabled: false, dblClickZoomEnabled: true,
    controlIconsEnabled: false, fit: true, center: true, minZoom: 0.2, maxZoom: 40 });
  const bar = document.createElement("div");
  bar.className = "diagram-tools";
  const full = button("Open the diagram full screen", "Full screen", () => toggle());
  const toggle = () => {
    const on = figure.classList.toggle("is-full");
    document.body.classList.toggle("has-full-diagram", on);
    full.textContent = on ? "Close" : "Full screen";
    full.setAttribute("aria-label", on ? "Close the full-screen diagram" : "Open the diagram full screen");
    if (on) zoom.enableMouseWheelZoom(); else zoom.disableMouseWheelZoom();
    readable(zoom, svg);
    full.focus();
  };
  bar.append(
    button("Zoom in", "+", () => zoom.zoomIn()),
    button("Zoom out", "−", () => zoom.zoomOut()),
    button("Fit the whole diagram in view", "Fit", () => { zoom.resize(); zoom.fit(); zoom.center(); }),
    full,
  );
  const hint = document.createElement("span");
  hint.className = "hint";
  hint.textContent = "Drag to pan · double-click to zoom";
  bar.append(hint);
  figure.prepend(bar);
  document.addEventListener("keydown", (e) => { if (e.key === "Escape" && figure.classList.contains("is-full")) toggle(); });
  window.addEventListener("resize", () => zoom.resize());
  readable(zoom, svg).then(() => figure.classList.add("is-ready"));
}

// The page's own diagrams; a diagram editor's (diagram-editor.js) draws its drawings when they are shown.
const ownDiagram = (element) => !element.closest("[data-diagram-editor]");
mermaid.run({ nodes: [...document.querySelectorAll("pre.mermaid")].filter(ownDiagram) }).then(() => {
  for (const figure of [...document.querySelectorAll("figure.diagram")].filter(ownDiagram)) {
    const svg = figure.querySelector("svg");
    if (svg) tools(figure, svg);
  }
});
