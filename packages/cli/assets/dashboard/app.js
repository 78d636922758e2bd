// The dashboard page. Every text that comes from data (metric names, descriptions, labels,
// property values, errors) is set with textContent, never parsed as HTML.
'use strict';
(function () {
  const $ = (sel) => document.querySelector(sel);
  const el = (tag, attrs, ...children) => {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (k === 'class') e.className = v; else if (k === 'text') e.textContent = v; else if (k.startsWith('on')) e.addEventListener(k.slice(2), v); else e.setAttribute(k, v);
    }
    for (const c of children) if (c !== null && c !== undefined) e.append(c);
    return e;
  };
  const api = async (path, init) => {
    const r = await fetch(path, { credentials: 'same-origin', ...(init || {}) });
    const body = await r.json().catch(() => ({}));
    if (!r.ok) throw new Error((body.error && body.error.message) || `HTTP ${r.status}`);
    return body;
  };
  let layout;
  let feed;
  const charts = [];
  const COLORS = ['#2456c8', '#d1495b', '#2a9d8f', '#e9a03b', '#6a4c93', '#1b998b', '#8d6a9f', '#c05746'];

  function fmt(v, type) {
    if (v === null || v === undefined) return '–';
    if (typeof v !== 'number') return String(v);
    if (type === 'ratio') return `${(v * 100).toFixed(1)}%`;
    if (Number.isInteger(v)) return v.toLocaleString('en');
    return v.toLocaleString('en', { maximumFractionDigits: 2 });
  }
  const csvField = (v) => { const s = v === null || v === undefined ? '' : String(v); return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s; };
  // `event` is a funnel's step column, but a group (group_by $event) in every other metric.
  const groupCols = (d) => d.columns.filter((c) => c !== 'bucket' && c !== 'value' && c !== 'step' && !(c === 'event' && d.columns.includes('step')));
  const keyOf = (d, r) => groupCols(d).map((c) => `${c}=${r[c] === null ? 'null' : r[c]}`).join(' ') || 'all';

  /** The chart's data: x labels and series of values (null where a series has none). */
  function shape(d, m) {
    const rows = d.rows;
    if (m.chart === 'funnel') {
      const steps = new Map();
      for (const r of rows) { const k = `${r.step}. ${r.event}`; steps.set(k, (steps.get(k) || 0) + (r.value || 0)); }
      const labels = [...steps.keys()].sort((a, b) => parseInt(a, 10) - parseInt(b, 10));
      return { labels, series: [{ label: 'reached', values: labels.map((l) => steps.get(l)) }], bars: true };
    }
    if (d.columns.includes('bucket')) {
      const labels = [...new Set(rows.map((r) => r.bucket))].sort();
      const keys = [...new Set(rows.map((r) => keyOf(d, r)))].sort();
      const series = keys.map((k) => ({ label: k, values: labels.map((b) => { const r = rows.find((x) => x.bucket === b && keyOf(d, x) === k); return r ? r.value : null; }) }));
      return { labels, series, bars: m.chart === 'bars' };
    }
    if (m.binned !== undefined && groupCols(d).length > 1) return split(d, m);
    if (m.chart === 'categories' && groupCols(d).length > 1) return pivot(d);
    const sorted = [...rows].sort((a, b) => { const x = keyOf(d, a), y = keyOf(d, b); const nx = Number(groupCols(d).map((c) => a[c])[0]), ny = Number(groupCols(d).map((c) => b[c])[0]); return Number.isFinite(nx) && Number.isFinite(ny) && nx !== ny ? nx - ny : x < y ? -1 : x > y ? 1 : 0; });
    // Labels are the group values only (the columns are in the table view).
    return { labels: sorted.map((r) => groupCols(d).map((c) => (r[c] === null ? 'null' : String(r[c]))).join(' / ')), series: [{ label: d.metric, values: sorted.map((r) => r.value) }], bars: true };
  }

  /**
   * A histogram split by other groups (bot/human): the bins on the x axis, one series per split
   * value, and for counts and sums an "all" series (the bins summed over the split values, which
   * partition the events: a missing value is its own series).
   */
  function split(d, m) {
    const cols = groupCols(d);
    const bin = cols[m.binned];
    const rest = cols.filter((c) => c !== bin);
    const bins = [...new Set(d.rows.map((r) => r[bin]))].sort((a, b) => (a === null ? 1 : b === null ? -1 : a - b));
    const keyOfRest = (r) => rest.map((c) => (r[c] === null ? 'null' : String(r[c]))).join(' / ');
    const keys = [...new Set(d.rows.map(keyOfRest))].sort();
    const at = new Map(d.rows.map((r) => [`${keyOfRest(r)}\u0000${r[bin]}`, r.value]));
    const series = keys.map((k) => ({ label: k, values: bins.map((b) => (at.has(`${k}\u0000${b}`) ? at.get(`${k}\u0000${b}`) : null)) }));
    if (m.type === 'count' || m.type === 'sum') series.push({ label: 'all', values: bins.map((b) => d.rows.filter((r) => r[bin] === b).reduce((t, r) => t + (r.value || 0), 0)) });
    return { labels: bins.map((b) => (b === null ? 'null' : `≥ ${fmt(b)}`)), series, bars: true };
  }

  /**
   * Values per group without time, split by the first group_by property: one series per value
   * (a per-currency sum: a series per currency), the other groups on the x axis, as grouped bars.
   * There is no "all" series: the split values may not add up (currencies never do).
   */
  function pivot(d) {
    const [first, ...rest] = groupCols(d);
    const str = (v) => (v === null ? 'null' : String(v));
    const labelOf = (r) => rest.map((c) => str(r[c])).join(' / ');
    const labels = [...new Set(d.rows.map(labelOf))].sort();
    const keys = [...new Set(d.rows.map((r) => str(r[first])))].sort();
    const at = new Map(d.rows.map((r) => [`${str(r[first])}\u0000${labelOf(r)}`, r.value]));
    const series = keys.map((k) => ({ label: k, values: labels.map((l) => (at.has(`${k}\u0000${l}`) ? at.get(`${k}\u0000${l}`) : null)) }));
    return { labels, series, bars: true };
  }

  /** uPlot over category positions; grouped bars take one slot each, never stacked (never summed). */
  function draw(target, s, m, width) {
    const k = s.bars ? s.series.length : 1;
    const step = s.bars && k > 1 ? k + 1 : 1;
    const n = s.labels.length * step;
    const xs = Array.from({ length: Math.max(n, 1) }, (_, i) => i);
    const data = [xs];
    const series = [{}];
    s.series.forEach((ser, j) => {
      const ys = new Array(xs.length).fill(null);
      ser.values.forEach((v, i) => { ys[i * step + (step > 1 ? j : 0)] = v; });
      data.push(ys);
      series.push({ label: ser.label.length > 40 ? ser.label.slice(0, 39) + '…' : ser.label, stroke: COLORS[j % COLORS.length], fill: s.bars ? COLORS[j % COLORS.length] + 'cc' : undefined, width: s.bars ? 0 : 2, points: { show: !s.bars && s.labels.length < 40 }, paths: s.bars ? uPlot.paths.bars({ size: [0.8, 48] }) : undefined, spanGaps: false, value: (u, v) => fmt(v, m.type) });
    });
    if (m.targetValue !== undefined && m.chart === 'trend') {
      data.push(xs.map(() => m.targetValue));
      series.push({ label: `target ${fmt(m.targetValue, m.type)}`, stroke: '#999', dash: [6, 4], width: 1, points: { show: false }, value: (u, v) => fmt(v, m.type) });
    }
    const label = (i) => (i % step === 0 || step === 1) ? (s.labels[Math.floor(i / step)] || '') : '';
    const opts = {
      width, height: 220, legend: { show: s.series.length > 1 || m.targetValue !== undefined },
      // Bars start at zero (a bar from 1 would lie about a count); lines fit their values.
      scales: { x: { time: false, range: (u, lo, hi) => [lo - 0.6, hi + 0.6] }, y: { range: (u, lo, hi) => (s.bars ? [Math.min(0, lo), hi > 0 ? hi * 1.1 : 1] : [lo - (hi - lo || 1) * 0.1, hi + (hi - lo || 1) * 0.1]) } },
      axes: [{ values: (u, splits) => splits.map((i) => (Number.isInteger(i) ? label(i) : '')), space: Math.max(40, Math.min(140, 7 * Math.max(...s.labels.map((l) => l.length), 1))), size: 40 }, { values: (u, splits) => splits.map((v) => fmt(v, m.type)), size: 60 }],
      series,
    };
    const chart = new uPlot(opts, data, target);
    charts.push(chart);
    return chart;
  }

  function table(d) {
    const t = el('table', { class: 'data' });
    t.append(el('tr', {}, ...d.columns.map((c) => el('th', { text: c }))));
    for (const r of d.rows) t.append(el('tr', {}, ...d.columns.map((c) => el('td', { class: typeof r[c] === 'number' ? 'num' : '', text: r[c] === null ? '' : String(r[c]) }))));
    return t;
  }

  function download(d) {
    const text = [d.columns.join(','), ...d.rows.map((r) => d.columns.map((c) => csvField(r[c])).join(','))].join('\r\n') + '\r\n';
    const a = el('a', { href: URL.createObjectURL(new Blob([text], { type: 'text/csv' })), download: `${d.metric}.csv` });
    document.body.append(a); a.click(); a.remove();
  }

  function card(m, d) {
    const meta = [m.type, m.window ? `window ${m.window}` : 'all data', m.grain ? `by ${m.grain}` : '', m.groupBy.length ? `per ${m.groupBy.join(', ')}` : '', m.target ? `target: ${m.target}` : ''].filter(Boolean).join(' · ');
    const box = el('div', { class: 'chart' });
    const tbl = table(d);
    tbl.classList.add('hidden');
    const c = el('article', { class: 'card', 'data-metric': m.metric, 'data-chart': m.chart },
      el('h3', { text: m.metric }), el('p', { class: 'meta', text: meta }), el('p', { class: 'desc', text: m.description }), box,
      el('div', { class: 'tools' },
        el('button', { type: 'button', class: 'show-table', text: 'Table', onclick: () => tbl.classList.toggle('hidden') }),
        el('button', { type: 'button', class: 'csv', text: 'CSV', onclick: () => download(d) })),
      tbl);
    if (d.error) { c.dataset.state = 'error'; box.append(el('p', { class: 'why error', text: `This metric could not be computed: ${d.error}` })); return c; }
    if (!d.rows.length || d.rows.every((r) => r.value === null)) {
      c.dataset.state = 'empty';
      box.append(el('p', { class: 'why', text: `No value in this range: no events of ${m.metric} matched (or every denominator was zero).` }));
      return c;
    }
    c.dataset.state = 'drawn';
    if (m.chart === 'card') {
      box.append(el('div', { class: 'big', text: fmt(d.rows[0].value, m.type) }));
      const sp = d.spark && !d.spark.error ? d.spark.rows.filter((r) => r.value !== null) : [];
      if (sp.length > 1) { const s = el('div', { class: 'spark' }); box.append(s); requestAnimationFrame(() => draw(s, { labels: sp.map((r) => r.bucket), series: [{ label: 'by day', values: sp.map((r) => r.value) }], bars: false }, m, Math.max(200, box.clientWidth))); }
      return c;
    }
    const s = shape(d, m);
    if (m.chart === 'funnel') {
      const v = s.series[0].values;
      box.append(el('p', { class: 'steps', text: s.labels.map((l, i) => `${l}: ${fmt(v[i])}${i ? ` (${v[i - 1] ? ((v[i] / v[i - 1]) * 100).toFixed(1) : '–'}% of the previous step)` : ''}`).join(' → ') }));
    }
    // What the chart draws, as data (for tests and tools; an attribute is never parsed as HTML).
    c.dataset.series = JSON.stringify({ labels: s.labels, series: s.series });
    requestAnimationFrame(() => draw(box, s, m, Math.max(300, box.clientWidth || 480)));
    return c;
  }

  function query() {
    const q = new URLSearchParams();
    const range = $('#range').value, grain = $('#grain').value;
    q.set('range', range);
    if (grain !== 'own') q.set('grain', grain);
    if (range === 'custom') { q.set('from', $('#from').value); q.set('to', $('#to').value); }
    return q;
  }

  async function showCategory(id) {
    const page = layout.categories.find((c) => c.id === id) || layout.categories[0];
    const main = $('#main');
    for (const c of charts.splice(0)) c.destroy();
    delete main.dataset.loaded;
    main.replaceChildren(el('h2', { text: page.id }), el('p', { class: 'note', text: [page.description, page.dashboard ? `Dashboard: ${page.dashboard}` : ''].filter(Boolean).join(' ') }));
    let data;
    try { data = await api(`/api/category/${encodeURIComponent(page.id)}?${query()}`); } catch (e) { main.append(el('p', { class: 'note bad', text: `Cannot load this page: ${e.message}` })); return; }
    const byName = new Map(data.metrics.map((d) => [d.metric, d]));
    for (const m of page.metrics) main.append(card(m, byName.get(m.metric) || { metric: m.metric, columns: [], rows: [], error: 'no data returned' }));
    main.dataset.asOf = data.asOf;
    main.dataset.since = data.since || '';
    main.dataset.loaded = page.id;
  }

  function tableOf(headers, rows) {
    const t = el('table', {});
    t.append(el('tr', {}, ...headers.map((h) => el('th', { text: h }))));
    for (const r of rows) t.append(el('tr', {}, ...r.map((v) => el('td', { class: typeof v === 'number' ? 'num' : '', text: v === null || v === undefined ? '' : String(v) }))));
    return t;
  }

  async function showLive() {
    const main = $('#main');
    for (const c of charts.splice(0)) c.destroy();
    delete main.dataset.loaded;
    const list = el('div', { id: 'feed' });
    const filter = el('input', { id: 'filter', type: 'search', placeholder: 'event names, comma-separated' });
    const connect = () => {
      if (feed) feed.close();
      list.replaceChildren();
      delete list.dataset.connected;
      const f = filter.value.trim();
      feed = new EventSource(`/api/live${f ? `?event=${encodeURIComponent(f)}` : ''}`);
      feed.addEventListener('events', (e) => {
        for (const x of JSON.parse(e.data)) list.prepend(el('div', { 'data-id': x.id, 'data-event': x.event }, el('span', { class: 'pill', text: x.event }), `${x.occurredAt} ${x.source ? `[${x.source}] ` : ''}${x.properties}`));
        while (list.childElementCount > 300) list.lastElementChild.remove();
      });
      feed.addEventListener('open', () => { list.dataset.connected = '1'; });
    };
    filter.addEventListener('change', connect);
    const quarantine = el('div', { id: 'quarantine' });
    const replayResult = el('span', { id: 'replay-result' });
    const replay = el('button', { type: 'button', id: 'replay', text: 'Replay quarantine', onclick: async () => {
      replay.disabled = true;
      try { const r = await api('/api/quarantine/replay', { method: 'POST', headers: { 'x-taxonomy-dashboard': '1' } }); replayResult.textContent = `examined ${r.examined}: ${r.moved} moved to the events table, ${r.stillInvalid} still invalid`; }
      catch (e) { replayResult.textContent = `replay failed: ${e.message}`; }
      replay.disabled = false;
      loadQuarantine();
    } });
    const cov = el('div', { id: 'coverage' });
    main.replaceChildren(
      el('h2', { text: 'Live inspection' }),
      el('section', { class: 'wide' }, el('h3', { text: 'Live feed of accepted events' }), el('label', {}, 'Filter by event: ', filter), list),
      el('section', { class: 'wide' }, el('h3', { text: 'Quarantine' }), replay, ' ', replayResult, quarantine),
      el('section', { class: 'wide' }, el('h3', { text: 'Coverage (last 7 days)' }), cov));
    connect();
    async function loadQuarantine() {
      try {
        const q = await api('/api/quarantine');
        quarantine.replaceChildren(el('p', { text: `${q.total} event(s) in quarantine (newest first)` }), tableOf(['received', 'event', 'id', 'source', 'errors'], q.rows.map((r) => [r.receivedAt, r.event, r.id, r.source, Array.isArray(r.errors) ? r.errors.map((x) => x.message || JSON.stringify(x)).join('; ') : String(r.errors)])));
      } catch (e) { quarantine.replaceChildren(el('p', { class: 'bad', text: e.message })); }
    }
    loadQuarantine();
    try {
      const c = await api('/api/coverage?since=7d');
      cov.replaceChildren(
        el('p', { text: `${c.totals.stored} stored, ${c.totals.quarantined} quarantined since ${c.since}. Never seen: ${c.neverSeen.length ? c.neverSeen.join(', ') : 'none'}. Active events unseen for ${c.unseenDays}+ days: ${c.stale.length}.` }),
        el('h4', { text: 'Unknown events received' }), tableOf(['event', 'count'], c.unknown.map((u) => [u.event, u.count])),
        el('h4', { text: 'Violations per property' }), tableOf(['event', 'property', 'refused'], c.properties.slice(0, 50).map((p) => [p.event, p.property, p.count])),
        el('h4', { text: 'Senders' }), tableOf(['source', 'library', 'version', 'events'], c.libraries.map((l) => [l.source, l.library, l.version, l.count])),
        el('h4', { text: 'Per event' }), tableOf(['event', 'domain', 'status', 'volume', 'quarantined', 'violation rate', 'last seen'], c.events.map((e) => [e.event, e.domain, e.status, e.volume, e.quarantined, e.violationRate === null ? '' : `${(e.violationRate * 100).toFixed(1)}%`, e.lastSeen || 'never'])));
    } catch (e) { cov.replaceChildren(el('p', { class: 'bad', text: e.message })); }
    main.dataset.loaded = 'live';
  }

  function route() {
    if (feed && !location.hash.startsWith('#/live')) { feed.close(); feed = undefined; }
    for (const a of document.querySelectorAll('nav a')) a.classList.toggle('current', a.getAttribute('href') === location.hash);
    if (location.hash === '#/live') return showLive();
    const id = decodeURIComponent(location.hash.replace(/^#\/category\//, ''));
    return showCategory(id);
  }

  async function start() {
    try { layout = await api('/api/dashboard'); } catch (e) { $('#main').replaceChildren(el('p', { class: 'note bad', text: `Cannot open the dashboard: ${e.message}` })); return; }
    $('#title').textContent = `${layout.taxonomy.name} ${layout.taxonomy.version}`;
    $('#nav').replaceChildren(...layout.categories.map((c) => el('a', { href: `#/category/${encodeURIComponent(c.id)}`, text: c.id })), el('a', { href: '#/live', text: 'live inspection' }));
    const today = new Date().toISOString().slice(0, 10);
    $('#to').value = today; $('#from').value = new Date(Date.now() - 30 * 86400000).toISOString().slice(0, 10);
    $('#controls').addEventListener('change', (e) => { $('#controls').classList.toggle('custom', $('#range').value === 'custom'); if (e.target.id !== 'filter' && !location.hash.startsWith('#/live')) route(); });
    window.addEventListener('hashchange', route);
    if (!location.hash) location.hash = `#/category/${encodeURIComponent(layout.categories[0].id)}`; else route();
  }
  start();
})();
