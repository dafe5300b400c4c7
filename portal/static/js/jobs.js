// Progressive enhancement of the job page: polls the job's JSON and moves the
// bar; without JavaScript the page's <noscript> meta refresh does the same.
document.addEventListener("DOMContentLoaded", () => {
  const box = document.getElementById("job-progress");
  if (!box || box.dataset.running !== "true") return;
  const bar = document.getElementById("job-bar");
  const count = document.getElementById("job-count");
  const percent = document.getElementById("job-percent");
  const poll = () => {
    fetch(box.dataset.url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then((r) => (r.ok ? r.json() : Promise.reject(r.status)))
      .then((state) => {
        bar.value = state.percent;
        bar.textContent = state.percent + "%";
        count.textContent = state.done + " / " + state.total;
        percent.textContent = state.percent;
        if (state.running) setTimeout(poll, 1000);
        else window.location.reload();
      })
      .catch(() => setTimeout(poll, 3000));
  };
  setTimeout(poll, 500);
});
