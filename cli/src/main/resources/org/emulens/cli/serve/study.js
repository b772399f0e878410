// The study page: a PNG quick-look per statistic and time step; a click asks the server for the
// statistics of the cell under the pointer, in the picture's own pixels.
'use strict';

const state = { study: null };

function el(tag, attrs, text) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, v);
  if (text !== undefined) e.textContent = text;
  return e;
}

function fmt(x) {
  if (x === null || x === undefined || !isFinite(x)) return 'no data';
  if (x === 0) return '0';
  const a = Math.abs(x);
  if (a >= 1e5 || a < 1e-3) return x.toExponential(3);
  return String(Number(x.toPrecision(4)));
}

function setStatus(text, error) {
  const s = document.getElementById('status');
  s.textContent = text;
  s.classList.toggle('error', !!error);
}

async function init() {
  const r = await fetch('/api/study');
  const s = await r.json();
  if (!r.ok) { setStatus(s.error, true); return; }
  state.study = s;
  document.getElementById('file-name').textContent = s.file;
  const maps = document.getElementById('map-select');
  for (const m of s.maps) maps.appendChild(el('option', { value: m.id }, m.label));
  const times = document.getElementById('time-select');
  for (let t = 0; t < s.steps; t++) {
    times.appendChild(el('option', { value: String(t) }, s.times.length ? s.times[t].substring(0, 10) : 'only step'));
  }
  maps.addEventListener('change', showMap);
  times.addEventListener('change', () => { showMap(); refreshCell(); });
  const img = document.getElementById('map');
  img.addEventListener('load', () => { img.dataset.loaded = img.getAttribute('src'); setStatus(''); });
  img.addEventListener('error', () => setStatus('The map could not be drawn; the server log says why.', true));
  img.addEventListener('click', click);
  showMap();
}

function showMap() {
  const id = document.getElementById('map-select').value;
  const t = document.getElementById('time-select').value;
  setStatus('drawing the map...');
  document.getElementById('map').setAttribute('src', '/api/map.png?map=' + encodeURIComponent(id) + '&t=' + t);
}

function click(ev) {
  const img = ev.currentTarget;
  // the picture may be shown scaled: the server wants its own pixels
  const x = Math.floor(ev.offsetX * img.naturalWidth / img.clientWidth);
  const y = Math.floor(ev.offsetY * img.naturalHeight / img.clientHeight);
  state.last = { x, y };
  refreshCell();
}

async function refreshCell() {
  if (!state.last) return;
  const t = document.getElementById('time-select').value;
  const panel = document.getElementById('cell');
  panel.dataset.state = 'running';
  const r = await fetch('/api/cell?t=' + t + '&x=' + state.last.x + '&y=' + state.last.y);
  const c = await r.json();
  if (!r.ok) {
    document.getElementById('cell-where').textContent = c.error;
    document.getElementById('cell-values').replaceChildren();
    panel.dataset.state = 'ready';
    return;
  }
  const where = document.getElementById('cell-where');
  where.textContent = 'lat ' + fmt(c.lat) + ', lon ' + fmt(c.lon) + (c.time ? ', ' + c.time.substring(0, 10) : '')
    + (c.hasData ? '' : ': no data in this cell');
  where.dataset.lat = String(c.lat);
  where.dataset.lon = String(c.lon);
  const box = document.getElementById('cell-values');
  box.replaceChildren();
  for (const q of c.quantities) {
    box.appendChild(el('h3', {}, q.name + ' (' + q.units + ')'));
    const table = el('table', { class: 'cell-table', 'data-quantity': q.name });
    const row = (label, value, key) => {
      const tr = el('tr');
      tr.appendChild(el('th', {}, label));
      tr.appendChild(el('td', { 'data-stat': key, 'data-value': String(value) }, fmt(value)));
      table.appendChild(tr);
    };
    row('mean', q.mean, 'mean');
    row('sd', q.sd, 'sd');
    for (const p of q.percentiles) row(p.level + 'th percentile', p.value, 'p' + p.level);
    for (const e of q.exceedance) row('P(' + q.name + ' > ' + e.threshold + ')', e.probability, 'exceed' + e.threshold);
    box.appendChild(table);
  }
  panel.dataset.state = 'ready';
}

document.addEventListener('DOMContentLoaded', init);
