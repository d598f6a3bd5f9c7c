/*
 * Lodestone console dashboard: draws the three charts with Chart.js (served from /assets, no CDN) from the
 * dashboard's JSON. The page already has every number in tables, so without this script nothing is lost.
 * Series names and colours come from those tables' headers (the verdict badges' own colours), so the charts and
 * the rest of the console say a verdict the same way.
 */
/* global document, fetch, getComputedStyle, window, Chart */
(() => {
  'use strict';
  const root = document.querySelector('.dashboard');
  if (!root || typeof Chart === 'undefined') return;

  /** A series' label and colour from its table header cell: `<th data-series="…"><span class="badge …">`. */
  function series(tableId, key, colourOf) {
    const th = document.querySelector(`#${tableId} th[data-series="${key}"]`);
    const mark = th && th.firstElementChild;
    return {
      label: th ? th.textContent.trim() : key,
      colour: mark ? colourOf(getComputedStyle(mark)) : '#4b5563',
    };
  }

  const accent = getComputedStyle(document.documentElement).getPropertyValue('--accent').trim() || '#1d4ed8';
  const reducedMotion = window.matchMedia && window.matchMedia('(prefers-reduced-motion: reduce)').matches;
  Chart.defaults.animation = reducedMotion ? false : { duration: 300 };
  Chart.defaults.maintainAspectRatio = false;
  Chart.defaults.color = getComputedStyle(document.body).color;
  Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;

  const integerAxis = { beginAtZero: true, ticks: { precision: 0 } };

  function drawAnswers(d) {
    const canvas = document.getElementById('chart-answers');
    if (!canvas) return;
    new Chart(canvas, {
      type: 'bar',
      data: {
        labels: d.days.map((day) => day.slice(5)),
        datasets: d.answersByVerdict.map((s) => {
          const look = series('table-answers', s.verdict, (c) => c.backgroundColor);
          return { label: look.label, data: s.counts, backgroundColor: look.colour };
        }),
      },
      options: { scales: { x: { stacked: true }, y: { ...integerAxis, stacked: true } }, plugins: { legend: { position: 'bottom' } } },
    });
  }

  function drawCases(d) {
    const canvas = document.getElementById('chart-cases');
    if (!canvas) return;
    const waiting = series('table-cases', 'waiting', (c) => c.color);
    const claimed = series('table-cases', 'claimed', (c) => c.color);
    new Chart(canvas, {
      type: 'bar',
      data: {
        labels: d.openCasesByAge.map((b) => b.label),
        datasets: [
          { label: waiting.label, data: d.openCasesByAge.map((b) => b.waiting), backgroundColor: waiting.colour },
          { label: claimed.label, data: d.openCasesByAge.map((b) => b.claimed), backgroundColor: claimed.colour },
        ],
      },
      options: { scales: { x: { stacked: true }, y: { ...integerAxis, stacked: true } }, plugins: { legend: { position: 'bottom' } } },
    });
  }

  function drawItems(d) {
    const canvas = document.getElementById('chart-items');
    if (!canvas) return;
    new Chart(canvas, {
      type: 'bar',
      data: {
        labels: d.topItems.map((t) => t.item),
        datasets: [{ label: 'Questions', data: d.topItems.map((t) => t.count), backgroundColor: accent }],
      },
      options: { indexAxis: 'y', scales: { x: integerAxis }, plugins: { legend: { display: false } } },
    });
  }

  fetch(root.getAttribute('data-source') || '/console/dashboard.json', { headers: { accept: 'application/json' }, credentials: 'same-origin' })
    .then((r) => {
      if (!r.ok) throw new Error(`HTTP ${r.status}`);
      return r.json();
    })
    .then((d) => {
      drawAnswers(d);
      drawCases(d);
      drawItems(d);
      root.setAttribute('data-drawn', 'true');
    })
    .catch(() => {
      // The tables still hold every number: say so instead of leaving empty boxes.
      for (const box of root.querySelectorAll('.chart-box')) box.hidden = true;
      for (const details of root.querySelectorAll('details.chart-table')) details.open = true;
      root.setAttribute('data-drawn', 'failed');
    });
})();
