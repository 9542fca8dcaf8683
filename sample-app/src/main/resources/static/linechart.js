// A small line chart on a <canvas>, no library: a fixed window of samples per series, drawn with
// a soft area under the first series, a few grid lines with round values, and a dot on each last
// point. Sharp on high-DPI screens; redraws when the canvas is resized.
'use strict';

/** Horizontal grid lines above the zero line. */
const GRID_STEPS = 4;

class LineChart {
  /**
   * @param canvas   the <canvas> to draw on; its CSS width is used, its height attribute kept
   * @param series   [{color: '#hex'}], one per value pushed
   * @param capacity how many samples are shown (one per second: 60 = the last minute)
   */
  constructor(canvas, series, capacity = 60) {
    this.canvas = canvas;
    this.series = series.map(s => ({...s, values: []}));
    this.capacity = capacity;
    this.cssHeight = canvas.height;
    new ResizeObserver(() => this.draw()).observe(canvas);
  }

  /** Adds one sample per series (null leaves a gap) and redraws. */
  push(...values) {
    this.series.forEach((s, i) => {
      s.values.push(values[i] ?? null);
      if (s.values.length > this.capacity) s.values.shift();
    });
    this.draw();
  }

  draw() {
    const dpr = window.devicePixelRatio || 1;
    const w = this.canvas.clientWidth;
    const h = this.cssHeight;
    if (w === 0) return;
    if (this.canvas.width !== Math.round(w * dpr)) {
      this.canvas.width = Math.round(w * dpr);
      this.canvas.height = Math.round(h * dpr);
      this.canvas.style.height = h + 'px';
    }
    const ctx = this.canvas.getContext('2d');
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, w, h);

    const pad = {left: 34, right: 8, top: 8, bottom: 8};
    const plotW = w - pad.left - pad.right;
    const plotH = h - pad.top - pad.bottom;
    const max = niceMax(Math.max(0, ...this.series.flatMap(s => s.values.filter(v => v != null))));
    const x = i => pad.left + (plotW * i) / (this.capacity - 1);
    const y = v => pad.top + plotH - (plotH * v) / max;

    const style = getComputedStyle(this.canvas);
    ctx.font = '11px ' + style.fontFamily;
    ctx.textAlign = 'right';
    ctx.textBaseline = 'middle';
    for (let k = 0; k <= GRID_STEPS; k++) {
      const v = (max * k) / GRID_STEPS;
      const gy = Math.round(y(v)) + 0.5;
      ctx.strokeStyle = k === 0 ? '#cbd2e1' : '#e8ecf4';
      ctx.lineWidth = 1;
      ctx.beginPath();
      ctx.moveTo(pad.left, gy);
      ctx.lineTo(w - pad.right, gy);
      ctx.stroke();
      ctx.fillStyle = '#8a94a8';
      ctx.fillText(formatTick(v), pad.left - 6, gy);
    }

    this.series.forEach((s, index) => {
      // right-aligned: the newest sample sits at the right edge
      const offset = this.capacity - s.values.length;
      const points = s.values.map((v, i) => (v == null ? null : [x(i + offset), y(v)]));
      const runs = splitAtGaps(points);
      if (index === 0) {
        for (const run of runs) {
          const grad = ctx.createLinearGradient(0, pad.top, 0, pad.top + plotH);
          grad.addColorStop(0, hexAlpha(s.color, 0.28));
          grad.addColorStop(1, hexAlpha(s.color, 0.02));
          ctx.fillStyle = grad;
          ctx.beginPath();
          ctx.moveTo(run[0][0], y(0));
          run.forEach(([px, py]) => ctx.lineTo(px, py));
          ctx.lineTo(run[run.length - 1][0], y(0));
          ctx.closePath();
          ctx.fill();
        }
      }
      ctx.strokeStyle = s.color;
      ctx.lineWidth = 2;
      ctx.lineJoin = 'round';
      for (const run of runs) {
        ctx.beginPath();
        run.forEach(([px, py], i) => (i === 0 ? ctx.moveTo(px, py) : ctx.lineTo(px, py)));
        ctx.stroke();
      }
      const last = points[points.length - 1];
      if (last) {
        ctx.fillStyle = '#fff';
        ctx.beginPath();
        ctx.arc(last[0], last[1], 3.5, 0, 2 * Math.PI);
        ctx.fill();
        ctx.stroke();
      }
    });
  }
}

/** The top of the scale: GRID_STEPS steps of 1, 2 or 5 × 10^n (at least 1) with room above the value. */
function niceMax(value) {
  const raw = Math.max((value * 1.1) / GRID_STEPS, 1);
  const exp = Math.pow(10, Math.floor(Math.log10(raw)));
  const step = [1, 2, 5, 10].map(m => m * exp).find(s => s >= raw);
  return step * GRID_STEPS;
}

function formatTick(v) {
  if (v >= 1000) return (v / 1000).toFixed(v >= 10000 ? 0 : 1) + 'k';
  return Number.isInteger(v) ? String(v) : v.toFixed(1);
}

function splitAtGaps(points) {
  const runs = [];
  let run = [];
  for (const p of points) {
    if (p) run.push(p);
    else if (run.length) { runs.push(run); run = []; }
  }
  if (run.length) runs.push(run);
  return runs;
}

function hexAlpha(hex, alpha) {
  const n = parseInt(hex.slice(1), 16);
  return `rgba(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255}, ${alpha})`;
}
