// The dashboard's charts, drawn by Apache ECharts (served by the app) from the data the page embeds.
(function () {
  const data = JSON.parse(document.getElementById("chart-data").textContent);
  const num = (values) => values.map(Number);
  const bar = (labels, values, horizontal) => ({
    tooltip: { trigger: "axis" },
    grid: { left: horizontal ? 160 : 40, right: 20, top: 20, bottom: horizontal ? 20 : 60, containLabel: false },
    xAxis: horizontal ? { type: "value" } : { type: "category", data: labels, axisLabel: { interval: 0, rotate: 30 } },
    yAxis: horizontal ? { type: "category", data: labels, inverse: true } : { type: "value" },
    series: [{ type: "bar", data: num(values) }],
  });
  const options = {
    grades: { tooltip: {}, series: [{ type: "pie", radius: ["35%", "65%"], label: { formatter: "{b}：{c}" },
      data: data.grades.labels.map((l, i) => ({ name: l, value: data.grades.values[i] })) }] },
    ranking: bar(data.ranking.labels, data.ranking.values, true),
    categories: bar(data.categories.labels, data.categories.values, false),
    rules: bar(data.rules.labels, data.rules.values, true),
    execution: { tooltip: { formatter: (p) => `${p.data.name}<br>执行率 ${p.data.value[0]}%<br>得分 ${p.data.value[1]}` },
      xAxis: { name: "预算执行率（%）", type: "value", scale: true }, yAxis: { name: "得分", type: "value", scale: true },
      series: [{ type: "scatter", symbolSize: 10, data: data.execution.map((d) => ({ name: d.name, value: num(d.value) })) }] },
    yoy: { tooltip: { trigger: "axis" }, legend: { data: ["上年", "本年"] }, grid: { left: 160, right: 20, top: 30, bottom: 20 },
      xAxis: { type: "value", scale: true }, yAxis: { type: "category", data: data.yoy.labels, inverse: true },
      series: [{ name: "上年", type: "bar", data: num(data.yoy.last) }, { name: "本年", type: "bar", data: num(data.yoy.now) }] },
  };
  const charts = [];
  document.querySelectorAll("[data-chart]").forEach(function (el) {
    const chart = echarts.init(el, null, { renderer: "svg" });
    chart.setOption(options[el.dataset.chart]);
    charts.push(chart);
  });
  window.addEventListener("resize", () => charts.forEach((c) => c.resize()));
  document.documentElement.dataset.chartsReady = "1";
})();
