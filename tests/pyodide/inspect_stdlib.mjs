// Boots Pyodide from the site's runtime (site/pyodide/) under Node and reports, as JSON, how its stdlib zip was used:
// whether each .pyc was compiled for this interpreter from the npm package's source, and where the modules that
// start-up and `import decimal, json` loaded came from. Read by tests/pyodide/test_stdlib_cut.py.
// Usage: node inspect_stdlib.mjs SITE_PYODIDE_DIR NPM_STDLIB_ZIP
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

const [pyodideDir, npmStdlib] = process.argv.slice(2);
const { loadPyodide } = await import(pathToFileURL(join(pyodideDir, "pyodide.mjs")).href);
const pyodide = await loadPyodide({ indexURL: pyodideDir + "/" });
pyodide.FS.writeFile("/tmp/npm-stdlib.zip", readFileSync(npmStdlib));
process.stdout.write(pyodide.runPython(`
import decimal, importlib.util, json, sys, zipfile

zip_path = next(entry for entry in sys.path if entry.endswith(".zip"))
report = {"magic_ok": [], "magic_wrong": [], "hash_ok": [], "hash_wrong": [], "not_unchecked_hash": [],
          "no_source_in_npm_zip": [], "sources_in_zip": [], "loaded_from_zip": {}}
with zipfile.ZipFile(zip_path) as shipped, zipfile.ZipFile("/tmp/npm-stdlib.zip") as npm:
    npm_names = set(npm.namelist())
    for name in shipped.namelist():
        if name.endswith(".py"):
            report["sources_in_zip"].append(name)
        if not name.endswith(".pyc"):
            continue
        data = shipped.read(name)
        report["magic_ok" if data[:4] == importlib.util.MAGIC_NUMBER else "magic_wrong"].append(name)
        if int.from_bytes(data[4:8], "little") != 0b01:  # hash-based, source not checked (PEP 552)
            report["not_unchecked_hash"].append(name)
        source_name = name[:-1]
        if source_name not in npm_names:
            report["no_source_in_npm_zip"].append(name)
            continue
        same = data[8:16] == importlib.util.source_hash(npm.read(source_name))
        report["hash_ok" if same else "hash_wrong"].append(name)
for module in list(sys.modules.values()):
    origin = getattr(getattr(module, "__spec__", None), "origin", None)
    if isinstance(origin, str) and origin.startswith(zip_path + "/"):
        report["loaded_from_zip"][module.__name__] = origin[len(zip_path) + 1:]
report["decimal_sum"] = str(decimal.Decimal("0.1") + decimal.Decimal("0.2"))
json.dumps(report)
`));
