// One small uPlot chart per rubric signal: its level (0-100%) at each interview or drill, oldest first.
const signals = JSON.parse(document.getElementById("signal-data").textContent);
const box = document.getElementById("charts");
for (const signal of signals) {
  if (!signal.values.length) continue;
  const holder = document.createElement("div");
  holder.className = "chart";
  box.appendChild(holder);
  const xs = signal.values.map((_, i) => i + 1);
  const ys = signal.values.map((v) => Math.round(v * 100));
  new uPlot({
    title: signal.title, width: 320, height: 160,
    scales: { x: { time: false }, y: { range: [0, 100] } },
    series: [{ label: "session" }, { label: "level %", stroke: "#1f5fbf", points: { show: true } }],
  }, [xs, ys], holder);
}
if (!box.children.length) box.textContent = "Nothing practised yet: the charts appear after your first interview or drill.";
