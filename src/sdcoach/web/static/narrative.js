// Stream the coach's narrative into the scorecard as the backend writes it (text only, never HTML).
const box = document.getElementById("narrative");
const notice = document.getElementById("narrative-notice");
const source = new EventSource(box.dataset.stream);
source.onmessage = (event) => { box.textContent += JSON.parse(event.data); };
source.addEventListener("done", (event) => {
  const told = JSON.parse(event.data);
  box.textContent = told.text;
  if (told.notice) notice.textContent = told.notice;
  source.close();
});
source.onerror = () => source.close();
