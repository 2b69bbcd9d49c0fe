// Welsh search folding in the browser: the same normaliser as exchange/welsh/folding.py.
// Both are tested against tests/fixtures/welsh_folding_vectors.json (pytest for Python,
// `node --test tests/js` for this file), so a change to one that is not made to the other
// fails the tests. The reasons for each rule are in exchange/welsh/folding.py.

const VOWELS = "aeiouwy";
const SOFT = "soft", NASAL = "nasal", ASPIRATE = "aspirate", H_PROTHESIS = "h-prothesis";
// Surface initial -> [radical initial, mutation], longest initial first. An initial with no
// readings (ll, rh, ff) is a radical only, and stops a shorter rule from applying.
const REVERSE_MUTATIONS = [
  ["ngh", [["c", NASAL]]],
  ["mh", [["p", NASAL]]],
  ["nh", [["t", NASAL]]],
  ["ng", [["g", NASAL]]],
  ["ph", [["p", ASPIRATE]]],
  ["th", [["t", ASPIRATE]]],
  ["ch", [["c", ASPIRATE]]],
  ["dd", [["d", SOFT]]],
  ["ll", []],
  ["rh", []],
  ["ff", []],
  ["b", [["p", SOFT]]],
  ["d", [["t", SOFT]]],
  ["g", [["c", SOFT]]],
  ["f", [["b", SOFT], ["m", SOFT]]],
  ["l", [["ll", SOFT], ["gl", SOFT]]],
  ["r", [["rh", SOFT], ["gr", SOFT]]],
  ["m", [["b", NASAL]]],
  ["n", [["d", NASAL]]],
];
const WORD = /[\p{L}\p{N}]+(?:-[\p{L}\p{N}]+)*/gu;

/** Lowercase, without accents (ŵ -> w, â -> a), with straight apostrophes. */
export function normalise(text) {
  return String(text)
    .replace(/[’‘ʼ`]/g, "'")
    .toLowerCase()
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .normalize("NFC");
}

/** The words of a text as search sees them: normalised, split at apostrophes. */
export function searchWords(text) {
  return normalise(text).match(WORD) || [];
}

function isVowel(char) {
  return VOWELS.includes(char.normalize("NFD")[0]);
}

/** Every [radical, mutation] a lowercase word could come from, by rule alone. */
export function mutationCandidates(word) {
  if (word.length < 2 || /\p{N}/u.test(word)) return [];
  if (isVowel(word[0])) return [["g" + word, SOFT]];
  if (word[0] === "h") return isVowel(word[1]) && word.length > 2 ? [[word.slice(1), H_PROTHESIS]] : [];
  for (const [initial, readings] of REVERSE_MUTATIONS) {
    if (word.startsWith(initial)) {
      const rest = word.slice(initial.length);
      return rest ? readings.map(([radical, mutation]) => [radical + rest, mutation]) : [];
    }
  }
  return [];
}

/** What a Welsh query searches for: each word that is not a stop word, then the radicals it
 * could be a mutation of. A query of stop words only keeps them all. */
export function queryTerms(query, stopWords) {
  const stop = stopWords instanceof Set ? stopWords : new Set(stopWords);
  const words = searchWords(query);
  const kept = words.filter((word) => !stop.has(word));
  return (kept.length ? kept : words).map((word) => [word, ...mutationCandidates(word).map(([radical]) => radical)]);
}

/** Every key a word on a page can be found by: itself and its rule radicals. */
export function wordKeys(word) {
  const keys = new Set();
  for (const part of searchWords(word)) {
    keys.add(part);
    for (const [radical] of mutationCandidates(part)) keys.add(radical);
  }
  return keys;
}
