// Module worker that runs the calculator under Pyodide, so the page's main thread never runs Python and stays
// responsive while the 10 MB runtime compiles. Pyodide 314 only supports module workers.
//
// Protocol (page -> worker):  {type: "start", pyodideURL, bundleURL}
//                             {type: "estimate", id, request: {profile, lang}}
// (worker -> page):           {type: "ready", loadMs} | {type: "failed", message}
//                             {type: "result", id, response} | {type: "error", id, message}

let engine = null; // Promise of {loadMs, estimate({profile, lang}) -> result object}

async function startEngine({ pyodideURL, bundleURL }) {
  const started = performance.now();
  const [{ loadPyodide }, bundle] = await Promise.all([
    import(new URL("pyodide.mjs", pyodideURL).href),
    fetch(bundleURL).then((response) => {
      if (!response.ok) throw new Error(`${bundleURL}: HTTP ${response.status}`);
      return response.json();
    }),
  ]);
  const imported = performance.now();
  const pyodide = await loadPyodide({
    indexURL: pyodideURL,
    lockFileURL: new URL("pyodide-lock.json", pyodideURL).href,
    // The wheel is fetched while the interpreter boots (its sha256 from the lock file is checked by the browser).
    packages: [bundle.package],
    stdout: () => {},
    stderr: (text) => console.warn(`[calculator worker] ${text}`),
  });
  const booted = performance.now();
  const entry = pyodide.pyimport(bundle.module).__getattribute__(bundle.entry);
  const ready = performance.now();
  return {
    loadMs: ready - started,
    // Where start-up time goes (reported to the page, read by benchmarks/bench_browser.py).
    phases: { importRuntimeMs: imported - started, bootMs: booted - imported, importCalculatorMs: ready - booted },
    // calculator.estimate_json(profile_json, lang) -> result JSON text; it never raises (calculator/README.md).
    estimate: ({ profile, lang }) => JSON.parse(entry(JSON.stringify(profile), lang)),
  };
}

// Pyodide's loader can reject promises nobody awaits when its start-up fails (e.g. a corrupt lock file): the failure
// is reported to the page as the widget's "failed" state rather than as an uncaught error.
self.addEventListener("unhandledrejection", (event) => {
  event.preventDefault();
  self.postMessage({ type: "failed", message: String(event.reason && event.reason.message ? event.reason.message : event.reason) });
});

self.addEventListener("message", async (event) => {
  const message = event.data;
  if (message.type === "start") {
    engine ??= startEngine(message);
    try {
      const { loadMs, phases } = await engine;
      self.postMessage({ type: "ready", loadMs, phases });
    } catch (error) {
      self.postMessage({ type: "failed", message: String(error && error.message ? error.message : error) });
    }
  } else if (message.type === "estimate") {
    try {
      const ready = await engine;
      const response = ready.estimate(message.request);
      self.postMessage({ type: "result", id: message.id, response });
    } catch (error) {
      self.postMessage({ type: "error", id: message.id, message: String(error && error.message ? error.message : error) });
    }
  }
});
