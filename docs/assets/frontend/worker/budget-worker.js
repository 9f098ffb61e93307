// The budget page's batch, inside the calculator's module worker (worker.mjs loads this module on the first "batch"
// message). The file's bytes go onto Pyodide's in-memory file system; calculator._batch's session reads it once to
// count the companies (a problem with the whole file is reported before any estimate), then estimates a few
// companies per call, sized so that one call takes about STEP_MS, and yields between calls, so that a "batch-stop"
// (or a newer batch) is heard at once. Progress goes to the page at most every REPORT_MS, with the records estimated
// since the last report.
//
// (page -> worker)  {type: "batch", id, request: {bytes: ArrayBuffer, name, reform: {id: value} | null, lang}}
//                   {type: "batch-stop", id}
// (worker -> page)  {type: "batch-started", id, companies, encoding, kind}
//                   {type: "batch-progress", id, done, total, records}
//                   {type: "batch-done", id, done, total, records, summary, formulaCells}
//                   {type: "batch-refused", id, errors: [{field, zh, en}]}  the file or the reform cannot be used
//                   {type: "batch-failed", id, message}  anything else (a bug): the page says so
// Records and summary are exactly those of `python -m calculator batch FILE --json` (calculator/_batch.py). The file
// is deleted from the file system when the batch ends or stops: nothing of it stays in the worker.

const STEP_MS = 40;
const REPORT_MS = 100;
const MAX_STEP = 400;

/** @typedef {{id: number, path: string}} RunningBatch */
/** @type {RunningBatch | null} */
let running = null; // {id, path} of the batch under way

const pause = () => new Promise((resolve) => { setTimeout(resolve, 0); });

/** @param {PyodideAPI} pyodide @param {RunningBatch} batch */
function forget(pyodide, batch) {
  try {
    pyodide.FS.unlink(batch.path);
  } catch { /* already gone */ }
}

/**
 * @param {BatchMessage | BatchStopMessage} message
 * @param {PyodideAPI} pyodide
 * @param {(reply: BatchReplyMessage) => void} post
 * @param {(running: boolean) => void} setRunning
 */
export async function handleBatch(message, pyodide, post, setRunning) {
  if (message.type === "batch-stop") {
    if (running && running.id === message.id) running = null; // the loop below sees it at its next step
    return;
  }
  const { id, request } = message;
  const batch = { id, path: `/tmp/budget-${id}` };
  running = batch;
  setRunning(true);
  const session = pyodide.pyimport("calculator._batch");
  try {
    pyodide.FS.writeFile(batch.path, new Uint8Array(request.bytes));
    const started = JSON.parse(session.session_start_json(batch.path, String(request.name || ""),
      request.reform ? JSON.stringify(request.reform) : "", request.lang));
    if (!started.ok) {
      post({ type: "batch-refused", id, errors: started.errors });
      return;
    }
    post({ type: "batch-started", id, companies: started.companies, encoding: started.encoding, kind: started.kind });
    let count = 5;
    /** @type {BatchRecord[]} */
    let pending = [];
    let lastReport = performance.now();
    for (;;) {
      await pause();
      if (running !== batch) {
        if (running === null) session.session_stop(); // stopped, not replaced by a newer batch (which has its own)
        return;
      }
      const before = performance.now();
      const out = JSON.parse(session.session_step_json(count));
      const took = performance.now() - before;
      // The next call's size: about STEP_MS of work, from this call's time per company.
      if (out.records.length) {
        count = Math.max(1, Math.min(MAX_STEP, Math.round(STEP_MS / Math.max(took / out.records.length, 0.05))));
      }
      pending = pending.concat(out.records);
      if (out.finished) {
        post({ type: "batch-done", id, done: out.done, total: started.companies, records: pending,
               summary: out.summary, formulaCells: out.formula_cells });
        return;
      }
      if (performance.now() - lastReport >= REPORT_MS) {
        post({ type: "batch-progress", id, done: out.done, total: started.companies, records: pending });
        pending = [];
        lastReport = performance.now();
      }
    }
  } catch (error) {
    post({ type: "batch-failed", id, message: String(error && error.message ? error.message : error) });
  } finally {
    forget(pyodide, batch);
    session.destroy();
    if (running === batch) running = null;
    if (running === null) setRunning(false);
  }
}
