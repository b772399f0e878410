// The model page: sliders and sd boxes in, ensemble statistics, histogram and Sobol' indices out.
// One request is in flight at a time; changes made meanwhile are sent together when it returns, so
// dragging a slider never queues a backlog of stale ensembles.
'use strict';

const SVG = 'http://www.w3.org/2000/svg';
const state = { model: null, inFlight: false, dirty: false };

function el(tag, attrs, text) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, v);
  if (text !== undefined) e.textContent = text;
  return e;
}

function svg(tag, attrs, text) {
  const e = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, v);
  if (text !== undefined) e.textContent = text;
  return e;
}

function fmt(x) {
  if (x === null || x === undefined || !isFinite(x)) return 'n/a';
  if (x === 0) return '0';
  const a = Math.abs(x);
  if (a >= 1e5 || a < 1e-3) return x.toExponential(3);
  return String(Number(x.toPrecision(4)));
}

// A number shown to people, with the exact value kept for anyone who reads the page programmatically.
function show(id, x) {
  const e = document.getElementById(id);
  e.textContent = fmt(x);
  e.dataset.value = x === null ? 'null' : String(x);
}

function setStatus(text, error) {
  const s = document.getElementById('status');
  s.textContent = text;
  s.classList.toggle('error', !!error);
}

async function init() {
  const r = await fetch('/api/model');
  const m = await r.json();
  if (!r.ok) { setStatus(m.error, true); return; }
  state.model = m;
  document.getElementById('model-name').textContent = m.name;
  document.getElementById('model-description').textContent =
    (m.description ? m.description + ' ' : '') + 'Ensembles run on ' + m.backend + ' with seed ' + m.seed + '.';
  const body = document.querySelector('#inputs tbody');
  for (const v of m.inputs) body.appendChild(inputRow(v));
  const out = document.getElementById('output');
  for (const o of m.outputs) out.appendChild(el('option', { value: o.name }, o.name + ' (' + o.units + ')'));
  const members = document.getElementById('members');
  for (let n = 1000; n <= m.maxMembers; n *= 10) {
    const o = el('option', { value: String(n) }, n.toLocaleString('en'));
    if (n === m.defaultMembers) o.selected = true;
    members.appendChild(o);
  }
  if (![...members.options].some(o => o.selected)) {
    members.appendChild(el('option', { value: String(m.defaultMembers), selected: '' },
      m.defaultMembers.toLocaleString('en')));
  }
  for (const id of ['output', 'members', 'truncate']) document.getElementById(id).addEventListener('change', schedule);
  schedule();
}

function inputRow(v) {
  const ranged = v.min !== null && v.max !== null;
  const mid = ranged ? (v.min + v.max) / 2 : 0;
  const width = ranged ? v.max - v.min : 1;
  const tr = el('tr');
  const label = el('td');
  label.appendChild(el('span', { class: 'name', title: v.description }, v.name));
  label.appendChild(el('br'));
  label.appendChild(el('span', { class: 'units' }, v.units + (ranged ? ', valid ' + v.min + ' to ' + v.max : '')));
  tr.appendChild(label);
  const cell = el('td');
  const box = el('input', { type: 'number', id: 'value-' + v.name, step: 'any', value: String(mid),
    'aria-label': v.name + ' value' });
  if (ranged) {
    const slider = el('input', { type: 'range', id: 'slider-' + v.name, min: String(v.min), max: String(v.max),
      step: String(width / 1000), value: String(mid), 'aria-label': v.name });
    slider.addEventListener('input', () => { box.value = slider.value; schedule(); });
    box.addEventListener('change', () => { slider.value = box.value; schedule(); });
    cell.appendChild(slider);
  } else {
    box.addEventListener('change', schedule);
  }
  cell.appendChild(box);
  tr.appendChild(cell);
  const sdCell = el('td');
  const sd = el('input', { type: 'number', id: 'sd-' + v.name, min: '0', step: 'any',
    value: String(Number((width * 0.02).toPrecision(3))), 'aria-label': v.name + ' standard deviation' });
  sd.addEventListener('change', schedule);
  sdCell.appendChild(sd);
  tr.appendChild(sdCell);
  return tr;
}

function currentRequest() {
  const inputs = {};
  for (const v of state.model.inputs) {
    inputs[v.name] = {
      value: Number(document.getElementById('value-' + v.name).value),
      sd: Number(document.getElementById('sd-' + v.name).value),
    };
  }
  return {
    inputs,
    members: Number(document.getElementById('members').value),
    output: document.getElementById('output').value,
    truncate: document.getElementById('truncate').checked,
  };
}

function schedule() {
  state.dirty = true;
  if (!state.inFlight) send();
}

async function send() {
  state.dirty = false;
  state.inFlight = true;
  const results = document.getElementById('results');
  results.dataset.state = 'running';
  const body = JSON.stringify(currentRequest());
  setStatus('running the ensemble...');
  try {
    const r = await fetch('/api/ensemble', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body });
    const json = await r.json();
    if (r.ok) {
      render(json);
      results.dataset.request = body;
    } else {
      setStatus('The server refused this request: ' + json.error, true);
      results.dataset.request = body;
      results.dataset.error = json.error;
    }
  } catch (e) {
    setStatus('No answer from the server: ' + e, true);
  }
  state.inFlight = false;
  if (state.dirty) {
    send();
  } else {
    results.dataset.state = 'ready';
  }
}

function render(r) {
  delete document.getElementById('results').dataset.error;
  setStatus(r.members.toLocaleString('en') + ' members of ' + r.output + ' (' + r.units + ') in '
    + (r.seconds * 1000).toFixed(0) + ' ms' + (r.sensitivity ? ', sensitivity in '
    + (r.sensitivity.seconds * 1000).toFixed(0) + ' ms' : ''));
  for (const k of ['mean', 'sd', 'p05', 'p50', 'p95', 'min', 'max']) show('stat-' + k, r[k]);
  const h = r.histogram;
  document.getElementById('stats-note').textContent = 'Percentiles from a quantile sketch with '
    + (100 * r.quantileAccuracy) + ' % relative accuracy. Histogram: ' + h.counts.length + ' bins chosen from the'
    + ' first ' + state.model.pilotMembers.toLocaleString('en') + ' members'
    + (h.underflow + h.overflow > 0 ? '; ' + (h.underflow + h.overflow) + ' members fall outside it' : '')
    + (r.nanCount > 0 ? '; ' + r.nanCount + ' members gave no number' : '') + '.';
  drawHistogram(r);
  drawSensitivity(r.sensitivity);
}

function drawHistogram(r) {
  const h = r.histogram;
  const g = document.getElementById('histogram');
  g.replaceChildren();
  g.dataset.lo = String(h.lo);
  g.dataset.hi = String(h.hi);
  const W = 600, H = 280, left = 50, right = 15, top = 15, bottom = 40;
  const pw = W - left - right, ph = H - top - bottom;
  const max = Math.max(1, ...h.counts);
  const x = v => left + (v - h.lo) / (h.hi - h.lo) * pw;
  const bw = pw / h.counts.length;
  h.counts.forEach((c, i) => {
    const bh = c / max * ph;
    g.appendChild(svg('rect', { class: 'bar', x: String(left + i * bw), y: String(top + ph - bh),
      width: String(Math.max(bw - 1, 0.5)), height: String(bh), 'data-count': String(c) }));
  });
  g.appendChild(svg('line', { class: 'axis', x1: left, y1: top + ph, x2: left + pw, y2: top + ph }));
  for (let k = 0; k <= 4; k++) {
    const v = h.lo + k * (h.hi - h.lo) / 4;
    g.appendChild(svg('line', { class: 'axis', x1: x(v), y1: top + ph, x2: x(v), y2: top + ph + 5 }));
    g.appendChild(svg('text', { x: x(v), y: top + ph + 18, 'text-anchor': 'middle' }, fmt(v)));
  }
  g.appendChild(svg('text', { x: left + pw / 2, y: H - 4, 'text-anchor': 'middle' }, r.output + ' (' + r.units + ')'));
  g.appendChild(svg('text', { x: 12, y: top + ph / 2, 'text-anchor': 'middle',
    transform: 'rotate(-90 12 ' + (top + ph / 2) + ')' }, 'members'));
  const marks = [[r.p05, 'interval', '5 %'], [r.p95, 'interval', '95 %'], [r.mean, 'mean', 'mean']];
  for (const [v, cls, label] of marks) {
    if (v === null || v < h.lo || v > h.hi) continue;
    g.appendChild(svg('line', { class: cls, x1: x(v), y1: top, x2: x(v), y2: top + ph }));
    g.appendChild(svg('text', { x: x(v) + 3, y: top + 10 }, label));
  }
}

function drawSensitivity(s) {
  const body = document.querySelector('#sensitivity tbody');
  body.replaceChildren();
  document.getElementById('sensitivity-method').textContent = s ? s.method.charAt(0).toUpperCase() + s.method.slice(1) + ' ('
    + s.runs.toLocaleString('en') + ' model runs). S1 is the share of the output variance an input explains alone, '
    + 'ST its share including interactions; with this small sample, indices within their +/- of 0 are not '
    + 'distinguishable from 0.' : '';
  document.getElementById('sensitivity-note').textContent = s && s.note ? s.note : '';
  if (!s) return;
  for (const f of s.factors) {
    const tr = el('tr', { 'data-input': f.name });
    tr.appendChild(el('td', {}, f.name));
    const s1 = el('td', { class: 's1', 'data-value': String(f.s1) }, fmt(f.s1) + ' \u00b1 ' + fmt(f.s1Conf));
    const st = el('td', { class: 'st', 'data-value': String(f.st) }, fmt(f.st) + ' \u00b1 ' + fmt(f.stConf));
    tr.appendChild(s1);
    tr.appendChild(st);
    const bars = document.createElementNS(SVG, 'svg');
    bars.setAttribute('width', '160');
    bars.setAttribute('height', '16');
    const w = v => String(Math.max(0, Math.min(1, v)) * 160);
    bars.appendChild(svg('rect', { class: 'st', x: '0', y: '2', width: w(f.st), height: '12' }));
    bars.appendChild(svg('rect', { class: 's1', x: '0', y: '5', width: w(f.s1), height: '6' }));
    const td = el('td');
    td.appendChild(bars);
    tr.appendChild(td);
    body.appendChild(tr);
  }
}

document.addEventListener('DOMContentLoaded', init);
