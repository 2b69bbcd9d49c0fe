// The site search in the header (overrides/partials/search.html). Nothing is downloaded
// until the reader focuses the search field; then this language's Pagefind bundle and the
// query engine (search-engine.mjs) load from this site, in small pieces. Results update as
// the reader types; the down arrow moves into them, Escape closes them.
(function () {
  "use strict";
  var root = document.querySelector("[data-search]");
  if (!root || !window.Promise || !("noModule" in document.createElement("script"))) return;
  var input = root.querySelector(".x-search__input");
  var form = root.querySelector("form");
  var panel = root.querySelector(".x-search__panel");
  var status = root.querySelector(".x-search__status");
  var list = root.querySelector(".x-search__results");
  var more = root.querySelector("[data-search-more]");
  var template = root.querySelector("template[data-search-result]");
  var PAGE = 8;
  var loading = null;
  var current = { query: "", results: [], shown: 0, run: 0 };

  function text(name, values) {
    return (root.getAttribute("data-" + name) || "").replace(/\{(\w+)\}/g, function (_, key) {
      return values && key in values ? values[key] : "";
    });
  }

  function load() {
    if (loading) return loading;
    var bundle = new URL(root.getAttribute("data-bundle"), location.href).href;
    var engineUrl = new URL(root.getAttribute("data-engine"), location.href).href;
    loading = Promise.all([
      import(bundle + "pagefind.js"),
      import(engineUrl),
      fetch(bundle + "exchange-search.json").then(function (response) {
        if (!response.ok) throw new Error("search data: " + response.status);
        return response.json();
      }),
    ]).then(function (loaded) {
      var pagefind = loaded[0];
      // On the page's own thread: the engine keeps Pagefind's results between keystrokes, and
      // in Pagefind's web worker an earlier search's results lose their data.
      return pagefind.options({ noWorker: true, excerptLength: 30 }).then(function () {
        return { pagefind: pagefind, engine: loaded[1], data: loaded[2], cache: new Map() };
      });
    });
    loading.catch(function () { loading = null; });
    return loading;
  }

  function open() {
    panel.hidden = false;
  }

  function close(focusInput) {
    panel.hidden = true;
    if (focusInput) input.focus();
  }

  function links() {
    return Array.prototype.slice.call(list.querySelectorAll(".x-search__title"));
  }

  function render(search, from) {
    var items = current.results.slice(from, from + PAGE);
    return Promise.all(items.map(function (item) { return item.result.data(); })).then(function (fragments) {
      fragments.forEach(function (fragment, index) {
        var item = items[index];
        var excerpt = search.engine.buildExcerpt(fragment, Array.from(item.locations), search.data);
        var entry = template.content.firstElementChild.cloneNode(true);
        var link = entry.querySelector(".x-search__title");
        link.href = fragment.url + (excerpt.heading ? "#" + excerpt.heading.id : "");
        link.textContent = (fragment.meta && fragment.meta.title) || fragment.url;
        var where = [fragment.meta && fragment.meta.section, excerpt.heading && excerpt.heading.text].filter(Boolean);
        if (where.length) entry.querySelector("[data-section]").textContent = where.join(" › ");
        else entry.querySelector(".x-search__where").remove();
        var paragraph = entry.querySelector(".x-search__excerpt");
        excerpt.parts.forEach(function (part) {
          if (part.mark) {
            var mark = document.createElement("mark");
            mark.textContent = part.text.trimEnd();
            paragraph.appendChild(mark);
            if (part.text !== mark.textContent) paragraph.appendChild(document.createTextNode(" "));
          } else {
            paragraph.appendChild(document.createTextNode(part.text));
          }
        });
        list.appendChild(entry);
      });
      current.shown = from + items.length;
      more.hidden = current.shown >= current.results.length;
    });
  }

  function update() {
    var query = input.value.trim();
    var run = ++current.run;
    if (!query) {
      list.textContent = "";
      status.textContent = "";
      more.hidden = true;
      close(false);
      return;
    }
    open();
    if (!loading) status.textContent = text("loading");
    load().then(function (search) {
      var stale = function () { return run !== current.run; };
      return search.engine.runQuery(search.pagefind, query, search.data, search.cache, stale).then(function (results) {
        if (!results || stale()) return;
        current.query = query;
        current.results = results;
        list.textContent = "";
        return render(search, 0).then(function () {
          if (run !== current.run) return;
          var count = results.length;
          status.textContent = count === 0 ? text("none", { query: query })
            : window.exchangePlural.text(root, "results", count, { query: query });
          root.setAttribute("data-search-state", "done");
        });
      });
    }).catch(function (error) {
      if (window.console) console.error("search:", error);
      if (run === current.run) status.textContent = text("error");
    });
  }

  root.hidden = false;
  input.addEventListener("focus", function () { load().catch(function () {}); });
  input.addEventListener("input", update);
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var first = links()[0];
    if (first) first.focus();
  });
  more.addEventListener("click", function () {
    var next = current.shown;
    load().then(function (search) {
      return render(search, next).then(function () {
        var added = links()[next];
        if (added) added.focus();
      });
    });
  });
  root.querySelector("[data-search-close]").addEventListener("click", function () { close(true); });
  root.addEventListener("keydown", function (event) {
    var all = links();
    var at = all.indexOf(document.activeElement);
    if (event.key === "Escape" && !panel.hidden) {
      event.preventDefault();
      close(true);
    } else if (event.key === "ArrowDown" && (document.activeElement === input || at >= 0) && !panel.hidden) {
      event.preventDefault();
      var next = all[at + 1];
      if (next) next.focus();
    } else if (event.key === "ArrowUp" && at >= 0) {
      event.preventDefault();
      (at === 0 ? input : all[at - 1]).focus();
    }
  });
  document.addEventListener("click", function (event) {
    if (!panel.hidden && !root.contains(event.target)) close(false);
  });
})();
