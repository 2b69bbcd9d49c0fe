// Remembers the reader's language (in this browser's local storage, never sent anywhere),
// and on arrival from another site opens the same page in the remembered language.
(function () {
  "use strict";
  var KEY = "exchange-language";
  var current = document.querySelector(".x-language-switch [aria-current]");
  if (!current) return;
  var siteLanguage = current.getAttribute("lang");
  var stored = null;
  try { stored = window.localStorage.getItem(KEY); } catch (error) { return; }
  var fromThisSite = false;
  try { fromThisSite = !!document.referrer && new URL(document.referrer).origin === location.origin; } catch (error) {}
  if (stored && stored !== siteLanguage && !fromThisSite) {
    var link = document.querySelector('.x-language-switch a[data-language="' + stored + '"]');
    if (link) { location.replace(link.href); return; }
  }
  try { window.localStorage.setItem(KEY, siteLanguage); } catch (error) {}
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest(".x-language-switch a[data-language]");
    if (link) { try { window.localStorage.setItem(KEY, link.getAttribute("data-language")); } catch (error) {} }
  });
})();
