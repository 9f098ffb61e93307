"""While Pyodide loads, the widget shows the runtime's real download progress (bytes received by the calculator's
worker as they crossed the network, compressed: "x MB of y MB", in the page's language); once ready the progress is
gone."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from calculator_form import expect_result, expected_for, fill, hold_wasm, page_path, release_wasm, wait_ready, widget
from playwright.sync_api import BrowserContext, Page, Route, expect

PROGRESS = {"en": r"Downloading the calculator: (\d+\.\d) MB of (\d+\.\d) MB",
            "zh": r"正在下载计算器：(\d+\.\d) MB / (\d+\.\d) MB"}


def _sizes_on_the_wire(site_dir: Path) -> dict[str, int]:
    """Each runtime file's size as the test server sends it to a browser that accepts Brotli: its .br copy's."""
    names = json.loads((site_dir / "assets" / "frontend" / "bundle.json").read_text("utf-8"))["bytes"]
    sizes = {}
    for name in names:
        path = site_dir / "pyodide" / name
        copy = path.with_name(path.name + ".br")
        sizes[name] = (copy if copy.is_file() else path).stat().st_size
    return sizes


def _raw_total(site_dir: Path) -> int:
    return sum(json.loads((site_dir / "assets" / "frontend" / "bundle.json").read_text("utf-8"))["bytes"].values())


def test_widget_shows_download_progress_in_both_languages(new_context: Callable[..., BrowserContext],
                                                         site_dir: Path) -> None:
    # In compressed megabytes, what crosses the network: the server sends the .br copies (scripts/precompress.py),
    # whose sizes bundle.json's `transfer` gives; 4.6 MB (13.9 MB uncompressed) before this was counted on the wire.
    runtime_bytes = _sizes_on_the_wire(site_dir)
    total_mb = f"{sum(runtime_bytes.values()) / 1e6:.1f}"
    assert float(total_mb) < 0.35 * _raw_total(site_dir) / 1e6
    # With the wasm held back, everything before it has arrived (the wheel comes after the interpreter boots).
    wheel = next(name for name in runtime_bytes if name.endswith(".whl"))
    before_wasm_mb = f"{(sum(runtime_bytes.values()) - runtime_bytes['pyodide.asm.wasm'] - runtime_bytes[wheel]) / 1e6:.1f}"
    context = new_context()
    for lang in ("zh", "en"):
        page = context.new_page()
        held = hold_wasm(page)  # everything else arrives; the wasm waits, so the figures stand still
        page.goto(page_path("article", lang=lang, article=3))
        root = widget(page, 3)
        progress = root.locator(".pc-download")
        # The loader, Emscripten's module and the stdlib are in: what is shown is what arrived, not a guess.
        expect(progress).to_have_text(re.compile(PROGRESS[lang]))
        shown = PROGRESS[lang].replace(r"(\d+\.\d)", "{}", 2).format(before_wasm_mb, total_mb).replace("\\", "")
        expect(progress).to_have_text(shown)
        bar = progress.get_by_role("progressbar")
        assert float(bar.get_attribute("max") or 0) == sum(runtime_bytes.values())
        if lang == "zh":
            page.close()  # never released: this page never boots Python
            continue
        release_wasm(page, held)
        wait_ready(root)
        expect(progress).to_have_count(0)


def test_a_calculator_module_that_fails_to_arrive_is_asked_for_again(new_context: Callable[..., BrowserContext]) -> None:
    """One module of the calculator's graph is aborted on its way (seen under load: net::ERR_ABORTED): app.js imports
    the graph again, the browser fetches the module again, and the widget starts and computes as usual."""
    context = new_context()
    aborted: list[str] = []

    def abort_once(route: Route) -> None:
        if aborted:
            route.continue_()
        else:
            aborted.append(route.request.url)
            route.abort("aborted")

    context.route("**/assets/frontend/calculator/money.js", abort_once)
    page = context.new_page()
    page.goto(page_path("article", lang="zh", article=3))
    root = widget(page, 3)
    wait_ready(root)
    values = {"a3_investment": "8000000", "a3_orientation": "key"}
    fill(root, values)
    expect_result(root, expected_for(values, lang="zh"), lang="zh")
    assert len(aborted) == 1, "the module was never aborted: this test would not show the retry"


# The page's idle moment never comes: only the reader can let the worker boot (app.js asks for go() when idle).
NO_IDLE_MOMENT = "window.requestIdleCallback = () => 0;"


def test_runtime_downloads_at_once_but_boots_when_the_page_is_done_or_a_field_is_focused(
        new_context: Callable[..., BrowserContext], site_dir: Path) -> None:
    """The worker downloads the runtime once the page is parsed, but hands it to Pyodide (compile, boot) only on go():
    at the page's first idle moment after load, or at once when the reader focuses a field. With no idle moment, the
    whole download arrives and waits, the calculator's wheel included (it is fetched once the runtime has arrived, not
    after the boot); focusing a field boots Python and the widget computes the engine's result."""
    before_boot = sum(_sizes_on_the_wire(site_dir).values())  # the runtime, then the wheel: all before Python boots
    runtime_bytes = json.loads((site_dir / "assets" / "frontend" / "bundle.json").read_text("utf-8"))["bytes"]
    context = new_context()
    context.add_init_script(NO_IDLE_MOMENT)
    page = context.new_page()
    page.goto(page_path("article", lang="en", article=3))
    root = widget(page, 3)
    bar = root.locator(".pc-download").get_by_role("progressbar")
    expect(bar).to_have_attribute("value", str(before_boot), timeout=30_000)  # all of it arrived, and waits
    expect(root).to_have_attribute("data-state", "loading")
    values = {"a3_investment": "8000000", "a3_orientation": "key"}
    fill(root, values)  # the first focus says go
    wait_ready(root)
    expect_result(root, expected_for(values, lang="en"), lang="en")
    phases = page.evaluate("() => performance.getEntriesByName('calculator-ready')[0].detail")
    assert phases["started"] == "cold"
    # What the worker had received and held back when go came: the whole download. A worker that handed bytes to
    # Pyodide as they came would have held none.
    assert phases["heldBytes"] >= runtime_bytes["pyodide.asm.wasm"], phases
    assert phases["heldMs"] > 0, phases


# What follows a calculator moves down when Python is ready by at most the chart legends (text whose length depends on
# the result): each chart's graphic had its room kept while the runtime loaded.
CHART_ROOM = """(root) => [...root.querySelectorAll('.pc-chart-body')].map((body) => {
  const legend = body.querySelector('.pc-chart-legend');
  const style = legend && getComputedStyle(legend);
  return {
    reserved: parseFloat(body.style.minHeight || '0'),
    graphic: body.querySelector('svg') ? body.querySelector('svg').getBoundingClientRect().height : null,
    legend: legend ? legend.getBoundingClientRect().height + parseFloat(style.marginTop) + parseFloat(style.marginBottom) : 0,
  };
})"""
WAITING = {"zh": "计算器加载完成后，在这里画出此图。", "en": "The chart is drawn here once the calculator has loaded."}
AFTER_CALCULATOR = "(root) => root.nextElementSibling.getBoundingClientRect().top + window.scrollY"
BOX_HEIGHT = "(box) => box.getBoundingClientRect().height"


@pytest.mark.parametrize(("lang", "article"), [("zh", 3), ("en", 17)])
def test_charts_keep_their_room_while_python_loads(new_context: Callable[..., BrowserContext], lang: str,
                                                    article: int) -> None:
    """Found by CI under load: a click on a glossary term under article 17's calculator was lost, because the content
    under the calculator moved down 200-320 px (on a phone) when Python got ready and the charts were drawn."""
    page = new_context(viewport={"width": 390, "height": 800}).new_page()
    held = hold_wasm(page)
    page.goto(page_path("article", lang=lang, article=article))
    root = widget(page, article)
    expect(root).to_have_attribute("data-state", "loading")
    expect(root.locator(".pc-what-if")).to_be_attached()
    expect(root.locator(".pc-download")).to_be_visible()  # the status box at its loading height
    before = root.evaluate(CHART_ROOM)
    follower_before = root.evaluate(AFTER_CALCULATOR)
    box_before = root.locator(".pc-state").evaluate(BOX_HEIGHT)
    assert before and all(chart["reserved"] > 100 and chart["graphic"] is None for chart in before), before
    expect(root.locator(".pc-chart-waiting").first).to_have_text(WAITING[lang])
    release_wasm(page, held)
    wait_ready(root)
    expect(root.locator(".pc-what-if")).to_have_attribute("data-state", "ready")
    after = root.evaluate(CHART_ROOM)
    for kept, drawn in zip(before, after):
        assert drawn["reserved"] == 0, drawn  # the room is the drawing's now
        assert drawn["graphic"] == pytest.approx(kept["reserved"], abs=1), (kept, drawn)
    expect(root.locator(".pc-chart-waiting")).to_have_count(0)
    # The status box gives back its kept room when it is out of sight (below), and that is not the charts' doing.
    moved = root.evaluate(AFTER_CALCULATOR) - follower_before - (root.locator(".pc-state").evaluate(BOX_HEIGHT) - box_before)
    assert 0 <= moved <= sum(chart["legend"] for chart in after) + 1, (moved, after)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_status_box_gives_back_its_room_once_out_of_sight(new_context: Callable[..., BrowserContext],
                                                               lang: str) -> None:
    """The status box keeps its loading height when Python gets ready, so that the form under it does not move under
    the reader's eyes; with text at 200% that room was an empty gap of ~180 px under "Calculator ready." for good.
    It goes once the box is out of sight, and what the reader sees then does not move (scroll anchoring)."""
    page = new_context(viewport={"width": 390, "height": 800}).new_page()
    held = hold_wasm(page)
    page.goto(page_path("article", lang=lang, article=3))
    page.evaluate("() => { document.documentElement.style.fontSize = '200%'; }")
    root = widget(page, 3)
    box = root.locator(".pc-state")
    expect(root.locator(".pc-download")).to_be_visible()
    box.scroll_into_view_if_needed()  # the reader watches the status while Python loads
    release_wasm(page, held)
    wait_ready(root)
    gap = "(box) => box.getBoundingClientRect().bottom - box.querySelector('.pc-status').getBoundingClientRect().bottom"
    status_margin = "(box) => parseFloat(getComputedStyle(box.querySelector('.pc-status')).marginBottom)"
    margin = box.evaluate(status_margin)
    assert box.evaluate("(box) => box.style.minHeight") != ""  # in sight: the room is kept
    assert box.evaluate(gap) > margin + 50  # ...and it is a gap
    # The reader scrolls on to the form until the box is 40 px above the screen: the room goes, and the field in view
    # stays where it was.
    field = root.locator(".pc-form [data-field]").first
    expected_top = field.evaluate("(field) => field.getBoundingClientRect().top") - box.evaluate(
        "(box) => box.getBoundingClientRect().bottom") - 40
    box.evaluate("(box) => window.scrollBy(0, box.getBoundingClientRect().bottom + 40)")
    page.wait_for_function("(box) => box.style.minHeight === ''", arg=box.element_handle())
    page.evaluate("() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)))")
    assert field.evaluate("(field) => field.getBoundingClientRect().top") == pytest.approx(expected_top, abs=1)
    # Back at the box: no gap under "Calculator ready.".
    box.scroll_into_view_if_needed()
    assert box.evaluate(gap) == pytest.approx(margin, abs=1)
