// The browser's Welsh normaliser (docs/javascripts/search-folding.mjs) against the shared test
// vectors; tests/welsh/test_welsh_folding.py checks the Python normaliser against the same file.
// Run by tests/search/test_search_javascript.py: node --test tests/js/
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import { mutationCandidates, normalise, queryTerms, searchWords } from "../../docs/javascripts/search-folding.mjs";

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
