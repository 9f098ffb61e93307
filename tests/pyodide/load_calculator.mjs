// Shared by run_engine.mjs and run_batch.mjs: real Pyodide under Node, offline, with the calculator package's .py
// and _data/*.json files (source from the working tree) copied into its file system at /home/pyodide/calculator.
// The package is not imported here, so that a caller can time the import.
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { pathToFileURL } from "node:url";

export async function loadWithCalculator(pyodideDir, packageDir) {
  const { loadPyodide } = await import(pathToFileURL(join(pyodideDir, "pyodide.mjs")).href);
  const pyodide = await loadPyodide({ indexURL: pyodideDir + "/" });
  const target = "/home/pyodide/calculator";
  const copyTree = (dir) => {
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
  };
  copyTree(packageDir);
  pyodide.runPython("import sys; sys.path.insert(0, '/home/pyodide')");
  return pyodide;
}
