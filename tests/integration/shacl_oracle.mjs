// Runs rdf-validate-shacl (npm) on DATA... against SHAPES and prints its sh:ValidationReport as
// N-Triples on standard output, so that a test can compare it with presskg's report.
//   node tests/integration/shacl_oracle.mjs SHAPES.ttl DATA.ttl...   (NODE_PATH=tests/oracles/node_modules)
import fs from 'fs';
import path from 'path';
import { createRequire } from 'module';

const require = createRequire(path.join(process.env.NODE_PATH || '', 'x.js'));
const N3 = require('n3');
const { default: rdf } = await import(require.resolve('@zazuko/env-node'));
const { default: SHACLValidator } = await import(require.resolve('rdf-validate-shacl'));

function load(files) {
  const ds = rdf.dataset();
  for (const f of files) {
    const parser = new N3.Parser({ baseIRI: 'file://' + path.resolve(f) });
    for (const q of parser.parse(fs.readFileSync(f, 'utf8'))) ds.add(rdf.quad(q.subject, q.predicate, q.object));
  }
  return ds;
}

const [shapesFile, ...dataFiles] = process.argv.slice(2);
const shapes = load([shapesFile]);
const data = load(dataFiles);
const validator = new SHACLValidator(shapes, { factory: rdf });
const report = await validator.validate(data);
const writer = new N3.Writer({ format: 'N-Triples' });
for (const q of report.dataset) writer.addQuad(q.subject, q.predicate, q.object);
// Shape structures referenced by sh:resultPath live in the shapes graph: emit them too.
for (const q of shapes) writer.addQuad(q.subject, q.predicate, q.object);
writer.end((err, out) => {
  if (err) { console.error(err); process.exit(2); }
  process.stdout.write(out);
});
