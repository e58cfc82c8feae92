// One small uPlot chart per rubric signal: its level (0-100%) at each interview or drill, oldest first.
// Colours come from the page's tokens (app.css), so the charts follow the light or dark theme.
const signals = JSON.parse(document.getElementById("signal-data").textContent);
const box = document.getElementById("charts");
const token = (name) => getComputedStyle(document.documentElement).getPropertyValue(name).trim();
const axis = { stroke: token("--muted"), grid: { stroke: token("--line"), width: 1 }, ticks: { stroke: token("--line") } };
const width = Math.min(320, box.clientWidth || 320);
for (const signal of signals) {
  if (!signal.values.length) continue;
  const holder = document.createElement("div");
  holder.className = "chart";
  box.appendChild(holder);
  const xs = signal.values.map((_, i) => i + 1);
  const ys = signal.values.map((v) => Math.round(v * 100));
  new uPlot({
    title: signal.title, width, height: 160, legend: { show: false },
    scales: { x: { time: false, range: [0.5, Math.max(xs.length, 1) + 0.5] }, y: { range: [0, 100] } },
    axes: [{ ...axis, incrs: [1], values: (_, ticks) => ticks.map(String) }, { ...axis }],
    series: [{ label: "session" }, { label: "level %", stroke: token("--link"), width: 2, points: { show: true, size: 7 } }],
  }, [xs, ys], holder);
}
if (!box.children.length) box.textContent = "Nothing practised yet: the charts appear after your first interview or drill.";
