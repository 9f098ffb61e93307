"""Driving the site's calculator in WebKitGTK through Selenium: open a page with an error collector, fill a widget's
fields, wait (never sleep) for the displayed result to equal CPython's `calculator.estimate`, follow a navigation link.

The displayed result is read from the same DOM attributes the Chromium tests check (tests/e2e/calculator_form.py):
`.pc-result[data-state]`, `.pc-total[data-total-cny]` and each `li.pc-line`'s `data-rule` and `data-amount-cny`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from selenium.common.exceptions import TimeoutException
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.remote.webelement import WebElement
from selenium.webdriver.support.ui import WebDriverWait

import calculator
from site_build.calculator_inputs import build_inputs_document, estimator_part_of_key
READY_TIMEOUT_S = 180
RESULT_TIMEOUT_S = 30
NAVIGATION_TIMEOUT_S = 60
SNAPSHOT_TIMEOUT_S = 90  # the worker makes it after the first result; the service worker writes ~30 MB
SNAPSHOT_PREFIX = "jiangbei-snapshot-"
SNAPSHOT_FILE = "/pyodide/memory-snapshot.bin"  # its key in that cache (docs/assets/frontend/worker/worker.mjs)
# A real snapshot holds the whole WebAssembly memory of a booted Python (about 30 MB); anything smaller is not one.
REAL_SNAPSHOT_BYTES = 10_000_000

# Installed right after each page load (classic WebDriver has no "before the page's scripts" hook): uncaught errors
# (also failed loads of scripts, styles and images: capture phase), unhandled rejections and console.error calls.
ERROR_COLLECTOR = """
if (!window.__webkitSmokeErrors) {
  const errors = window.__webkitSmokeErrors = [];
  window.addEventListener("error", (event) => {
    const target = event.target && event.target !== window ? (event.target.src || event.target.href || event.target.tagName) : "";
    errors.push(`error: ${event.message || "failed to load " + target}` + (event.filename ? ` (${event.filename}:${event.lineno})` : ""));
  }, true);
  window.addEventListener("unhandledrejection", (event) => {
    const reason = event.reason;
    errors.push(`unhandled rejection: ${String(reason)}` + (reason && reason.stack ? ` at ${reason.stack}` : ""));
  });
  const consoleError = console.error.bind(console);
  console.error = (...args) => { errors.push(`console.error: ${args.map(String).join(" ")}`); consoleError(...args); };
}
"""
# Records what the page itself writes to Cache Storage (the service worker's writes are in its own realm, not seen
# here): the memory snapshot is meant to go to the service worker, the page's own write is only its fallback.
PAGE_CACHE_PUTS = """
if (!window.__webkitSmokeCachePuts) {
  const puts = window.__webkitSmokeCachePuts = [];
  const put = Cache.prototype.put;
  Cache.prototype.put = function (request, response) {
    puts.push(String(request && request.url ? request.url : request));
    return put.call(this, request, response);
  };
}
"""
# Problems a page shows without throwing: a widget in its failed state, a request to another origin. (An error before
# the collector was installed that stops the calculator shows as a widget that never gets ready: `wait_ready`.)
PAGE_PROBLEMS = """
const problems = [...(window.__webkitSmokeErrors || ["the error collector is not installed"])];
for (const node of document.querySelectorAll('[data-state="failed"]')) {
  problems.push(`failed state: ${node.className} ${(node.textContent || "").trim().slice(0, 200)}`);
}
for (const entry of performance.getEntriesByType("resource")) {
  const url = new URL(entry.name, location.href);
  if (url.protocol.startsWith("http") && url.origin !== location.origin) problems.push(`request to another origin: ${entry.name}`);
}
return problems;
"""
# The estimator draws a part's fields when the part is first opened: which part to open for a key.
ESTIMATOR_PART_OF_KEY = estimator_part_of_key(build_inputs_document())
OPEN_DETAILS = "for (let d = arguments[0].closest('details'); d; d = d.parentElement.closest('details')) d.open = true;"
SELECT_OPTION = """
const [select, value] = arguments;
if (![...select.options].some((option) => option.value === value)) throw new Error(`no option ${value} in ${select.dataset.field}`);
select.value = value;
select.dispatchEvent(new Event("input", {bubbles: true}));
select.dispatchEvent(new Event("change", {bubbles: true}));
"""
SHOWN_RESULT = """
const box = arguments[0].querySelector(".pc-result");
if (!box) return null;
const total = box.querySelector(".pc-total");
return {
  state: box.dataset.state || "",
  total: total ? total.dataset.totalCny || "" : null,
  totalText: total ? total.textContent : "",
  lines: [...box.querySelectorAll("li.pc-line")].map((line) => [line.dataset.rule || "", line.dataset.amountCny || ""]),
  amountTexts: [...box.querySelectorAll("li.pc-line")].map((line) => (line.querySelector(".pc-amount") || line).textContent),
  text: box.innerText,
};
"""
HOW_STARTED = "const ready = performance.getEntriesByName('calculator-ready')[0]; return ready ? ready.detail.started : null;"
# Bytes of the memory snapshot the service worker (or the page) stored in Cache Storage, 0 if none.
STORED_SNAPSHOT_BYTES = """
const done = arguments[arguments.length - 1];
(async () => {
  let bytes = 0;
  for (const name of await caches.keys()) {
    if (!name.startsWith("%s")) continue;
    const cache = await caches.open(name);
    for (const request of await cache.keys()) bytes += (await (await cache.match(request)).arrayBuffer()).byteLength;
  }
  return bytes;
})().then(done, (error) => done(`error: ${error}`));
""" % SNAPSHOT_PREFIX

T = TypeVar("T")


def wait_for(driver: WebDriver, condition: Callable[[WebDriver], T], timeout_s: float,
             waiting_for: str, last_seen: Callable[[WebDriver], Any] | None = None) -> T:
    """WebDriverWait (until `condition` returns a truthy value, which is returned) with a message that says what was
    awaited and what the page showed last."""
    try:
        return WebDriverWait(driver, timeout_s, poll_frequency=0.1).until(condition)
    except TimeoutException:
        seen = last_seen(driver) if last_seen else None
        problems = page_problems(driver)
        raise AssertionError(f"{timeout_s} s waiting for {waiting_for} on {driver.current_url}; last seen: {seen!r}; "
                             f"page problems: {problems}") from None


def page_problems(driver: WebDriver) -> list[str]:
    return list(driver.execute_script(PAGE_PROBLEMS))


def assert_page_clean(driver: WebDriver) -> None:
    problems = page_problems(driver)
    assert not problems, f"{driver.current_url}: " + "\n  ".join(problems)


def open_page(driver: WebDriver, url: str) -> None:
    driver.get(url)
    driver.execute_script(ERROR_COLLECTOR + PAGE_CACHE_PUTS)


def snapshot_sent_to(driver: WebDriver) -> str:
    """Who the page told the calculator's worker to give its memory snapshot to (docs/assets/frontend/worker/snapshot.js)."""
    return str(driver.execute_script(
        "const marks = performance.getEntriesByName('calculator-snapshot');"
        " return marks.length ? marks[0].detail.sentTo : 'no snapshot mark';"))


def page_cache_puts(driver: WebDriver) -> list[str]:
    """URLs this page (not its service worker) has stored in Cache Storage since it was opened."""
    return list(driver.execute_script("return window.__webkitSmokeCachePuts || ['the recorder is not installed']"))


def widget(driver: WebDriver, article: int | None = None) -> WebElement:
    selector = ".policy-estimator" if article is None else f'.policy-calculator[data-article="{article}"]'
    return driver.find_element(By.CSS_SELECTOR, selector)


def wait_ready(driver: WebDriver, root: WebElement) -> None:
    wait_for(driver, lambda _: root.get_attribute("data-state") == "ready", READY_TIMEOUT_S,
             "the calculator to be ready", lambda _: root.get_attribute("data-state"))


def open_part_of(root: WebElement, key: str) -> None:
    """In the estimator, opens the part holding `key` as a reader does (a click on its summary draws its fields)."""
    part = ESTIMATOR_PART_OF_KEY.get(key.split(":")[1] if key.startswith("item:") else key)
    if part is None or "policy-estimator" not in (root.get_attribute("class") or "").split():
        return
    details = root.find_element(By.CSS_SELECTOR, f'details.pc-part[data-part="{part}"]')
    if details.get_attribute("open") is None:
        summary = details.find_element(By.CSS_SELECTOR, ":scope > summary")
        # Scrolled clear of the sticky header and running total first, as a reader scrolls to what they tap
        # (WebKitWebDriver clicks where the element is, even if something sticky covers it there).
        summary.parent.execute_script("arguments[0].scrollIntoView({block: 'center'})", summary)
        summary.click()


def fill(driver: WebDriver, root: WebElement, values: dict[str, str]) -> None:
    """Types or selects each value as a reader does (the field's details opened first, as a reader would)."""
    for key, value in values.items():
        open_part_of(root, key)
        controls = root.find_elements(By.CSS_SELECTOR, f'[data-field="{key}"]')
        assert len(controls) == 1, f"field {key}: {len(controls)} controls"
        control = controls[0]
        driver.execute_script(OPEN_DETAILS, control)
        if control.tag_name.lower() == "select":
            # As Playwright's select_option does: WebKitGTK's driver cannot click an <option> (its menu is a popup
            # outside the page: "element click intercepted").
            driver.execute_script(SELECT_OPTION, control, value)
        else:
            control.clear()
            control.send_keys(value)


def expected_for(values: dict[str, str], *, lang: str) -> dict[str, Any]:
    """CPython's result for the profile the form sends for these field values (text exactly as typed)."""
    inputs = {spec["id"]: spec for spec in calculator.list_inputs()}
    profile: dict[str, Any] = {}
    for key, value in values.items():
        spec = inputs[key]
        profile.setdefault(spec["group"], {})[key] = (value == "true") if spec["type"] == "bool" else value
    result: dict[str, Any] = calculator.estimate(profile, lang=lang)
    return result


def shown_result(driver: WebDriver, root: WebElement) -> dict[str, Any] | None:
    shown: dict[str, Any] | None = driver.execute_script(SHOWN_RESULT, root)
    return shown


def expect_result(driver: WebDriver, root: WebElement, expected: dict[str, Any]) -> None:
    """Waits until the widget shows exactly the engine's result: the total and every line's rule and amount."""
    assert expected["valid"] and expected["lines"], f"a smoke case needs a valid result with lines: {expected}"
    want_lines = [[line["rule"], line["amount_cny"] or ""] for line in expected["lines"]]

    def matches(_: WebDriver) -> dict[str, Any] | None:
        shown = shown_result(driver, root)
        if shown and shown["state"] == "result" and shown["total"] == expected["total_cny"] \
                and shown["lines"] == want_lines:
            return shown
        return None

    shown = wait_for(driver, matches, RESULT_TIMEOUT_S,
                     f"total {expected['total_cny']} and lines {want_lines}", lambda _: shown_result(driver, root))
    assert shown is not None  # wait_for returns only a truthy value
    assert expected["total_display"] in shown["totalText"], (expected["total_display"], shown["totalText"])
    for line, text in zip(expected["lines"], shown["amountTexts"]):
        assert line["amount_display"] in text, (line["rule"], line["amount_display"], text)
    for bad in ("NaN", "undefined", "null", "[object Object]"):
        assert bad not in shown["text"], f"{bad!r} rendered in the result: {shown['text'][:500]}"


def how_started(driver: WebDriver) -> str:
    """How this page's calculator worker got its Python: "cold", "snapshot" or "kept" (engine.js's mark)."""
    started = driver.execute_script(HOW_STARTED)
    assert isinstance(started, str), f"no calculator-ready mark on {driver.current_url}"
    return started


def stored_snapshot_bytes(driver: WebDriver) -> int:
    bytes_or_error = driver.execute_async_script(STORED_SNAPSHOT_BYTES)
    assert isinstance(bytes_or_error, int), f"Cache Storage: {bytes_or_error}"
    return bytes_or_error


def service_worker_controls_page(driver: WebDriver) -> bool:
    return bool(driver.execute_script("return Boolean(navigator.serviceWorker && navigator.serviceWorker.controller)"))


def follow_article_link(driver: WebDriver, article: int) -> None:
    """Clicks the article's link in the site navigation, as a reader moves on (not a fresh driver.get): the article
    opens in place (docs/assets/frontend/site/soft-navigation.js); this returns once its content is there."""
    assert_page_clean(driver)  # the page being left
    suffix = f"/articles/{article}/"
    links = [link for link in driver.find_elements(By.CSS_SELECTOR, ".md-nav a")
             if (link.get_attribute("href") or "").endswith(suffix)]
    assert links, f"no navigation link to {suffix} on {driver.current_url}"
    visible = [link for link in links if link.is_displayed()]
    if visible:
        visible[0].click()
    else:  # in a collapsed navigation section: the same link, clicked from script
        driver.execute_script("arguments[0].click()", links[0])
    wait_for(driver, lambda d: d.current_url.endswith(suffix)
             and d.execute_script("return document.readyState") == "complete"
             and d.execute_script(f"return document.querySelector('[data-article=\"{article}\"]') !== null"),
             NAVIGATION_TIMEOUT_S, f"the page {suffix} to load", lambda d: d.current_url)
    driver.execute_script(ERROR_COLLECTOR + PAGE_CACHE_PUTS)
