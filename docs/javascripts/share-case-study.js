// "Share a case study": checks the form with the case-study checker's rules and makes the
// case study's en.md and cy.md, for download or copying. Nothing is sent anywhere.
//
// The rules come from case-studies/schema.json, which the build writes from
// exchange.case_studies.FIELDS, the vocabulary and exchange/content/markdown_safety.py, so the form
// and `make check` agree. The messages come from exchange/data/strings.yml (share.*), in
// the page's language. Error pattern: GOV.UK Design System (summary at the top, linked).
(function () {
  "use strict";
  var root = document.querySelector("[data-share]");
  if (!root) return;
  var form = root.querySelector("[data-share-form]");
  var noJs = root.querySelector("[data-share-no-js]");
  var broken = root.querySelector("[data-share-broken]");
  var summary = form.querySelector("[data-error-summary]");
  var output = root.querySelector("[data-share-output]");
  var strings = JSON.parse(root.querySelector("[data-share-strings]").textContent);
  var language = root.getAttribute("lang") || "en";
  var pageTitle = document.title;
  var blobUrls = [];

  var ENGLISH = ["title_en", "summary_en", "organisation_en", "contact_role_en", "body_en"];
  var WELSH = ["title_cy", "summary_cy", "organisation_cy", "contact_role_cy", "body_cy"];
  var ORDER = ["title_en", "summary_en", "organisation_en", "contact_role_en", "organisation_type",
    "local_authority", "region", "themes", "audiences", "published", "source_document", "source_url",
    "body_en", "title_cy", "summary_cy", "organisation_cy", "contact_role_cy", "body_cy", "slug",
    "no_child_identified"];

  function t(key, values) {
    var text = strings[key];
    if (text === undefined) throw new Error("share form: no string '" + key + "' in exchange/data/strings.yml");
    return text.replace(/\{(\w+)\}/g, function (whole, name) {
      return values && Object.prototype.hasOwnProperty.call(values, name) ? String(values[name]) : whole;
    });
  }

  function showBroken() {
    broken.hidden = false;
    noJs.hidden = false;
    form.hidden = true;
  }

  noJs.hidden = true;
  if (!window.fetch || !window.Blob || !window.URL) { showBroken(); return; }
  fetch(root.getAttribute("data-schema"), { credentials: "same-origin" })
    .then(function (response) {
      if (!response.ok) throw new Error("schema: HTTP " + response.status);
      return response.json();
    })
    .then(start)
    .catch(function (error) {
      if (window.console) console.error(error);
      showBroken();
    });

  function start(schema) {
    var patterns = {};
    Object.keys(schema.patterns).forEach(function (name) {
      patterns[name] = schema.patterns[name];
    });
    function re(name, extraFlags) {
      var pattern = patterns[name];
      return new RegExp(pattern.source, pattern.flags + (extraFlags || ""));
    }
    var vocab = {};
    Object.keys(schema.vocabularies).forEach(function (kind) {
      vocab[kind] = {};
      schema.vocabularies[kind].forEach(function (entry) { vocab[kind][entry.id] = entry; });
    });
    var slugTouched = false;
    var el = form.elements;

    form.hidden = false;

    // The region follows the local authority (the checker's rule), and stays editable for
    // Wales-wide work.
    el.local_authority.addEventListener("change", function () {
      var entry = vocab.local_authorities[el.local_authority.value];
      if (entry && entry.region !== "wales") el.region.value = entry.region;
    });
    el.slug.addEventListener("input", function () { slugTouched = el.slug.value.trim() !== ""; });
    el.title_en.addEventListener("input", function () {
      if (!slugTouched) el.slug.value = suggestSlug(el.title_en.value);
    });

    function suggestSlug(title) {
      var words = title.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase().match(/[a-z0-9]+/g) || [];
      var slug = "";
      for (var i = 0; i < words.length; i++) {
        var candidate = slug ? slug + "-" + words[i] : words[i];
        if (candidate.length > 60) break;
        slug = candidate;
      }
      return slug || (words.length ? words[0].slice(0, 60) : "");
    }

    function value(name) { return (el[name].value || "").trim(); }
    function checked(name) {
      return Array.prototype.filter.call(form.querySelectorAll('input[name="' + name + '"]'), function (box) {
        return box.checked;
      }).map(function (box) { return box.value; });
    }
    function length(text) { return Array.from(text).length; }
    function specFor(name) { return schema.fields[name.replace(/_(en|cy)$/, "")] || {}; }  // source_document: no length limit

    // ------------------------------------------------------------- the checker's rules

    function textProblems(name, required) {
      var text = value(name);
      var spec = specFor(name);
      if (!text) return required ? [t("share.error.required")] : [];
      var problems = [];
      if (spec.max_length && length(text) > spec.max_length) problems.push(t("share.error.too_long", { max: spec.max_length, count: length(text) }));
      if (re("html_in_text").test(text)) problems.push(t("share.error.html"));
      if (re("placeholder").test(text)) problems.push(t("share.error.placeholder"));
      return problems;
    }

    function titleProblems(name, required) {
      var problems = textProblems(name, required);
      var lang = name.slice(-2);
      var titles = (schema.existing.titles[lang] || []);
      if (value(name) && titles.indexOf(value(name).toLowerCase()) >= 0) problems.push(t("share.error.duplicate_title"));
      return problems;
    }

    function choiceProblems(name) {
      var spec = schema.fields[name];
      return vocab[spec.vocabulary][value(name)] ? [] : [t("share.error.choose_one")];
    }

    function choicesProblems(name) {
      var spec = schema.fields[name];
      var values = checked(name).filter(function (item) { return vocab[spec.vocabulary][item]; });
      return values.length ? [] : [t("share.error.choose_some")];
    }

    function regionProblems() {
      var problems = choiceProblems("region");
      var authority = vocab.local_authorities[value("local_authority")];
      if (!problems.length && authority && authority.region !== "wales" && authority.region !== value("region")) {
        problems.push(t("share.error.region", { region: vocab.regions[authority.region][language] }));
      }
      return problems;
    }

    function parseDate(text) {
      var partial = re("partial_date").exec(text);
      if (partial) {
        var month = partial.groups.month;
        if (month && (+month < 1 || +month > 12)) return null;
        return [+partial.groups.year, month ? +month : 0, 0];
      }
      var full = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
      if (!full) return null;
      var date = new Date(Date.UTC(+full[1], +full[2] - 1, +full[3]));
      if (date.getUTCFullYear() !== +full[1] || date.getUTCMonth() !== +full[2] - 1 || date.getUTCDate() !== +full[3]) return null;
      return [+full[1], +full[2], +full[3]];
    }

    function dateProblems() {
      var text = value("published");
      if (!text) return [t("share.error.required")];
      var parts = parseDate(text);
      if (!parts) return [t("share.error.date")];
      var now = new Date();
      var today = [now.getFullYear(), parts[1] ? now.getMonth() + 1 : 0, parts[2] ? now.getDate() : 0];
      for (var i = 0; i < 3; i++) {
        if (parts[i] !== today[i]) return parts[i] > today[i] ? [t("share.error.future")] : [];
      }
      return [];
    }

    function urlProblems() {
      var text = value("source_url");
      if (!text) return [t("share.error.required")];
      return re("url").test(text) ? [] : [t("share.error.url")];
    }

    // A line as a browser reads a link in it: entities decoded, tabs and newlines gone.
    function browserView(line) {
      var parsed = new DOMParser().parseFromString("<textarea>" + line.replace(/<\/textarea/gi, "") + "</textarea>", "text/html");
      var decoded = parsed.querySelector("textarea").value;
      return decoded.replace(/[\t\n\r\x00-\x08\x0b\x0c\x0e-\x1f]/g, "");
    }

    function pictureProblems(source, alt, pictures) {
      var problems = [];
      var cleanAlt = alt.trim();
      if (!cleanAlt) problems.push(t("share.error.picture_alt", { src: source }));
      else if (schema.vague_alt.indexOf(cleanAlt.toLowerCase()) >= 0 || cleanAlt === source) problems.push(t("share.error.picture_vague", { src: source }));
      var name = source;
      try { name = decodeURIComponent(source); } catch (error) { /* keep it as written */ }
      var suffix = (name.match(/\.[^.\/\\]+$/) || [""])[0].toLowerCase();
      if (!source) problems.push(t("share.error.picture_type", { src: "()", suffixes: schema.picture_suffixes.join(", ") }));
      else if (re("external_source").test(source)) problems.push(t("share.error.picture_external", { src: source }));
      else if (/[\/\\]/.test(name)) problems.push(t("share.error.picture_folder", { src: source }));
      else if (schema.picture_suffixes.indexOf(suffix) < 0) problems.push(t("share.error.picture_type", { src: source, suffixes: schema.picture_suffixes.join(", ") }));
      else pictures.push(name);
      return problems;
    }

    // ------------------------------------------------------------- the allow-list
    // The build sanitises every page's HTML with the allow-list of exchange/content/html_safety.py
    // (schema.html): the form refuses the same elements, attributes and address schemes.
    var html = schema.html;
    var allowedAttributes = {};
    html.tags.forEach(function (tag) {
      allowedAttributes[tag] = html.generic_attributes.concat(html.attributes[tag] || []);
    });
    var allAttributes = {};
    Object.keys(allowedAttributes).forEach(function (tag) {
      allowedAttributes[tag].forEach(function (name) { allAttributes[name] = true; });
      Object.keys(html.attribute_values[tag] || {}).forEach(function (name) { allAttributes[name] = true; });
    });

    // An address's scheme as a browser reads it: tabs and newlines anywhere and controls or
    // spaces around it are ignored (null: an address on this site).
    function scheme(address) {
      var cleaned = address.replace(/[\t\n\r]/g, "").replace(/^[\x00-\x20]+|[\x00-\x20]+$/g, "");
      var found = /^([a-zA-Z][a-zA-Z0-9+.\-]*):/.exec(cleaned);
      return found ? found[1].toLowerCase() : null;
    }
    function schemeRefused(address) {
      var found = scheme(address);
      return found !== null && html.url_schemes.indexOf(found) < 0 ? found : null;
    }
    function lineOf(text, needle) {
      var index = text.toLowerCase().indexOf(needle.toLowerCase());
      return index < 0 ? 0 : text.slice(0, index).split("\n").length - 1;
    }

    function allowListProblems(text, lines) {
      var found = [];
      // Raw HTML, parsed as the browser would (a <template> is inert: nothing loads or runs).
      var template = document.createElement("template");
      // Markdown's own autolinks (<https://...>, <name@example.org>) are links, not elements.
      template.innerHTML = text.replace(/<(?:(?:https?|ftp):\/\/[^<>\s]*|mailto:[^<>\s]*|[^<>\s@]+@[^<>\s@]+)>/gi, "");
      Array.prototype.forEach.call(template.content.querySelectorAll("*"), function (element) {
        var tag = element.localName;
        if (!allowedAttributes[tag]) {
          found.push([lineOf(text, "<" + tag), t("share.error.body_element", { tag: tag })]);
          return;
        }
        Array.prototype.forEach.call(element.attributes, function (attribute) {
          var name = attribute.name;
          var values = (html.attribute_values[tag] || {})[name];
          if (name === "id" && attribute.value.indexOf(html.reserved_id_prefix) === 0) {
            found.push([lineOf(text, attribute.value), t("share.error.body_attribute", { attribute: name, tag: tag })]);
          } else if (values ? values.indexOf(attribute.value) < 0 : allowedAttributes[tag].indexOf(name) < 0) {
            found.push([lineOf(text, name + "="), name.indexOf("on") === 0 ? t("share.error.body_event") : t("share.error.body_attribute", { attribute: name, tag: tag })]);
          } else if (html.url_attributes.indexOf(name) >= 0 && schemeRefused(attribute.value)) {
            found.push([lineOf(text, attribute.value.split("\n")[0].slice(0, 4) || name), t("share.error.body_scheme", { scheme: schemeRefused(attribute.value) })]);
          }
        });
      });
      // Markdown addresses: links, reference definitions and autolinks, on a line or split
      // over two (a browser drops the newline); entities decoded as the Markdown would.
      var destination = /(?:\]\(\s*<?|^\s{0,3}\[[^\]]+\]:\s*<?|<)([^\s)>"']+)/g;
      lines.forEach(function (line, index) {
        var joined = browserView(line + (index + 1 < lines.length ? lines[index + 1] : ""));
        var match;
        destination.lastIndex = 0;
        while ((match = destination.exec(joined))) {
          var refused = schemeRefused(match[1]);
          if (refused && !/^[a-z][a-z0-9+.\-]*:$/i.test(match[1]) && (match.index < browserView(line).length)) {
            found.push([index, t("share.error.body_scheme", { scheme: refused })]);
          }
        }
        // Attribute lists, {: key=value }: only the attributes the allow-list has.
        var lists = /\{:?([^}\n]*)\}/g;
        var list;
        while ((list = lists.exec(line))) {
          if (new RegExp("(^|\\s)#" + html.reserved_id_prefix).test(list[1])) found.push([index, t("share.error.body_attribute", { attribute: "id", tag: "…" })]);
          var pairs = /([^\s=#.]+)\s*=/g;
          var pair;
          while ((pair = pairs.exec(list[1]))) {
            var key = pair[1].toLowerCase();
            if (!allAttributes[key]) found.push([index, key.indexOf("on") === 0 ? t("share.error.body_event") : t("share.error.body_attribute", { attribute: key, tag: "…" })]);
          }
        }
      });
      return found;
    }

    function bodyProblems(name, required, pictures) {
      var text = el[name].value.replace(/\r\n?/g, "\n");
      if (!text.trim()) return required ? [t("share.error.required")] : [];
      var found = [];
      var lines = text.split("\n");
      function add(index, message) { found.push([index, message]); }
      var events = re("event_handler", "g");
      var match;
      while ((match = events.exec(text))) {
        add(text.slice(0, match.index + match[0].length).split("\n").length - 1, t("share.error.body_event"));
        if (!match[0].length) events.lastIndex += 1;
      }
      var references = {};
      var definitions = re("reference_definition", "g");
      while ((match = definitions.exec(text))) {
        references[match.groups.label.trim().toLowerCase()] = match.groups.url;
        if (!match[0].length) definitions.lastIndex += 1;
      }
      lines.forEach(function (line, index) {
        var tag = re("dangerous_tag").exec(line);
        if (tag) add(index, t("share.error.body_tag", { tag: tag[1].toLowerCase() }));
        var decoded = browserView(line);
        if (re("script_scheme").test(decoded) || re("data_link").test(decoded)) add(index, t("share.error.body_script_link"));
        if (re("html_image").test(line)) add(index, t("share.error.body_img"));
        if (re("h1_line").test(line) || (re("setext_h1_underline").test(line) && index > 0 && lines[index - 1].trim())) add(index, t("share.error.body_h1"));
        if (re("placeholder").test(line)) add(index, t("share.error.placeholder"));
        var images = re("markdown_image", "g");
        var image;
        while ((image = images.exec(line))) {
          pictureProblems(image.groups.src, image.groups.alt, pictures).forEach(function (message) { add(index, message); });
        }
        var referenced = re("reference_image", "g");
        while ((image = referenced.exec(line))) {
          var label = (image.groups.ref || image.groups.alt).trim().toLowerCase();
          if (references[label] !== undefined) {
            pictureProblems(references[label], image.groups.alt, pictures).forEach(function (message) { add(index, message); });
          }
        }
        var shortcuts = re("shortcut_image", "g");
        while ((image = shortcuts.exec(line))) {
          var shortcut = image.groups.alt.trim().toLowerCase();
          if (references[shortcut] !== undefined) {
            pictureProblems(references[shortcut], image.groups.alt, pictures).forEach(function (message) { add(index, message); });
          }
        }
      });
      allowListProblems(text, lines).forEach(function (item) { add(item[0], item[1]); });
      found.sort(function (a, b) { return a[0] - b[0]; });
      var seen = {};
      return found.filter(function (item) {
        var key = item[0] + "\u0000" + item[1];
        if (seen[key]) return false;
        seen[key] = true;
        return true;
      }).map(function (item) {
        return t("share.error.line", { line: item[0] + 1, message: item[1] });
      });
    }

    function slugProblems() {
      var slug = value("slug");
      if (!slug) return [t("share.error.required")];
      if (!re("slug").test(slug)) return [t("share.error.slug")];
      if (schema.reserved_slugs.indexOf(slug) >= 0 || schema.existing.slugs.indexOf(slug) >= 0) return [t("share.error.slug_taken")];
      return [];
    }

    function welshStarted() {
      return WELSH.some(function (name) { return value(name) !== ""; });
    }

    function validate(pictures) {
      var problems = {};
      var welsh = welshStarted();
      function welshRequired(name, check) {
        var found = check();
        if (welsh && !value(name)) return [t("share.error.welsh_incomplete")];
        return found;
      }
      problems.title_en = titleProblems("title_en", true);
      problems.summary_en = textProblems("summary_en", true);
      problems.organisation_en = textProblems("organisation_en", true);
      problems.contact_role_en = textProblems("contact_role_en", false);
      problems.organisation_type = choiceProblems("organisation_type");
      problems.local_authority = choiceProblems("local_authority");
      problems.region = regionProblems();
      problems.themes = choicesProblems("themes");
      problems.audiences = choicesProblems("audiences");
      problems.published = dateProblems();
      problems.source_document = textProblems("source_document", true);
      problems.source_url = urlProblems();
      problems.body_en = bodyProblems("body_en", true, pictures);
      problems.title_cy = welshRequired("title_cy", function () { return titleProblems("title_cy", false); });
      problems.summary_cy = welshRequired("summary_cy", function () { return textProblems("summary_cy", false); });
      problems.organisation_cy = welshRequired("organisation_cy", function () { return textProblems("organisation_cy", false); });
      problems.contact_role_cy = textProblems("contact_role_cy", false);
      problems.body_cy = welshRequired("body_cy", function () { return bodyProblems("body_cy", false, pictures); });
      problems.slug = slugProblems();
      problems.no_child_identified = el.no_child_identified.checked ? [] : [t("share.error.confirm")];
      return problems;
    }

    // ------------------------------------------------------------- showing the errors

    function targetOf(name) {
      return form.querySelector('[name="' + name + '"]');  // the first checkbox of a group
    }

    function clearErrors() {
      Array.prototype.forEach.call(form.querySelectorAll("[data-share-wrapper]"), function (wrapper) {
        wrapper.classList.remove("x-field--error");
        var error = wrapper.querySelector(".x-field__error");
        error.hidden = true;
        error.textContent = "";
        Array.prototype.forEach.call(wrapper.querySelectorAll("input, select, textarea, fieldset"), function (control) {
          control.removeAttribute("aria-invalid");
        });
        describe(wrapper, false);
      });
      summary.hidden = true;
      document.title = pageTitle;
    }

    function describe(wrapper, withError) {
      var error = wrapper.querySelector(".x-field__error");
      var hint = wrapper.querySelector(".x-field__hint");
      var ids = [];
      if (hint) ids.push(hint.id);
      if (withError) ids.push(error.id);
      var described = wrapper.tagName === "FIELDSET" ? [wrapper] : wrapper.querySelectorAll("input, select, textarea");
      Array.prototype.forEach.call(described, function (control) {
        if (ids.length) control.setAttribute("aria-describedby", ids.join(" "));
        else control.removeAttribute("aria-describedby");
      });
    }

    function showErrors(problems) {
      var list = summary.querySelector("[data-error-list]");
      list.textContent = "";
      ORDER.forEach(function (name) {
        var messages = problems[name] || [];
        if (!messages.length) return;
        var wrapper = form.querySelector('[data-share-wrapper="' + name + '"]');
        var error = wrapper.querySelector(".x-field__error");
        var label = wrapper.querySelector(".x-field__label");
        wrapper.classList.add("x-field--error");
        messages.forEach(function (message, index) {
          if (index) error.appendChild(document.createElement("br"));
          var prefix = document.createElement("span");
          prefix.className = "x-visually-hidden";
          prefix.textContent = t("share.error.prefix") + " ";
          error.appendChild(prefix);
          error.appendChild(document.createTextNode(message));
          var item = document.createElement("li");
          var link = document.createElement("a");
          var target = targetOf(name);
          link.href = "#" + target.id;
          link.textContent = (label ? label.textContent.trim() + ": " : "") + message;
          link.addEventListener("click", function (event) {
            event.preventDefault();
            (label || target).scrollIntoView();
            target.focus({ preventScroll: true });
          });
          item.appendChild(link);
          list.appendChild(item);
        });
        error.hidden = false;
        Array.prototype.forEach.call(wrapper.querySelectorAll("input, select, textarea"), function (control) {
          if (control.type !== "checkbox" || name === "no_child_identified") control.setAttribute("aria-invalid", "true");
        });
        if (wrapper.tagName === "FIELDSET") wrapper.setAttribute("aria-invalid", "true");
        describe(wrapper, true);
      });
      summary.hidden = false;
      document.title = t("share.error.prefix") + " " + pageTitle;
      summary.focus();
    }

    // ------------------------------------------------------------- the files

    function yamlText(text) {
      return JSON.stringify(text).replace(/[\u007f-\u009f\u2028\u2029\ufeff]/g, function (character) {
        return "\\u" + ("000" + character.charCodeAt(0).toString(16)).slice(-4);
      });
    }

    function body(name) {
      return el[name].value.replace(/\r\n?/g, "\n").replace(/^\s*\n/, "").replace(/\s+$/, "") + "\n";
    }

    function englishFile() {
      var published = value("published");
      var lines = ["---",
        "title: " + yamlText(value("title_en")),
        "summary: " + yamlText(value("summary_en")),
        "organisation: " + yamlText(value("organisation_en"))];
      if (value("contact_role_en")) lines.push("contact_role: " + yamlText(value("contact_role_en")));
      lines.push(
        "organisation_type: " + value("organisation_type"),
        "local_authority: " + value("local_authority"),
        "region: " + value("region"),
        "themes: [" + checked("themes").join(", ") + "]",
        "audiences: [" + checked("audiences").join(", ") + "]",
        "published: " + (/^\d{4}-\d{2}-\d{2}$/.test(published) ? published : yamlText(published)),
        "source:",
        "  document: " + yamlText(value("source_document")),
        "  url: " + yamlText(value("source_url")),
        "no_child_identified: true",
        "---",
        "");
      return lines.join("\n") + "\n" + body("body_en");
    }

    function welshFile(revision) {
      var lines = ["---",
        "title: " + yamlText(value("title_cy")),
        "summary: " + yamlText(value("summary_cy")),
        "organisation: " + yamlText(value("organisation_cy"))];
      if (value("contact_role_cy")) lines.push("contact_role: " + yamlText(value("contact_role_cy")));
      if (revision) lines.push(schema.translation.field + ": " + revision);
      lines.push("---", "");
      return lines.join("\n") + "\n" + body("body_cy");
    }

    // The revision of en.md that cy.md translates: its git blob id (`git hash-object en.md`),
    // shortened, as exchange/welsh/translations.py computes it. Needs a secure context (https or
    // 127.0.0.1); without one cy.md has no revision and the translation check asks for it.
    function revisionOf(text) {
      if (!window.crypto || !crypto.subtle || !window.TextEncoder) return Promise.resolve("");
      var content = new TextEncoder().encode(text);
      var header = new TextEncoder().encode("blob " + content.length + "\u0000");
      var bytes = new Uint8Array(header.length + content.length);
      bytes.set(header);
      bytes.set(content, header.length);
      return crypto.subtle.digest("SHA-1", bytes).then(function (digest) {
        return Array.from(new Uint8Array(digest)).map(function (byte) {
          return ("0" + byte.toString(16)).slice(-2);
        }).join("").slice(0, schema.translation.revision_length);
      }, function () { return ""; });
    }

    function fileBlock(name, content, lang) {
      var id = "x-share-output-" + name.replace(".md", "");
      var block = document.createElement("div");
      block.className = "x-share__file";
      block.setAttribute("data-share-file", name);
      var heading = document.createElement("h3");
      heading.textContent = name;
      var label = document.createElement("label");
      label.setAttribute("for", id);
      label.className = "x-field__label";
      label.textContent = t("share.output.file_label", { name: name });
      var area = document.createElement("textarea");
      area.id = id;
      area.className = "x-field__input x-field__input--textarea x-share__code";
      area.readOnly = true;
      area.rows = 14;
      area.spellcheck = false;
      area.setAttribute("lang", lang);
      area.value = content;
      var actions = document.createElement("p");
      actions.className = "x-share__actions";
      var url = URL.createObjectURL(new Blob([content], { type: "text/markdown;charset=utf-8" }));
      blobUrls.push(url);
      var download = document.createElement("a");
      download.className = "md-button";
      download.href = url;
      download.download = name;
      download.textContent = t("share.output.download", { name: name });
      var copy = document.createElement("button");
      copy.type = "button";
      copy.className = "md-button";
      copy.textContent = t("share.output.copy", { name: name });
      var status = document.createElement("p");
      status.className = "x-share__status";
      status.setAttribute("role", "status");
      copy.addEventListener("click", function () {
        function done() { status.textContent = t("share.output.copied", { name: name }); }
        function fallback() {
          area.focus();
          area.select();
          var copied = false;
          try { copied = document.execCommand("copy"); } catch (error) { copied = false; }
          status.textContent = copied ? t("share.output.copied", { name: name }) : t("share.output.copy_failed", { name: name });
        }
        if (navigator.clipboard && navigator.clipboard.writeText) navigator.clipboard.writeText(content).then(done, fallback);
        else fallback();
      });
      actions.appendChild(download);
      actions.appendChild(document.createTextNode(" "));
      actions.appendChild(copy);
      block.appendChild(heading);
      block.appendChild(label);
      block.appendChild(area);
      block.appendChild(actions);
      block.appendChild(status);
      return block;
    }

    // "Send it as an issue": the repository's case-study issue form (the page has it only when
    // the build knew the repository, EXCHANGE_REPOSITORY_URL) with every answer filled in
    // through GitHub's query parameters, named by the form's field ids
    // (.github/ISSUE_TEMPLATE/case-study.yml). Lists take the option's label; GitHub cannot fill
    // tick boxes from an address. When the address would be too long, the longest answers are
    // left out, longest first, and the page says which.
    var ISSUE_FIELDS = [["title_en", "title_en"], ["summary_en", "summary"], ["organisation_en", "organisation"],
      ["contact_role_en", "contact_role"], ["title_cy", "title_cy"], ["organisation_cy", "organisation_cy"],
      ["contact_role_cy", "contact_role_cy"], ["organisation_type", "organisation_type"],
      ["local_authority", "local_authority"], ["region", "region"], ["published", "published"],
      ["source_document", "source_document"], ["source_url", "source_url"], ["body_en", "text"],
      ["summary_cy", "summary_cy"], ["body_cy", "text_cy"], ["slug", "slug"]];

    function issueAddress() {
      var route = output.querySelector('[data-share-route="issue"]');
      if (!route) return;
      var dropdowns = JSON.parse(route.querySelector("[data-share-dropdowns]").textContent);
      var longest = parseInt(route.getAttribute("data-longest-address"), 10);
      var fields = [["template", route.getAttribute("data-issue-template")],
        ["title", t("share.route.issue.title", { title: value("title_en") })],
        ["language", dropdowns.language[language] || ""]];
      ISSUE_FIELDS.forEach(function (pair) {
        var text = pair[0] === "body_en" || pair[0] === "body_cy" ? body(pair[0]).replace(/\n$/, "") : value(pair[0]);
        if (dropdowns[pair[1]]) text = dropdowns[pair[1]][text] || "";
        if (text) fields.push([pair[1], text, pair[0]]);
      });
      function address() {
        return route.getAttribute("data-issue-form") + "?" + fields.map(function (field) {
          return encodeURIComponent(field[0]) + "=" + encodeURIComponent(field[1]);
        }).join("&");
      }
      var left = [];
      while (address().length > longest) {
        var biggest = null;
        fields.forEach(function (field, index) {
          if (field[2] && (biggest === null || field[1].length > fields[biggest][1].length)) biggest = index;
        });
        if (biggest === null) break;
        left.push(fields[biggest][2]);
        fields.splice(biggest, 1);
      }
      route.querySelector("[data-share-issue-link]").href = address();
      var tooLong = route.querySelector("[data-share-too-long]");
      tooLong.hidden = !left.length;
      tooLong.textContent = left.length ? t("share.route.issue.too_long", {
        fields: left.map(function (name) {
          var label = form.querySelector('label[for="' + targetOf(name).id + '"]');
          return "“" + (label ? label.textContent.trim() : name) + "”";
        }).join(", ")
      }) : "";
    }

    function showFiles(pictures, english, revision) {
      blobUrls.forEach(function (url) { URL.revokeObjectURL(url); });
      blobUrls = [];
      var files = output.querySelector("[data-share-files]");
      files.textContent = "";
      files.appendChild(fileBlock("en.md", english, "en"));
      var welsh = welshStarted();
      if (welsh) files.appendChild(fileBlock("cy.md", welshFile(revision), "cy"));
      output.querySelector("[data-share-welsh-missing]").hidden = welsh;
      var steps = output.querySelector("[data-share-steps]");
      steps.textContent = "";
      var items = [t("share.output.step_save"), t("share.output.step_send", { slug: value("slug") })];
      var unique = pictures.filter(function (picture, index) { return pictures.indexOf(picture) === index; });
      if (unique.length) items.push(t("share.output.pictures", { names: unique.join(", ") }));
      items.forEach(function (text) {
        var item = document.createElement("li");
        item.textContent = text;
        steps.appendChild(item);
      });
      issueAddress();
      output.hidden = false;
      output.querySelector("h2").focus();
    }

    form.addEventListener("submit", function (event) {
      event.preventDefault();
      clearErrors();
      var pictures = [];
      var problems = validate(pictures);
      var failed = ORDER.some(function (name) { return (problems[name] || []).length; });
      if (failed) {
        output.hidden = true;
        showErrors(problems);
        return;
      }
      var english = englishFile();
      revisionOf(english).then(function (revision) { showFiles(pictures, english, revision); });
    });
  }
})();
