// The worker's name for Pyodide's API object (node_modules/pyodide/pyodide.d.ts, the runtime's own declarations).
type PyodideAPI = import("pyodide").PyodideAPI;
