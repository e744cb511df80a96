// Node side of rdf_conformance.py: parses files with N3.js (Turtle, N-Triples, N-Quads, TriG) and
// jsonld.js (JSON-LD toRDF), runs SPARQL queries in Oxigraph, and prints JSON on stdout.
//
//   node rdf_conformance.mjs parse FILE...          → {"FILE": [[s,p,o,g], ...], ...}
//   node rdf_conformance.mjs query DATA.nq Q.rq...  → {"Q.rq": [{var: value|null}, ...], ...}
//
// Terms are written as [kind, value, datatype, lang] with kind "iri" | "blank" | "literal" | "" and
// datatype "" for xsd:string, so Python can compare them with rdflib's terms exactly.
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import path from 'node:path';

const oracles = path.join(process.env.PRESSKG_SOURCE_DIR, 'tests', 'oracles', 'node_modules') + '/';
const require = createRequire(oracles);
const N3 = require('n3');
const jsonld = require('jsonld');
const oxigraph = require('oxigraph');

const XSD_STRING = 'http://www.w3.org/2001/XMLSchema#string';
const LANG_STRING = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#langString';

function term(t) {
  if (!t || t.termType === 'DefaultGraph') return ['', '', '', ''];
  if (t.termType === 'NamedNode') return ['iri', t.value, '', ''];
  if (t.termType === 'BlankNode') return ['blank', t.value, '', ''];
  let dt = t.datatype ? t.datatype.value : '';
  if (dt === XSD_STRING || dt === LANG_STRING) dt = '';
  return ['literal', t.value, dt, (t.language || '').toLowerCase()];
}

async function parse(file) {
  const text = readFileSync(file, 'utf8');
  if (file.endsWith('.jsonld')) {
    const doc = JSON.parse(text);
    const quads = await jsonld.toRDF(doc, { produceGeneralizedRdf: false, safe: true });
    return quads.map((q) => [term(q.subject), term(q.predicate), term(q.object), term(q.graph)]);
  }
  const format = { '.ttl': 'Turtle', '.nt': 'N-Triples', '.nq': 'N-Quads', '.trig': 'TriG' }[path.extname(file)];
  const parser = new N3.Parser({ format });
  return parser.parse(text).map((q) => [term(q.subject), term(q.predicate), term(q.object), term(q.graph)]);
}

const [mode, ...args] = process.argv.slice(2);
const out = {};
if (mode === 'parse') {
  for (const f of args) out[f] = await parse(f);
} else if (mode === 'query') {
  const store = new oxigraph.Store();
  store.load(readFileSync(args[0], 'utf8'), { format: 'application/n-quads' });
  for (const q of args.slice(1)) {
    const rows = store.query(readFileSync(q, 'utf8'), { use_default_graph_as_union: true });
    out[q] = rows.map((m) => {
      const row = {};
      for (const [k, v] of m) row[k] = v.value;
      return row;
    });
  }
} else {
  console.error('usage: rdf_conformance.mjs parse FILE... | query DATA.nq QUERY.rq...');
  process.exit(2);
}
process.stdout.write(JSON.stringify(out));
