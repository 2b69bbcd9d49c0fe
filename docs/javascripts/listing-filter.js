// Instant filtering of every listing (overrides/partials/listing.html). A form
// [data-listing-filter=ID] narrows the list [data-listing=ID]: each select's name is a
// filter, and each entry lists its values for it in data-filter-<name> (space-separated).
//
// A listing in pages (exchange/pages/listing_pages.py) shows one page of its entries; its form names
// a JSON file of every entry (data-listing-source). The file is fetched the first time a
// reader chooses a filter, and the entries that match, from every page, replace the page's
// list: each is a copy of the listing's <template data-listing-template=ID>, whose elements say
// in data-slot which of the entry's values they show ("text:title href:url lang:language").
// With no filter chosen the page's own list and its paging links come back. If the file cannot
// be fetched, the filter narrows the page's own entries.
//
// Without JavaScript the form stays hidden; the paging links and the browse pages (or the
// grouped lists below the listing) do the same job. The choice is kept in the address
// (?type=research) so a filtered list can be shared.
(function () {
  "use strict";

  function setUp(form) {
    var id = CSS.escape(form.dataset.listingFilter);
    var list = document.querySelector('[data-listing="' + id + '"]');
    if (!list) return;
    var pageItems = Array.prototype.slice.call(list.children);
    var status = form.querySelector("[role=status]");
    var selects = Array.prototype.slice.call(form.querySelectorAll("select"));
    var template = document.querySelector('template[data-listing-template="' + id + '"]');
    var paging = document.querySelector('[data-listing-paging="' + id + '"]');
    var source = template && form.dataset.listingSource ? new URL(form.dataset.listingSource, location.href) : null;
    var total = source ? Number(form.dataset.listingTotal) : pageItems.length;
    var entries = null;
    var loading = null;
    var showingAll = false;

    function values() {
      var chosen = {};
      selects.forEach(function (select) { if (select.value) chosen[select.name] = select.value; });
      return chosen;
    }

    function matches(valuesOf, chosen) {
      return Object.keys(chosen).every(function (name) {
        return valuesOf(name).indexOf(chosen[name]) >= 0;
      });
    }

    function attributeValues(item) {
      return function (name) { return (item.getAttribute("data-filter-" + name) || "").split(" "); };
    }

    function entryValues(entry) {
      return function (name) { return (entry.filters && entry.filters[name]) || []; };
    }

    function fill(element, entry) {
      element.getAttribute("data-slot").split(" ").forEach(function (pair) {
        var colon = pair.indexOf(":");
        var target = pair.slice(0, colon);
        var value = entry[pair.slice(colon + 1)];
        if (target === "text") element.textContent = value == null ? "" : value;
        else if (value == null || value === "") element.removeAttribute(target);
        else element.setAttribute(target, target === "href" ? new URL(value, source).href : value);
      });
    }

    function copyOf(entry) {
      var item = template.content.firstElementChild.cloneNode(true);
      if (item.hasAttribute("data-slot")) fill(item, entry);
      Array.prototype.forEach.call(item.querySelectorAll("[data-slot]"), function (element) { fill(element, entry); });
      Object.keys(entry.filters || {}).forEach(function (name) { item.setAttribute("data-filter-" + name, entry.filters[name].join(" ")); });
      return item;
    }

    function load() {
      if (!loading) {
        loading = fetch(source.href, { credentials: "same-origin" })
          .then(function (response) { if (!response.ok) throw new Error(response.status); return response.json(); })
          .then(function (data) { entries = data; }, function () { source = null; total = pageItems.length; });
      }
      return loading;
    }

    function say(shown, of) {
      status.textContent = shown === 0 ? status.dataset.none :
        status.dataset.template.replace("{n}", shown).replace("{total}", of);
    }

    function showPage(chosen) {
      if (showingAll) {
        list.replaceChildren.apply(list, pageItems);
        showingAll = false;
      }
      var shown = 0;
      pageItems.forEach(function (item) {
        var show = matches(attributeValues(item), chosen);
        item.hidden = !show;
        if (show) shown += 1;
      });
      return shown;
    }

    function apply() {
      var chosen = values();
      var filtering = Object.keys(chosen).length > 0;
      var params = new URLSearchParams(location.search);
      selects.forEach(function (select) {
        if (select.value) params.set(select.name, select.value); else params.delete(select.name);
      });
      var query = params.toString();
      history.replaceState(null, "", location.pathname + (query ? "?" + query : "") + location.hash);

      if (filtering && source && entries) {
        var matching = entries.filter(function (entry) { return matches(entryValues(entry), chosen); });
        list.replaceChildren.apply(list, matching.map(copyOf));
        showingAll = true;
        if (paging) paging.hidden = true;
        say(matching.length, total);
        return;
      }
      var shown = showPage(chosen);
      if (paging) paging.hidden = false;
      if (filtering && source) {
        // Until every entry has arrived, this page's own entries are narrowed.
        load().then(apply);
        if (paging) paging.hidden = true;
      }
      say(shown, filtering ? pageItems.length : total);
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
