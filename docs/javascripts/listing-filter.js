// Instant filtering of every listing (overrides/partials/listing.html). A form
// [data-listing-filter=ID] narrows the list [data-listing=ID]: each select's name is a
// filter, and each entry lists its values for it in data-filter-<name> (space-separated).
// Without JavaScript the form stays hidden and the grouped lists below the listing do the
// same job. The choice is kept in the address (?type=research) so a filtered list can be shared.
(function () {
  "use strict";

  function setUp(form) {
    var list = document.querySelector('[data-listing="' + CSS.escape(form.dataset.listingFilter) + '"]');
    if (!list) return;
    var items = Array.prototype.slice.call(list.children);
    var status = form.querySelector("[role=status]");
    var selects = Array.prototype.slice.call(form.querySelectorAll("select"));

    function values() {
      var chosen = {};
      selects.forEach(function (select) { if (select.value) chosen[select.name] = select.value; });
      return chosen;
    }

    function matches(item, chosen) {
      return Object.keys(chosen).every(function (name) {
        var attribute = item.getAttribute("data-filter-" + name) || "";
        return attribute.split(" ").indexOf(chosen[name]) >= 0;
      });
    }

    function apply() {
      var chosen = values();
      var shown = 0;
      items.forEach(function (item) {
        var show = matches(item, chosen);
        item.hidden = !show;
        if (show) shown += 1;
      });
      status.textContent = shown === 0 ? status.dataset.none :
        status.dataset.template.replace("{n}", shown).replace("{total}", items.length);
      var params = new URLSearchParams(location.search);
      selects.forEach(function (select) {
        if (select.value) params.set(select.name, select.value); else params.delete(select.name);
      });
      var query = params.toString();
      history.replaceState(null, "", location.pathname + (query ? "?" + query : "") + location.hash);
    }

    var params = new URLSearchParams(location.search);
    selects.forEach(function (select) {
      var wanted = params.get(select.name);
      if (wanted && select.querySelector('option[value="' + CSS.escape(wanted) + '"]')) select.value = wanted;
      select.addEventListener("change", apply);
    });
    form.addEventListener("reset", function () { setTimeout(apply, 0); });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    form.hidden = false;
    apply();
  }

  Array.prototype.forEach.call(document.querySelectorAll("[data-listing-filter]"), setUp);
})();
