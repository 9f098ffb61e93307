// Runs the budget page's batch inside real Pyodide under Node, offline, as the browser's worker does
// (docs/assets/calculator/budget-worker.js): the file on Pyodide's file system, calculator._batch's session started
// with a reform, then stepped a few companies at a time.
// Usage: node run_batch.mjs PYODIDE_DIR CALCULATOR_DIR FILE REFORM_JSON LANG
// Prints one JSON object {"python": version, "started": ..., "companies": [records], "summary": ...}, so the caller
// can compare it with CPython's `python -m calculator batch --json`.
import { readFileSync, readdirSync, statSync } from "node:fs";
import { basename, join, relative } from "node:path";
import { pathToFileURL } from "node:url";

const [pyodideDir, packageDir, filePath, reformJson, lang] = process.argv.slice(2);
const { loadPyodide } = await import(pathToFileURL(join(pyodideDir, "pyodide.mjs")).href);
const pyodide = await loadPyodide({ indexURL: pyodideDir + "/" });

const target = "/home/pyodide/calculator";
function copyTree(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      if (name === "__pycache__" || name === "examples") continue;
      copyTree(path);
    } else if (name.endsWith(".py") || name.endsWith(".json")) {
      const dest = join(target, relative(packageDir, path));
      pyodide.FS.mkdirTree(dest.slice(0, dest.lastIndexOf("/")));
      pyodide.FS.writeFile(dest, readFileSync(path));
    }
  }
}
copyTree(packageDir);
pyodide.runPython("import sys; sys.path.insert(0, '/home/pyodide'); import calculator");

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
