// Runs the budget page's batch inside real Pyodide under Node, offline, as the browser's worker does
// (docs/assets/frontend/worker/budget-worker.js): the file on Pyodide's file system, calculator._batch's session started
// with a reform, then stepped a few companies at a time.
// Usage: node run_batch.mjs PYODIDE_DIR CALCULATOR_DIR FILE REFORM_JSON LANG
// Prints one JSON object {"python": version, "started": ..., "companies": [records], "summary": ...}, so the caller
// can compare it with CPython's `python -m calculator batch --json`.
import { readFileSync } from "node:fs";
import { basename } from "node:path";
import { loadWithCalculator } from "./load_calculator.mjs";

const [pyodideDir, packageDir, filePath, reformJson, lang] = process.argv.slice(2);
const pyodide = await loadWithCalculator(pyodideDir, packageDir);
pyodide.runPython("import calculator");

const session = pyodide.pyimport("calculator._batch");
pyodide.FS.writeFile("/tmp/budget-1", readFileSync(filePath));
const started = JSON.parse(session.session_start_json("/tmp/budget-1", basename(filePath), reformJson, lang));
const companies = [];
let summary = null;
for (let count = 1; started.ok; count = (count % 37) + 1) { // uneven steps, as the worker's timing makes them
  const out = JSON.parse(session.session_step_json(count));
  companies.push(...out.records);
  if (out.finished) {
    summary = out.summary;
    break;
  }
}
const python = pyodide.runPython("import sys; sys.version.split()[0]");
process.stdout.write(JSON.stringify({ python, started, companies, summary }));
