(function () {
  'use strict';
  // Sorts and filters the rows the page was written with; reads text only through textContent
  // and data attributes, and never writes markup.
  var table = document.getElementById('reports');
  if (!table) { return; }
  var body = table.tBodies[0];
  var rows = Array.prototype.slice.call(body.rows);
  var query = document.getElementById('q');
  var onlyErrors = document.getElementById('only-errors');
  var onlyPartial = document.getElementById('only-partial');
  var count = document.getElementById('count');
  var countText = count.getAttribute('data-text');
  var severities = ['error', 'warning', 'info'];
  rows.forEach(function (row) {
    row.searchText = (row.textContent + ' ' + (row.getAttribute('data-codes') || '')).toLowerCase();
    var target = row.getAttribute('data-target');
    row.details = target ? document.getElementById(target) : null;
  });

  // A section is shown when its report is, and it has something to show: a gap in what was
  // checked, or a finding of a severity ticked.
  function hasContent(details, ticked) {
    return details.getAttribute('data-full') === '0' || ticked.some(function (severity) {
      return Number(details.getAttribute('data-' + severity)) > 0;
    });
  }

  function apply() {
    var words = query.value.toLowerCase().split(/\s+/).filter(Boolean);
    var ticked = severities.filter(function (severity) {
      var box = document.getElementById('sev-' + severity);
      document.body.classList.toggle('hide-' + severity, !box.checked);
      return box.checked;
    });
    var shown = 0;
    rows.forEach(function (row) {
      var visible = words.every(function (word) { return row.searchText.indexOf(word) >= 0; }) &&
        (!onlyErrors.checked || Number(row.getAttribute('data-errors')) > 0) &&
        (!onlyPartial.checked || row.getAttribute('data-full') === '0');
      row.hidden = !visible;
      if (row.details) { row.details.hidden = !visible || !hasContent(row.details, ticked); }
      if (visible) { shown += 1; }
    });
    count.textContent = countText.replace('{shown}', shown).replace('{total}', rows.length);
  }

  function value(row, column, numeric) {
    var cell = row.cells[column];
    var raw = cell.hasAttribute('data-v') ? cell.getAttribute('data-v') : cell.textContent;
    if (!numeric) { return raw; }
    return raw === '' ? -Infinity : Number(raw);
  }

  var headers = Array.prototype.slice.call(table.tHead.rows[0].cells);
  headers.forEach(function (header, column) {
    var button = header.querySelector('button');
    button.addEventListener('click', function () {
      var ascending = header.getAttribute('aria-sort') !== 'ascending';
      var numeric = header.getAttribute('data-type') === 'number';
      headers.forEach(function (other) { other.setAttribute('aria-sort', 'none'); });
      header.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
      var order = rows.map(function (row, at) { return { row: row, at: at, key: value(row, column, numeric) }; });
      order.sort(function (a, b) {
        var by = numeric ? a.key - b.key : a.key.localeCompare(b.key, document.documentElement.lang);
        if (!ascending) { by = -by; }
        return by || a.at - b.at;
      });
      order.forEach(function (entry) { body.appendChild(entry.row); });
    });
  });

  [query, onlyErrors, onlyPartial].concat(severities.map(function (severity) {
    return document.getElementById('sev-' + severity);
  })).forEach(function (control) {
    control.addEventListener('input', apply);
    control.addEventListener('change', apply);
  });
  apply();
  document.body.setAttribute('data-ready', 'yes');
}());
