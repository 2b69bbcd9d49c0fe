// Runs queries on a built site's search bundle in Node, with the browser's own query engine
// (docs/javascripts/search-engine.mjs): used by the tests and scripts/search_precision.py.
//   node scripts/search_query.mjs SITE_DIR LANGUAGE [BUNDLE_DIR] < queries.json
// prints [{query, results: [{url, title, section, heading, excerpt, score}]}] (top 10 with excerpts).
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

const [siteDir, language, bundleArg] = process.argv.slice(2);
const home = language === "en" ? "" : `${language}/`;
const bundle = bundleArg || path.join(siteDir, home, "pagefind");
// Pagefind fetches its files; here they come from the disk (no server, no network).
globalThis.fetch = async (url) => {
  const relative = String(url).replace(/^[a-z]+:\/\/[^/]+/, "").replace(/[?#].*$/, "").replace(/^\/_bundle\//, "");
  const bytes = fs.readFileSync(path.join(bundle, relative));
  return { ok: true, status: 200, arrayBuffer: async () => bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength), json: async () => JSON.parse(bytes) };
};
const pagefind = await import(pathToFileURL(path.join(bundle, "pagefind.js")).href);
await pagefind.options({ basePath: "/_bundle/", baseUrl: "/" + home });
const engine = await import(new URL("../docs/javascripts/search-engine.mjs", import.meta.url).href);
const data = JSON.parse(fs.readFileSync(path.join(bundle, "exchange-search.json"), "utf-8"));
const queries = JSON.parse(fs.readFileSync(0, "utf-8"));
const cache = new Map();
const out = [];
for (const query of queries) {
  const results = await engine.runQuery(pagefind, query, data, cache);
  const shown = [];
  for (const item of results.slice(0, 10)) {
    const fragment = await item.result.data();
    const excerpt = engine.buildExcerpt(fragment, [...item.locations], data);
    shown.push({
      url: fragment.url, title: fragment.meta.title, section: fragment.meta.section || null, score: item.score,
      heading: excerpt.heading ? excerpt.heading.text : null,
      excerpt: excerpt.parts.map((part) => (part.mark ? `[${part.text.trim()}] ` : part.text)).join("").replace(/\s+/g, " ").trim(),
    });
  }
  // Every result's address too (the precision benchmark's recall): read only when asked.
  const all = process.env.EXCHANGE_ALL_URLS ? await Promise.all(results.map(async (item) => (await item.result.data()).url)) : undefined;
  out.push({ query, count: results.length, urls: results.map((item) => item.id), all_urls: all, results: shown });
}
process.stdout.write(JSON.stringify(out));
