"""Rule kinds: one small pure function per kind, in one frozen table. Amounts come from the rule data, never from here.

Each function takes the rule (data) and the facts, and returns the raw (unrounded) amount with its ceiling, the
condition that fired, the explanation steps (both languages, citing clauses) and the reductions it applied.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from types import MappingProxyType
from typing import Any, Callable, Mapping, Protocol

from ._text import quoted
from ._money import amount_value, money_text, number_text, percent_text, plain


@dataclass(frozen=True)
class Step:
    clause: str | None
    zh: str
    en: str


@dataclass(frozen=True)
class Reduction:
    reason: str
    amount: Decimal
    clause: str | None
    zh: str
    en: str


@dataclass(frozen=True)
class Outcome:
    amount: Decimal
    cap: Decimal | None
    condition: str
    steps: tuple[Step, ...]
    reductions: tuple[Reduction, ...] = field(default=())
    gap: Decimal | None = None  # how far below a threshold (or the next one) the measured figure is, in yuan
    cap_reached_at: Decimal | None = None  # the base at which a rate reaches its cap (how close)


class Facts(Protocol):
    def value(self, input_id: str) -> Any: ...

    def given(self, input_id: str) -> bool: ...


def _m(value: Decimal) -> tuple[str, str]:
    return money_text(value, "zh"), money_text(value, "en")


def _amount(rule: Mapping[str, Any], entry: Mapping[str, Any], key: str) -> Decimal:
    return amount_value(entry[key], where=f"rule {rule['id']} {key}")


def _entry(rule: Mapping[str, Any], list_key: str, entry_id: str) -> Mapping[str, Any]:
    entries: list[Mapping[str, Any]] = rule[list_key]
    for entry in entries:
        if entry["id"] == entry_id:
            return entry
    raise ValueError(f"rule {rule['id']}: no {list_key} entry {entry_id!r}")


def _capped(raw: Decimal, cap: Decimal, clause: str, steps: list[Step]) -> tuple[Decimal, tuple[Reduction, ...]]:
    if raw > cap:
        cap_zh, cap_en = _m(cap)
        steps.append(Step(clause, f"超过上限，按最高{cap_zh}计", f"Above the ceiling: limited to {cap_en}"))
        return cap, (Reduction("cap", raw - cap, clause, f"上限{cap_zh}", f"ceiling {cap_en}"),)
    return raw, ()


def fixed(rule: Mapping[str, Any], facts: Facts) -> Outcome:
    amount = _amount(rule, rule, "amount")
    zh, en = _m(amount)
    return Outcome(amount, amount, "qualifies", (Step(rule["clause"], f"符合条件，给予{zh}", f"Qualifies: {en}"),))


def level(rule: Mapping[str, Any], facts: Facts) -> Outcome:
    tier = _entry(rule, "tiers", facts.value(rule["level_input"]))
    amount = _amount(rule, tier, "amount")
    zh, en = _m(amount)
    steps = [Step(tier["clause"], f"{tier['label']['zh']}：{zh}", f"{tier['label']['en']}: {en}")]
    condition = f"tier:{tier['id']}"
    if not rule["flags"]["top_up"]:
        return Outcome(amount, amount, condition, tuple(steps))
    previous_id = facts.value(rule["previous_input"])
    if previous_id == "none":
        steps.append(Step(tier["clause"], "本区此前未就同一称号给予奖励，全额给予", "No earlier award from the district for the same title: paid in full"))
        return Outcome(amount, amount, condition, tuple(steps))
    previous = _entry(rule, "tiers", previous_id)
    already = _amount(rule, previous, "amount")
    paid = max(amount - already, Decimal(0))
    a_zh, a_en = _m(already)
    p_zh, p_en = _m(paid)
    if paid == 0:
        steps.append(Step(tier["clause"], f"累进补差：本区此前已就同一称号按{quoted(previous['label']['zh'])}给予{a_zh}，不低于本级，不再给予",
                          f"Progressive top-up: the district already paid {a_en} for the same title at {quoted(previous['label']['en'])}, not lower than this level: nothing more"))
    else:
        steps.append(Step(tier["clause"], f"累进补差：本区此前已就同一称号按{quoted(previous['label']['zh'])}给予{a_zh}，只补差额{p_zh}",
                          f"Progressive top-up: the district already paid {a_en} for the same title at {quoted(previous['label']['en'])}; only the difference {p_en} is paid"))
    reduction = Reduction("top_up", amount - paid, tier["clause"], f"累进补差，扣除已获{a_zh}", f"progressive top-up: {a_en} already received")
    return Outcome(paid, amount, f"{condition};previous:{previous['id']}", tuple(steps), (reduction,))


def rate(rule: Mapping[str, Any], facts: Facts) -> Outcome:
    base = facts.value(rule["base_input"])
    variant = _entry(rule, "variants", facts.value(rule["variant_input"])) if "variant_input" in rule else rule["variants"][0]
    fraction = _amount(rule, variant, "rate")
    cap = _amount(rule, variant, "cap")
    clause = variant["clause"]
    b_zh, b_en = _m(base)
    ceiling_zh = "不超过" if rule["exactness"] == "maximum" else ""
    ceiling_en = "at most " if rule["exactness"] == "maximum" else ""
    terms_zh = f"{ceiling_zh}{percent_text(fraction)}，最高{_m(cap)[0]}"
    terms_en = f"{ceiling_en}{percent_text(fraction)}, up to {_m(cap)[1]}"
    if "variant_input" in rule:
        steps = [Step(clause, f"适用{quoted(variant['label']['zh'])}：{terms_zh}", f"{quoted(variant['label']['en'])} applies: {terms_en}")]
    else:
        steps = [Step(clause, f"按{terms_zh}计算", f"Rate {terms_en}")]
    if "min_base" in rule:
        min_base = rule["min_base"]
        threshold = _amount(rule, rule, "min_base")
        inclusive = bool(min_base.get("inclusive", True))
        # The threshold may be on another figure than the rate's base (第三条: recognised vs eligible investment).
        measured = facts.value(min_base["input"]) if "input" in min_base else base
        m_zh, m_en = _m(measured)
        if "input" in min_base and not facts.given(min_base["input"]):
            base_label, label = min_base["base_label"], min_base["label"]
            m_zh, m_en = f"{base_label['zh']}{m_zh}（代替{label['zh']}）", f"The {base_label['en']} {m_en} (in place of the {label['en']})"
        elif "label" in min_base:
            m_zh, m_en = f"{min_base['label']['zh']}{m_zh}", f"{min_base['label']['en'][:1].upper()}{min_base['label']['en'][1:]} {m_en}"
        below = measured < threshold if inclusive else measured <= threshold
        t_zh, t_en = _m(threshold)
        t_clause = min_base["clause"]
        if below:
            gap = threshold - measured if inclusive else threshold - measured + Decimal("0.01")
            g_zh, g_en = _m(gap)
            steps.append(Step(t_clause, f"{m_zh}低于{t_zh}{'（含）' if inclusive else ''}门槛（条款{t_clause[1:]}），相差{g_zh}，不予补助",
                              f"{m_en} is below the threshold of {t_en}{' (inclusive)' if inclusive else ''} (clause {t_clause[1:]}), short by {g_en}: no subsidy"))
            return Outcome(Decimal(0), cap, "below_threshold", tuple(steps),
                           (Reduction("below_threshold", Decimal(0), t_clause, f"未达门槛{t_zh}，相差{g_zh}", f"below the {t_en} threshold by {g_en}"),),
                           gap=gap)
        steps.append(Step(t_clause, f"{m_zh}达到门槛{t_zh}{'（含）' if inclusive else ''}", f"{m_en} meets the threshold of {t_en}"))
    raw = base * fraction
    r_zh, r_en = _m(raw)
    steps.append(Step(clause, f"{b_zh} × {percent_text(fraction)} = {r_zh}", f"{b_en} × {percent_text(fraction)} = {r_en}"))
    amount, reductions = _capped(raw, cap, clause, steps)
    return Outcome(amount, cap, f"variant:{variant['id']}" + (";capped" if reductions else ""), tuple(steps), reductions,
                   cap_reached_at=cap / fraction if fraction else None)


def per_unit(rule: Mapping[str, Any], facts: Facts) -> Outcome:
    units = facts.value(rule["base_input"])
    per = _amount(rule, rule, "per_unit")
    clause = rule["per_unit"]["clause"]
    raw = units * per
    p_zh, p_en = _m(per)
    r_zh, r_en = _m(raw)
    steps = [Step(clause, f"{number_text(units)}亩 × 最高{p_zh}/亩 = {r_zh}", f"{number_text(units)} mu × up to {p_en} per mu = {r_en}")]
    if "cap" in rule:
        cap = _amount(rule, rule, "cap")
        amount, reductions = _capped(raw, cap, clause, steps)
        return Outcome(amount, cap, "per_unit" + (";capped" if reductions else ""), tuple(steps), reductions)
    return Outcome(raw, None, "per_unit", tuple(steps))


def matching_ratio(rule: Mapping[str, Any], facts: Facts) -> Outcome:
    base = facts.value(rule["base_input"])
    ratio = _amount(rule, rule, "ratio")
    raw = base * ratio
    b_zh, b_en = _m(base)
    r_zh, r_en = _m(raw)
    label = rule["ratio"]["label"]
    return Outcome(raw, None, f"ratio:{plain(ratio)}",
                   (Step(rule["ratio"]["clause"], f"上级经费{b_zh}，按{label}配套：{b_zh} × {plain(ratio)} = {r_zh}",
                         f"Higher-level funding {b_en}, matched {label}: {b_en} × {plain(ratio)} = {r_en}"),))


def milestone(rule: Mapping[str, Any], facts: Facts) -> Outcome:
    value = facts.value(rule["value_input"])
    previous = facts.value(rule["previous_input"])
    strictly = rule["crossing"] == "above"

    def passed(amount: Decimal, threshold: Decimal) -> bool:
        return amount > threshold if strictly else amount >= threshold

    entries = [(_amount(rule, m, "threshold"), _amount(rule, m, "amount"), m["clause"]) for m in rule["milestones"]]
    top = sum((award for _, award, _ in entries), Decimal(0)) if rule["pays"] == "each_new" else max(award for _, award, _ in entries)
    new = [(threshold, award, clause) for threshold, award, clause in entries if passed(value, threshold) and not passed(previous, threshold)]
    unpassed = [threshold for threshold, _, _ in entries if not passed(value, threshold)]
    # How far the revenue is from the next threshold (strictly above: one fen more than the threshold).
    gap = min(unpassed) - value + (Decimal("0.01") if strictly else Decimal(0)) if unpassed else None
    v_zh, v_en = _m(value)
    p_zh, p_en = _m(previous)
    clause = rule["clauses"][0]
    steps = [Step(clause, f"本年度本地营收{v_zh}，以前年度最高{p_zh}", f"Local revenue this year {v_en}; highest of earlier years {p_en}")]
    if not new:
        reached = [t for t, _, _ in entries if passed(value, t)]
        if reached:
            steps.append(Step(clause, "已突破的档次以前年度均已突破过，不是首次突破", "Every threshold passed this year was already passed in an earlier year: not a first time"))
        else:
            lowest_zh, lowest_en = _m(entries[0][0])
            steps.append(Step(clause, f"未突破最低档{lowest_zh}", f"Below the lowest threshold of {lowest_en}"))
        return Outcome(Decimal(0), top, "no_new_milestone", tuple(steps), gap=gap)
    if rule["pays"] == "each_new":  # 第十八条: a separate one-time award for each threshold first passed
        paid = sum((award for _, award, _ in new), Decimal(0))
    else:
        paid = max(award for _, award, _ in new)
    threshold, award, award_clause = max(new)
    a_zh, a_en = _m(paid)
    if len(new) > 1:
        parts_zh = " + ".join(f"{_m(t)[0]}档{_m(a)[0]}" for t, a, _ in new)
        parts_en = " + ".join(f"{_m(a)[1]} for {_m(t)[1]}" for t, a, _ in new)
        if rule["pays"] == "each_new":
            steps.append(Step(award_clause, f"本年度首次突破{len(new)}个档次，各档分别给予一次性奖励：{parts_zh} = {a_zh}",
                              f"First passed {len(new)} thresholds this year; each pays its own one-time award: {parts_en} = {a_en}"))
        else:
            steps.append(Step(award_clause, f"本年度首次突破{len(new)}个档次，按新突破的最高档给予{a_zh}（不累加）",
                              f"First passed {len(new)} thresholds this year: paid for the highest newly passed one, {a_en} (not summed)"))
    else:
        t_zh, t_en = _m(threshold)
        steps.append(Step(award_clause, f"首次突破{t_zh}：{a_zh}", f"First time above {t_en}: {a_en}"))
    return Outcome(paid, top, f"milestone:{plain(threshold)}" + (f";crossed:{len(new)}" if len(new) > 1 else ""), tuple(steps), gap=gap)


def up_to(rule: Mapping[str, Any], facts: Facts) -> Outcome:
    if "variants" in rule:
        variant = _entry(rule, "variants", facts.value(rule["variant_input"]))
        cap = _amount(rule, variant, "cap")
        clause = variant["clause"]
        condition = f"variant:{variant['id']}"
        c_zh, c_en = _m(cap)
        steps = [Step(clause, f"{variant['label']['zh']}：最高{c_zh}", f"{variant['label']['en']}: up to {c_en}")]
    else:
        cap = _amount(rule, rule, "cap")
        clause = rule["clause"]
        condition = "qualifies"
        c_zh, c_en = _m(cap)
        steps = [Step(clause, f"符合条件：最高{c_zh}", f"Qualifies: up to {c_en}")]
    steps.append(Step(clause, "政策只规定上限，实际金额由主管部门确定；此数为上限，不是确定的奖励额",
                      "The policy gives only a ceiling; the department sets the actual amount. This figure is a maximum, not the award"))
    if "less_input" not in rule:
        return Outcome(cap, cap, condition, tuple(steps))
    less = facts.value(rule["less_input"])
    if less == 0:
        return Outcome(cap, cap, condition, tuple(steps))
    remaining = max(cap - less, Decimal(0))
    l_zh, l_en = _m(less)
    r_zh, r_en = _m(remaining)
    steps.append(Step(clause, f"扣除已获得的{l_zh}，上限余额{r_zh}", f"Less {l_en} already received: remaining ceiling {r_en}"))
    return Outcome(remaining, cap, condition + ";less", tuple(steps),
                   (Reduction("already_received", cap - remaining, clause, f"扣除已获得的{l_zh}", f"less {l_en} already received"),))


def unquantified(rule: Mapping[str, Any], facts: Facts) -> Outcome:
    # A rule whose text is not "给予一定奖励" says what it gives instead (第二条 综合扶持, 第二十九条 申领补贴).
    note = rule.get("unquantified_text", {"zh": "政策未规定金额（“给予一定奖励”等），由主管部门个案确定；不计入合计",
                                          "en": "The policy grants an award but sets no amount; the competent department decides it case by case. Not counted in the total"})
    return Outcome(Decimal(0), None, "unquantified", (Step(rule["clause"], note["zh"], note["en"]),))


def rate_per_item(rule: Mapping[str, Any], facts: Facts) -> Outcome:
    items: list[Decimal] = facts.value(rule["items_input"])
    fraction = _amount(rule, rule, "rate")
    item_cap = _amount(rule, rule, "item_cap")
    yearly_cap = _amount(rule, rule, "yearly_cap")
    clause = rule["clause"]
    i_zh, i_en = _m(item_cap)
    steps: list[Step] = []
    reductions: list[Reduction] = []
    total = Decimal(0)
    for number, base in enumerate(items, start=1):
        raw = base * fraction
        paid = min(raw, item_cap)
        b_zh, b_en = _m(base)
        r_zh, r_en = _m(raw)
        note_zh = f"，超过每期上限，按{i_zh}计" if raw > item_cap else ""
        note_en = f"; above the per-issue ceiling, limited to {i_en}" if raw > item_cap else ""
        steps.append(Step(clause, f"第{number}期：{b_zh} × {percent_text(fraction)} = {r_zh}{note_zh}",
                          f"Issue {number}: {b_en} × {percent_text(fraction)} = {r_en}{note_en}"))
        if raw > item_cap:
            reductions.append(Reduction("item_cap", raw - item_cap, clause, f"第{number}期每期上限{i_zh}", f"issue {number}: per-issue ceiling {i_en}"))
        total += paid
    y_zh, y_en = _m(yearly_cap)
    condition = f"items:{len(items)}"
    if total > yearly_cap:
        t_zh, t_en = _m(total)
        steps.append(Step(clause, f"各期合计{t_zh}，超过每家企业同一年度上限，按{y_zh}计", f"Issues together {t_en}, above the yearly ceiling per company: limited to {y_en}"))
        reductions.append(Reduction("yearly_cap_per_rule", total - yearly_cap, clause, f"同一年度累计上限{y_zh}", f"yearly ceiling per company {y_en}"))
        total = yearly_cap
        condition += ";yearly_capped"
    return Outcome(total, yearly_cap, condition, tuple(steps), tuple(reductions))


KindFunction = Callable[[Mapping[str, Any], Facts], Outcome]

KINDS: Mapping[str, KindFunction] = MappingProxyType({
    "fixed": fixed,
    "level": level,
    "rate": rate,
    "per_unit": per_unit,
    "matching_ratio": matching_ratio,
    "milestone": milestone,
    "up_to": up_to,
    "unquantified": unquantified,
    "rate_per_item": rate_per_item,
})


def kind_function(rule: Mapping[str, Any]) -> KindFunction:
    """The function for the rule's kind; an unknown kind is a loud error naming the rule."""
    try:
        return KINDS[rule["kind"]]
    except KeyError:
        raise ValueError(f"rule {rule.get('id')!r}: unknown kind {rule.get('kind')!r}; known kinds: {sorted(KINDS)}") from None
