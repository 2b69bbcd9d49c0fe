// Sorting and filtering of the national contact list. Without JavaScript the table is
// grouped by region and the links above it go to each region and local authority; this
// script only adds to that (progressive enhancement):
// - a filter form (labelled selects for local authority, region and role), with a count of
//   the rows shown in a role="status" paragraph; the choice is kept in the address
//   (?authority=...&region=...&role=...) so that a filtered list can be shared;
// - a real <button> in each sortable column header, whose <th> carries aria-sort. Sorting
//   uses ranks written by the build, so the Welsh page sorts in Welsh alphabetical order.
(function () {
  "use strict";
  var table = document.querySelector("[data-contacts-table]");
  var form = document.querySelector("[data-contacts-filter]");
  if (!table || !form) return;
  var status = form.querySelector("[data-contacts-status]");
  var groupButton = form.querySelector("[data-contacts-group]");
  var bodies = Array.prototype.slice.call(table.tBodies);
  var rows = Array.prototype.slice.call(table.querySelectorAll("tr[data-row]"));
  var headers = Array.prototype.slice.call(table.querySelectorAll("tr[data-group-header]"));
  var fields = ["authority", "region", "role"];
  var home = rows.map(function (row) { return row.parentNode; });
  var sortState = null; // {key, label, direction}

  function visibleCount() {
    var values = {};
    fields.forEach(function (name) { values[name] = form.elements[name].value; });
    var shown = 0;
    rows.forEach(function (row) {
      var show = fields.every(function (name) { return !values[name] || row.dataset[name] === values[name]; });
      row.hidden = !show;
      if (show) shown += 1;
    });
    headers.forEach(function (header) {
      var body = header.parentNode;
      var any = Array.prototype.some.call(body.querySelectorAll("tr[data-row]"), function (row) { return !row.hidden; });
      header.hidden = sortState !== null || !any;
    });
    return { shown: shown, values: values };
  }

  function announce(shown) {
    var text = shown === 0 ? status.dataset.none :
      window.exchangePlural.text(status, "template", rows.length, { n: shown, total: rows.length });
    if (sortState) {
      text += " " + status.dataset.sorted.replace("{column}", sortState.label)
        .replace("{direction}", status.dataset[sortState.direction]);
    }
    status.textContent = text;
  }

  function apply() {
    var result = visibleCount();
    announce(result.shown);
    var params = new URLSearchParams(location.search);
    fields.forEach(function (name) {
      if (result.values[name]) params.set(name, result.values[name]); else params.delete(name);
    });
    var query = params.toString();
    history.replaceState(null, "", location.pathname + (query ? "?" + query : "") + location.hash);
  }

  function compare(key, direction) {
    var factor = direction === "ascending" ? 1 : -1;
    return function (a, b) {
      var x = a.row.dataset["sort" + key.charAt(0).toUpperCase() + key.slice(1)];
      var y = b.row.dataset["sort" + key.charAt(0).toUpperCase() + key.slice(1)];
      var numeric = key !== "verified";
      var order = numeric ? Number(x) - Number(y) : (x < y ? -1 : x > y ? 1 : 0);
      return order !== 0 ? factor * order : a.index - b.index;
    };
  }

  function sortBy(th) {
    var key = th.dataset.sort;
    var direction = th.getAttribute("aria-sort") === "ascending" ? "descending" : "ascending";
    table.querySelectorAll("th[data-sort]").forEach(function (other) { other.removeAttribute("aria-sort"); });
    th.setAttribute("aria-sort", direction);
    sortState = { key: key, label: th.textContent.trim(), direction: direction };
    var target = bodies[0];
    rows.map(function (row, index) { return { row: row, index: index }; })
      .sort(compare(key, direction))
      .forEach(function (item) { target.appendChild(item.row); });
    groupButton.hidden = false;
    apply();
  }

  function regroup() {
    sortState = null;
    table.querySelectorAll("th[data-sort]").forEach(function (th) { th.removeAttribute("aria-sort"); });
    rows.forEach(function (row, index) { home[index].appendChild(row); });
    groupButton.hidden = true;
    apply();
  }

  table.querySelectorAll("thead th[data-sort]").forEach(function (th) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = "x-contacts-sort";
    while (th.firstChild) button.appendChild(th.firstChild);
    th.appendChild(button);
    button.addEventListener("click", function () { sortBy(th); });
  });

  var params = new URLSearchParams(location.search);
  fields.forEach(function (name) {
    var select = form.elements[name];
    var wanted = params.get(name);
    if (wanted && select.querySelector('option[value="' + CSS.escape(wanted) + '"]')) select.value = wanted;
    select.addEventListener("change", apply);
  });
  groupButton.addEventListener("click", regroup);
  form.addEventListener("reset", function () { setTimeout(apply, 0); });
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  form.hidden = false;
  apply();
})();
