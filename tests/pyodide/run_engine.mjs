// Runs the calculator package (source from the working tree) inside real Pyodide under Node, offline.
// Usage: node run_engine.mjs PYODIDE_DIR CALCULATOR_DIR CASES_JSON
// CASES_JSON: [{"profile": ..., "lang": "zh"|"en"}, ...]. Prints one JSON object: {"python": version,
// "import_ms": ..., "results": [estimate_json(...) text, ...]} so the caller can compare with CPython byte for byte.
import { readFileSync } from "node:fs";
import { loadWithCalculator } from "./load_calculator.mjs";

const [pyodideDir, packageDir, casesPath] = process.argv.slice(2);
const pyodide = await loadWithCalculator(pyodideDir, packageDir);

pyodide.globals.set("cases_text", readFileSync(casesPath, "utf8"));
const started = performance.now();
pyodide.runPython("import calculator");
const importMs = performance.now() - started;
const output = pyodide.runPython(`
import json, sys
results = [calculator.estimate_json(json.dumps(case["profile"], allow_nan=True), case["lang"]) for case in json.loads(cases_text)]
json.dumps({"python": sys.version.split()[0], "results": results})
`);
const parsed = JSON.parse(output);
parsed.import_ms = importMs;
process.stdout.write(JSON.stringify(parsed));
