"""Command line: python -m calculator estimate PROFILE.json|.yaml [--lang en] [--json] [--reform REFORM]
                  python -m calculator batch FILE.csv|.jsonl [--reform REFORM.yaml|.json] [--json] [--lang en]
                  python -m calculator parameters [--article N] [--json] [--lang en]
                  python -m calculator inputs [--article N] [--lang en]
                  python -m calculator rules [--article N] [--lang en]
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

from . import BatchRun, ReformError, estimate, list_inputs, list_parameters, list_rules, read_rows
from ._batch import BatchFileError, open_text
from ._validate import MAX_DEPTH, json_int

_KIND_OF_AMOUNT = {
    "zh": {"exact": "确定", "maximum": "上限", "unquantified": "个案确定"},
    "en": {"exact": "exact", "maximum": "maximum", "unquantified": "case by case"},
}
_HEAD = {
    "zh": {"total": "合计", "errors": "档案有误", "notes": "附则", "warnings": "提示", "assumptions": "默认值",
           "before": "附则前合计", "year": "估算年度", "individual": "发给个人（不计入合计）", "none": "没有适用的条款：请在 facts 中填写各条的输入项"},
    "en": {"total": "Total", "errors": "The profile has errors", "notes": "Supplementary Provisions", "warnings": "Warnings",
           "assumptions": "Defaults used", "before": "Total before the supplementary provisions", "year": "Year estimated",
           "individual": "Paid to individuals (not in the total)", "none": "No rule applies: give the articles' inputs under facts"},
}


class _Unreadable(Exception):
    """A profile file refused before the engine sees it, with the reason in both languages."""

    def __init__(self, zh: str, en: str) -> None:
        super().__init__(en)
        self.zh = zh
        self.en = en


def _load_profile(path: Path) -> Any:
    text = path.read_text(encoding="utf-8")
    try:
        if path.suffix.lower() in (".yaml", ".yml"):
            import yaml  # only the CLI reads YAML; the engine itself is stdlib only

            return yaml.load(text, Loader=_profile_loader())  # noqa: S506 (a SafeLoader, see _profile_loader)
        return json.loads(text, parse_int=json_int)
    except RecursionError:
        raise _Unreadable(f"嵌套过深：对象和列表最多 {MAX_DEPTH} 层", f"Nested too deeply: at most {MAX_DEPTH} levels of objects and lists") from None


def _profile_loader() -> Any:
    """yaml.SafeLoader that refuses aliases (*name) and nesting deeper than the engine's MAX_DEPTH, as it reads.

    A profile never needs an alias, and 600 bytes of them make 4^11 values; nesting is stopped before PyYAML's own
    recursion can fail.
    """
    import yaml

    class ProfileLoader(yaml.SafeLoader):
        depth = 0

        def construct_long_int(self, node: yaml.ScalarNode) -> int | Decimal:
            """An integer too long for int() (4300 digits) is read as a Decimal: the engine then says it is too large."""
            digits = str(self.construct_scalar(node)).replace("_", "")
            if len(digits) > 4000 and re.fullmatch(r"[+-]?[0-9]+", digits):
                return json_int(digits)
            return self.construct_yaml_int(node)

        def compose_node(self, parent: yaml.Node | None, index: Any) -> yaml.Node | None:
            event: yaml.Event = self.peek_event()  # type: ignore[no-untyped-call]
            mark = event.start_mark
            line, column = (mark.line + 1, mark.column + 1) if mark is not None else (0, 0)
            where_zh, where_en = f"第 {line} 行第 {column} 列", f"line {line}, column {column}"
            if isinstance(event, yaml.AliasEvent):
                raise _Unreadable(f"不接受 YAML 别名（*{event.anchor}，{where_zh}）：请在档案中直接写出每个值",
                                  f"YAML aliases are not accepted (*{event.anchor} at {where_en}): write each value out in the profile")
            opens = isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent))
            self.depth += opens
            try:
                if self.depth > MAX_DEPTH:
                    raise _Unreadable(f"嵌套过深：对象和列表最多 {MAX_DEPTH} 层（档案本身为第 1 层），{where_zh}为第 {self.depth} 层",
                                      f"Nested too deeply: at most {MAX_DEPTH} levels of objects and lists (the profile itself is "
                                      f"level 1); level {self.depth} at {where_en}")
                return super().compose_node(parent, index)
            finally:
                self.depth -= opens

    ProfileLoader.add_constructor("tag:yaml.org,2002:int", ProfileLoader.construct_long_int)
    return ProfileLoader


def _print_table(result: dict[str, Any], lang: str) -> None:
    head = _HEAD[lang]
    if not result["valid"]:
        print(head["errors"] + ":")
        for item in result["errors"]:
            print(f"  {item['field'] or '(profile)'}: {item[lang]}")
        return
    if not result["lines"]:
        print(head["none"])
    for line in result["lines"]:
        kind = _KIND_OF_AMOUNT[lang][line["kind_of_amount"]]
        label = f" · {line['item_label']}" if line.get("item_label") else ""
        print(f"[{line['rule']}] {line['title']}{label}  —  {line['amount_display']} ({kind})")
        for step in line["explanation"]:
            print(f"    {('[' + step['clause'] + '] ') if step['clause'] else ''}{step['text']}")
    for key in ("notes", "warnings"):
        if result[key]:
            print(f"{head[key]}:")
            for item in result[key]:
                print(f"  {('[' + item['clause'] + '] ') if item.get('clause') else ''}{item['text']}")
    if result["assumptions"]:
        print(f"{head['assumptions']}:")
        for item in result["assumptions"]:
            print(f"  {item['text']}")
    totals = result["totals"]
    if result.get("year") is not None:
        print(f"{head['year']}: {result['year']}")
    print(f"{head['before']}: {totals['before_cross_cutting_cny']}")
    if result.get("yearly_cap") and result["yearly_cap"]["applied"]:  # 附则五, once at the total
        print(f"  − {result['yearly_cap']['reduction_cny']}  [{result['yearly_cap']['clause']}] {result['yearly_cap']['text']}")
    if totals["individual_awards_cny"] != "0.00":
        print(f"{head['individual']}: {totals['individual_awards_cny']}")
    kind = _KIND_OF_AMOUNT[lang][result["total_kind_of_amount"]]
    print(f"{head['total']}: {result['total_display']} ({kind}) = {result['total_cny']}")


def _print_inputs(article: int | None, lang: str) -> None:
    for item in list_inputs(article=article):
        bounds = ""
        if "min" in item or "max" in item:
            bounds = f" [{item.get('min', '')} .. {item.get('max', '')}]"
        choices = ""
        if "choices" in item:
            choices = " {" + ", ".join(f"{c['id']}={c['label'][lang]}" for c in item["choices"]) + "}"
        default = f" default={item['default']!r}" if "default" in item else ""
        where = f"a{item['article']}" if "article" in item else item["group"]
        print(f"{item['group']}.{item['id']} ({where}): {item['type']}, unit {item['unit']}{bounds}{choices}{default}")
        print(f"    {item['label'][lang]} — {item['help'][lang]}")


def _print_repeatable(article: int | None, lang: str) -> None:
    """Which of these rules take several items a year (profile key `items`), and the scope of their caps."""
    rules = [rule for rule in list_rules(article=article) if "repeatable" in rule]
    if not rules:
        return
    print("可按项目重复填写（items）：" if lang == "zh" else "Repeatable (several items a year, profile key `items`):")
    for rule in rules:
        repeatable = rule["repeatable"]
        if repeatable["cap_scope"] == "year":
            scope = "上限按企业每年" if lang == "zh" else "cap per company and year"
        else:
            scope = ("上限按每个" if lang == "zh" else "cap per ") + repeatable["item"][lang]
        print(f"  items.{rule['id']}: {rule['title'][lang]} ({scope}; {repeatable['clause']}; inputs {', '.join(rule['inputs'])})")


def _print_rules(article: int | None, lang: str) -> None:
    for rule in list_rules(article=article):
        flags = ",".join(name for name, on in rule["flags"].items() if on)
        repeatable = ", repeatable" if "repeatable" in rule else ""
        print(f"{rule['id']} [{rule['kind']}, {rule['exactness']}{', ' + flags if flags else ''}{repeatable}] {rule['title'][lang]}: "
              f"{rule['who'][lang]} (clauses {', '.join(rule['clauses'])}; inputs {', '.join(rule['inputs'])})")


def _print_parameters(article: int | None, lang: str, as_json: bool) -> None:
    parameters = list_parameters(article=article)
    if as_json:
        print(json.dumps(parameters, ensure_ascii=False, indent=2))
        return
    for parameter in parameters:
        print(f"{parameter['id']} = {parameter['value']} {parameter['unit']}  [{parameter['clause']}] {parameter['label'][lang]}")


def _batch(path: Path, reform_path: Path | None, lang: str, as_json: bool) -> int:
    """Streams: each company is printed as it is estimated, and only the sums are kept."""
    kind = {".csv": "csv", ".jsonl": "jsonl", ".ndjson": "jsonl"}.get(path.suffix.lower())
    try:
        reform = _load_profile(reform_path) if reform_path is not None else None
        run = BatchRun(reform=reform, lang=lang)
        if kind is None:
            raise BatchFileError("文件应为 .csv 或 .jsonl", "The file must be .csv or .jsonl")
        with path.open("rb") as raw:
            text, _ = open_text(raw)
            first = True
            if as_json:
                sys.stdout.write('{"companies": [')
            for row in read_rows(text, kind=kind):
                record = run.add(row)
                if as_json:
                    sys.stdout.write(("\n  " if first else ",\n  ") + json.dumps(record, ensure_ascii=False))
                else:
                    _print_company(record, lang)
                first = False
    except _Unreadable as refused:
        print(f"{'无法读取文件' if lang == 'zh' else 'Cannot read the file'}: {refused.zh if lang == 'zh' else refused.en}", file=sys.stderr)
        return 1
    except ReformError as refused:
        for item in refused.errors:
            print(f"{item['field']}: {item[lang]}", file=sys.stderr)
        return 1
    except BatchFileError as refused:
        if as_json and not first:
            sys.stdout.write("\n]}\n")
        print(refused.zh if lang == "zh" else refused.en, file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"{'无法读取文件' if lang == 'zh' else 'Cannot read the file'}: {exc}", file=sys.stderr)
        return 1
    summary = run.summary()
    if as_json:
        sys.stdout.write('\n], "summary": ' + json.dumps(summary, ensure_ascii=False) + "}\n")
    else:
        _print_summary(summary, lang)
    return 0


def _print_company(record: dict[str, Any], lang: str) -> None:
    if not record["valid"]:
        reasons = "; ".join(f"{e['field'] or '-'}: {e[lang]}" for e in record["errors"])
        print(f"{record['row']}\t{record['firm']}\t{'有误' if lang == 'zh' else 'error'}\t{reasons}")
        return
    reform = f"\t{record['reform_total_cny']}\t{record['delta_cny']}" if "reform_total_cny" in record else ""
    print(f"{record['row']}\t{record['firm']}\t{record['total_cny']}{reform}")


def _print_summary(summary: dict[str, Any], lang: str) -> None:
    zh = lang == "zh"
    print(f"{'企业' if zh else 'Companies'}: {summary['companies']} ({'有误' if zh else 'failed'} {summary['failed']})")
    print(f"{'合计' if zh else 'Total'}: {summary['total_cny']}  ({'其中附则五年度上限扣减' if zh else 'after the Provision 5 yearly cap of'} {summary['yearly_cap_reduction_cny']})")
    for article, amount in summary["by_article"].items():
        print(f"  {'第' + article + '条' if zh else 'Article ' + article}: {amount}")
    if "reform" in summary:
        reform = summary["reform"]
        print(f"{'调整后合计' if zh else 'Total under the reform'}: {reform['total_cny']}  ({'差额' if zh else 'difference'} {reform['delta_cny']}; "
              f"{'增加' if zh else 'gain'} {reform['gain']}, {'减少' if zh else 'lose'} {reform['lose']}, {'不变' if zh else 'same'} {reform['same']})")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m calculator", description="Jiangbei urban-industry policy award calculator")
    commands = parser.add_subparsers(dest="command", required=True)
    run = commands.add_parser("estimate", help="estimate the awards of a company profile")
    run.add_argument("profile", type=Path, help="profile as .json or .yaml")
    run.add_argument("--lang", choices=("zh", "en"), default="zh")
    run.add_argument("--json", action="store_true", help="print the result as JSON")
    run.add_argument("--reform", type=Path, help="a reform {parameter id: new value} as .yaml or .json")
    batch = commands.add_parser("batch", help="estimate many companies (a .csv with a firm column, or .jsonl) and sum them")
    batch.add_argument("file", type=Path)
    batch.add_argument("--reform", type=Path, help="a reform {parameter id: new value} as .yaml or .json")
    batch.add_argument("--lang", choices=("zh", "en"), default="zh")
    batch.add_argument("--json", action="store_true", help="print JSON {companies: [...], summary: {...}}, streamed")
    parameters = commands.add_parser("parameters", help="list every figure of the rules with its id, clause and unit")
    parameters.add_argument("--article", type=int)
    parameters.add_argument("--lang", choices=("zh", "en"), default="zh")
    parameters.add_argument("--json", action="store_true")
    for name, help_text in (("inputs", "list every input with unit and bounds"), ("rules", "list every rule")):
        sub = commands.add_parser(name, help=help_text)
        sub.add_argument("--article", type=int)
        sub.add_argument("--lang", choices=("zh", "en"), default="zh")
    args = parser.parse_args(argv)
    if args.command == "inputs":
        _print_inputs(args.article, args.lang)
        _print_repeatable(args.article, args.lang)
        return 0
    if args.command == "rules":
        _print_rules(args.article, args.lang)
        return 0
    if args.command == "parameters":
        _print_parameters(args.article, args.lang, args.json)
        return 0
    if args.command == "batch":
        return _batch(args.file, args.reform, args.lang, args.json)
    try:
        reform = _load_profile(args.reform) if args.reform is not None else None
        profile = _load_profile(args.profile)
    except _Unreadable as refused:
        result = {"valid": False, "errors": [{"field": "", "zh": f"无法读取档案：{refused.zh}", "en": f"Cannot read the profile: {refused.en}"}]}
    except Exception as exc:  # unreadable file, malformed JSON or YAML: reported like any profile error
        result = {"valid": False, "errors": [{"field": "", "zh": f"无法读取档案：{exc}", "en": f"Cannot read the profile: {exc}"}]}
    else:
        result = estimate(profile, lang=args.lang, reform=reform)
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=2))
    else:
        _print_table(result, args.lang)
    return 0 if result["valid"] else 1


if __name__ == "__main__":
    sys.exit(main())
