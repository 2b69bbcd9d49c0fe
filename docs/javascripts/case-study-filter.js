// Instant filtering of the case-study listing. Without JavaScript the form stays hidden and
// the grouped lists below it do the same job. The choice is kept in the address (?theme=...)
// so that a filtered list can be shared.
(function () {
  "use strict";
  var form = document.querySelector("[data-case-study-filter]");
  var list = document.querySelector("[data-case-study-list]");
  if (!form || !list) return;
  var items = Array.prototype.slice.call(list.children);
  var status = form.querySelector("[role=status]");
  var fields = ["theme", "area", "type"];

  function matches(item, values) {
    return (!values.theme || item.dataset.themes.split(" ").indexOf(values.theme) >= 0) &&
      (!values.area || item.dataset.areas.split(" ").indexOf(values.area) >= 0) &&
      (!values.type || item.dataset.type === values.type);
  }

  function apply() {
    var values = {};
    fields.forEach(function (name) { values[name] = form.elements[name].value; });
    var shown = 0;
    items.forEach(function (item) {
      var show = matches(item, values);
      item.hidden = !show;
      if (show) shown += 1;
    });
    status.textContent = shown === 0 ? status.dataset.none :
      status.dataset.template.replace("{n}", shown).replace("{total}", items.length);
    var params = new URLSearchParams(location.search);
    fields.forEach(function (name) { if (values[name]) params.set(name, values[name]); else params.delete(name); });
    var query = params.toString();
    history.replaceState(null, "", location.pathname + (query ? "?" + query : "") + location.hash);
  }

  var params = new URLSearchParams(location.search);
  fields.forEach(function (name) {
    var select = form.elements[name];
    var wanted = params.get(name);
    if (wanted && select.querySelector('option[value="' + CSS.escape(wanted) + '"]')) select.value = wanted;
    select.addEventListener("change", apply);
  });
  form.addEventListener("reset", function () { setTimeout(apply, 0); });
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  form.hidden = false;
  apply();
})();
