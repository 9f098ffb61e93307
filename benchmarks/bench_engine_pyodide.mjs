// Benchmark (not a test): importing the calculator package in Pyodide under Node (goal < 200 ms), and one
// full-profile estimate there. Usage: node benchmarks/bench_engine_pyodide.mjs [runs=5]
import { readFileSync, readdirSync, statSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const pyodideDir = join(root, "node_modules", "pyodide");
const packageDir = join(root, "calculator");
const runs = Number(process.argv[2] ?? 5);
const { loadPyodide } = await import(pathToFileURL(join(pyodideDir, "pyodide.mjs")).href);

function copyTree(pyodide, dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      if (name !== "__pycache__") copyTree(pyodide, path);
    } else if (/\.(py|json)$/.test(name)) {
      const dest = join("/home/pyodide/calculator", relative(packageDir, path));
      pyodide.FS.mkdirTree(dest.slice(0, dest.lastIndexOf("/")));
      pyodide.FS.writeFile(dest, readFileSync(path));
    }
  }
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const loads = [], imports = [], estimates = [];
for (let run = 0; run < runs; run++) {
  let t = performance.now();
  const pyodide = await loadPyodide({ indexURL: pyodideDir + "/" });
  loads.push(performance.now() - t);
  copyTree(pyodide, packageDir);
  t = performance.now();
  pyodide.runPython("import sys; sys.path.insert(0, '/home/pyodide'); import calculator");
  imports.push(performance.now() - t);
  pyodide.globals.set("profile_text", readFileSync(join(packageDir, "examples", "full_profile.json"), "utf8"));
  pyodide.runPython("calculator.estimate_json(profile_text)");
  t = performance.now();
  for (let i = 0; i < 20; i++) pyodide.runPython("calculator.estimate_json(profile_text)");
  estimates.push((performance.now() - t) / 20);
}
const version = (await loadPyodide({ indexURL: pyodideDir + "/" })).runPython("import sys; sys.version.split()[0]");
console.log(`Pyodide (Python ${version}) under Node ${process.version}, ${runs} runs`);
console.log(`loadPyodide            median ${median(loads).toFixed(0)} ms`);
console.log(`import calculator      median ${median(imports).toFixed(1)} ms (goal < 200 ms)`);
console.log(`estimate_json full     median ${median(estimates).toFixed(2)} ms`);
