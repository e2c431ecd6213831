// Reads a JSON-LD document (path in argv[2]) with jsonld.js and prints it as
// canonical-order N-Quads (one statement a line, sorted). The document loader
// refuses every IRI: a document that needs a remote context fails.
import { readFileSync } from "node:fs";
import jsonld from "jsonld";

const refuse = async (url) => {
  throw new Error(`remote document ${url} not loaded: no network`);
};

const doc = JSON.parse(readFileSync(process.argv[2], "utf8"));
const nquads = await jsonld.toRDF(doc, { format: "application/n-quads", documentLoader: refuse });
const lines = nquads.split("\n").filter((line) => line.length > 0).sort();
process.stdout.write(lines.map((line) => line + "\n").join(""));
