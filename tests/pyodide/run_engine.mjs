// Runs the calculator package (source from the working tree) inside real Pyodide under Node, offline.
// Usage: node run_engine.mjs PYODIDE_DIR CALCULATOR_DIR CASES_JSON
// CASES_JSON: [{"profile": ..., "lang": "zh"|"en"}, ...]. Prints one JSON object: {"python": version,
// "import_ms": ..., "results": [estimate_json(...) text, ...]} so the caller can compare with CPython byte for byte.
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { pathToFileURL } from "node:url";

const [pyodideDir, packageDir, casesPath] = process.argv.slice(2);
const { loadPyodide } = await import(pathToFileURL(join(pyodideDir, "pyodide.mjs")).href);
const pyodide = await loadPyodide({ indexURL: pyodideDir + "/" });

// Copy the package's .py and _data/*.json files into the Pyodide file system.
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

pyodide.globals.set("cases_text", readFileSync(casesPath, "utf8"));
const started = performance.now();
pyodide.runPython("import sys; sys.path.insert(0, '/home/pyodide'); import calculator");
const importMs = performance.now() - started;
const output = pyodide.runPython(`
import json, sys
results = [calculator.estimate_json(json.dumps(case["profile"], allow_nan=True), case["lang"]) for case in json.loads(cases_text)]
json.dumps({"python": sys.version.split()[0], "results": results})
`);
const parsed = JSON.parse(output);
parsed.import_ms = importMs;
process.stdout.write(JSON.stringify(parsed));
