// The query side of the site search, without the page: it plans a query (synonyms, Welsh
// stop words and mutations), runs it on a Pagefind bundle, ranks the pages, and cuts each
// result's excerpt from the page's own words. search.js puts it on the page; the tests and
// scripts/search_precision.py run it in Node against a built site.
//
// Why one Pagefind search per word: Pagefind ANDs the words of a query and has no OR, and a
// Welsh word can be one of several words (Nghaerdydd is Caerdydd; lan may be llan or glan).
// So each word's forms are searched on their own and combined here: a page must match every
// word (by any of its forms), and its score is the sum of its best score for each word, a
// form's score being multiplied by its weight (the typed word 1, a rule candidate less).
// That is how Pagefind scores a query of several words too (BM25 sums over the words).
//
// Welsh plurals and verb forms: a word also finds the words it is a form of (ysgolion: ysgol;
// cefnogodd: cefnogi), searched as whole words at a lower weight. A page that has every word of
// the query as typed (or as a mutation of it) comes before every page that has some word only in
// another form: the exact form first, the word's other forms after.

import { inflectionCandidates, mutationCandidates, searchWords, wordKeys } from "./search-folding.mjs";

export const EXCERPT_WORDS = 30;
const SYNONYM_WEIGHT = 0.9;
const SHORT_WORD = 3;

function synonymMembers(data) {
  return (data.synonyms || []).map((group) => group.map((term) => searchWords(term)).filter((words) => words.length));
}

function findSpans(words, members) {
  // Every place where a synonym group's term occurs in the query, longest terms first.
  const spans = [];
  const taken = new Array(words.length).fill(false);
  const candidates = [];
  members.forEach((group, groupIndex) => group.forEach((term) => candidates.push({ term, groupIndex })));
  candidates.sort((a, b) => b.term.length - a.term.length);
  for (const { term, groupIndex } of candidates) {
    for (let start = 0; start + term.length <= words.length; start++) {
      const end = start + term.length;
      if (taken.slice(start, end).some(Boolean)) continue;
      if (term.every((word, offset) => words[start + offset] === word)) {
        spans.push({ start, end, term, groupIndex });
        taken.fill(true, start, end);
      }
    }
  }
  return spans;
}

// When no word in the index starts with a search word, Pagefind 1.5 matches the longest
// word the search word starts with instead (nothing for "Nghaerdydd" -> every "N"). Those are
// not matches for a reader. Any one page of the results shows which kind of match Pagefind
// made (it makes the same kind for all): the word at the page's first match either starts
// with the search word or is shorter. `result` is one of Pagefind's results for `key`.
async function startsWithKey(key, result) {
  const fragment = await result.data();
  const word = (searchWords(String(fragment.content || "").split(/[\r\n\s]+/g)[result.words[0]] || "")[0] || "").replace(/-/g, "");
  key = key.replace(/-/g, "");
  const stem = key.slice(0, Math.max(3, key.length - 3));
  return word.startsWith(key) || (word.length >= key.length - 2 && word.startsWith(stem));
}

/** The words a (Welsh) query word's plurals and verb forms lead to, mutations folded first:
 * the rule candidates of the word and of its mutation candidates, less those the dictionary
 * refused at build time for this word (data.refused). Searched as whole words: the index holds
 * each page's words and, after them, the words its own plurals and verb forms lead to. */
export function lemmaCandidates(word, data) {
  if (!data.fold_welsh || !data.inflection || !(data.inflection_weight > 0)) return [];
  const refused = new Set((data.refused && data.refused[word]) || []);
  const bases = [word, ...mutationCandidates(word).map(([radical]) => radical)];
  const found = new Set();
  for (const base of bases) for (const candidate of inflectionCandidates(base, data.inflection)) if (!refused.has(candidate)) found.add(candidate);
  bases.forEach((base) => found.delete(base));
  return [...found];
}

/** The searches a query needs: variants (the query, and the query with a synonym in place of
 * a term it uses), each a list of words, each word a list of {key, weight}. */
export function planQuery(query, data) {
  const words = searchWords(query);
  if (!words.length) return [];
  const members = synonymMembers(data);
  const variants = [{ words, weight: 1 }];
  for (const span of findSpans(words, members)) {
    for (const other of members[span.groupIndex]) {
      if (other.join(" ") === span.term.join(" ")) continue;
      variants.push({ words: [...words.slice(0, span.start), ...other, ...words.slice(span.end)], weight: SYNONYM_WEIGHT });
    }
  }
  const wholeWords = new Set(members.flat().filter((term) => term.length === 1).map((term) => term[0]));
  const stop = new Set(data.stop_words || []);
  const alternative = data.fold_welsh ? data.alternative_weight : 0;
  return withoutCoveredVariants(variants.map(({ words: variantWords, weight }) => {
    const kept = variantWords.filter((word) => !stop.has(word));
    const chosen = kept.length ? kept : variantWords;
    return {
      weight,
      terms: chosen.map((word) => [
        // A term of a synonym group written as one word (initials: PEP, CLA, GDD) matches whole
        // words only: CLA must not find CLASS.
        // So does a word of three letters or fewer: as a start of longer words it finds too
        // much (law: lawr, lawer; dad: dadansoddi).
        { key: word, weight: 1, exact: wholeWords.has(word) || word.length <= SHORT_WORD },
        // A rule candidate matches whole words only: lan may be llan, but not Llanelli.
        ...(alternative > 0 ? mutationCandidates(word).map(([radical]) => ({ key: radical, weight: alternative, exact: true })) : []),
        // The words a plural or a verb form leads to, whole words, below the typed form.
        ...lemmaCandidates(word, data).map((lemma) => ({ key: lemma, weight: data.inflection_weight, exact: true, lemma: true })),
      ]),
    };
  }));
}

/** Leaves out a variant whose every page is a page of another variant of no lower weight: each
 * of its words' forms is the other's form at the same place, or starts with a form the other
 * searches as the start of words ("personal education plans" beside "personal education plan").
 * Searching it would cost time and find no page more. */
export function withoutCoveredVariants(variants) {
  const covers = (other, form) => (!other.exact && form.key.startsWith(other.key)) || (other.exact && form.exact && other.key === form.key);
  const covered = (variant, index) => variants.some((other, otherIndex) => otherIndex !== index
    && (other.weight > variant.weight || (other.weight === variant.weight && otherIndex < index))
    && other.terms.length === variant.terms.length
    && variant.terms.every((forms, place) => forms.every((form) => other.terms[place].some((otherForm) => covers(otherForm, form)))));
  return variants.filter((variant, index) => !covered(variant, index));
}

/** Runs a query on a Pagefind instance; resolves to ranked results:
 * [{id, score, locations, result}] where result is one Pagefind result for the page.
 * `cache` keeps Pagefind's answers (and which search words start index words) between the
 * queries a reader types. Options: `firstPages`, how many results are shown first (the pages
 * whose data the check below reads are chosen among them, so that it costs no download of its
 * own); `wholeWordsOnly`, a quick first answer for a short query: its whole-word forms are
 * found by Pagefind's quoted search alone, which ranks their pages alike. */
export async function runQuery(pagefind, query, data, cache = new Map(), isStale = () => false, { firstPages = 8, wholeWordsOnly = false } = {}) {
  const plan = planQuery(query, data);
  // What is worked out once is kept in `cache` under its name; a failure is not kept.
  const remember = (name, make) => {
    if (!cache.has(name)) cache.set(name, make().catch((error) => { cache.delete(name); throw error; }));
    return cache.get(name);
  };
  // One Pagefind search per search string, shared by every form that needs it (the start of
  // words "cynllun" and the whole word "cynllun" both read Pagefind's "cynllun").
  const pagefindSearch = (text) => remember("pagefind:" + text, () => pagefind.search(text).then((response) => response.results));
  // Pagefind matches the start of words; its "quoted" search matches whole words but scores
  // every page alike. So a whole-word search keeps the pages and places the quoted search
  // found, with the scores of the ordinary search.
  // A key of one or two letters is searched quoted only: as the start of words it would load
  // every index chunk of words beginning with it (most of the index for 'c' or 'p').
  const search = ({ key, exact }) => !exact ? pagefindSearch(key)
    : key.length <= 2 || wholeWordsOnly ? pagefindSearch(`"${key}"`)
    : remember("=" + key, () => Promise.all([pagefindSearch(key), pagefindSearch(`"${key}"`)]).then(([loose, strict]) => {
        const places = new Map(strict.map((result) => [result.id, result.words]));
        return loose.filter((result) => places.has(result.id)).map((result) => ({ id: result.id, score: result.score, words: places.get(result.id), data: result.data }));
      }));
  // Every form of every word is searched at once (the index chunks load in parallel); a query
  // the reader has already typed past is dropped here.
  const forms = new Map(plan.flatMap((variant) => variant.terms.flat()).map((form) => [formName(form), form]));
  const found = new Map(await Promise.all([...forms].map(async ([name, form]) => [name, await search(form)])));
  if (isStale()) return null;
  // Whether each start-of-words search matched words that start with it (see startsWithKey) is
  // checked on a page of the first results as ranked as if all did (the page is about to show
  // that page's data anyway), and kept for the words typed next; the ranking is made again
  // without those that did not, if any.
  let ranked = rank(plan, found);
  const shown = new Set(ranked.slice(0, firstPages).map((page) => page.id));
  const loose = [...forms.keys()].filter((name) => !forms.get(name).exact && found.get(name).length);
  const verdicts = await Promise.all(loose.map((name) => remember("?" + name, () => {
    const results = found.get(name);
    return startsWithKey(forms.get(name).key, results.find((result) => shown.has(result.id)) || results[0]);
  })));
  if (isStale()) return null;
  const refused = loose.filter((name, index) => !verdicts[index]);
  if (refused.length) {
    refused.forEach((name) => found.set(name, []));
    ranked = rank(plan, found);
  }
  return ranked;
}

/** A form's name in the cache and in `found`: "~" and the key for the start of words, "=" for
 * a whole word. */
function formName(form) {
  return (form.exact ? "=" : "~") + form.key;
}

/** The pages of a planned query, best first: a page must match every word of a variant (by any
 * of its forms); its score is the sum of its best form's score for each word. */
function rank(plan, found) {
  const best = new Map();
  for (const variant of plan) {
    let pages = null;
    for (const forms of variant.terms) {
      const termPages = new Map();
      for (const form of forms) {
        const { weight, lemma } = form;
        for (const result of found.get(formName(form))) {
          const known = termPages.get(result.id);
          const score = result.score * weight;
          if (!known) termPages.set(result.id, { score, locations: new Set(result.words), result, direct: !lemma });
          else {
            known.score = Math.max(known.score, score);
            known.direct = known.direct || !lemma;
            result.words.forEach((location) => known.locations.add(location));
          }
        }
      }
      if (pages === null) pages = termPages;
      else {
        for (const [id, page] of pages) {
          const match = termPages.get(id);
          if (!match) pages.delete(id);
          else {
            page.score += match.score;
            page.direct = page.direct && match.direct;
            match.locations.forEach((location) => page.locations.add(location));
          }
        }
      }
    }
    for (const [id, page] of pages || []) {
      const score = page.score * variant.weight;
      const known = best.get(id);
      if (!known || page.direct > known.direct || (page.direct === known.direct && score > known.score)) {
        best.set(id, { id, score, direct: page.direct, locations: page.locations, result: page.result });
      }
    }
  }
  return [...best.values()].sort((a, b) => b.direct - a.direct || b.score - a.score || (a.id < b.id ? -1 : 1));
}

/** A result's excerpt in the page's own words: [{text, mark}] parts, and the heading of the
 * part of the page it comes from. `fragment` is Pagefind's data for the page. */
export function buildExcerpt(fragment, locations, data, length = EXCERPT_WORDS) {
  const words = String(fragment.content || "").split(/[\r\n\s]+/g);
  const sentinelAt = words.indexOf(data.alias_sentinel);
  const pageWords = sentinelAt >= 0 ? words.slice(0, sentinelAt) : words;
  const marked = new Set();
  const aliasKeys = new Set();
  for (const location of locations) {
    if (location < pageWords.length) marked.add(location);
    else if (location > sentinelAt && words[location]) searchWords(words[location]).forEach((key) => aliasKeys.add(key));
  }
  if (aliasKeys.size) {
    // A match on a radical added after the page's text: mark the page's words it came from.
    pageWords.forEach((word, index) => {
      for (const key of wordKeys(word)) if (aliasKeys.has(key)) { marked.add(index); break; }
    });
  }
  const positions = [...marked].sort((a, b) => a - b);
  let start = 0;
  if (pageWords.length > length && positions.length) {
    let bestCount = -1;
    for (const position of positions) {
      const from = Math.max(0, Math.min(position - Math.floor(length / 3), pageWords.length - length));
      const count = positions.filter((other) => other >= from && other < from + length).length;
      if (count > bestCount) { bestCount = count; start = from; }
    }
  }
  const end = Math.min(pageWords.length, start + length);
  const parts = [];
  if (start > 0) parts.push({ text: "… ", mark: false });
  for (let index = start; index < end; index++) {
    const text = pageWords[index] + (index < end - 1 ? " " : "");
    const mark = marked.has(index);
    const last = parts[parts.length - 1];
    if (last && last.mark === mark && !mark) last.text += text;
    else parts.push({ text, mark });
  }
  if (end < pageWords.length) parts.push({ text: " …", mark: false });
  const first = positions.find((position) => position >= start) ?? start;
  const anchors = (fragment.anchors || [])
    .filter((anchor) => /^h[2-6]$/i.test(anchor.element) && anchor.id && anchor.text && anchor.location <= first)
    .sort((a, b) => a.location - b.location);
  const heading = anchors.length ? anchors[anchors.length - 1] : null;
  return { parts, heading: heading ? { id: heading.id, text: heading.text.trim() } : null, marked: positions.length };
}
