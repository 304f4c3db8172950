// Ringkasan: the bars per kecamatan (Chart.js), from the JSON embedded in the page.
(function () {
  "use strict";
  function draw() {
    var canvas = document.getElementById("kec-chart");
    var data = document.getElementById("kec-data");
    if (!canvas || !data || typeof Chart === "undefined") { return; }
    var rows = JSON.parse(data.textContent);
    new Chart(canvas, {
      type: "bar",
      data: {
        labels: rows.map(function (r) { return r.name; }),
        datasets: [
          { label: canvas.dataset.share, data: rows.map(function (r) { return r.share; }),
            backgroundColor: "#1f5fa8" },
          { label: canvas.dataset.target, data: rows.map(function (r) { return r.target; }),
            backgroundColor: "#b8c7d9" }
        ]
      },
      options: {
        indexAxis: "y", responsive: true, maintainAspectRatio: false, animation: false,
        scales: { x: { min: 0, max: 100, ticks: { callback: function (v) { return v + "%"; } } } }
      }
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", draw);
  } else { draw(); }
})();
