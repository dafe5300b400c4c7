// The dashboard's charts (Apache ECharts, vendored). Progressive enhancement:
// the tables are rendered by the server; this draws one chart per figure
// from its JSON endpoint (same filters as the page).
(() => {
  "use strict";
  const zh = document.documentElement.lang !== "en";
  const t = (zhText, enText) => (zh ? zhText : enText);
  const colors = ["#2e7d32", "#f9a825", "#c62828", "#9e9e9e", "#1565c0", "#6a1b9a", "#00838f"];
  const base = { color: colors, tooltip: { trigger: "axis" }, grid: { containLabel: true, left: 8, right: 16, bottom: 8, top: 40 },
                 legend: { type: "scroll", top: 0 } };
  const bar = (names, series, horizontal) => ({
    ...base,
    xAxis: horizontal ? { type: "value" } : { type: "category", data: names, axisLabel: { interval: 0, rotate: names.length > 6 ? 30 : 0 } },
    yAxis: horizontal ? { type: "category", data: names, inverse: true } : { type: "value" },
    series,
  });

  const builders = {
    capacity(d) {
      const keys = ["benchmark", "between", "below_baseline", "unknown"];
      const names = d.products.map((p) => p.name);
      const series = keys.map((k) => ({
        name: d.labels[k], type: "bar", stack: "share",
        data: d.products.map((p) => (p.total ? +(100 * p.capacity[k] / p.total).toFixed(1) : 0)),
      }));
      // the target's label inside the plot, at the top of its line, so it never sits on the axis labels
      series[0].markLine = { symbol: "none", data: [{ xAxis: 100 * d.target, name: t("目标", "target") }],
                             label: { position: "insideEndTop", formatter: t("目标 {c}%", "target {c}%"),
                                      color: "#212529", backgroundColor: "#fff", padding: 2 } };
      const option = bar(names, series, true);
      option.xAxis.max = 100;
      option.xAxis.axisLabel = { formatter: "{value}%" };
      return option;
    },
    catalogue(d) {
      return bar(d.sector.map((c) => c.name), [{ name: t("条目数", "Entries"), type: "bar", data: d.sector.map((c) => c.count) }]);
    },
    funnel(d) {
      const names = d.needs.map((s) => s.name);
      return { ...bar(names, [{ name: t("需求", "Needs"), type: "bar", data: d.needs.map((s) => s.count),
                                 label: { show: true, position: "right" } }], true) };
    },
    results(d) {
      const names = d.totals.map((r) => (r.stage === "contracted" ? t("已签约", "Contracted") : t("已实施", "Implemented")));
      return bar(names, [
        { name: t("声称节能量 (tce)", "Claimed (tce)"), type: "bar", data: d.totals.map((r) => Math.round(r.claimed_tce)) },
        { name: t("实测节能量 (tce)", "Measured (tce)"), type: "bar", data: d.totals.map((r) => Math.round(r.measured_tce)) },
        { name: t("回访节能量 (tce)", "Follow-up (tce)"), type: "bar", data: d.totals.map((r) => Math.round(r.followed_up_tce)) },
      ]);
    },
    coverage(d) {
      const top = d.gaps.slice(0, 12);
      return bar(top.map((g) => `${g.stage} · ${g.problem}`), [{ name: t("需求数", "Needs"), type: "bar", data: top.map((g) => g.needs) }], true);
    },
  };

  async function draw(el) {
    const build = builders[el.dataset.chart];
    if (!build || typeof echarts === "undefined") return;
    const response = await fetch(el.dataset.url, { headers: { Accept: "application/json" }, credentials: "same-origin" });
    if (!response.ok) return;
    el.hidden = false;
    const chart = echarts.init(el, null, { renderer: "canvas" });
    chart.setOption(build(await response.json()));
    el.dataset.drawn = "true";
    window.addEventListener("resize", () => chart.resize());
  }

  document.addEventListener("DOMContentLoaded", () => {
    document.querySelectorAll(".dash-chart[data-chart]").forEach((el) => {
      draw(el).catch(() => { el.hidden = true; });
    });
  });
})();
