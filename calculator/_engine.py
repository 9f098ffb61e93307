"""estimate(): validate the profile, evaluate every asked-for rule, apply the cross-cutting rules of 附则, explain it all.

Amounts are Decimal inside; each line is rounded once (to the fen, ROUND_HALF_UP) right after its rule is evaluated,
so the cross-cutting reductions and the totals are exact sums of fen amounts. The result is JSON-compatible
(amounts as strings) and never raises: a bad profile gives errors {field, zh, en}.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Mapping, Sequence

from ._data import POLICY, PolicyData
from ._kinds import Outcome, Reduction, Step, kind_function
from ._parameters import Reform, ReformError, apply_reform
from ._text import quoted
from ._money import amount_value, cny_string, display, money_text, round_fen, wan_string
from ._validate import MAX_DEPTH, OtherAward, ParsedItem, ParsedProfile, error, json_int, parse_profile, trigger_is_set

LANGS = ("zh", "en")
RESULT_SCHEMA = 1
COUNTED_BENEFICIARIES = ("company", "park_operator")
UNQUANTIFIED_DISPLAY = {"zh": "金额由主管部门个案确定", "en": "Amount decided case by case"}

for _rule in POLICY.rules:  # a rule of unknown kind fails at import, naming the rule
    kind_function(_rule)


class _Facts:
    """Parsed values of one item (its own inputs over the company's and the facts'); a missing value falls back to the
    input's declared default, which is recorded."""

    def __init__(self, values: Mapping[str, Any], policy: PolicyData) -> None:
        self.values = values
        self.policy = policy
        self.defaults_used: dict[str, Any] = {}
        self.stand_ins: dict[str, str] = {}

    def value(self, input_id: str) -> Any:
        if input_id in self.values:
            return self.values[input_id]
        spec = self.policy.inputs[input_id]
        if "stand_in" in spec:  # e.g. 第三条: the eligible investment stands in for the recognised one
            self.stand_ins[input_id] = spec["stand_in"]
            return self.value(spec["stand_in"])
        if "default" not in spec:
            raise ValueError(f"input {input_id!r} has no value and no default")
        default = _typed_default(spec)
        if spec["group"] == "facts":
            self.defaults_used[input_id] = default
        return default

    def given(self, input_id: str) -> bool:
        return input_id in self.values

    def optional(self, input_id: str) -> Any:
        """The given value, else the default without recording it, else None."""
        if input_id in self.values:
            return self.values[input_id]
        spec = self.policy.inputs[input_id]
        return _typed_default(spec) if "default" in spec else None


def _typed_default(spec: Mapping[str, Any]) -> Any:
    default = spec["default"]
    if spec["type"] in ("money", "number"):
        return Decimal(str(default))
    if spec["type"] == "money_list":
        return []
    return default


@dataclass(frozen=True)
class _WhyNot:
    """Why a line pays 0 or less than its cap, machine-readable (reason, gap in yuan) and in words."""
    reason: str
    clause: str | None
    gap: Decimal | None
    zh: str
    en: str


@dataclass
class _Line:
    rule: Mapping[str, Any]
    item: int
    label: Mapping[str, str] | None
    event_date: str | None
    other_awards: tuple[OtherAward, ...]
    outcome: Outcome
    computed: Decimal
    amount: Decimal
    steps: list[Step] = field(default_factory=list)
    reductions: list[Reduction] = field(default_factory=list)
    defaults_used: dict[str, Any] = field(default_factory=dict)
    stand_ins: dict[str, str] = field(default_factory=dict)
    values: Mapping[str, Any] = field(default_factory=dict)
    why_not: list[_WhyNot] = field(default_factory=list)
    # Why nothing of this line can count, whatever its figures (附则: another year, before the policy date, exclusion,
    # comprehensive support): the first such reason stops the later stages, and the why-not gives only these.
    blocked: list[_WhyNot] = field(default_factory=list)

    @property
    def counted(self) -> bool:
        return self.rule["beneficiary"] in COUNTED_BENEFICIARIES and self.rule["exactness"] != "unquantified"

    def reduce(self, reason: str, cut: Decimal, clause: str | None, zh: str, en: str) -> None:
        self.amount -= cut
        self.reductions.append(Reduction(reason, cut, clause, zh, en))

    def block(self, reason: str, clause: str | None, zh: str, en: str) -> None:
        """Nothing of this line counts: a step, a why-not reason, and the whole amount (if any) as a reduction."""
        self.steps.append(Step(clause, zh, en))
        self.blocked.append(_WhyNot(_BLOCKING_WHY[reason], clause, None, zh, en))
        if self.amount > 0:
            self.reduce(reason, self.amount, clause, zh, en)


@dataclass
class _Report:
    """What the stages say about the whole profile: notes (附则 applied) and warnings, in the asked-for language."""
    lang: str
    notes: list[dict[str, Any]] = field(default_factory=list)
    warnings: list[dict[str, Any]] = field(default_factory=list)

    def note(self, clause: str | None, zh: str, en: str) -> None:
        self.notes.append({"clause": clause, "text": zh if self.lang == "zh" else en})

    def warn(self, code: str, zh: str, en: str, *, rule: str | None = None, clause: str | None = None,
             asks: Sequence[str] = ()) -> None:
        """`asks`: the inputs whose value would settle what the warning leaves open (a page links to their fields)."""
        self.warnings.append({"code": code, "rule": rule, "clause": clause, "text": zh if self.lang == "zh" else en,
                              "asks": list(asks)})


def _evaluate(rule: Mapping[str, Any], facts: _Facts, policy: PolicyData) -> Outcome:
    preconditions = [(i, True) for i in rule.get("requires", [])] + [(i, False) for i in rule.get("requires_not", [])]
    for input_id, needed in preconditions:
        if facts.value(input_id) is not needed:
            label = policy.inputs[input_id]["label"]
            zh = label["zh"] if needed else f"不是{quoted(label['zh'])}"
            en = label["en"] if needed else f"not {quoted(label['en'])}"
            clause = rule["clauses"][0]
            return Outcome(Decimal(0), None, f"requirement_not_met:{input_id}",
                           (Step(clause, f"不符合本项前提条件：{zh}", f"A precondition is not met: {en}"),),
                           (Reduction("requirement", Decimal(0), clause, f"前提条件：{zh}", f"precondition: {en}"),))
    return kind_function(rule)(rule, facts)


def _condition_holds(condition: Mapping[str, Any], value: Any) -> bool:
    expected = condition["equals"]
    if isinstance(value, Decimal):
        return value == Decimal(str(expected))
    return bool(value == expected)


def _estimate(profile: Any, lang: str, policy: PolicyData) -> dict[str, Any]:
    """parse → evaluate each rule's items → 附则 (year, dates, exclusions, support, take-higher, caps) → totals."""
    parsed, errors = parse_profile(profile, policy)
    if errors:
        return _invalid(lang, errors)
    report = _Report(lang)
    company = _Facts(parsed.values, policy)
    fired = _exclusions_that_fire(company, policy, report)
    lines = [_evaluate_item(rule, index, item, parsed, policy, report) for rule, index, item in _items_to_evaluate(parsed, policy)]
    _warn_unused_other_awards(parsed, lines, report)
    company_date = company.optional(policy.cross_cutting["dates"]["input"])
    year = _estimate_year(parsed.year, company_date, lines, policy)
    for line in lines:
        _apply_item_date(line, company_date, policy)
        _apply_other_year(line, year, policy, report)
        _apply_exclusions(line, fired, policy)
        _apply_comprehensive_support(line, company, policy)
        _apply_take_higher(line, policy, report)
    _apply_rule_yearly_caps(lines, policy)
    yearly = _yearly_cap(lines, company, fired, policy, report)
    for line in lines:
        _explain_why_not(line, policy)
    _year_note(year, lines, report)
    _date_notes(lines, company_date, policy, report)
    _closing_warnings(lines, company, policy, report)
    return _result(lang, lines, report, _assumptions(lines, policy, lang), yearly, year, eligible=not fired, policy=policy)


@dataclass(frozen=True)
class _Year:
    """The one year an estimate is for, and where it comes from: the profile's `year`, the company's event date, or
    (neither given) the earliest year of the items' own dates since the policy applies."""
    value: int | None
    source: str | None


def _estimate_year(given: int | None, company_date: str | None, lines: list[_Line], policy: PolicyData) -> _Year:
    if given is not None:
        return _Year(given, "year")
    if company_date is not None:
        return _Year(int(company_date[:4]), "company_event_date")
    applies_from = policy.cross_cutting["dates"]["applies_from"]
    dated = sorted(line.event_date for line in lines if line.event_date is not None and line.event_date >= applies_from)
    return _Year(int(dated[0][:4]), "items") if dated else _Year(None, None)


def _apply_other_year(line: _Line, year: _Year, policy: PolicyData, report: _Report) -> None:
    """附则五 当年度, 附则二 当年: an item dated in another year than the estimate's counts in neither this year's total,
    nor its cap, nor its exclusions. It is listed, and a warning names it."""
    if line.blocked or line.event_date is None or year.value is None or int(line.event_date[:4]) == year.value:
        return
    clause = policy.cross_cutting["yearly_cap"]["clause"]
    other = line.event_date[:4]
    name_zh = quoted(line.rule['title']['zh']) + (f"（{line.label['zh']}）" if line.label else "")
    name_en = quoted(line.rule['title']['en']) + (f" ({line.label['en']})" if line.label else "")
    line.block("other_year", clause, f"事项日期{line.event_date}属于{other}年度，不在本次估算的{year.value}年度内：不计入本年度合计",
               f"Event date {line.event_date} is in {other}, not in the year estimated ({year.value}): not counted in this year's total")
    report.warn("other_year", f"{name_zh}日期为{line.event_date}，属于{other}年度：未计入{year.value}年度的合计、年度上限和附则（二）（三）的判断。请另按{other}年度单独估算",
                f"{name_en} is dated {line.event_date}, in {other}: it is not counted in {year.value}'s total, yearly cap or "
                f"Provisions 2 and 3. Estimate {other} on its own", rule=line.rule["id"], clause=clause)


def _year_note(year: _Year, lines: list[_Line], report: _Report) -> None:
    if year.value is None or not lines:
        return
    how_zh = {"year": "按填写的估算年度", "company_event_date": "按企业事项日期", "items": "未填写年度和企业事项日期，按最早的项目日期"}[year.source or "year"]
    how_en = {"year": "as given", "company_event_date": "from the company's event date",
              "items": "no year or company event date given: from the earliest item date"}[year.source or "year"]
    report.note(None, f"本次估算{year.value}年度（{how_zh}）：附则（五）的年度上限和附则（二）的“当年”按此年度计",
                f"This estimate is for {year.value} ({how_en}): Provision 5's yearly cap and Provision 2's “this year” refer to it")


def _exclusions_that_fire(company: _Facts, policy: PolicyData, report: _Report) -> list[Mapping[str, Any]]:
    """附则（二）（三）: the exclusions whose facts are all known and hold; an unknown fact is a not_checked warning."""
    fired: list[Mapping[str, Any]] = []
    for exclusion in policy.cross_cutting["exclusions"]:
        values = [company.values.get(c["input"]) if c.get("not_given_is_unknown") else company.optional(c["input"]) for c in exclusion["when"]]
        if any(v is not None and not _condition_holds(c, v) for c, v in zip(exclusion["when"], values)):
            continue
        if any(v is None for v in values):
            missing_ids = [c["input"] for c, v in zip(exclusion["when"], values) if v is None]
            missing = [policy.inputs[input_id] for input_id in missing_ids]
            # Worded as the provision's rule, not as a finding about this company (issue 13).
            report.warn("not_checked", f"未填写“{'、'.join(m['label']['zh'] for m in missing)}”，尚未核对此项。附则规定：{exclusion['reason']['zh']}",
                        f"Not checked, as “{', '.join(m['label']['en'] for m in missing)}” was not given. The provision says: {exclusion['reason']['en']}",
                        clause=exclusion["clause"], asks=missing_ids)
            continue
        fired.append(exclusion)
        report.note(exclusion["clause"], exclusion["reason"]["zh"], exclusion["reason"]["en"])
    return fired


def _items_to_evaluate(parsed: ParsedProfile, policy: PolicyData) -> list[tuple[Mapping[str, Any], int, ParsedItem | None]]:
    """Every asked-for rule with its items, in rule order: those under `items`, or one (None) from `facts`."""
    found: list[tuple[Mapping[str, Any], int, ParsedItem | None]] = []
    for rule in policy.rules:
        if rule["id"] in parsed.items:
            found += [(rule, index, item) for index, item in enumerate(parsed.items[rule["id"]])]
        elif trigger_is_set(parsed.values.get(rule["trigger"])):
            found.append((rule, 0, None))
    return found


def _item_label(rule: Mapping[str, Any], index: int, item: ParsedItem | None) -> Mapping[str, str] | None:
    """A short label: the one given, else the rule's item noun and number ("项目 2", "Project 2"); None for a one-off."""
    if item is not None and item.label:
        return {"zh": item.label, "en": item.label}
    if "repeatable" not in rule:
        return None
    noun = rule["repeatable"]["item"]
    return {"zh": f"{noun['zh']} {index + 1}", "en": f"{noun['en'][:1].upper()}{noun['en'][1:]} {index + 1}"}


def _evaluate_item(rule: Mapping[str, Any], index: int, item: ParsedItem | None, parsed: ParsedProfile, policy: PolicyData,
                   report: _Report) -> _Line:
    """One rule applied to one item, rounded once to the fen, with the rule's own notes and warnings."""
    facts = _Facts({**parsed.values, **item.values} if item is not None else parsed.values, policy)
    outcome = _evaluate(rule, facts, policy)
    computed = round_fen(outcome.amount)
    others = item.other_awards if item is not None and item.other_awards else parsed.other_awards.get(rule["id"], ())
    line = _Line(rule, index, _item_label(rule, index, item), item.event_date if item is not None else None, others,
                 outcome, computed, computed, list(outcome.steps), list(outcome.reductions), facts.defaults_used, facts.stand_ins,
                 facts.values)
    if rule["exactness"] == "maximum" and rule["kind"] != "up_to":  # up_to says so itself
        line.steps.append(Step(outcome.steps[-1].clause if outcome.steps else rule["clauses"][0], "政策规定的是上限（“不超过”“最高”），实际金额由主管部门核定；此数为上限",
                               "The policy sets a ceiling (\"not more than\", \"up to\"); the department sets the actual amount. This figure is a maximum"))
    if computed != outcome.amount:
        line.steps.append(Step(None, f"按分四舍五入（ROUND_HALF_UP）：{money_text(computed, 'zh')}",
                               f"Rounded to the fen (ROUND_HALF_UP): {money_text(computed, 'en')}"))
    if "interpretation" in rule:
        report.warn("interpretation", rule["interpretation"]["zh"], rule["interpretation"]["en"], rule=rule["id"], clause=rule["clauses"][0])
    if "interpretation" in rule.get("repeatable", {}):  # how items are counted where the text does not say: on the line
        repeatable = rule["repeatable"]
        line.steps.append(Step(repeatable["clause"], f"本站理解：{repeatable['interpretation']['zh']}",
                               f"This site's reading: {repeatable['interpretation']['en']}"))
        if item is not None:
            report.warn("interpretation", repeatable["interpretation"]["zh"], repeatable["interpretation"]["en"], rule=rule["id"],
                        clause=repeatable["clause"])
    if rule["exactness"] == "unquantified":
        report.warn("unquantified", f"{quoted(rule['title']['zh'])}：金额由主管部门个案确定，未计入合计",
                    f"{quoted(rule['title']['en'])}: amount decided case by case, not in the total", rule=rule["id"], clause=rule["clauses"][0])
    if rule["flags"]["matching"] and line.amount > 0:
        line.steps.append(Step(rule["clauses"][0], "配套奖励：可与上级（国家、省、市）的奖励同时享受",
                               "Matching award: received in addition to the higher-level (national, provincial, city) award"))
    if rule["beneficiary"] == "individual":
        individual = policy.cross_cutting["individual_awards"]["interpretation"]
        line.steps.append(Step(None, individual["zh"], individual["en"]))
    return line


def _warn_unused_other_awards(parsed: ParsedProfile, lines: list[_Line], report: _Report) -> None:
    for rule_id in parsed.other_awards:
        if not any(line.rule["id"] == rule_id for line in lines):
            report.warn("ignored", f"other_policy_awards 中的 “{rule_id}” 未被使用：该规则的输入未填写",
                        f"“{rule_id}” in other_policy_awards was not used: that rule's inputs are not given", rule=rule_id)


def _apply_item_date(line: _Line, company_date: str | None, policy: PolicyData) -> None:
    """附则（六）per item: an item dated before 2024-01-01 pays nothing (the company's other items still count)."""
    dates = policy.cross_cutting["dates"]
    if line.event_date is None:
        return
    clause = dates["clauses"][1]
    if line.event_date < dates["applies_from"]:
        line.block("before_policy_date", clause, f"事项日期{line.event_date}早于2024年1月1日：本政策只适用于2024年1月1日以来的事项，本项不予计算",
                   f"Event date {line.event_date} is before 1 January 2024: the policy covers only events since then; nothing for this item")
    elif line.event_date < dates["in_force_from"]:
        line.steps.append(Step(clause, f"事项日期{line.event_date}早于2024年5月1日施行日，但在2024年1月1日以来，可以享受",
                               f"Event date {line.event_date} is before the policy took effect on 1 May 2024 but since 1 January 2024: it qualifies"))
    else:
        line.steps.append(Step(dates["clauses"][0], f"事项日期{line.event_date}在本政策施行（2024年5月1日）以后",
                               f"Event date {line.event_date} is on or after the policy took effect (1 May 2024)"))


def _applies_to_company(line: _Line, policy: PolicyData) -> bool:
    return line.rule["beneficiary"] in policy.cross_cutting.get("exclusions_apply_to", COUNTED_BENEFICIARIES)


_NUMERALS = {"1": "一", "2": "二", "3": "三", "4": "四", "5": "五", "6": "六"}


def _apply_exclusions(line: _Line, fired: list[Mapping[str, Any]], policy: PolicyData) -> None:
    """附则（二）（三）: an excluded company gets nothing, also on a line that pays nothing anyway (the reason comes first)."""
    if fired and not line.blocked and _applies_to_company(line, policy) and line.rule["exactness"] != "unquantified":
        first = fired[0]
        number = first["clause"][1:].split("-")[0]
        line.block("exclusion", first["clause"], f"附则（{_NUMERALS[number]}）：{first['reason']['zh']}", f"Provision {number}: {first['reason']['en']}")


def _apply_comprehensive_support(line: _Line, company: _Facts, policy: PolicyData) -> None:
    """附则（四）第二款: a company under comprehensive support gets no general support."""
    support = policy.cross_cutting["comprehensive_support"]
    if (company.optional(support["input"]) is True and not line.blocked and _applies_to_company(line, policy)
            and line.rule["exactness"] != "unquantified" and line.rule["id"] not in support["keeps_rules"]):
        line.block("comprehensive_support", support["clause"], "享受综合扶持政策的企业不再享受面上支持政策",
                   "A company under comprehensive support does not also get the general support policies")


def _exemption(rule: Mapping[str, Any], source: str, take_higher: Mapping[str, Any]) -> str | None:
    """Why 从高不重复 does not apply to this other-policy amount, or None when it does: a rule that is take-the-higher
    by its own terms (第九条) only with its own sources; 附则四 only with a city or district policy; a 科技类 award
    against none; a matching award not against the higher-level award it matches."""
    if rule["flags"].get(take_higher["override_flag"]):
        return None if source in take_higher["override_sources"] else "own_terms"
    if source not in take_higher["sources"]:
        return "outside_scope"
    if rule["flags"].get("sci_tech") and "sci_tech" in take_higher["exempt_flags"]:
        return "sci_tech"
    if rule["flags"].get("matching") and "matching" in take_higher["exempt_flags"] and source in take_higher["matching_sources"]:
        return "matching"
    return None


def take_higher_sources(rule: Mapping[str, Any], take_higher: Mapping[str, Any]) -> tuple[str, ...]:
    """The sources whose amount for the same item can reduce this rule (empty: none can)."""
    if rule["exactness"] == "unquantified":
        return ()
    return tuple(s for s in take_higher["source_labels"] if _exemption(rule, s, take_higher) is None)


def _exemption_step(exemption: str, rule: Mapping[str, Any], source: str, amount: Decimal, take_higher: Mapping[str, Any]) -> Step:
    o_zh, o_en = money_text(amount, "zh"), money_text(amount, "en")
    s_zh, s_en = _source_text(source, take_higher)
    if exemption == "own_terms":
        return Step(rule["clauses"][0], f"本条只规定与市级补助资金就高不重复，且属科技类奖励补助（附则四不适用）：{s_zh}的{o_zh}不影响本项",
                    f"This article makes the award take-the-higher with the city subsidy only, and it is a science-and-technology award "
                    f"(Provision 4 does not apply): the {o_en} from {s_en} does not reduce it")
    if exemption == "outside_scope":
        return Step(take_higher["clause"], f"附则（四）的“从高、不重复”只针对市级政策和本区现行政策：{s_zh}的{o_zh}不影响本项",
                    f"Provision 4's take-the-higher covers only city policies and current district policies: the {o_en} from {s_en} does not reduce it")
    if exemption == "sci_tech":
        return Step(take_higher["clause"], f"本项属科技类奖励补助，不适用“从高、不重复”，{s_zh}的{o_zh}不影响本项",
                    f"This is a science-and-technology award: take-the-higher does not apply; the {o_en} from {s_en} does not reduce it")
    return Step(take_higher["clause"], f"本项属明确配套的奖励，不适用“从高、不重复”，{s_zh}的{o_zh}不影响本项",
                f"This is an explicitly matching award: take-the-higher does not apply; the {o_en} from {s_en} does not reduce it")


def _source_text(source: str, take_higher: Mapping[str, Any]) -> tuple[str, str]:
    label = take_higher["source_labels"][source]
    return label["zh"], label["en"]


def _apply_take_higher(line: _Line, policy: PolicyData, report: _Report) -> None:
    """附则（四）从高、不重复, for each other-policy amount of this item by its source."""
    rule, take_higher = line.rule, policy.cross_cutting["take_higher"]
    if line.amount > 0 and _applies_to_company(line, policy):
        _not_sci_tech_reading(line, take_higher)
    if not line.other_awards:
        sources = take_higher_sources(rule, take_higher)
        # A matching award is reduced only by a district duplicate, which is rare: no note for it (issue 13).
        if line.amount > 0 and _applies_to_company(line, policy) and "city" in sources:
            label_zh = f"（{line.label['zh']}）" if line.label else ""
            label_en = f" ({line.label['en']})" if line.label else ""
            names = [_source_text(source, take_higher) for source in sources]
            report.warn("not_checked", f"{quoted(rule['title']['zh'])}{label_zh}未填写{'或'.join(n[0] for n in names)}就同一事项给予的金额：如已获得，按从高、不重复执行",
                        f"{quoted(rule['title']['en'])}{label_en}: no amount from {' or '.join(n[1] for n in names)} for the same item is given: "
                        "if one was received, take the higher, no duplication applies", rule=rule["id"], clause=take_higher["clause"])
        return
    if line.amount == 0:
        return
    applying: list[OtherAward] = []
    for other in line.other_awards:
        exemption = _exemption(rule, other.source, take_higher)
        if exemption is None and other.source == "city" and "cap_includes_higher_level" in rule:
            _deduct_once_inside_combined_cap(line, other)
        elif exemption is not None:
            line.steps.append(_exemption_step(exemption, rule, other.source, other.amount, take_higher))
        else:
            applying.append(other)
    if not applying or line.amount == 0:
        return
    other = max(applying, key=lambda a: a.amount)
    o_zh, o_en = money_text(other.amount, "zh"), money_text(other.amount, "en")
    s_zh, s_en = _source_text(other.source, take_higher)
    clause = rule["clauses"][0] if rule["flags"].get(take_higher["override_flag"]) else take_higher["clause"]
    if rule["flags"].get("matching") and other.source == "district":
        line.steps.append(Step(take_higher["clause"], "配套奖励只对其所配套的上级奖励不适用“从高、不重复”；本区其他政策就同一事项的奖励仍按从高、不重复执行",
                               "A matching award is exempt only against the higher-level award it matches; a duplicate award from another district policy is still take-the-higher"))
    cut = min(line.amount, other.amount)
    c_zh, c_en = money_text(cut, "zh"), money_text(cut, "en")
    if other.amount >= line.amount:
        line.steps.append(Step(clause, f"从高、不重复：同一事项{s_zh}给予{o_zh}，不低于本项，本项不再给予（扣除{c_zh}，企业按较高者享受）",
                               f"Take the higher, no duplication: {s_en} pays {o_en} for the same item, at least as much; nothing more from this one "
                               f"({c_en} deducted)"))
    else:
        line.steps.append(Step(clause, f"从高、不重复：同一事项{s_zh}给予{o_zh}，本项只补足差额（扣除{c_zh}）",
                               f"Take the higher, no duplication: {s_en} pays {o_en} for the same item; this one pays only the difference ({c_en} deducted)"))
    if cut > 0:
        line.reduce("take_higher", cut, clause, f"从高不重复：{s_zh}就同一事项给予{o_zh}，扣除{c_zh}",
                    f"take the higher: {s_en} pays {o_en} for the same item; {c_en} deducted")


def _not_sci_tech_reading(line: _Line, take_higher: Mapping[str, Any]) -> None:
    """An award this site does not read as 科技类 although its article is about innovation (创客中国, 双创示范基地):
    the reading, on the line, where 从高不重复 is weighed."""
    for entry in take_higher.get("sci_tech_reading", []):
        if line.rule["id"] in entry["rules"] and not entry["sci_tech"]:
            line.steps.append(Step(take_higher["clause"], f"本站理解：{entry['reason']['zh']}", f"This site's reading: {entry['reason']['en']}"))


def _deduct_once_inside_combined_cap(line: _Line, other: OtherAward) -> None:
    """第十九条: 市区两级补助最高不超过1300万元 is a combined cap that already deducts the city's subsidy (less_input).
    The same city amount given as another policy's is the same money: only what exceeds the amount already deducted
    is deducted, once."""
    rule = line.rule
    clause = rule["cap_includes_higher_level"]["clause"]
    already = line.values.get(rule["less_input"], Decimal(0))
    extra = min(max(other.amount - already, Decimal(0)), line.amount)
    o_zh, o_en = money_text(other.amount, "zh"), money_text(other.amount, "en")
    line.steps.append(Step(clause, f"市级政策的{o_zh}已在市区两级合计上限内扣除，同一笔补助只扣除一次，不再按从高、不重复重复扣除",
                           f"The {o_en} from the city (higher level) is already inside the combined city-and-district ceiling: "
                           "the same subsidy is deducted once, not again under take-the-higher"))
    if extra > 0:
        e_zh, e_en = money_text(extra, "zh"), money_text(extra, "en")
        line.reduce("already_received", extra, clause, f"上级补助超出已扣除金额的部分{e_zh}", f"the higher-level subsidy beyond what was deducted: {e_en}")


def _apply_rule_yearly_caps(lines: list[_Line], policy: PolicyData) -> None:
    """A repeatable rule whose cap is the company's for the year (`repeatable.cap_scope: year`, 第二十三条 “对新获得…证书
    的企业最高给予10万元”): its items together get at most the cap, counted in item order."""
    for rule in policy.rules:
        repeatable = rule.get("repeatable", {})
        if repeatable.get("cap_scope") != "year":
            continue
        cap = amount_value(rule["cap"], where=f"rule {rule['id']} cap")
        c_zh, c_en = money_text(cap, "zh"), money_text(cap, "en")
        remaining = cap
        for line in (line for line in lines if line.rule is rule):
            keep = min(line.amount, remaining)
            if keep < line.amount:
                cut = line.amount - keep
                line.steps.append(Step(repeatable["clause"], f"本项上限按企业每年计：同一年度各{repeatable['item']['zh']}合计最高{c_zh}，本项扣减{money_text(cut, 'zh')}",
                                       f"The ceiling is per company and year: all {repeatable['item']['en']}s of the year together get at most {c_en}; "
                                       f"{money_text(cut, 'en')} cut here"))
                line.reduce("yearly_cap_per_rule", cut, repeatable["clause"], f"同一年度每家企业最高{c_zh}", f"yearly ceiling per company {c_en}")
            remaining -= keep


@dataclass(frozen=True)
class _YearlyCap:
    """附则（五）applied once, to the company's yearly total (not to any one line): None when it does not apply."""
    fiscal: Decimal
    before: Decimal
    cut: Decimal
    clause: str


def _yearly_cap(lines: list[_Line], company: _Facts, fired: list[Mapping[str, Any]], policy: PolicyData,
                report: _Report) -> _YearlyCap | None:
    """附则（五）: the company's yearly total of awards is capped at its actual fiscal contribution. The cap is on the
    sum, so it is shown once, at the total: each line keeps its own amount."""
    yearly = policy.cross_cutting["yearly_cap"]
    fiscal = company.optional(yearly["input"])
    counted = [line for line in lines if line.counted and line.rule["beneficiary"] in yearly["applies_to"]]
    before_cap = sum((line.amount for line in counted), Decimal(0))
    if fired or not counted:
        return None  # nothing to cap: an excluded company gets nothing, or no counted award was asked for
    if company.optional(yearly["exception_input"]) is True:
        report.note(yearly["clause"], "处于约定培育期：年度合计不按实际财政贡献封顶，由主管部门按约定条件实施总量控制",
                    "In an agreed cultivation period: the yearly total is not capped at the fiscal contribution; the department controls the total under the agreed conditions")
        report.warn("cultivation_period", "培育期企业的总量由约定条件确定，本估算未封顶",
                    "A cultivation-period company's total is set by agreement; this estimate is not capped", clause=yearly["clause"])
        return None
    if fiscal is None:
        if before_cap > 0:
            report.warn("yearly_cap_not_applied", "未填写本年度对本区财政的实际贡献，未按附则（五）封顶",
                        "The fiscal contribution to the district is not given: the yearly cap of Provision 5 is not applied", clause=yearly["clause"],
                        asks=[yearly["input"]])
        return None
    cut = max(before_cap - fiscal, Decimal(0))
    f_zh, f_en = money_text(fiscal, "zh"), money_text(fiscal, "en")
    if cut > 0:
        report.note(yearly["clause"], f"各项合计{money_text(before_cap, 'zh')}超过本年度对本区财政的实际贡献{f_zh}（附则五：原则上不超过）：合计按{f_zh}封顶，扣减{money_text(cut, 'zh')}（各项金额不变）",
                    f"The awards total {money_text(before_cap, 'en')}, more than the year's fiscal contribution to the district of {f_en}, "
                    f"which the total should in principle not exceed (Provision 5): capped at {f_en}, {money_text(cut, 'en')} less "
                    "(each award's own amount is unchanged)")
        report.warn("interpretation", yearly["interpretation"]["zh"], yearly["interpretation"]["en"], clause=yearly["clause"])
    else:
        report.note(yearly["clause"], f"合计{money_text(before_cap, 'zh')}不超过实际财政贡献{f_zh}",
                    f"The total of {money_text(before_cap, 'en')} does not exceed the fiscal contribution of {f_en}")
    return _YearlyCap(fiscal, before_cap, cut, yearly["clause"])


# The 附则 reasons that leave nothing of a line, whatever its figures -> the why-not reason they give.
_BLOCKING_WHY = {"other_year": "other_year", "before_policy_date": "before_policy_date", "exclusion": "excluded",
                 "comprehensive_support": "comprehensive_support"}
# Reductions of the other 附则 stages -> the why-not reason they give.
_CROSS_CUTTING_WHY = {"take_higher": "other_policy", "yearly_cap_per_rule": "yearly_cap_per_rule"}
# Reasons whose words are not yet among the line's steps (the others repeat a step the kind or a stage wrote).
_WHY_NOT_NEEDS_A_STEP = ("below_cap", "next_threshold")


def _explain_why_not(line: _Line, policy: PolicyData) -> None:
    line.why_not = _why_not(line, policy)
    line.steps += [Step(w.clause, w.zh, w.en) for w in line.why_not if w.reason in _WHY_NOT_NEEDS_A_STEP]


def _why_not(line: _Line, policy: PolicyData) -> list[_WhyNot]:
    """Every reason a quantified line pays 0 or less than its cap. A reason of 附则 that leaves nothing (another year,
    before the policy date, exclusion, comprehensive support) is the only one given: no hint to invest more, since more
    would change nothing. Otherwise the rule's own (threshold, level, earlier award, requirement, below the cap), then
    take-higher and the rule's yearly ceiling. 附则五 is on the total, not on a line."""
    rule, cap = line.rule, line.outcome.cap
    if rule["exactness"] == "unquantified":
        return []
    if line.blocked:
        return list(line.blocked)
    if line.amount > 0 and (cap is None or line.amount >= cap):
        return []
    found = _why_not_in_the_rule(line, policy)
    for reduction in line.reductions[len(line.outcome.reductions):]:  # those of the 附则 stages
        if reduction.reason in _CROSS_CUTTING_WHY and reduction.amount > 0:
            found.append(_WhyNot(_CROSS_CUTTING_WHY[reduction.reason], reduction.clause, None, reduction.zh, reduction.en))
        elif reduction.reason == "already_received" and "cap_includes_higher_level" in rule and reduction.amount > 0:
            found.append(_WhyNot("already_received", reduction.clause, None, reduction.zh, reduction.en))
    if not found and line.amount == 0:
        found.append(_WhyNot("zero_base", rule["clauses"][0], None, "计算基数为0", "the base amount is 0"))
    return found


def _why_not_in_the_rule(line: _Line, policy: PolicyData) -> list[_WhyNot]:
    rule, outcome, cap = line.rule, line.outcome, line.outcome.cap
    condition, clause = outcome.condition, rule["clauses"][0]
    by_reason = {r.reason: r for r in outcome.reductions}
    if condition == "below_threshold":  # the kind's last step says it with the gap: "...低于200万元门槛（条款3-1），相差20万元"
        step = outcome.steps[-1]
        return [_WhyNot("below_threshold", step.clause, outcome.gap, step.zh, step.en)]
    if condition.startswith("requirement_not_met"):
        r = by_reason["requirement"]
        return [_WhyNot("requirement_not_met", r.clause, None, r.zh, r.en)]
    if "top_up" in by_reason:
        r = by_reason["top_up"]
        reason = "not_new_or_higher_level" if line.computed == 0 else "top_up"
        return [_WhyNot(reason, r.clause, None, r.zh if line.computed else f"不是新的或更高的级别：{r.zh}",
                        r.en if line.computed else f"not a new or higher level: {r.en}")]
    if "already_received" in by_reason:
        r = by_reason["already_received"]
        return [_WhyNot("already_received", r.clause, None, r.zh, r.en)]
    if rule["kind"] == "milestone" and outcome.gap is not None:
        g_zh, g_en = money_text(outcome.gap, "zh"), money_text(outcome.gap, "en")
        if condition == "no_new_milestone" and line.computed == 0 and any(step.zh.startswith("已突破") for step in outcome.steps):
            return [_WhyNot("not_new_or_higher_level", clause, outcome.gap, f"不是首次突破；距下一档还差{g_zh}",
                            f"not a first time; the next threshold is {g_en} away")]
        reason = "below_threshold" if line.computed == 0 else "next_threshold"
        return [_WhyNot(reason, clause, outcome.gap, f"本地营收距下一档门槛还差{g_zh}（条款{clause[1:]}）",
                        f"Local revenue is {g_en} short of the next threshold (clause {clause[1:]})")]
    if cap is not None and line.computed < cap:
        gap = cap - line.computed
        c_zh, c_en, g_zh, g_en = money_text(line.computed, "zh"), money_text(line.computed, "en"), money_text(gap, "zh"), money_text(gap, "en")
        zh, en = f"计算金额{c_zh}低于上限{money_text(cap, 'zh')}，相差{g_zh}", f"The computed {c_en} is below the ceiling of {money_text(cap, 'en')} by {g_en}"
        item_caps = [r for r in outcome.reductions if r.reason == "item_cap"]
        if item_caps:  # 第十九条 bonds: an issue already at its own ceiling; more only from another issue
            i_zh, i_en = money_text(amount_value(rule["item_cap"], where=f"rule {rule['id']} item_cap"), "zh"), \
                money_text(amount_value(rule["item_cap"], where=f"rule {rule['id']} item_cap"), "en")
            zh += f"；{'、'.join(r.zh.split('每期')[0] for r in item_caps)}已按每期最高不超过{i_zh}封顶"
            en += f"; {', '.join(r.en.split(':')[0] for r in item_caps)} already at the per-issue ceiling of {i_en}"
        elif outcome.cap_reached_at is not None and "base_input" in rule:
            label = policy.inputs[rule["base_input"]]["label"]
            at_zh, at_en = money_text(round_fen(outcome.cap_reached_at), "zh"), money_text(round_fen(outcome.cap_reached_at), "en")
            zh += f"；{quoted(_bare(label['zh']))}达到{at_zh}时可达上限"
            en += f"; the ceiling is reached when {quoted(_bare(label['en']))} is {at_en}"
        return [_WhyNot("below_cap", outcome.steps[-1].clause if outcome.steps else clause, gap, zh, en)]
    return []


def _bare(label: str) -> str:
    """An input label without its unit suffix: "技术改造项目可补助投资额（元）" -> "技术改造项目可补助投资额"."""
    for suffix in ("（元）", " (CNY)"):
        if label.endswith(suffix):
            return label[: -len(suffix)]
    return label


def _date_notes(lines: list[_Line], company_date: str | None, policy: PolicyData, report: _Report) -> None:
    """附则（六）for the company's date (an item's own date is explained on its line)."""
    dates = policy.cross_cutting["dates"]
    undated = [line for line in lines if line.event_date is None]
    if not undated:
        return
    if company_date is None:
        report.warn("date_not_checked", "未填写事项日期：本政策适用于2024年1月1日以来的事项",
                    "No event date given: the policy covers events since 1 January 2024", clause=dates["clauses"][1],
                    asks=[dates["input"]])
    elif company_date < dates["in_force_from"]:
        report.note(dates["clauses"][1], f"事项日期{company_date}早于2024年5月1日施行日，但在2024年1月1日以来，可以享受",
                    f"Event date {company_date} is before the policy took effect on 1 May 2024 but since 1 January 2024: it qualifies")
    else:
        report.note(dates["clauses"][0], f"事项日期{company_date}在本政策施行（2024年5月1日）以后",
                    f"Event date {company_date} is on or after the policy took effect (1 May 2024)")


def _closing_warnings(lines: list[_Line], company: _Facts, policy: PolicyData, report: _Report) -> None:
    """The readings behind 附则四 that were used; then each warning once (several rules may share one reading)."""
    cross = policy.cross_cutting
    support = cross["comprehensive_support"]
    if company.optional(support["input"]) is True:
        report.warn("interpretation", support["interpretation"]["zh"], support["interpretation"]["en"], clause=support["clause"])
    if any(line.other_awards for line in lines):
        take_higher = cross["take_higher"]
        report.warn("interpretation", take_higher["interpretation"]["zh"], take_higher["interpretation"]["en"], clause=take_higher["clause"])
    unique: dict[tuple[str, str], dict[str, Any]] = {}
    for item in report.warnings if lines else []:  # with no award asked for there is nothing to warn about
        unique.setdefault((item["code"], item["text"]), item)
    report.warnings[:] = unique.values()


def _assumptions(lines: list[_Line], policy: PolicyData, lang: str) -> list[dict[str, Any]]:
    """Each default that was used, once per input and value."""
    found: list[dict[str, Any]] = []
    for line in lines:
        for input_id, value in line.defaults_used.items():
            if any(a["input"] == input_id and a["value"] == _json_value(value) for a in found):
                continue
            label = policy.inputs[input_id]["label"][lang]
            shown = _value_text(policy, input_id, value, lang)
            found.append({"input": input_id, "value": _json_value(value),
                          "text": f"未填写{quoted(label)}，按默认值 {shown} 计算" if lang == "zh" else f"{quoted(label)} not given: default {shown} used"})
        for input_id, other_id in line.stand_ins.items():
            if any(a["input"] == input_id for a in found):
                continue
            label, other = policy.inputs[input_id]["label"][lang], policy.inputs[other_id]["label"][lang]
            found.append({"input": input_id, "value": None,
                          "text": f"未填写{quoted(label)}，以{quoted(other)}代替" if lang == "zh" else f"{quoted(label)} not given: {quoted(other)} used in its place"})
    return found


def _json_value(value: Any) -> Any:
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, list):
        return [_json_value(v) for v in value]
    return value


def _value_text(policy: PolicyData, input_id: str, value: Any, lang: str) -> str:
    spec = policy.inputs[input_id]
    if spec["type"] == "choice":
        return str(next(c["label"][lang] for c in spec["choices"] if c["id"] == value))
    if spec["type"] == "bool":
        return ("是" if value else "否") if lang == "zh" else ("yes" if value else "no")
    if isinstance(value, Decimal):
        return format(value, "f")
    return str(value)


def _clauses_applied(line: _Line) -> list[str]:
    """The clauses this line's computation cited, in order, each once (not every clause of the article)."""
    return list(dict.fromkeys(step.clause for step in line.steps if step.clause))


def _fired_clause(line: _Line) -> str:
    """The clause of the branch that fired: the rule's last cited step (第三条 a key-industry project: 3-2)."""
    cited = [step.clause for step in line.outcome.steps if step.clause]
    return cited[-1] if cited else str(line.rule["clauses"][0])


def _line_json(line: _Line, lang: str, policy: PolicyData) -> dict[str, Any]:
    rule = line.rule
    article = policy.articles[rule["article"]]
    unquantified = rule["exactness"] == "unquantified"
    return {
        "rule": rule["id"],
        "item": line.item,
        "item_label": None if line.label is None else line.label[lang],
        "event_date": line.event_date,
        "article": rule["article"],
        "article_title": article["title"][lang],
        "clauses": list(rule["clauses"]),
        "clause": _fired_clause(line),
        "clauses_applied": _clauses_applied(line),
        "title": rule["title"][lang],
        "who": rule["who"][lang],
        "kind": rule["kind"],
        "kind_of_amount": rule["exactness"],
        "beneficiary": rule["beneficiary"],
        "flags": dict(rule["flags"]),
        "condition": line.outcome.condition,
        # An unquantified award has no amount: null, never a zero that could be read as "nothing".
        "computed_cny": None if unquantified else cny_string(line.computed),
        "amount_cny": None if unquantified else cny_string(line.amount),
        "amount_wan": None if unquantified else wan_string(line.amount),
        "amount_display": UNQUANTIFIED_DISPLAY[lang] if unquantified else display(line.amount, lang),
        "cap_cny": None if line.outcome.cap is None else cny_string(line.outcome.cap),
        "counts_toward_company_total": line.counted,
        # True when a reason of 附则 leaves nothing of this line whatever its figures (why_not then gives only that).
        "blocked": bool(line.blocked),
        "reductions": [{"reason": r.reason, "amount_cny": cny_string(r.amount), "clause": r.clause, "text": r.zh if lang == "zh" else r.en}
                       for r in line.reductions],
        "explanation": [{"clause": s.clause, "text": s.zh if lang == "zh" else s.en} for s in line.steps],
        # Why this line pays 0 or less than its cap (empty when it pays its cap, or has no amount), and how close.
        "why_not": [{"reason": w.reason, "clause": w.clause, "gap_cny": None if w.gap is None else cny_string(w.gap),
                     "text": w.zh if lang == "zh" else w.en} for w in line.why_not],
    }


def _yearly_cap_json(yearly: _YearlyCap | None, lang: str) -> dict[str, Any] | None:
    if yearly is None:
        return None
    if yearly.cut > 0:
        zh = f"附则（五）年度上限：各项合计{money_text(yearly.before, 'zh')}超过对本区财政的实际贡献{money_text(yearly.fiscal, 'zh')}（原则上不超过），扣减{money_text(yearly.cut, 'zh')}"
        en = (f"Provision 5 yearly cap: the awards total {money_text(yearly.before, 'en')}, more than the fiscal contribution to the district "
              f"of {money_text(yearly.fiscal, 'en')}, which it should in principle not exceed: {money_text(yearly.cut, 'en')} less")
    else:
        zh = f"附则（五）年度上限：各项合计{money_text(yearly.before, 'zh')}不超过对本区财政的实际贡献{money_text(yearly.fiscal, 'zh')}"
        en = f"Provision 5 yearly cap: the awards total {money_text(yearly.before, 'en')}, within the fiscal contribution of {money_text(yearly.fiscal, 'en')}"
    return {"clause": yearly.clause, "fiscal_contribution_cny": cny_string(yearly.fiscal), "before_cny": cny_string(yearly.before),
            "reduction_cny": cny_string(yearly.cut), "applied": yearly.cut > 0, "text": zh if lang == "zh" else en}


def _result(lang: str, lines: list[_Line], report: _Report, assumptions: list[dict[str, Any]], yearly: _YearlyCap | None,
            year: _Year, *, eligible: bool, policy: PolicyData) -> dict[str, Any]:
    counted = [line for line in lines if line.counted]
    yearly_cut = Decimal(0) if yearly is None else yearly.cut
    total = sum((line.amount for line in counted), Decimal(0)) - yearly_cut
    exact = sum((line.amount for line in counted if line.rule["exactness"] == "exact"), Decimal(0))
    before = sum((line.computed for line in counted), Decimal(0))
    individual = sum((line.amount for line in lines if line.rule["beneficiary"] == "individual"), Decimal(0))
    is_maximum = any(line.rule["exactness"] == "maximum" and line.amount > 0 for line in counted)
    return {
        "schema": RESULT_SCHEMA,
        "lang": lang,
        "valid": True,
        "errors": [],
        "eligible": eligible,
        "year": year.value,
        "year_source": year.source,
        "total_cny": cny_string(total),
        "total_wan": wan_string(total),
        "total_display": display(total, lang),
        "total_kind_of_amount": "maximum" if is_maximum else "exact",
        "totals": {
            "before_cross_cutting_cny": cny_string(before),
            "after_cross_cutting_cny": cny_string(total),
            # The exact lines' sum, before 附则五's cap on the whole (which is not shared out among the lines).
            "exact_part_cny": cny_string(exact),
            "yearly_cap_reduction_cny": cny_string(yearly_cut),
            "individual_awards_cny": cny_string(individual),
            "unquantified_count": sum(1 for line in lines if line.rule["exactness"] == "unquantified"),
        },
        "yearly_cap": _yearly_cap_json(yearly, lang),
        "lines": [_line_json(line, lang, policy) for line in lines],
        "notes": report.notes,
        "warnings": report.warnings,
        "assumptions": assumptions,
    }


def _invalid(lang: str, errors: list[dict[str, str]]) -> dict[str, Any]:
    return {
        "schema": RESULT_SCHEMA, "lang": lang, "valid": False, "errors": errors, "eligible": None, "year": None, "year_source": None,
        "yearly_cap": None, "total_cny": None, "total_wan": None, "total_display": None, "total_kind_of_amount": None, "totals": None,
        "lines": [], "notes": [], "warnings": [], "assumptions": [],
    }


def estimate(profile: Any, *, lang: str = "zh", reform: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """Evaluate a profile {year, company, facts, items, other_policy_awards}; never raises. With `reform`
    ({parameter id: new value}, see list_parameters) the rules are a reformed copy, and the result lists the changes."""
    if lang not in LANGS:
        return _invalid("zh", [error("lang", f"不支持的语言 “{lang}”：可选 zh、en", f"Unsupported language “{lang}”: use zh or en")])
    if reform:
        try:
            reformed = apply_reform(POLICY, reform)
        except ReformError as refused:
            return _invalid(lang, refused.errors)
        return estimate_with(profile, lang=lang, reform=reformed)
    return estimate_with(profile, lang=lang, reform=None)


def estimate_with(profile: Any, *, lang: str, reform: Reform | None) -> dict[str, Any]:
    """estimate() under an already applied reform (a batch applies it once for all its companies); never raises."""
    try:
        result = _estimate(profile, lang, POLICY if reform is None else reform.policy)
    except Exception as exc:  # never raise to the page; the error says what broke
        return _invalid(lang, [error("", f"内部错误：{type(exc).__name__}: {exc}", f"Internal error: {type(exc).__name__}: {exc}")])
    if reform is not None:
        result["reform"] = [dict(change, label=change["label"][lang]) for change in reform.changes]
    return result


def other_policy_sources(rule_id: str) -> tuple[str, ...]:
    """The sources (city, district, provincial, national) whose amount for the same item reduces this rule under
    附则四 or the rule's own terms; empty when none does (e.g. a 科技类 award)."""
    return take_higher_sources(POLICY.rules_by_id[rule_id], POLICY.cross_cutting["take_higher"])


def validate_profile(profile: Any) -> list[dict[str, str]]:
    """The profile's errors as {field, zh, en} (empty when valid); never raises."""
    try:
        return parse_profile(profile, POLICY)[1]
    except Exception as exc:
        return [error("", f"内部错误：{type(exc).__name__}: {exc}", f"Internal error: {type(exc).__name__}: {exc}")]


def estimate_json(profile_json: str, lang: str = "zh") -> str:
    """For the Pyodide worker: JSON text in, JSON text out; invalid JSON is an error {field: ''}, never an exception."""
    try:
        profile = json.loads(profile_json, parse_int=json_int)
    except (TypeError, ValueError) as exc:
        result = _invalid(lang if lang in LANGS else "zh", [error("", f"不是有效的 JSON：{exc}", f"Not valid JSON: {exc}")])
    except RecursionError:  # json's own limit, far beyond MAX_DEPTH
        result = _invalid(lang if lang in LANGS else "zh", [error("", f"嵌套过深：对象和列表最多 {MAX_DEPTH} 层",
                                                                  f"Nested too deeply: at most {MAX_DEPTH} levels of objects and lists")])
    else:
        result = estimate(profile, lang=lang)
    return json.dumps(result, ensure_ascii=False, sort_keys=True)
