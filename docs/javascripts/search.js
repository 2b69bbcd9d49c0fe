// The site search in the header (overrides/partials/search.html). Nothing is downloaded
// until the reader moves the pointer over the search box, touches it or focuses the search
// field; then this language's Pagefind bundle (its code, its WebAssembly and the index's
// table of contents), the search data (stop words, synonyms, the Welsh inflection rules) and
// the query engine (search-engine.mjs) load from this site, in small pieces, so the first
// keystroke only waits for the index chunk of the word typed. Results update as the reader
// types; the down arrow moves into them, Escape closes them.
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
  // A query of fewer letters than this is not searched: it means nothing yet, and as the start
  // of words it would load most of the index while the reader is still typing.
  var SHORTEST = 3;
  // A query of three letters (PEP, CLA, pen) is searched at once as whole words only, which is
  // quick (Pagefind's quoted search), and ranked fully once the reader stops typing for a
  // moment: for its ranking it is also searched as the start of words (cyn-, per-), which
  // matches most of the index and costs the page more than a keystroke's time while a longer
  // word (cynll-) follows at once.
  var SHORT = 4, SHORT_PAUSE_MS = 150;
  var loading = null;
  // run: the newest query typed; drawn: the newest whose results are on the page. A search that
  // ends after a newer one was typed is still shown if nothing newer is: while the reader types
  // on, the results of what they had typed so far appear (the first results at once).
  // drawing: the number of the newest drawing of results (a short query is drawn twice: its
  // quick answer, then its full one); full: the newest query whose full answer was drawn.
  // painting: resolves once the newest drawing has had a frame to reach the screen.
  var current = { query: "", results: [], shown: 0, run: 0, drawn: 0, drawing: 0, full: 0, painting: null };

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
        // Loads and starts Pagefind's WebAssembly and reads the index's table of contents now,
        // before the first keystroke (Pagefind would otherwise do it on the first search):
        // asking for the filters waits for both, and the site has no filters to fetch.
        pagefind.filters().catch(function () {});
        // Pagefind splits the typed words with Intl.Segmenter, whose first use reads the
        // browser's segmentation data (about 20 ms): done now too, not on the first keystroke.
        try { Array.from(new Intl.Segmenter(document.documentElement.lang || undefined, { granularity: "grapheme" }).segment("a")); } catch (error) {}
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

  // Draws results from..from+PAGE, each as soon as its own data has arrived and those above it
  // are drawn (the first result does not wait for the eighth). Resolves to false if newer
  // results took the list over meanwhile (`drawing` is this drawing's number).
  function render(search, from, drawing) {
    var items = current.results.slice(from, from + PAGE);
    var fragments = items.map(function (item) { return item.result.data(); });
    if (from === 0 && !items.length) list.textContent = "";
    function draw(index) {
      if (index === items.length) {
        current.shown = from + items.length;
        more.hidden = current.shown >= current.results.length;
        return Promise.resolve(true);
      }
      return fragments[index].then(function (fragment) {
        if (drawing !== current.drawing) return false;  // newer results are on their way to the page
        if (from === 0 && index === 0) list.textContent = "";
        list.appendChild(entry(search, items[index], fragment));
        if (index === 0) current.painting = nextFrame();
        return draw(index + 1);
      });
    }
    return draw(0);
  }

  function entry(search, item, fragment) {
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
    return entry;
  }

  function update() {
    var query = input.value.trim();
    var run = ++current.run;
    if (query.replace(/\s+/g, "").length < SHORTEST) {
      current.drawn = run;
      current.drawing++;  // a drawing still under way stops
      list.textContent = "";
      status.textContent = "";
      more.hidden = true;
      close(false);
      return;
    }
    open();
    if (!loading) status.textContent = text("loading");
    if (query.replace(/\s+/g, "").length < SHORT) {
      find(query, run, true);
      setTimeout(function () { if (run === current.run) find(query, run); }, SHORT_PAUSE_MS);
    } else {
      find(query, run);
    }
  }

  // Resolves once the browser has had a frame to paint what was just drawn (or after 50 ms, if
  // it paints no frames, as in a hidden tab).
  function nextFrame() {
    return new Promise(function (resolve) {
      requestAnimationFrame(function () { setTimeout(resolve, 0); });
      setTimeout(resolve, 50);
    });
  }

  function find(query, run, quick) {
    // A search keeps the page busy for a while (tens of milliseconds for the start of a common
    // word): results just drawn for what the reader typed before are painted first, not after it.
    Promise.resolve(current.painting).then(load).then(function (search) {
      var stale = function () { return run < current.drawn; };
      return search.engine.runQuery(search.pagefind, query, search.data, search.cache, stale, { firstPages: PAGE, wholeWordsOnly: quick }).then(function (results) {
        // The quick answer to a short query is not drawn over the full one of the same query.
        if (!results || stale() || (quick && current.full === run)) return;
        current.drawn = run;
        if (!quick) current.full = run;
        current.query = query;
        current.results = results;
        var drawing = ++current.drawing;
        return render(search, 0, drawing).then(function (drawn) {
          if (!drawn || drawing !== current.drawing) return;
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
  function warm() { load().catch(function () {}); }
  input.addEventListener("focus", warm);
  // A reader on their way to the box: a mouse over it, a finger on it.
  root.addEventListener("pointerenter", warm, { once: true });
  root.addEventListener("touchstart", warm, { once: true, passive: true });
  input.addEventListener("input", update);
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var first = links()[0];
    if (first) first.focus();
  });
  more.addEventListener("click", function () {
    var next = current.shown;
    load().then(function (search) {
      return render(search, next, current.drawing).then(function () {
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
