// Compiles the site's standard library zip to bytecode with the runtime's own interpreter (run by
// site_build/bundle_pyodide.py).  Usage: node scripts/compile_bytecode.mjs RUNTIME_DIR STDLIB_IN STDLIB_OUT
//
// Why: Pyodide's stdlib zip holds only .py sources, so every start-up compiled the ~140 modules it imports, in
// WebAssembly: about 1.4 s of a 2.4 s boot in Chromium here. From bytecode, start-up only unmarshals them.
// Bytecode is specific to the interpreter's version (its magic number), so it is made by the very Pyodide that the
// site ships (RUNTIME_DIR: the npm package's runtime), never by the build machine's CPython.
//
// Each .py becomes a sourceless .pyc: zipimport loads a .pyc that has no .py beside it without any check. They are
// compiled with optimize=2, as `python -OO` would: docstrings and asserts go. That keeps the zip's Brotli size within
// the cold-visit transfer budget (with docstrings the zip would be 140 KB larger). The .pyc is hash-based (PEP 552)
// and so records the hash of the source it was made from (tests/pyodide/test_stdlib_cut.py compares it with the npm
// package's source). Entry order, dates and modes are kept: the same input gives the same bytes.
import { pathToFileURL } from "node:url";
import { join } from "node:path";
import { readFileSync, writeFileSync } from "node:fs";

const [runtimeDir, stdlibIn, stdlibOut] = process.argv.slice(2);
if (!stdlibOut) {
  process.stderr.write("usage: node compile_bytecode.mjs RUNTIME_DIR STDLIB_IN STDLIB_OUT\n");
  process.exit(2);
}
const { loadPyodide } = await import(pathToFileURL(join(runtimeDir, "pyodide.mjs")).href);
const pyodide = await loadPyodide({
  indexURL: runtimeDir + "/",
  stdout: () => {},
  stderr: (text) => process.stderr.write(text + "\n"),
});
pyodide.FS.writeFile("/tmp/stdlib-in.zip", readFileSync(stdlibIn));
pyodide.runPython(`
import importlib.util, sys, zipfile
from importlib._bootstrap_external import _code_to_hash_pyc

# Where the zip is mounted in the browser: the code objects' file names, as in tracebacks.
zip_root = next(entry for entry in sys.path if entry.endswith(".zip")) + "/"
with zipfile.ZipFile("/tmp/stdlib-in.zip") as source, \\
        zipfile.ZipFile("/tmp/stdlib-out.zip", "w", zipfile.ZIP_STORED) as target:
    for info in source.infolist():
        data = source.read(info)
        if not info.filename.endswith(".py"):
            target.writestr(info, data)
            continue
        code = compile(data, zip_root + info.filename, "exec", dont_inherit=True, optimize=2)
        entry = zipfile.ZipInfo(info.filename + "c", date_time=info.date_time)
        entry.external_attr = info.external_attr
        target.writestr(entry, bytes(_code_to_hash_pyc(code, importlib.util.source_hash(data), checked=False)))
`);
writeFileSync(stdlibOut, pyodide.FS.readFile("/tmp/stdlib-out.zip"));
