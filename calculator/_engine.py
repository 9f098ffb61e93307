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
from ._validate import ParsedProfile, error, parse_profile, trigger_is_set

LANGS = ("zh", "en")
RESULT_SCHEMA = 1
COUNTED_BENEFICIARIES = ("company", "park_operator")
UNQUANTIFIED_DISPLAY = {"zh": "金额由主管部门个案确定", "en": "Amount decided case by case"}

for _rule in POLICY.rules:  # a rule of unknown kind fails at import, naming the rule
    kind_function(_rule)


class _Facts:
    """Parsed profile values; a missing value falls back to the input's declared default, which is recorded."""

    def __init__(self, parsed: ParsedProfile, policy: PolicyData) -> None:
        self.values = parsed.values
        self.policy = policy
        self.defaults_used: dict[str, Any] = {}

    def value(self, input_id: str) -> Any:
        if input_id in self.values:
            return self.values[input_id]
        spec = self.policy.inputs[input_id]
        if "default" not in spec:
            raise ValueError(f"input {input_id!r} has no value and no default")
        default = _typed_default(spec)
        if spec["group"] == "facts":
            self.defaults_used[input_id] = default
        return default

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


@dataclass
class _Line:
    rule: Mapping[str, Any]
    outcome: Outcome
    computed: Decimal
    amount: Decimal
    steps: list[Step] = field(default_factory=list)
    reductions: list[Reduction] = field(default_factory=list)

    @property
    def counted(self) -> bool:
        return self.rule["beneficiary"] in COUNTED_BENEFICIARIES and self.rule["exactness"] != "unquantified"

    def reduce(self, reason: str, cut: Decimal, clause: str, zh: str, en: str) -> None:
        self.amount -= cut
        self.reductions.append(Reduction(reason, cut, clause, zh, en))


def _text(item: Mapping[str, str], lang: str) -> str:
    return item[lang]


def _warning(code: str, lang: str, zh: str, en: str, *, rule: str | None = None, clause: str | None = None) -> dict[str, Any]:
    return {"code": code, "rule": rule, "clause": clause, "text": zh if lang == "zh" else en}


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
    parsed, errors = parse_profile(profile, policy)
    if errors:
        return _invalid(lang, errors)
    facts = _Facts(parsed, policy)
    cross = policy.cross_cutting
    warnings: list[dict[str, Any]] = []
    notes: list[dict[str, Any]] = []

    def note(clause: str | None, zh: str, en: str) -> None:
        notes.append({"clause": clause, "text": zh if lang == "zh" else en})

    # 附则（二）（三）: exclusions, each checked only when its facts are known.
    fired: list[Mapping[str, Any]] = []
    for exclusion in cross["exclusions"]:
        values = [facts.optional(c["input"]) for c in exclusion["when"]]
        if any(v is not None and not _condition_holds(c, v) for c, v in zip(exclusion["when"], values)):
            continue
        if any(v is None for v in values):
            missing = [policy.inputs[c["input"]] for c, v in zip(exclusion["when"], values) if v is None]
            warnings.append(_warning("not_checked", lang,
                                     f"未填写“{'、'.join(m['label']['zh'] for m in missing)}”，未核对：{exclusion['reason']['zh']}",
                                     f"Not checked, “{', '.join(m['label']['en'] for m in missing)}” not given: {exclusion['reason']['en']}",
                                     clause=exclusion["clause"]))
            continue
        fired.append(exclusion)
        note(exclusion["clause"], exclusion["reason"]["zh"], exclusion["reason"]["en"])

    lines: list[_Line] = []
    for rule in policy.rules:
        if not trigger_is_set(parsed.values.get(rule["trigger"])):
            continue
        outcome = _evaluate(rule, facts, policy)
        computed = round_fen(outcome.amount)
        line = _Line(rule, outcome, computed, computed, list(outcome.steps), list(outcome.reductions))
        if rule["exactness"] == "maximum" and rule["kind"] != "up_to":  # up_to says so itself
            line.steps.append(Step(outcome.steps[-1].clause if outcome.steps else rule["clauses"][0], "政策规定的是上限（“不超过”“最高”），实际金额由主管部门核定；此数为上限",
                                   "The policy sets a ceiling (\"not more than\", \"up to\"); the department sets the actual amount. This figure is a maximum"))
        if computed != outcome.amount:
            line.steps.append(Step(None, f"按分四舍五入（ROUND_HALF_UP）：{money_text(computed, 'zh')}",
                                   f"Rounded to the fen (ROUND_HALF_UP): {money_text(computed, 'en')}"))
        if "interpretation" in rule:
            warnings.append(_warning("interpretation", lang, rule["interpretation"]["zh"], rule["interpretation"]["en"],
                                     rule=rule["id"], clause=rule["clauses"][0]))
        if rule["exactness"] == "unquantified":
            warnings.append(_warning("unquantified", lang, f"“{rule['title']['zh']}”：金额由主管部门个案确定，未计入合计",
                                     f"“{rule['title']['en']}”: amount decided case by case, not in the total",
                                     rule=rule["id"], clause=rule["clauses"][0]))
        if rule["flags"]["matching"] and line.amount > 0:
            line.steps.append(Step(rule["clauses"][0], "配套奖励：可与上级（国家、省、市）的奖励同时享受",
                                   "Matching award: received in addition to the higher-level (national, provincial, city) award"))
        if rule["beneficiary"] == "individual":
            individual = cross["individual_awards"]["interpretation"]
            line.steps.append(Step(None, individual["zh"], individual["en"]))
        lines.append(line)

    for rule_id in parsed.other_awards:
        if not any(line.rule["id"] == rule_id for line in lines):
            warnings.append(_warning("ignored", lang, f"other_policy_awards 中的 “{rule_id}” 未被使用：该规则的输入未填写",
                                     f"“{rule_id}” in other_policy_awards was not used: that rule's inputs are not given", rule=rule_id))

    applies = set(cross.get("exclusions_apply_to", COUNTED_BENEFICIARIES))
    support = cross["comprehensive_support"]
    under_support = facts.optional(support["input"]) is True
    take_higher = cross["take_higher"]
    for line in lines:
        rule = line.rule
        if rule["beneficiary"] in applies and fired and line.amount > 0:
            first = fired[0]
            line.steps.append(Step(first["clause"], f"附则：{first['reason']['zh']}", f"Supplementary provision: {first['reason']['en']}"))
            line.reduce("exclusion", line.amount, first["clause"], first["reason"]["zh"], first["reason"]["en"])
        if rule["beneficiary"] in applies and under_support and rule["id"] not in support["keeps_rules"] and line.amount > 0:
            line.steps.append(Step(support["clause"], "享受综合扶持政策的企业不再享受面上支持政策", "A company under comprehensive support gets no general support"))
            line.reduce("comprehensive_support", line.amount, support["clause"], "享受综合扶持，不再享受面上支持政策",
                        "comprehensive support: no general support")
        other = parsed.other_awards.get(rule["id"])
        if other is None or line.amount == 0:
            continue
        o_zh, o_en = money_text(other, "zh"), money_text(other, "en")
        exempt = [flag for flag in take_higher["exempt_flags"] if rule["flags"].get(flag)]
        if exempt and not rule["flags"].get(take_higher["override_flag"]):
            reason_zh = "科技类奖励补助" if "sci_tech" in exempt else "明确配套的奖励"
            reason_en = "a science-and-technology award" if "sci_tech" in exempt else "an explicitly matching award"
            line.steps.append(Step(take_higher["clause"], f"本项属{reason_zh}，不适用“从高、不重复”，其他政策的{o_zh}不影响本项",
                                   f"This is {reason_en}: take-the-higher does not apply; the {o_en} from another policy does not reduce it"))
            continue
        cut = min(line.amount, other)
        clause = rule["clauses"][0] if rule["flags"].get(take_higher["override_flag"]) else take_higher["clause"]
        if other >= line.amount:
            line.steps.append(Step(clause, f"从高、不重复：同一事项其他政策给予{o_zh}，不低于本项，本项不再给予（企业按较高者享受）",
                                   f"Take the higher, no duplication: another policy pays {o_en} for the same item, at least as much; nothing more from this one"))
        else:
            line.steps.append(Step(clause, f"从高、不重复：同一事项其他政策给予{o_zh}，本项只补足差额",
                                   f"Take the higher, no duplication: another policy pays {o_en} for the same item; this one pays only the difference"))
        if cut > 0:
            line.reduce("take_higher", cut, clause, f"从高不重复，扣除其他政策的{o_zh}", f"take the higher: less {o_en} from another policy")

    # 附则（五）: the yearly total of the company's awards is capped at its actual fiscal contribution.
    yearly = cross["yearly_cap"]
    fiscal = facts.optional(yearly["input"])
    counted = [line for line in lines if line.counted and line.rule["beneficiary"] in yearly["applies_to"]]
    before_cap = sum((line.amount for line in counted), Decimal(0))
    yearly_cut = Decimal(0)
    if fired or not counted:
        pass  # nothing to cap: an excluded company gets nothing, or no counted award was asked for
    elif facts.optional(yearly["exception_input"]) is True:
        note(yearly["clause"], "处于约定培育期：年度合计不按实际财政贡献封顶，由主管部门按约定条件实施总量控制",
             "In an agreed cultivation period: the yearly total is not capped at the fiscal contribution; the department controls the total under the agreed conditions")
        warnings.append(_warning("cultivation_period", lang, "培育期企业的总量由约定条件确定，本估算未封顶",
                                 "A cultivation-period company's total is set by agreement; this estimate is not capped", clause=yearly["clause"]))
    elif fiscal is None:
        if before_cap > 0:
            warnings.append(_warning("yearly_cap_not_applied", lang, "未填写本年度对本区财政的实际贡献，未按附则（五）封顶",
                                     "The fiscal contribution to the district is not given: the yearly cap of Provision 5 is not applied",
                                     clause=yearly["clause"]))
    else:
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
            note(yearly["clause"], f"合计{money_text(before_cap, 'zh')}超过实际财政贡献{f_zh}，按{f_zh}封顶",
                 f"The total of {money_text(before_cap, 'en')} exceeds the fiscal contribution of {f_en}: capped at {f_en}")
            warnings.append(_warning("interpretation", lang, yearly["interpretation"]["zh"], yearly["interpretation"]["en"], clause=yearly["clause"]))
        else:
            note(yearly["clause"], f"合计{money_text(before_cap, 'zh')}不超过实际财政贡献{f_zh}",
                 f"The total of {money_text(before_cap, 'en')} does not exceed the fiscal contribution of {f_en}")

    # 附则（六）: dates.
    dates = cross["dates"]
    event = facts.optional(dates["input"])
    if not lines:
        pass
    elif event is None:
        warnings.append(_warning("date_not_checked", lang, "未填写事项日期：本政策适用于2024年1月1日以来的事项",
                                 "No event date given: the policy covers events since 1 January 2024", clause=dates["clauses"][1]))
    elif event < dates["in_force_from"]:
        note(dates["clauses"][1], f"事项日期{event}早于2024年5月1日施行日，但在2024年1月1日以来，可以享受",
             f"Event date {event} is before the policy took effect on 1 May 2024 but since 1 January 2024: it qualifies")
    else:
        note(dates["clauses"][0], f"事项日期{event}在本政策施行（2024年5月1日）以后", f"Event date {event} is on or after the policy took effect (1 May 2024)")

    if under_support:
        warnings.append(_warning("interpretation", lang, support["interpretation"]["zh"], support["interpretation"]["en"], clause=support["clause"]))
    if any(line.rule["id"] in parsed.other_awards for line in lines):
        warnings.append(_warning("interpretation", lang, take_higher["interpretation"]["zh"], take_higher["interpretation"]["en"],
                                 clause=take_higher["clause"]))

    assumptions = [
        {"input": input_id, "value": _json_value(value),
         "text": (f"未填写“{policy.inputs[input_id]['label']['zh']}”，按默认值 {_value_text(policy, input_id, value, 'zh')} 计算"
                  if lang == "zh" else
                  f"“{policy.inputs[input_id]['label']['en']}” not given: default {_value_text(policy, input_id, value, 'en')} used")}
        for input_id, value in facts.defaults_used.items()
    ]
    unique: list[dict[str, Any]] = []
    for item in warnings if lines else []:  # with no award asked for there is nothing to warn about  # e.g. the four 第二十八条 rules share one interpretation: say it once
        if not any(item["code"] == seen["code"] and item["text"] == seen["text"] for seen in unique):
            unique.append(item)
    return _result(lang, lines, notes, unique, assumptions, before_cap, yearly_cut, eligible=not fired, policy=policy)


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
    }


def _result(lang: str, lines: list[_Line], notes: list[dict[str, Any]], warnings: list[dict[str, Any]],
            assumptions: list[dict[str, Any]], before_cap: Decimal, yearly_cut: Decimal, *, eligible: bool,
            policy: PolicyData) -> dict[str, Any]:
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
        "notes": notes,
        "warnings": warnings,
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
