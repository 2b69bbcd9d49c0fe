// Counted strings in the browser: "2 ddogfen", "3 chanlyniad", "1 document". An element
// carries one attribute per CLDR plural category of the page's language, written from
// exchange/data/strings.yml (data-<name>-zero, -one, -two, -few, -many, -other); the category
// comes from Intl.PluralRules, as Babel gives it in Python (exchange/core/strings.py count_phrase).
(function (root) {
  "use strict";
  var CATEGORIES = ["zero", "one", "two", "few", "many", "other"];

  function category(language, count) {
    try {
      return new Intl.PluralRules(language).select(count);
    } catch (error) {
      return count === 1 ? "one" : "other";
    }
  }

  function fill(text, values) {
    return text.replace(/\{(\w+)\}/g, function (whole, key) {
      return values && key in values ? String(values[key]) : whole;
    });
  }

  // forms: {zero: "...", ..., other: "..."}; the form of the category, or "other".
  function pick(forms, language, count) {
    var chosen = forms[category(language, count)];
    return chosen === undefined || chosen === null ? forms.other : chosen;
  }

  function formsOf(element, name) {
    var forms = {};
    CATEGORIES.forEach(function (each) {
      var value = element.getAttribute("data-" + name + "-" + each);
      if (value !== null) forms[each] = value;
    });
    return forms;
  }

  // The text for `count` from an element's data-<name>-<category> attributes, with {n} (the
  // count, unless values gives n) and the other {placeholders} filled in.
  function text(element, name, count, values) {
    var language = (element.closest("[lang]") || document.documentElement).getAttribute("lang") || "en";
    var all = { n: count };
    for (var key in values || {}) all[key] = values[key];
    return fill(pick(formsOf(element, name), language, count) || "", all);
  }

  var api = { CATEGORIES: CATEGORIES, category: category, pick: pick, fill: fill, text: text };
  if (typeof module === "object" && module.exports) module.exports = api;
  else root.exchangePlural = api;
})(typeof window !== "undefined" ? window : this);
