// shacl-engine (npm) on the same data and shapes as bench/shacl_bench.cc, with wall and CPU time per
// phase (the peer runner in ../shared/peers/shacl_peer.mjs reports wall time only).
//   node bench/shacl_bench_peer.mjs DATA.nt SHAPES.ttl   (from a folder whose node_modules has the oracles)
import fs from 'fs';
import path from 'path';
import { createRequire } from 'module';

const require = createRequire(path.join(process.env.NODE_PATH || process.cwd() + '/node_modules', 'x.js'));
const N3 = require('n3');
const { default: rdf } = await import(require.resolve('@zazuko/env-node'));
const { Validator } = await import(require.resolve('shacl-engine'));

const [dataFile, shapesFile] = process.argv.slice(2);
const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1e6; };
function load(f) {
  const ds = rdf.dataset();
  for (const q of new N3.Parser().parse(fs.readFileSync(f, 'utf8'))) ds.add(q);
  return ds;
}
let t0 = Date.now(), c0 = cpu();
const data = load(dataFile), shapes = load(shapesFile);
const tParse = (Date.now() - t0) / 1000, cParse = cpu() - c0;
const rssLoaded = process.memoryUsage().rss;
t0 = Date.now(); c0 = cpu();
const report = await new Validator(shapes, { factory: rdf }).validate({ dataset: data });
const tVal = (Date.now() - t0) / 1000, cVal = cpu() - c0;
console.log(`shacl-engine: ${data.size} triples, parse ${tParse.toFixed(2)} s (cpu ${cParse.toFixed(2)} s), ` +
  `validate ${tVal.toFixed(2)} s (cpu ${cVal.toFixed(2)} s), conforms=${report.conforms} results=${report.results.length}`);
console.log(`shacl-engine: RSS after load ${Math.round(rssLoaded / 1048576)} MB, at end ${Math.round(process.memoryUsage().rss / 1048576)} MB`);
