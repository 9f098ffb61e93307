"""The budget page (budget/, en/budget/, issue 25) in both languages: the synthetic sample's total equals the command
line's `python -m calculator batch` for the same file (computed here with CPython), with progress shown as "N of M
companies"; a change to a parameter shows the total under it, the difference, the companies that gain or lose, and a
link that carries the change and no company; the JSON download is the command line's JSON and the CSV download makes a
formula cell inert; bad files (empty, not CSV, GBK from Excel, unknown columns, a formula cell, too many rows) each get
their message next to the file field in the page's language; with results the page reflows at 320 CSS px.

One browser context for the module, one page a language (the calculator's worker boots once per page). Expected
figures and messages always come from the engine in this process, never written here.
"""
from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import pytest
import yaml
from calculator_form import READY_TIMEOUT_MS, expect_in_both_languages
from playwright.sync_api import BrowserContext, Page, expect

from calculator import _batch

REPO = Path(__file__).resolve().parents[2]
UI = yaml.safe_load((REPO / "templates" / "ui.yaml").read_text(encoding="utf-8"))
SAMPLE = "assets/budget/synthetic-sample.csv"
REFORM = {"a3.renovation.general.rate": "5"}
RUN_TIMEOUT_MS = 120_000  # a batch of 500 under a parallel test load on 2 cores (typically 2 s)
PREFIX = {"zh": "", "en": "en/"}


def say(key: str, lang: str, **values: Any) -> str:
    text = UI[f"budget_js_{key}"][lang]
    for name, value in values.items():
        text = text.replace("{" + name + "}", str(value))
    return text


def cli_batch(path: Path, lang: str, reform: dict[str, str] | None = None, tmp: Path | None = None) -> dict[str, Any]:
    """`python -m calculator batch PATH --json` in this process's CPython: {companies, summary}."""
    command = [sys.executable, "-m", "calculator", "batch", str(path), "--json", "--lang", lang]
    if reform:
        assert tmp is not None
        reform_path = tmp / "reform.json"
        reform_path.write_text(json.dumps(reform), encoding="utf-8")
        command += ["--reform", str(reform_path)]
    done = subprocess.run(command, capture_output=True, text=True, encoding="utf-8", cwd=REPO, check=True)
    return json.loads(done.stdout)


def engine_refusal(data: bytes, name: str, lang: str, tmp: Path) -> dict[str, str]:
    """What the engine says (in CPython) about a file it cannot read, in each language."""
    path = tmp / name
    path.write_bytes(data)
    started = json.loads(_batch.session_start_json(str(path), name, "", lang))
    assert started["ok"] is False, started
    return {each: " ".join(error[each] for error in started["errors"]) for each in ("zh", "en")}


# ---- one context for the module (conftest's module_context), one page a language ----------------------------------

@pytest.fixture(scope="module")
def pages(module_context: BrowserContext) -> dict[str, Page]:
    return {}


def budget_page(pages: dict[str, Page], context: BrowserContext, lang: str) -> Page:
    """The module's page in `lang`, on budget/ with the calculator ready and no change set."""
    if lang not in pages:
        page = context.new_page()
        page.goto(PREFIX[lang] + "budget/")
        expect(page.locator(".policy-budget")).to_have_attribute("data-engine", "ready", timeout=READY_TIMEOUT_MS)
        pages[lang] = page
    page = pages[lang]
    page.set_viewport_size({"width": 1280, "height": 900})
    remove = page.locator(".budget-remove-change")
    for _ in range(remove.count()):
        remove.first.click()
    expect(page.locator(".budget-change")).to_have_count(1)
    page.locator(".budget-parameter").select_option("")
    page.locator(".budget-value").fill("")
    return page


def choose_file(page: Page, name: str, data: bytes, mime: str = "text/csv") -> None:
    page.locator("#budget-file").set_input_files(files=[{"name": name, "mimeType": mime, "buffer": data}])


def runs(page: Page) -> int:
    """How many runs the page has finished (the root's data-runs)."""
    return int(page.locator(".policy-budget").get_attribute("data-runs") or 0)


def wait_for_results(page: Page, before: int, *, reform: bool) -> None:
    expect(page.locator(".policy-budget")).to_have_attribute("data-runs", str(before + 1), timeout=RUN_TIMEOUT_MS)
    expect(page.locator("[data-total-cny]")).to_be_visible()
    expect(page.locator("[data-reform-total-cny]")).to_have_count(1 if reform else 0)


# ---- the sample, a change, the downloads ---------------------------------------------------------------------------

@pytest.mark.parametrize("lang", ["zh", "en"])
def test_sample_total_equals_the_command_line_and_a_change_shows_its_difference(
        module_context: BrowserContext, pages: dict[str, Page], site_dir: Path, tmp_path: Path, lang: str) -> None:
    page = budget_page(pages, module_context, lang)
    expected = cli_batch(site_dir / SAMPLE, lang)
    summary = expected["summary"]
    # Every text the progress line shows during the run, recorded in the page (a run takes a second or two).
    page.evaluate("""() => {
      const text = document.querySelector('.budget-progress-text');
      window.progressSeen = [];
      new MutationObserver(() => window.progressSeen.push(text.textContent)).observe(text, {childList: true, characterData: true, subtree: true});
    }""")
    before = runs(page)
    page.locator(".budget-sample").click()
    wait_for_results(page, before, reform=False)
    total = page.locator("[data-total-cny]")
    expect(total).to_have_attribute("data-total-cny", summary["total_cny"])
    assert summary["companies"] == summary["valid"] == 500
    seen = page.evaluate("window.progressSeen")
    assert say("progress", lang, done=0, total=500) in seen and seen[-1] == say("progress", lang, done=500, total=500), seen
    expect(page.locator(".budget-progress-bar")).to_have_js_property("max", 500)
    expect(page.locator(".budget-source")).to_contain_text({"zh": "虚构", "en": "synthetic"}[lang])
    # By article: one row an article, then the yearly cap and the total.
    articles = page.locator(".budget-by-article tbody tr")
    expect(articles).to_have_count(len(summary["by_article"]))
    assert articles.evaluate_all("rows => rows.map(r => r.dataset.article)") == list(summary["by_article"])
    # The companies, largest total first (ties in file order); sortable from the keyboard.
    valid = sorted((c for c in expected["companies"] if c["valid"]), key=lambda c: (-float(c["total_cny"]), c["row"]))
    rows = page.locator(".budget-company-table tbody tr")
    expect(rows).to_have_count(50)
    expect(rows.first.locator("th")).to_have_text(valid[0]["firm"])
    expect(rows.first.locator("td").nth(1)).to_have_attribute("data-cny", valid[0]["total_cny"])
    page.locator('.budget-sort[data-sort="row"]').focus()
    page.keyboard.press("Enter")
    expect(page.locator('.budget-company-table th[aria-sort="ascending"] .budget-sort')).to_have_attribute("data-sort", "row")
    expect(page.locator('.budget-sort[data-sort="row"]')).to_be_focused()
    expect(rows.first.locator("td").first).to_have_text(str(expected["companies"][0]["row"]))
    page.locator(".budget-companies .budget-more").focus()  # the next 50, focus kept on the button
    page.keyboard.press("Enter")
    expect(rows).to_have_count(100)
    expect(page.locator(".budget-companies .budget-more")).to_be_focused()

    # A change: the rate of a general technological upgrading project, 4% -> 5%.
    page.locator(".budget-parameter").select_option("a3.renovation.general.rate")
    expect(page.locator(".budget-clause-head a")).to_have_text(say("clause", lang, label="3-1"))
    expect(page.locator(".budget-clause-text")).to_contain_text("4%")
    page.locator(".budget-value").fill(REFORM["a3.renovation.general.rate"])
    before = runs(page)
    page.locator(".budget-apply").click()
    wait_for_results(page, before, reform=True)
    reformed = cli_batch(site_dir / SAMPLE, lang, REFORM, tmp_path)["summary"]
    expect(page.locator("[data-total-cny]")).to_have_attribute("data-total-cny", summary["total_cny"])
    expect(page.locator("[data-reform-total-cny]")).to_have_attribute("data-reform-total-cny", reformed["reform"]["total_cny"])
    expect(page.locator("[data-delta-cny]")).to_have_attribute("data-delta-cny", reformed["reform"]["delta_cny"])
    assert reformed["reform"]["gain"] > 0
    gain_lose = page.locator(".budget-gain-lose")
    for key in ("gain", "lose", "same"):
        expect(gain_lose).to_have_attribute(f"data-{key}", str(reformed["reform"][key]))
    # The distribution of gains counts every company whose total moved.
    counts = page.locator(".budget-histogram tbody td.budget-amount").all_text_contents()
    assert sum(int(count) for count in counts) == reformed["reform"]["gain"] + reformed["reform"]["lose"]
    # The link carries the change, and nothing of the companies.
    link = page.locator(".budget-share-link").input_value()
    assert json.loads(unquote(urlsplit(link).fragment).removeprefix("reform=")) == REFORM
    assert "Synthetic" not in unquote(link) and len(link) < 200
    # The JSON download is the command line's JSON; the CSV holds every company.
    with page.expect_download() as json_download:
        page.locator(".budget-download-json").click()
    saved = json.loads(Path(json_download.value.path()).read_text(encoding="utf-8"))
    assert saved == cli_batch(site_dir / SAMPLE, lang, REFORM, tmp_path)
    with page.expect_download() as csv_download:
        page.locator(".budget-download-csv").click()
    table = list(csv.DictReader(io.StringIO(Path(csv_download.value.path()).read_text(encoding="utf-8-sig"))))
    assert len(table) == 500 and table[0]["firm"] == expected["companies"][0]["firm"]
    assert sum(float(row["delta_cny"]) for row in table) == pytest.approx(float(reformed["reform"]["delta_cny"]))

    # The link opens the page with the change in place (the companies are the reader's own to choose).
    shared = module_context.new_page()
    shared.goto(link)
    expect(shared.locator(".budget-parameter")).to_have_value("a3.renovation.general.rate")
    expect(shared.locator(".budget-value")).to_have_value("5")
    expect(shared.locator(".budget-reform-message")).to_have_text(say("reform_from_link", lang))
    expect(shared.locator("[data-total-cny]")).to_have_count(0)
    shared.close()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_refused_change_is_explained_beside_its_field(module_context: BrowserContext, pages: dict[str, Page], lang: str) -> None:
    page = budget_page(pages, module_context, lang)
    page.locator(".budget-parameter").select_option("a3.renovation.general.rate")
    page.locator(".budget-value").fill("5万元")
    page.locator(".budget-apply").click()  # the sample of the earlier test, or none yet: both say what is wrong
    if page.locator("[data-total-cny]").count() == 0:
        expect_in_both_languages(page.locator(".budget-reform-message"),
                                 {each: say("no_file_yet", each) for each in ("zh", "en")}, lang)
        page.locator(".budget-sample").click()
    error = page.locator(".budget-change-error")
    expect(error).to_contain_text({"zh": "单位不符", "en": "Wrong unit"}[lang], timeout=RUN_TIMEOUT_MS)
    other = "en" if lang == "zh" else "zh"  # and in the other language, on a line of its own
    expect(error.locator(f'.pc-error-other[lang="{other}"]')).to_contain_text({"zh": "单位不符", "en": "Wrong unit"}[other])
    expect(page.locator(".budget-value")).to_have_attribute("aria-invalid", "true")
    expect(page.locator(".budget-value")).to_be_focused()


# ---- bad files ---------------------------------------------------------------------------------------------------

def many_rows(count: int) -> bytes:
    return ("firm,a3_investment\n" + "".join(f"F{n},{n}\n" for n in range(count))).encode("utf-8")


BAD_FILES = {
    "empty": ("empty.csv", b""),
    "not_csv": ("firms.csv", b"PK\x03\x04\x14\x00\x06\x00\x08\x00" + bytes(range(256)) * 8),  # an .xlsx renamed
    "unknown_columns": ("firms.csv", "firm,营业收入,a3_investment\n甲,100,5000000\n".encode("utf-8")),
    "too_many_rows": ("firms.csv", many_rows(100_000)),
}


@pytest.mark.parametrize("case", list(BAD_FILES))
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_file_that_cannot_be_read_gets_its_message_next_to_the_file_field(
        module_context: BrowserContext, pages: dict[str, Page], tmp_path: Path, lang: str, case: str) -> None:
    page = budget_page(pages, module_context, lang)
    name, data = BAD_FILES[case]
    choose_file(page, name, data)
    message = page.locator("#budget-file + .budget-file-message")  # right after the field, and describing it
    expect(message).to_have_attribute("data-kind", "error", timeout=RUN_TIMEOUT_MS)
    # In both languages, as text only: nothing of the file became markup.
    expect_in_both_languages(message, engine_refusal(data, name, lang, tmp_path), lang)
    expect(page.locator("#budget-file")).to_have_attribute("aria-describedby", "budget-file-help budget-file-message")
    expect(page.locator("#budget-file")).to_have_attribute("aria-invalid", "true")
    expect(page.locator(".budget-progress")).to_be_hidden()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_gbk_file_from_excel_is_read_and_said_so(module_context: BrowserContext, pages: dict[str, Page], tmp_path: Path,
                                                    lang: str) -> None:
    page = budget_page(pages, module_context, lang)
    text = "firm,registered_in_district,a3_investment,a3_orientation\n江北示例企业甲（虚构）,是,5000000,key\n乙企业（虚构）,是,2500000,general\n"
    path = tmp_path / "excel.csv"
    path.write_bytes(text.encode("gb18030"))
    choose_file(page, "excel.csv", path.read_bytes())
    message = page.locator("#budget-file + .budget-file-message")
    expect(message).to_contain_text(say("read_gbk", lang, name="excel.csv"), timeout=RUN_TIMEOUT_MS)
    expect(message).to_contain_text(say("done", lang, name="excel.csv", count=2))
    expected = cli_batch(path, lang)
    expect(page.locator("[data-total-cny]")).to_have_attribute("data-total-cny", expected["summary"]["total_cny"])
    expect(page.locator(".budget-company-table tbody th").first).to_have_text(expected["companies"][0]["firm"])
    # Two companies fit on one page: no "show more" button, and nothing in its place (it once put the text "null").
    companies_box = page.locator(".budget-table-box", has=page.locator(".budget-company-table")).locator("xpath=..")
    expect(companies_box.locator(".budget-more")).to_have_count(0)
    assert "null" not in companies_box.inner_text()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_counts_of_a_large_file_have_their_digits_grouped(module_context: BrowserContext, pages: dict[str, Page],
                                                         tmp_path: Path, lang: str) -> None:
    page = budget_page(pages, module_context, lang)
    count = 1234
    text = "firm,registered_in_district,a3_investment,a3_orientation\n" + "".join(
        f"F{n}（虚构）,是,{5_000_000 + n},key\n" for n in range(count))
    path = tmp_path / "large.csv"
    path.write_text(text, encoding="utf-8")
    expected = cli_batch(path, lang)
    assert expected["summary"]["companies"] == expected["summary"]["valid"] == count
    before = runs(page)
    choose_file(page, "large.csv", path.read_bytes())
    wait_for_results(page, before, reform=False)
    expect(page.locator("[data-total-cny]")).to_have_attribute("data-total-cny", expected["summary"]["total_cny"])
    expect(page.locator(".budget-progress-text")).to_have_text(say("progress", lang, done="1,234", total="1,234"))
    message = page.locator("#budget-file + .budget-file-message")
    expect(message).to_contain_text(say("done", lang, name="large.csv", count="1,234"))
    expect(page.locator(".budget-source")).to_have_text(
        say("source_file", lang, name="large.csv", companies="1,234", valid="1,234", failed=0))


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_formula_cells_are_not_read_and_the_csv_download_makes_them_inert(
        module_context: BrowserContext, pages: dict[str, Page], tmp_path: Path, lang: str) -> None:
    page = budget_page(pages, module_context, lang)
    text = ('firm,a3_investment,a3_orientation\n'
            '"=cmd|\' /C calc\'!A0",5000000,key\n'
            '<img src=x onerror=alert(1)>,=1+1,key\n'
            '@SUM(A1),5000000,key\n'
            '甲（虚构）,5000000,key\n')
    path = tmp_path / "formulas.csv"
    path.write_text(text, encoding="utf-8")
    choose_file(page, "formulas.csv", path.read_bytes())
    message = page.locator("#budget-file + .budget-file-message")
    expect(message).to_contain_text(say("formula_cells", lang, count=3), timeout=RUN_TIMEOUT_MS)
    expect(message).to_contain_text(say("rows_failed", lang, count=3))
    expected = cli_batch(path, lang)
    expect(page.locator("[data-total-cny]")).to_have_attribute("data-total-cny", expected["summary"]["total_cny"])
    failed = page.locator(".budget-failed-table tbody tr")
    expect(failed).to_have_count(3)
    expect(failed.first.locator("td").nth(1)).to_have_text("=cmd|' /C calc'!A0")
    expect(failed.first.locator("td").nth(3)).to_have_text(next(r for r in expected["companies"] if not r["valid"])["errors"][0][lang])
    # The file's text is shown as text: no element was made from it.
    expect(page.locator(".policy-budget img")).to_have_count(0)
    expect(failed.nth(1).locator("td").nth(1)).to_have_text("<img src=x onerror=alert(1)>")
    with page.expect_download() as csv_download:
        page.locator(".budget-download-csv").click()
    raw = Path(csv_download.value.path()).read_text(encoding="utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(raw)))
    firms = [record["firm"] for record in expected["companies"]]
    assert firms[0] == "=cmd|' /C calc'!A0" and firms[2] == "@SUM(A1)"
    assert [row["firm"] for row in rows] == ["'" + firms[0], firms[1], "'" + firms[2], firms[3]]
    for row in rows:  # no cell left that a spreadsheet would run
        for cell in row.values():
            assert not cell[:1] in ("=", "@", "+") and not (cell.startswith("-") and not cell[1:2].isdigit()), row


# ---- reflow ------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("lang", ["zh", "en"])
def test_with_results_the_page_reflows_at_320_css_px(module_context: BrowserContext, pages: dict[str, Page], lang: str) -> None:
    page = budget_page(pages, module_context, lang)
    page.locator(".budget-parameter").select_option("a19.bonds.item_cap")
    page.locator(".budget-value").fill("40")
    before = runs(page)
    page.locator(".budget-sample").click()
    wait_for_results(page, before, reform=True)
    page.set_viewport_size({"width": 320, "height": 800})
    expect(page.locator(".budget-histogram, .budget-gains")).not_to_have_count(0)
    widths = page.evaluate("""() => ({client: document.documentElement.clientWidth, scroll: document.documentElement.scrollWidth,
      wide: [...document.querySelectorAll('.policy-budget *')].filter(n => {
        const box = n.getBoundingClientRect();
        return box.width && !n.closest('.budget-table-box') && box.right > document.documentElement.clientWidth + 0.5;
      }).map(n => n.tagName + '.' + n.className).slice(0, 5)})""")
    assert widths["scroll"] <= widths["client"] == 320, widths
    assert widths["wide"] == [], widths


# ---- links and in-place navigation -------------------------------------------------------------------------------

TITLE = {"zh": "预算与政策调整测算", "en": "Budget and policy-change estimates"}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_home_and_methodology_link_to_the_page_which_opens_in_place_with_the_worker_kept(
        module_context: BrowserContext, site_url: str, site_dir: Path, lang: str) -> None:
    page = module_context.new_page()
    try:
        page.goto(PREFIX[lang] + "methodology/")
        expect(page.locator("#budget + p + p a")).to_have_js_property("href", site_url + PREFIX[lang] + "budget/")
        page.goto(PREFIX[lang])
        link = page.locator(".home-cards--tools a", has_text=TITLE[lang])
        expect(link).to_have_js_property("href", site_url + PREFIX[lang] + "budget/")
        page.evaluate("window.sameDocument = true")
        link.click()
        expect(page.get_by_role("heading", level=1)).to_have_text(TITLE[lang])
        expect(page.locator(".policy-budget")).to_have_attribute("data-engine", "ready", timeout=READY_TIMEOUT_MS)
        assert page.evaluate("window.sameDocument") is True  # opened in place: Material's instant navigation
        page.locator(".budget-sample").click()
        expect(page.locator(".policy-budget")).to_have_attribute("data-runs", "1", timeout=RUN_TIMEOUT_MS)
        expected = cli_batch(site_dir / SAMPLE, lang)["summary"]["total_cny"]
        expect(page.locator("[data-total-cny]")).to_have_attribute("data-total-cny", expected)
        # On to another page in place and back: the page is set up again, and works with the same worker.
        page.locator(".md-nav--primary a.md-nav__link[href$='methodology/']").first.click()
        expect(page.locator("#budget")).to_be_attached()
        page.go_back()
        expect(page.locator(".policy-budget")).to_have_attribute("data-state", "mounted")
        page.locator(".budget-sample").click()
        expect(page.locator(".policy-budget")).to_have_attribute("data-runs", "1", timeout=RUN_TIMEOUT_MS)
        assert page.evaluate("window.sameDocument") is True
    finally:
        page.close()


# ---- accessibility -----------------------------------------------------------------------------------------------

AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"


@pytest.mark.parametrize(("lang", "width", "scheme"), [("zh", 1280, "light"), ("en", 390, "dark")])
def test_with_results_and_a_change_axe_finds_no_wcag_aa_violation(module_context: BrowserContext, pages: dict[str, Page],
                                                                  lang: str, width: int, scheme: str) -> None:
    assert AXE.is_file(), f"{AXE} missing: run scripts/install.sh (npm ci)"
    page = budget_page(pages, module_context, lang)
    page.emulate_media(color_scheme=scheme)
    page.set_viewport_size({"width": width, "height": 900})
    page.locator(".budget-parameter").select_option("a3.renovation.key.rate")
    page.locator(".budget-value").fill("4")
    before = runs(page)
    page.locator(".budget-sample").click()
    wait_for_results(page, before, reform=True)
    page.locator(".budget-format summary").click()
    page.add_style_tag(content="*, *::before, *::after { transition: none !important; animation: none !important; }")
    # Evaluated through the DevTools protocol: the page's Content-Security-Policy (rightly) refuses a script tag.
    page.evaluate(AXE.read_text(encoding="utf-8") + "\n;0")
    result = page.evaluate("() => axe.run('.md-content', {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})")
    assert result["testEngine"]["name"] == "axe-core" and result["passes"], "axe did not run"
    problems = [f"{v['id']} ({v['impact']}): {v['help']} — " + "; ".join(n["target"][0] for n in v["nodes"][:5])
                for v in result["violations"]]
    assert problems == []
    page.emulate_media(color_scheme="light")
