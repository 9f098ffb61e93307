"""Driving the in-page calculator (article widget and estimator) through its form, and the engine's answer in CPython.

Used by tests/e2e/test_calculator*.py, test_estimator*.py and test_offline.py. Expectations are always computed in
the test process with the real `calculator.estimate` for the same profile; nothing here hard-codes an amount.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from playwright.sync_api import Locator, Page, Route, expect

import calculator
from site_build.calculator_inputs import build_inputs_document, estimator_part_of_key, take_higher_applies
from site_build.policy_data import load_policy

REPO_ROOT = Path(__file__).resolve().parents[2]
GOLDEN_DIR = Path(__file__).resolve().parents[1] / "unit" / "golden"
# Pyodide boots in a worker; on this 2-core machine under a parallel test load that can take a while.
READY_TIMEOUT_MS = 90_000
RESULT_TIMEOUT_MS = 20_000

# Part id -> its article ids, in order.
POLICY_PARTS: dict[int, list[int]] = {}
for _article in load_policy(REPO_ROOT / "policy.yaml")["articles"]:
    POLICY_PARTS.setdefault(_article["part"], []).append(_article["id"])

# The estimator draws a part's fields when it is first opened: which part to open for a key.
ESTIMATOR_PART_OF_KEY = estimator_part_of_key(build_inputs_document())

OPEN_DETAILS = "e => { for (let d = e.closest('details'); d; d = d.parentElement.closest('details')) d.open = true; }"


def expect_in_both_languages(node: Locator, messages: dict[str, str], lang: str, what: str = "") -> None:
    """A message next to its field says it in both languages: the page's first, then the other on a line of its own,
    marked with its language; nothing else is in the node (typed text never becomes markup)."""
    other = "en" if lang == "zh" else "zh"
    expect(node.locator(":scope > .pc-error-main"), what).to_have_text(messages[lang])
    expect(node.locator(f':scope > .pc-error-other[lang="{other}"]'), what).to_have_text(messages[other])
    expect(node.locator(":scope > *"), what).to_have_count(2)
    expect(node.locator(":scope > * > *"), what).to_have_count(0)


def golden_cases() -> list[dict[str, Any]]:
    cases: list[dict[str, Any]] = []
    for path in sorted(GOLDEN_DIR.glob("*.yaml")):
        for index, case in enumerate(yaml.safe_load(path.read_text(encoding="utf-8"))):
            cases.append({**case, "id": f"{path.stem}[{index}] {case['name']}"})
    return cases


def form_values(profile: dict[str, Any]) -> dict[str, str]:
    """The profile as the form holds it: field key -> what is typed or selected (other policies: "other:<rule>")."""
    values: dict[str, str] = {}
    for group in ("company", "facts"):
        for input_id, value in (profile.get(group) or {}).items():
            values[input_id] = typed(value)
    for rule_id, value in (profile.get("other_policy_awards") or {}).items():
        values[f"other:{rule_id}"] = typed(value)
    return values


def typed(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "\n".join(typed(item) for item in value)
    return str(value)


def article_of_case(case: dict[str, Any]) -> int | None:
    """The one article whose widget can hold this case's whole profile, or None (several articles, or errors)."""
    profile = case["profile"]
    if "errors" in case["expected"] or not isinstance(profile, dict):
        return None
    if set(profile) - {"company", "facts", "other_policy_awards"}:
        return None
    inputs = {spec["id"]: spec for spec in calculator.list_inputs()}
    rules = {rule["id"]: rule for rule in calculator.list_rules()}
    articles: set[int] = set()
    for input_id in (profile.get("facts") or {}):
        if input_id not in inputs or "article" not in inputs[input_id]:
            return None
        articles.add(inputs[input_id]["article"])
    for input_id in (profile.get("company") or {}):
        if input_id not in inputs or inputs[input_id]["group"] != "company":
            return None
    for rule_id, amount in (profile.get("other_policy_awards") or {}).items():
        # The widget asks for another policy's amount only where 从高不重复 can change the award, and as one figure
        # (not the engine's {amount, source} form).
        if rule_id not in rules or not take_higher_applies(rules[rule_id]) or not isinstance(amount, (str, int, float)):
            return None
        articles.add(rules[rule_id]["article"])
    if len(articles) != 1:
        return None
    (article,) = articles
    quantified = any(rule["exactness"] != "unquantified" for rule in calculator.list_rules(article=article))
    return article if quantified else None


def page_path(kind: str, *, lang: str, article: int | None = None) -> str:
    prefix = "" if lang == "zh" else "en/"
    return f"{prefix}articles/{article}/" if kind == "article" else f"{prefix}estimator/"


def use_language_switch(page: Page, *, to: str) -> None:
    """Picks language `to` ("zh" or "en") in the header's language menu, as a reader does (the typed inputs go along)."""
    page.locator(".md-header .md-select").first.hover()
    link = page.locator(f'.md-header a.md-select__link[hreflang="{to}"]')
    expect(link).to_be_visible()
    link.click()


def widget(page: Page, article: int | None = None) -> Locator:
    if article is None:
        return page.locator(".policy-estimator")
    return page.locator(f'.policy-calculator[data-article="{article}"]')


def hold_wasm(page: Page) -> list[Route]:
    """Holds back the page's request for Pyodide's WebAssembly (the calculator cannot get ready); see release_wasm."""
    held: list[Route] = []
    page.route("**/pyodide/pyodide.asm.wasm", lambda route: held.append(route))
    return held


def release_wasm(page: Page, held: list[Route]) -> None:
    """Lets the requests hold_wasm held back go on, and later ones through."""
    for _ in range(200):  # the route handler runs on a later turn of Playwright's loop (bounded, no sleep)
        if held:
            break
        page.evaluate("0")
    for route in held:
        route.continue_()
    page.unroute("**/pyodide/pyodide.asm.wasm")


def wait_ready(root: Locator) -> None:
    expect(root).to_have_attribute("data-state", "ready", timeout=READY_TIMEOUT_MS)


def wait_settled(root: Locator) -> None:
    """The calculator is ready and its charts are drawn: what follows it on the page has stopped moving. A test that
    clicks something under a calculator waits for this first: the form is drawn after the page's load event and the
    charts when Python is ready, and a click that lands while the content under the pointer moves is lost (CI under
    load: a glossary term under article 17's calculator)."""
    wait_ready(root)
    what_if = root.locator(".pc-what-if")
    if what_if.count():
        expect(what_if).to_have_attribute("data-state", "ready")


def field(root: Locator, key: str) -> Locator:
    return root.locator(f'[data-field="{key}"]')


def estimator_part(root: Locator, key: str) -> Locator | None:
    """The estimator's part (details.pc-part) holding field `key`; None in an article widget or for a company fact."""
    part = ESTIMATOR_PART_OF_KEY.get(key.split(":")[1] if key.startswith("item:") else key)
    if part is None or not root.evaluate("r => r.classList.contains('policy-estimator')"):
        return None
    return root.locator(f'details.pc-part[data-part="{part}"]')


def open_part_of(root: Locator, key: str) -> None:
    """Opens the estimator part holding `key` as a reader does (a click on its summary): its fields are drawn then."""
    part = estimator_part(root, key)
    if part is None:
        return
    expect(part).to_have_count(1)
    if not part.evaluate("d => d.open"):
        part.locator(":scope > summary").click()
    expect(part).to_have_attribute("open", "")


def set_field(root: Locator, key: str, value: str) -> None:
    open_part_of(root, key)
    control = field(root, key)
    expect(control).to_have_count(1)
    control.evaluate(OPEN_DETAILS)
    if control.evaluate("e => e.tagName") == "SELECT":
        control.select_option(value)
    else:
        control.fill(value)


def fill(root: Locator, values: dict[str, str]) -> None:
    for key, value in values.items():
        set_field(root, key, value)


def result_sequence(root: Locator) -> int:
    return int(root.locator(".pc-result").get_attribute("data-sequence") or "0")


def expect_result(root: Locator, result: dict[str, Any], *, lang: str) -> None:
    """The displayed result is the engine's: total (amount and text), and every line with its amount."""
    box = root.locator(".pc-result")
    expect(box).to_have_attribute("data-state", "result", timeout=RESULT_TIMEOUT_MS)
    lines = result["lines"]
    shown = box.locator("li.pc-line")
    expect(shown).to_have_count(len(lines), timeout=RESULT_TIMEOUT_MS)
    if lines:
        total = box.locator(".pc-total")
        expect(total).to_have_attribute("data-total-cny", result["total_cny"], timeout=RESULT_TIMEOUT_MS)
        expect(total).to_contain_text(result["total_display"])
    for index, line in enumerate(lines):
        item = shown.nth(index)
        expect(item).to_have_attribute("data-rule", line["rule"])
        expect(item).to_have_attribute("data-amount-cny", line["amount_cny"] or "")
        expect(item.locator(".pc-amount")).to_contain_text(line["amount_display"])
    text = box.inner_text()
    for bad in ("NaN", "undefined", "null", "[object Object]"):
        assert bad not in text, f"{bad!r} rendered in the result: {text[:500]}"


def expected_for(values: dict[str, str], *, lang: str) -> dict[str, Any]:
    """CPython's result for the profile the form sends for these field values (text exactly as typed)."""
    inputs = {spec["id"]: spec for spec in calculator.list_inputs()}
    profile: dict[str, Any] = {}
    for key, value in values.items():
        if value == "":
            continue
        if key.startswith("other:"):
            profile.setdefault("other_policy_awards", {})[key[len("other:"):]] = value
            continue
        spec = inputs[key]
        profile.setdefault(spec["group"], {})[key] = (value == "true") if spec["type"] == "bool" else value
    result = calculator.estimate(profile, lang=lang)
    return result
