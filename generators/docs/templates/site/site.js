// Search and filters of the catalog's index page. Vanilla JS, no network: the index
// comes from search-index.js. Taxonomy text is only ever set with textContent.
(function () {
  'use strict';
  var data = window.TAXONOMY_SEARCH;
  var table = document.getElementById('events');
  if (!data || !table) return;
  var rows = Array.prototype.slice.call(table.tBodies[0].rows);
  var q = document.getElementById('q');
  var count = document.getElementById('count');
  var empty = document.getElementById('empty');
  var selects = Array.prototype.slice.call(document.querySelectorAll('select[data-filter]'));
  var total = data.events.length;

  function words(text) {
    return text.toLowerCase().split(/\s+/).filter(Boolean);
  }

  // Every word must occur somewhere in the event or one of its properties.
  // Returns the property that matched (to show why a row is listed), '' or null.
  function match(e, ws) {
    var hay = [e.name, e.description, e.domain, e.category, e.owner, e.status].join(' ').toLowerCase();
    var hit = '';
    for (var i = 0; i < ws.length; i++) {
      var w = ws[i];
      if (hay.indexOf(w) >= 0) continue;
      var found = null;
      for (var j = 0; j < e.properties.length; j++) {
        var p = e.properties[j];
        if (p.name.toLowerCase().indexOf(w) >= 0 || p.description.toLowerCase().indexOf(w) >= 0) { found = p; break; }
      }
      if (!found) return null;
      if (!hit) hit = found.name;
    }
    return hit;
  }

  function filterValue(e, key) {
    return key === 'privacy' ? e.privacy : [e[key]];
  }

  function apply() {
    var ws = words(q.value);
    var active = selects.filter(function (s) { return s.value; });
    var shown = 0;
    rows.forEach(function (row) {
      var e = data.events[Number(row.getAttribute('data-i'))];
      var ok = active.every(function (s) { return filterValue(e, s.getAttribute('data-filter')).indexOf(s.value) >= 0; });
      var hit = ok ? match(e, ws) : null;
      ok = ok && hit !== null;
      row.hidden = !ok;
      var note = row.querySelector('.hit');
      note.textContent = hit ? 'matches property ' + hit : '';
      note.hidden = !hit;
      if (ok) shown++;
    });
    count.textContent = shown === total ? total + ' events' : shown + ' of ' + total + ' events';
    empty.hidden = shown > 0;
    saveState();
  }

  function saveState() {
    var params = new URLSearchParams();
    if (q.value) params.set('q', q.value);
    selects.forEach(function (s) { if (s.value) params.set(s.getAttribute('data-filter'), s.value); });
    var hash = params.toString();
    history.replaceState(null, '', hash ? '#' + hash : location.pathname + location.search);
  }

  function loadState() {
    var params = new URLSearchParams(location.hash.replace(/^#/, ''));
    q.value = params.get('q') || '';
    selects.forEach(function (s) {
      var v = params.get(s.getAttribute('data-filter')) || '';
      var known = Array.prototype.some.call(s.options, function (o) { return o.value === v; });
      s.value = known ? v : '';
    });
  }

  q.addEventListener('input', apply);
  selects.forEach(function (s) { s.addEventListener('change', apply); });
  document.getElementById('reset').addEventListener('click', function () {
    q.value = '';
    selects.forEach(function (s) { s.value = ''; });
    apply();
    q.focus();
  });
  window.addEventListener('hashchange', function () { loadState(); apply(); });
  loadState();
  apply();
})();
