"""estimate(): validate the profile, evaluate every asked-for rule, apply the cross-cutting rules of 附则, explain it all.

Amounts are Decimal inside; each line is rounded once (to the fen, ROUND_HALF_UP) right after its rule is evaluated,
so the cross-cutting reductions and the totals are exact sums of fen amounts. The result is JSON-compatible
(amounts as strings) and never raises: a bad profile gives errors {field, zh, en}.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Mapping

from ._data import POLICY, PolicyData
from ._kinds import Outcome, Reduction, Step, kind_function
from ._money import cny_string, display, money_text, round_fen, wan_string
from ._validate import OtherAward, ParsedItem, ParsedProfile, error, parse_profile, trigger_is_set

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

    @property
    def counted(self) -> bool:
        return self.rule["beneficiary"] in COUNTED_BENEFICIARIES and self.rule["exactness"] != "unquantified"

    def reduce(self, reason: str, cut: Decimal, clause: str | None, zh: str, en: str) -> None:
        self.amount -= cut
        self.reductions.append(Reduction(reason, cut, clause, zh, en))


@dataclass
class _Report:
    """What the stages say about the whole profile: notes (附则 applied) and warnings, in the asked-for language."""
    lang: str
    notes: list[dict[str, Any]] = field(default_factory=list)
    warnings: list[dict[str, Any]] = field(default_factory=list)

    def note(self, clause: str | None, zh: str, en: str) -> None:
        self.notes.append({"clause": clause, "text": zh if self.lang == "zh" else en})

    def warn(self, code: str, zh: str, en: str, *, rule: str | None = None, clause: str | None = None) -> None:
        self.warnings.append({"code": code, "rule": rule, "clause": clause, "text": zh if self.lang == "zh" else en})


def _evaluate(rule: Mapping[str, Any], facts: _Facts, policy: PolicyData) -> Outcome:
    preconditions = [(i, True) for i in rule.get("requires", [])] + [(i, False) for i in rule.get("requires_not", [])]
    for input_id, needed in preconditions:
        if facts.value(input_id) is not needed:
            label = policy.inputs[input_id]["label"]
            zh = label["zh"] if needed else f"不是“{label['zh']}”"
            en = label["en"] if needed else f"not “{label['en']}”"
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
    """parse → evaluate each rule's items → 附则 (dates, exclusions, support, take-higher, yearly cap) → totals."""
    parsed, errors = parse_profile(profile, policy)
    if errors:
        return _invalid(lang, errors)
    report = _Report(lang)
    company = _Facts(parsed.values, policy)
    fired = _exclusions_that_fire(company, policy, report)
    lines = [_evaluate_item(rule, index, item, parsed, policy, report) for rule, index, item in _items_to_evaluate(parsed, policy)]
    _warn_unused_other_awards(parsed, lines, report)
    company_date = company.optional(policy.cross_cutting["dates"]["input"])
    for line in lines:
        _apply_item_date(line, company_date, policy)
        _apply_exclusions(line, fired, policy)
        _apply_comprehensive_support(line, company, policy)
        _apply_take_higher(line, policy, report)
    before_cap, yearly_cut = _apply_yearly_cap(lines, company, fired, policy, report)
    for line in lines:
        _explain_why_not(line, policy)
    _date_notes(lines, company_date, policy, report)
    _closing_warnings(lines, company, policy, report)
    return _result(lang, lines, report, _assumptions(lines, policy, lang), before_cap, yearly_cut, eligible=not fired, policy=policy)


def _exclusions_that_fire(company: _Facts, policy: PolicyData, report: _Report) -> list[Mapping[str, Any]]:
    """附则（二）（三）: the exclusions whose facts are all known and hold; an unknown fact is a not_checked warning."""
    fired: list[Mapping[str, Any]] = []
    for exclusion in policy.cross_cutting["exclusions"]:
        values = [company.values.get(c["input"]) if c.get("not_given_is_unknown") else company.optional(c["input"]) for c in exclusion["when"]]
        if any(v is not None and not _condition_holds(c, v) for c, v in zip(exclusion["when"], values)):
            continue
        if any(v is None for v in values):
            missing = [policy.inputs[c["input"]] for c, v in zip(exclusion["when"], values) if v is None]
            # Worded as the provision's rule, not as a finding about this company (issue 13).
            report.warn("not_checked", f"未填写“{'、'.join(m['label']['zh'] for m in missing)}”，尚未核对此项。附则规定：{exclusion['reason']['zh']}",
                        f"Not checked, as “{', '.join(m['label']['en'] for m in missing)}” was not given. The provision says: {exclusion['reason']['en']}",
                        clause=exclusion["clause"])
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
    if item is not None and "interpretation" in rule.get("repeatable", {}):
        repeatable = rule["repeatable"]
        report.warn("interpretation", repeatable["interpretation"]["zh"], repeatable["interpretation"]["en"], rule=rule["id"],
                    clause=repeatable["clause"])
    if rule["exactness"] == "unquantified":
        report.warn("unquantified", f"“{rule['title']['zh']}”：金额由主管部门个案确定，未计入合计",
                    f"“{rule['title']['en']}”: amount decided case by case, not in the total", rule=rule["id"], clause=rule["clauses"][0])
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
        line.steps.append(Step(clause, f"事项日期{line.event_date}早于2024年1月1日：本政策只适用于2024年1月1日以来的事项，本项不予计算",
                               f"Event date {line.event_date} is before 1 January 2024: the policy covers only events since then; nothing for this item"))
        if line.amount > 0:
            line.reduce("before_policy_date", line.amount, clause, f"事项日期{line.event_date}早于2024年1月1日",
                        f"event date {line.event_date} before 1 January 2024")
    elif line.event_date < dates["in_force_from"]:
        line.steps.append(Step(clause, f"事项日期{line.event_date}早于2024年5月1日施行日，但在2024年1月1日以来，可以享受",
                               f"Event date {line.event_date} is before the policy took effect on 1 May 2024 but since 1 January 2024: it qualifies"))
    else:
        line.steps.append(Step(dates["clauses"][0], f"事项日期{line.event_date}在本政策施行（2024年5月1日）以后",
                               f"Event date {line.event_date} is on or after the policy took effect (1 May 2024)"))


def _applies_to_company(line: _Line, policy: PolicyData) -> bool:
    return line.rule["beneficiary"] in policy.cross_cutting.get("exclusions_apply_to", COUNTED_BENEFICIARIES)


def _apply_exclusions(line: _Line, fired: list[Mapping[str, Any]], policy: PolicyData) -> None:
    if fired and line.amount > 0 and _applies_to_company(line, policy):
        first = fired[0]
        line.steps.append(Step(first["clause"], f"附则：{first['reason']['zh']}", f"Supplementary provision: {first['reason']['en']}"))
        line.reduce("exclusion", line.amount, first["clause"], first["reason"]["zh"], first["reason"]["en"])


def _apply_comprehensive_support(line: _Line, company: _Facts, policy: PolicyData) -> None:
    """附则（四）第二款: a company under comprehensive support gets no general support."""
    support = policy.cross_cutting["comprehensive_support"]
    if (company.optional(support["input"]) is True and line.amount > 0 and _applies_to_company(line, policy)
            and line.rule["id"] not in support["keeps_rules"]):
        line.steps.append(Step(support["clause"], "享受综合扶持政策的企业不再享受面上支持政策", "A company under comprehensive support gets no general support"))
        line.reduce("comprehensive_support", line.amount, support["clause"], "享受综合扶持，不再享受面上支持政策",
                    "comprehensive support: no general support")


def _exemption(rule: Mapping[str, Any], source: str, take_higher: Mapping[str, Any]) -> str | None:
    """Why 从高不重复 does not apply to this other-policy amount: a 科技类 award (against any policy), a matching award
    (against the higher-level award it matches, not against a duplicate district award); None when it applies."""
    if rule["flags"].get(take_higher["override_flag"]):
        return None
    if rule["flags"].get("sci_tech") and "sci_tech" in take_higher["exempt_flags"]:
        return "sci_tech"
    if rule["flags"].get("matching") and "matching" in take_higher["exempt_flags"] and source == "higher_level":
        return "matching"
    return None


def take_higher_applies(rule: Mapping[str, Any], take_higher: Mapping[str, Any]) -> bool:
    """Whether an amount from a city (higher-level) policy can reduce this rule under 附则四."""
    return rule["exactness"] != "unquantified" and _exemption(rule, "higher_level", take_higher) is None


_SOURCE_TEXT = {"higher_level": ("市级等上级政策", "a city or other higher-level policy"), "district": ("本区其他政策", "another policy of this district")}


def _apply_take_higher(line: _Line, policy: PolicyData, report: _Report) -> None:
    """附则（四）从高、不重复, for each other-policy amount of this item by its source."""
    rule, take_higher = line.rule, policy.cross_cutting["take_higher"]
    if not line.other_awards:
        if line.amount > 0 and _applies_to_company(line, policy) and take_higher_applies(rule, take_higher):
            label_zh = f"（{line.label['zh']}）" if line.label else ""
            label_en = f" ({line.label['en']})" if line.label else ""
            report.warn("not_checked", f"“{rule['title']['zh']}”{label_zh}未填写市级或本区其他政策就同一事项给予的金额：如已获得，按从高、不重复执行",
                        f"“{rule['title']['en']}”{label_en}: no amount from a city or other district policy for the same item is given: "
                        "if one was received, take the higher, no duplication applies", rule=rule["id"], clause=take_higher["clause"])
        return
    if line.amount == 0:
        return
    applying: list[OtherAward] = []
    for other in line.other_awards:
        o_zh, o_en = money_text(other.amount, "zh"), money_text(other.amount, "en")
        s_zh, s_en = _SOURCE_TEXT[other.source]
        exemption = _exemption(rule, other.source, take_higher)
        if other.source == "higher_level" and "cap_includes_higher_level" in rule:
            _deduct_once_inside_combined_cap(line, other)
        elif exemption == "sci_tech":
            line.steps.append(Step(take_higher["clause"], f"本项属科技类奖励补助，不适用“从高、不重复”，{s_zh}的{o_zh}不影响本项",
                                   f"This is a science-and-technology award: take-the-higher does not apply; the {o_en} from {s_en} does not reduce it"))
        elif exemption == "matching":
            line.steps.append(Step(take_higher["clause"], f"本项属明确配套的奖励，不适用“从高、不重复”，{s_zh}的{o_zh}不影响本项",
                                   f"This is an explicitly matching award: take-the-higher does not apply; the {o_en} from {s_en} does not reduce it"))
        else:
            applying.append(other)
    if not applying:
        return
    other = max(applying, key=lambda a: a.amount)
    o_zh, o_en = money_text(other.amount, "zh"), money_text(other.amount, "en")
    s_zh, s_en = _SOURCE_TEXT[other.source]
    clause = rule["clauses"][0] if rule["flags"].get(take_higher["override_flag"]) else take_higher["clause"]
    if rule["flags"].get("matching") and other.source == "district":
        line.steps.append(Step(take_higher["clause"], "配套奖励只对其所配套的上级奖励不适用“从高、不重复”；本区其他政策就同一事项的奖励仍按从高、不重复执行",
                               "A matching award is exempt only against the higher-level award it matches; a duplicate award from another district policy is still take-the-higher"))
    cut = min(line.amount, other.amount)
    if other.amount >= line.amount:
        line.steps.append(Step(clause, f"从高、不重复：同一事项{s_zh}给予{o_zh}，不低于本项，本项不再给予（企业按较高者享受）",
                               f"Take the higher, no duplication: {s_en} pays {o_en} for the same item, at least as much; nothing more from this one"))
    else:
        line.steps.append(Step(clause, f"从高、不重复：同一事项{s_zh}给予{o_zh}，本项只补足差额",
                               f"Take the higher, no duplication: {s_en} pays {o_en} for the same item; this one pays only the difference"))
    if cut > 0:
        line.reduce("take_higher", cut, clause, f"从高不重复，扣除{s_zh}的{o_zh}", f"take the higher: less {o_en} from {s_en}")


def _deduct_once_inside_combined_cap(line: _Line, other: OtherAward) -> None:
    """第十九条: 市区两级补助最高不超过1300万元 is a combined cap that already deducts the city's subsidy (less_input).
    The same city amount given as another policy's is the same money: only what exceeds the amount already deducted
    is deducted, once."""
    rule = line.rule
    clause = rule["cap_includes_higher_level"]["clause"]
    already = line.values.get(rule["less_input"], Decimal(0))
    extra = min(max(other.amount - already, Decimal(0)), line.amount)
    o_zh, o_en = money_text(other.amount, "zh"), money_text(other.amount, "en")
    line.steps.append(Step(clause, f"市级等上级政策的{o_zh}已在市区两级合计上限内扣除，同一笔补助只扣除一次，不再按从高、不重复重复扣除",
                           f"The {o_en} from the city (higher level) is already inside the combined city-and-district ceiling: "
                           "the same subsidy is deducted once, not again under take-the-higher"))
    if extra > 0:
        e_zh, e_en = money_text(extra, "zh"), money_text(extra, "en")
        line.reduce("already_received", extra, clause, f"上级补助超出已扣除金额的部分{e_zh}", f"the higher-level subsidy beyond what was deducted: {e_en}")


def _apply_yearly_cap(lines: list[_Line], company: _Facts, fired: list[Mapping[str, Any]], policy: PolicyData,
                      report: _Report) -> tuple[Decimal, Decimal]:
    """附则（五）: the yearly total of the company's awards is capped at its actual fiscal contribution, across all lines."""
    yearly = policy.cross_cutting["yearly_cap"]
    fiscal = company.optional(yearly["input"])
    counted = [line for line in lines if line.counted and line.rule["beneficiary"] in yearly["applies_to"]]
    before_cap = sum((line.amount for line in counted), Decimal(0))
    yearly_cut = Decimal(0)
    if fired or not counted:
        return before_cap, yearly_cut  # nothing to cap: an excluded company gets nothing, or no counted award was asked for
    if company.optional(yearly["exception_input"]) is True:
        report.note(yearly["clause"], "处于约定培育期：年度合计不按实际财政贡献封顶，由主管部门按约定条件实施总量控制",
                    "In an agreed cultivation period: the yearly total is not capped at the fiscal contribution; the department controls the total under the agreed conditions")
        report.warn("cultivation_period", "培育期企业的总量由约定条件确定，本估算未封顶",
                    "A cultivation-period company's total is set by agreement; this estimate is not capped", clause=yearly["clause"])
        return before_cap, yearly_cut
    if fiscal is None:
        if before_cap > 0:
            report.warn("yearly_cap_not_applied", "未填写本年度对本区财政的实际贡献，未按附则（五）封顶",
                        "The fiscal contribution to the district is not given: the yearly cap of Provision 5 is not applied", clause=yearly["clause"])
        return before_cap, yearly_cut
    remaining = fiscal
    f_zh, f_en = money_text(fiscal, "zh"), money_text(fiscal, "en")
    for line in counted:
        keep = min(line.amount, remaining)
        if keep < line.amount:
            cut = line.amount - keep
            line.steps.append(Step(yearly["clause"], f"年度合计不超过实际财政贡献{f_zh}：按条款顺序扣减{money_text(cut, 'zh')}",
                                   f"The yearly total may not exceed the fiscal contribution of {f_en}: {money_text(cut, 'en')} cut, in article order"))
            line.reduce("yearly_cap", cut, yearly["clause"], f"年度上限：实际财政贡献{f_zh}", f"yearly cap: fiscal contribution {f_en}")
            yearly_cut += cut
        remaining -= keep
    if yearly_cut > 0:
        report.note(yearly["clause"], f"合计{money_text(before_cap, 'zh')}超过实际财政贡献{f_zh}，按{f_zh}封顶",
                    f"The total of {money_text(before_cap, 'en')} exceeds the fiscal contribution of {f_en}: capped at {f_en}")
        report.warn("interpretation", yearly["interpretation"]["zh"], yearly["interpretation"]["en"], clause=yearly["clause"])
    else:
        report.note(yearly["clause"], f"合计{money_text(before_cap, 'zh')}不超过实际财政贡献{f_zh}",
                    f"The total of {money_text(before_cap, 'en')} does not exceed the fiscal contribution of {f_en}")
    return before_cap, yearly_cut


# Reductions of the 附则 stages -> the why-not reason they give.
_CROSS_CUTTING_WHY = {"before_policy_date": "before_policy_date", "exclusion": "excluded", "comprehensive_support": "comprehensive_support",
                      "take_higher": "other_policy", "yearly_cap": "yearly_cap"}
# Reasons whose words are not yet among the line's steps (the others repeat a step the kind or a stage wrote).
_WHY_NOT_NEEDS_A_STEP = ("below_cap", "next_threshold")


def _explain_why_not(line: _Line, policy: PolicyData) -> None:
    line.why_not = _why_not(line, policy)
    line.steps += [Step(w.clause, w.zh, w.en) for w in line.why_not if w.reason in _WHY_NOT_NEEDS_A_STEP]


def _why_not(line: _Line, policy: PolicyData) -> list[_WhyNot]:
    """Every reason a quantified line pays 0 or less than its cap: the rule's own (threshold, level, earlier award,
    requirement, below the cap) and the 附则's (date, exclusion, support, take-higher, yearly cap)."""
    rule, outcome, cap = line.rule, line.outcome, line.outcome.cap
    if rule["exactness"] == "unquantified" or (line.amount > 0 and (cap is None or line.amount >= cap)):
        return []
    found = _why_not_in_the_rule(line, policy)
    for reduction in line.reductions[len(outcome.reductions):]:  # those of the 附则 stages
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
        if outcome.cap_reached_at is not None and "base_input" in rule:
            label = policy.inputs[rule["base_input"]]["label"]
            at_zh, at_en = money_text(round_fen(outcome.cap_reached_at), "zh"), money_text(round_fen(outcome.cap_reached_at), "en")
            zh += f"；“{_bare(label['zh'])}”达到{at_zh}时可达上限"
            en += f"; the ceiling is reached when “{_bare(label['en'])}” is {at_en}"
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
                    "No event date given: the policy covers events since 1 January 2024", clause=dates["clauses"][1])
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
                          "text": f"未填写“{label}”，按默认值 {shown} 计算" if lang == "zh" else f"“{label}” not given: default {shown} used"})
        for input_id, other_id in line.stand_ins.items():
            if any(a["input"] == input_id for a in found):
                continue
            label, other = policy.inputs[input_id]["label"][lang], policy.inputs[other_id]["label"][lang]
            found.append({"input": input_id, "value": None,
                          "text": f"未填写“{label}”，以“{other}”代替" if lang == "zh" else f"“{label}” not given: “{other}” used in its place"})
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
        "reductions": [{"reason": r.reason, "amount_cny": cny_string(r.amount), "clause": r.clause, "text": r.zh if lang == "zh" else r.en}
                       for r in line.reductions],
        "explanation": [{"clause": s.clause, "text": s.zh if lang == "zh" else s.en} for s in line.steps],
        # Why this line pays 0 or less than its cap (empty when it pays its cap, or has no amount), and how close.
        "why_not": [{"reason": w.reason, "clause": w.clause, "gap_cny": None if w.gap is None else cny_string(w.gap),
                     "text": w.zh if lang == "zh" else w.en} for w in line.why_not],
    }


def _result(lang: str, lines: list[_Line], report: _Report, assumptions: list[dict[str, Any]], before_cap: Decimal,
            yearly_cut: Decimal, *, eligible: bool, policy: PolicyData) -> dict[str, Any]:
    counted = [line for line in lines if line.counted]
    total = sum((line.amount for line in counted), Decimal(0))
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
        "total_cny": cny_string(total),
        "total_wan": wan_string(total),
        "total_display": display(total, lang),
        "total_kind_of_amount": "maximum" if is_maximum else "exact",
        "totals": {
            "before_cross_cutting_cny": cny_string(before),
            "after_cross_cutting_cny": cny_string(total),
            "exact_part_cny": cny_string(exact),
            "yearly_cap_reduction_cny": cny_string(yearly_cut),
            "individual_awards_cny": cny_string(individual),
            "unquantified_count": sum(1 for line in lines if line.rule["exactness"] == "unquantified"),
        },
        "lines": [_line_json(line, lang, policy) for line in lines],
        "notes": report.notes,
        "warnings": report.warnings,
        "assumptions": assumptions,
    }


def _invalid(lang: str, errors: list[dict[str, str]]) -> dict[str, Any]:
    return {
        "schema": RESULT_SCHEMA, "lang": lang, "valid": False, "errors": errors, "eligible": None,
        "total_cny": None, "total_wan": None, "total_display": None, "total_kind_of_amount": None, "totals": None,
        "lines": [], "notes": [], "warnings": [], "assumptions": [],
    }


def estimate(profile: Any, *, lang: str = "zh") -> dict[str, Any]:
    """Evaluate a profile {company: {...}, facts: {...}, other_policy_awards: {...}}; never raises."""
    if lang not in LANGS:
        return _invalid("zh", [error("lang", f"不支持的语言 “{lang}”：可选 zh、en", f"Unsupported language “{lang}”: use zh or en")])
    try:
        return _estimate(profile, lang, POLICY)
    except Exception as exc:  # never raise to the page; the error says what broke
        return _invalid(lang, [error("", f"内部错误：{type(exc).__name__}: {exc}", f"Internal error: {type(exc).__name__}: {exc}")])


def validate_profile(profile: Any) -> list[dict[str, str]]:
    """The profile's errors as {field, zh, en} (empty when valid); never raises."""
    try:
        return parse_profile(profile, POLICY)[1]
    except Exception as exc:
        return [error("", f"内部错误：{type(exc).__name__}: {exc}", f"Internal error: {type(exc).__name__}: {exc}")]


def estimate_json(profile_json: str, lang: str = "zh") -> str:
    """For the Pyodide worker: JSON text in, JSON text out; invalid JSON is an error {field: ''}, never an exception."""
    try:
        profile = json.loads(profile_json)
    except (TypeError, ValueError) as exc:
        result = _invalid(lang if lang in LANGS else "zh", [error("", f"不是有效的 JSON：{exc}", f"Not valid JSON: {exc}")])
    else:
        result = estimate(profile, lang=lang)
    return json.dumps(result, ensure_ascii=False, sort_keys=True)
