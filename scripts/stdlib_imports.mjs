// Records which files of Pyodide's standard library zip the calculator needs (run by site_build/bundle_pyodide.py).
// Usage: node scripts/stdlib_imports.mjs RUNTIME_DIR WHEEL PROFILES_JSON
// RUNTIME_DIR holds the npm package's runtime (full python_stdlib.zip, its own lock file) and the calculator wheel, as
// site/pyodide/ will. Pyodide starts exactly as the browser worker starts it (docs/assets/frontend/worker/worker.mjs:
// `_makeSnapshot` mode, the wheel unpacked with zipfile, the package imported), then the calculator is exercised: its JSON entry point on every profile in PROFILES_JSON in both
// languages, its other public functions, the budget page's batch, and a formatted traceback (what Pyodide does when Python raises into JS).
// Prints a JSON list of the stdlib zip's file names that were imported, sorted.
import { pathToFileURL } from "node:url";
import { join } from "node:path";
import { readFileSync } from "node:fs";

const [runtimeDir, wheelName, profilesPath] = process.argv.slice(2);
const { loadPyodide } = await import(pathToFileURL(join(runtimeDir, "pyodide.mjs")).href);
const pyodide = await loadPyodide({
  indexURL: runtimeDir + "/",
  lockFileURL: join(runtimeDir, "pyodide-lock.json"),
  _makeSnapshot: true,
  stdout: () => {},
  stderr: (text) => process.stderr.write(text + "\n"),
});
pyodide.FS.writeFile("/tmp/calculator.whl", readFileSync(join(runtimeDir, wheelName)));
pyodide.runPython(`
import site, sys, zipfile
with zipfile.ZipFile("/tmp/calculator.whl") as wheel:
    wheel.extractall(site.getsitepackages()[0])
import calculator
`);
pyodide.makeMemorySnapshot(); // what the worker does once ready (it must not need more of the stdlib)
pyodide.globals.set("profiles_text", readFileSync(profilesPath, "utf8"));
const names = pyodide.runPython(`
import json, sys, traceback
import calculator

for profile in json.loads(profiles_text):
    for lang in ("zh", "en"):
        calculator.estimate_json(json.dumps(profile), lang)
for text in ("", "{", "[]", '{"company": {"registered_in_district": "maybe"}}', '{"unknown": 1}'):
    for lang in ("zh", "en", "xx"):
        calculator.estimate_json(text, lang)
for name in ("list_inputs", "list_rules", "rules_json"):
    if hasattr(calculator, name):
        getattr(calculator, name)()
# The budget page's batch (calculator._batch's session, as docs/assets/frontend/worker/budget-worker.js runs it): UTF-8
# with and without a BOM, GB18030 from Excel, JSONL, a workbook, a reform.
from calculator import _batch
header = "firm,a3_investment,a3_orientation\\n"
for name, data in (("a.csv", (header + "甲,5000000,key\\n").encode("utf-8")), ("b.csv", ("\\ufeff" + header + "甲,1,key\\n").encode("utf-8")),
                   ("c.csv", (header + "甲,=1+1,key\\n").encode("gb18030")), ("d.jsonl", b'{"firm": "A"}\\n'), ("e.csv", b"PK\\x03\\x04xx")):
    with open("/tmp/" + name, "wb") as stream:
        stream.write(data)
    started = json.loads(_batch.session_start_json("/tmp/" + name, name, json.dumps({"a3.renovation.key.rate": "7"}), "en"))
    while started["ok"] and not json.loads(_batch.session_step_json(10))["finished"]:
        pass
try:
    raise ValueError("recorded traceback")
except ValueError:
    traceback.format_exc()

zip_path = next(entry for entry in sys.path if entry.endswith(".zip"))
files = set()
for module in list(sys.modules.values()):
    origin = getattr(getattr(module, "__spec__", None), "origin", None) or getattr(module, "__file__", None)
    if isinstance(origin, str) and origin.startswith(zip_path + "/"):
        files.add(origin[len(zip_path) + 1:])
json.dumps(sorted(files))
`);
process.stdout.write(names);
