// The browser's Welsh normaliser (docs/javascripts/search-folding.mjs) against the shared test
// vectors; tests/welsh/test_welsh_folding.py checks the Python normaliser against the same file.
// Run by tests/search/test_search_javascript.py: node --test tests/js/
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import { inflectionCandidates, mutationCandidates, normalise, queryTerms, searchWords } from "../../docs/javascripts/search-folding.mjs";
import { lemmaCandidates } from "../../docs/javascripts/search-engine.mjs";

const here = new URL(".", import.meta.url);
const vectors = JSON.parse(fs.readFileSync(new URL("../fixtures/welsh_folding_vectors.json", here), "utf-8"));
const stopWords = fs.readFileSync(new URL("../../exchange/data/welsh_stopwords.txt", here), "utf-8")
  .split("\n").map((line) => line.trim()).filter((line) => line && !line.startsWith("#"));

test("normalise", () => {
  for (const [text, expected] of vectors.normalise) assert.equal(normalise(text), expected, text);
});

test("search words", () => {
  for (const [text, expected] of vectors.search_words) assert.deepEqual(searchWords(text), expected, text);
});

test("mutation candidates", () => {
  for (const [word, expected] of vectors.mutation_candidates) {
    assert.deepEqual(mutationCandidates(word).map(([radical]) => radical), expected, word);
  }
});

test("query terms", () => {
  for (const [query, expected] of vectors.query_terms) assert.deepEqual(queryTerms(query, stopWords), expected, query);
});

// The inflection rules reach the browser in the search data file the build writes; here they
// come from the same source (exchange/data/welsh_inflection.yml), handed over by
// tests/search/test_search_javascript.py in EXCHANGE_SEARCH_DATA (the Welsh search data as JSON).
const searchData = process.env.EXCHANGE_SEARCH_DATA ? JSON.parse(fs.readFileSync(process.env.EXCHANGE_SEARCH_DATA, "utf-8")) : null;

test("inflection candidates", { skip: !searchData && "run through tests/search/test_search_javascript.py" }, () => {
  assert.ok(vectors.inflection_candidates.length >= 40);
  for (const [word, expected] of vectors.inflection_candidates) {
    assert.deepEqual(inflectionCandidates(word, searchData.inflection), expected, word);
  }
});

test("lemma candidates: mutations folded first, refused readings left out", { skip: !searchData && "run through tests/search/test_search_javascript.py" }, () => {
  const data = { ...searchData, refused: {} };
  for (const [word, expected] of vectors.lemma_candidates) assert.deepEqual(lemmaCandidates(word, data), expected, word);
  const refusing = { ...searchData, refused: { ysgolion: ["ysgolyn"] } };
  assert.ok(!lemmaCandidates("ysgolion", refusing).includes("ysgolyn"));
  assert.ok(lemmaCandidates("ysgolion", refusing).includes("ysgol"));
  // English (no folding) and a strategy without inflection: nothing.
  assert.deepEqual(lemmaCandidates("schools", { ...searchData, fold_welsh: false }), []);
  assert.deepEqual(lemmaCandidates("ysgolion", { ...searchData, inflection: null }), []);
});
