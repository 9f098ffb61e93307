"""Many companies at once (issue 25): rows of a CSV or JSONL file, each estimated (and, with a reform, estimated again
under it), summed as they go. Nothing is kept per company once its record is returned, so memory does not grow with
the number of rows.

CSV: a header row whose first column is `firm`; the other columns are input ids (company facts and article inputs,
`python -m calculator inputs`), `year`, and `other:<rule id>` (a city policy's amount for the same item, 附则四) or
`other_district:<rule id>` (another district policy's). One company a row, one item per award. A row whose first
cell starts with `#` is a comment (the template's rows of labels) and is skipped. JSONL: one JSON object a line, a
full profile (items allowed) with a `firm` key.

`BatchSession` runs one file a few companies at a time, for the browser's worker (the budget page, issue 25).
"""
from __future__ import annotations

import codecs
import csv
import io
import json
import re
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal
from itertools import islice
from pathlib import PurePosixPath
from typing import IO, Any, Iterable, Iterator, Mapping

from ._data import POLICY
from ._engine import estimate_with
from ._money import cny_string
from ._parameters import Reform, ReformError, apply_reform
from ._validate import json_int

MAX_ROWS = 50_000  # companies a file; a larger file is refused with a message to split it
FIRM_MAX = 100
MAX_CELL = 2_000
MAX_LINE = 200_000  # characters of one JSONL line
FORMATS = ("csv", "jsonl")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
# Other-policy columns: the rule id after the prefix, and the source the amount comes from (附则四).
OTHER_COLUMNS = {"other:": "city", "other_district:": "district"}


class BatchFileError(ValueError):
    """The file as a whole cannot be read (empty, not CSV, unknown columns, too many rows): `zh` and `en` say why."""

    def __init__(self, zh: str, en: str) -> None:
        super().__init__(en)
        self.zh, self.en = zh, en

    def as_json(self) -> dict[str, str]:
        return {"field": "file", "zh": self.zh, "en": self.en}


@dataclass(frozen=True)
class Row:
    """One company of the file: its line number (CSV: the header is line 1), its firm, its profile or its errors."""
    number: int
    firm: str
    profile: Mapping[str, Any] | None
    errors: tuple[Mapping[str, str], ...] = ()


def _error(column: str, zh: str, en: str) -> dict[str, str]:
    return {"field": column, "zh": zh, "en": en}


def looks_like_formula(cell: str) -> bool:
    """A cell a spreadsheet would run as a formula (=, @, or + / - before something that is not a number)."""
    text = cell.lstrip()
    if text[:1] in ("=", "@"):
        return True
    return text[:1] in ("+", "-") and len(text) > 1 and not (text[1].isdigit() or text[1] == ".")


# What a cell that looks like a spreadsheet formula gets (a value cell, the firm cell), zh and en.
FORMULA_CELL = ("像电子表格公式（以 = + - @ 开头）：请填写数值本身", "Looks like a spreadsheet formula (starts with = + - @): give the value itself")
FORMULA_FIRM = ("企业名称像电子表格公式（以 = + - @ 开头），请填写名称本身", "The firm looks like a spreadsheet formula (starts with = + - @): give the name itself")


def _firm(raw: Any, number: int) -> tuple[str, list[dict[str, str]]]:
    text = unicodedata.normalize("NFKC", str(raw)).strip() if isinstance(raw, (str, int)) and not isinstance(raw, bool) else ""
    if not text:
        return f"#{number}", [_error("firm", "缺少企业名称或编号（firm）", "The firm (name or id) is missing")]
    if len(text) > FIRM_MAX or _CONTROL.search(text):
        return text[:FIRM_MAX], [_error("firm", f"企业名称或编号应为 1 至 {FIRM_MAX} 个字，不含控制字符", f"The firm must be 1 to {FIRM_MAX} characters, without control characters")]
    if looks_like_formula(text):
        return text, [_error("firm", *FORMULA_FIRM)]
    return text, []


def _column_kind(column: str) -> tuple[str, str] | None:
    """(section, key) a CSV column fills: ("year", ""), ("company"|"facts", input id), ("other:<source>", rule id)."""
    if column == "year":
        return "year", ""
    spec = POLICY.inputs.get(column)
    if spec is not None and spec["group"] in ("company", "facts"):
        return spec["group"], column
    for prefix, source in OTHER_COLUMNS.items():
        if column.startswith(prefix) and column[len(prefix):] in POLICY.rules_by_id:
            return f"other:{source}", column[len(prefix):]
    return None


def _csv_rows(lines: Iterable[str]) -> Iterator[Row]:
    reader = csv.reader(lines)
    try:
        header = next(reader)
    except StopIteration:
        raise BatchFileError("文件是空的", "The file is empty") from None
    except csv.Error as exc:
        raise BatchFileError(f"不是可读的 CSV 文件：{exc}", f"Not a readable CSV file: {exc}") from None
    columns = [unicodedata.normalize("NFKC", c).strip().lstrip("\ufeff") for c in header]
    if not columns or columns[0] != "firm":
        shown = columns[0][:40] if columns else ""
        raise BatchFileError(f"第一行应为表头，第一列为 firm（企业名称或编号）；这里是“{shown}”。可下载模板对照",
                             f"The first line must be the header, with firm (the company's name or id) first; here it is “{shown}”. Compare with the template")
    kinds = [_column_kind(c) for c in columns[1:]]
    unknown = [c for c, k in zip(columns[1:], kinds) if k is None]
    if unknown:
        listed = "、".join(u[:40] for u in unknown[:10])
        raise BatchFileError(f"未知的列：{listed}。列名应为输入项 id（见模板或 python -m calculator inputs）、year、other:<规则 id>",
                             f"Unknown columns: {', '.join(u[:40] for u in unknown[:10])}. Columns are input ids (see the template or python -m calculator inputs), year, other:<rule id>")
    duplicated = sorted({c for c in columns if columns.count(c) > 1})
    if duplicated:
        raise BatchFileError(f"重复的列：{'、'.join(duplicated)}", f"Repeated columns: {', '.join(duplicated)}")
    count = 0
    for cells in _guarded(reader):
        number = reader.line_num
        if not any(cell.strip() for cell in cells):
            continue  # a blank line
        if cells[0].lstrip().startswith("#"):
            continue  # a comment (the template's labels)
        count += 1
        if count > MAX_ROWS:
            raise BatchFileError(f"最多 {MAX_ROWS} 家企业一个文件：请拆分文件", f"At most {MAX_ROWS:,} companies a file: split the file")
        if len(cells) != len(columns):
            firm, _ = _firm(cells[0] if cells else "", number)
            yield Row(number, firm, None, (_error("", f"本行有 {len(cells)} 个单元格，表头有 {len(columns)} 列", f"This row has {len(cells)} cells; the header has {len(columns)} columns"),))
            continue
        firm, errors = _firm(cells[0], number)
        profile: dict[str, Any] = {}
        for column, kind, cell in zip(columns[1:], kinds, cells[1:]):
            assert kind is not None
            if not cell.strip():
                continue
            if len(cell) > MAX_CELL:
                errors.append(_error(column, f"单元格过长（最多 {MAX_CELL} 个字符）", f"Cell too long (at most {MAX_CELL} characters)"))
                continue
            if looks_like_formula(cell):
                errors.append(_error(column, *FORMULA_CELL))
                continue
            section, key = kind
            if section == "year":
                profile["year"] = cell.strip()
            elif section.startswith("other:"):
                profile.setdefault("other_policy_awards", {})[key] = {"amount": cell, "source": section.split(":", 1)[1]}
            else:
                profile.setdefault(section, {})[key] = cell
        yield Row(number, firm, None if errors else profile, tuple(errors))


def _guarded(reader: Iterator[list[str]]) -> Iterator[list[str]]:
    try:
        yield from reader
    except csv.Error as exc:
        raise BatchFileError(f"不是可读的 CSV 文件：{exc}", f"Not a readable CSV file: {exc}") from None


def _jsonl_rows(lines: Iterable[str]) -> Iterator[Row]:
    count = 0
    seen_any = False
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        seen_any = True
        count += 1
        if count > MAX_ROWS:
            raise BatchFileError(f"最多 {MAX_ROWS} 家企业一个文件：请拆分文件", f"At most {MAX_ROWS:,} companies a file: split the file")
        if len(line) > MAX_LINE:
            yield Row(number, f"#{number}", None, (_error("", f"本行过长（最多 {MAX_LINE} 个字符）", f"Line too long (at most {MAX_LINE:,} characters)"),))
            continue
        try:
            value = json.loads(line, parse_int=json_int)  # a 5000-digit amount is too large for its field, not bad JSON
        except (ValueError, RecursionError) as exc:  # RecursionError: nested past json's limit (issue 23)
            if count == 1 and number == 1 and not line.lstrip().startswith(("{", "[")):
                raise BatchFileError("不是 JSONL 文件：每行应为一个 JSON 对象", "Not a JSONL file: each line must be one JSON object") from None
            yield Row(number, f"#{number}", None, (_error("", f"不是有效的 JSON：{exc}", f"Not valid JSON: {exc}"),))
            continue
        if not isinstance(value, dict):
            yield Row(number, f"#{number}", None, (_error("", "每行应为一个 JSON 对象（含 firm 键）", "Each line must be one JSON object (with a firm key)"),))
            continue
        firm, errors = _firm(value.pop("firm", None), number)
        yield Row(number, firm, None if errors else value, tuple(errors))
    if not seen_any:
        raise BatchFileError("文件是空的", "The file is empty")


def read_rows(lines: Iterable[str], *, kind: str) -> Iterator[Row]:
    """The companies of a file given as lines of text (a file opened in text mode, or str.splitlines(keepends=True));
    BatchFileError when the file as a whole cannot be read."""
    if kind == "csv":
        return _csv_rows(lines)
    if kind == "jsonl":
        return _jsonl_rows(lines)
    raise BatchFileError("文件应为 .csv 或 .jsonl", "The file must be .csv or .jsonl")


# Files that are not text at all, by their first bytes: a workbook or a PDF instead of its CSV export.
_NOT_TEXT = ((b"PK\x03\x04", "Excel 工作簿（.xlsx）或其他压缩文件", "an Excel workbook (.xlsx) or another zip file"),
             (b"\xd0\xcf\x11\xe0", "旧版 Excel 工作簿（.xls）", "an old Excel workbook (.xls)"),
             (b"%PDF", "PDF 文件", "a PDF file"))


def detect_encoding(stream: IO[bytes]) -> str:
    """utf-8 (with or without a BOM) or, failing that, GB18030 (a CSV saved by Excel on a Chinese system): read in
    chunks, so memory does not grow with the file. BatchFileError when it is neither, or a workbook or PDF."""
    head = stream.read(8)
    for magic, zh, en in _NOT_TEXT:
        if head.startswith(magic):
            raise BatchFileError(f"这是{zh}，不是 CSV：请在 Excel 中“另存为 CSV UTF-8（逗号分隔）”后再选择",
                                 f"This is {en}, not CSV: in Excel, “Save as CSV UTF-8 (comma delimited)”, then choose that file")
    for encoding in ("utf-8-sig", "gb18030"):
        stream.seek(0)
        decoder = codecs.getincrementaldecoder(encoding)()
        try:
            while chunk := stream.read(1 << 16):
                decoder.decode(chunk)
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            continue
        stream.seek(0)
        return encoding
    raise BatchFileError("无法识别文件编码：请在 Excel 中“另存为 CSV UTF-8（逗号分隔）”", "Unknown text encoding: in Excel, “Save as CSV UTF-8 (comma delimited)”")


def open_text(stream: IO[bytes]) -> tuple[io.TextIOWrapper, str]:
    encoding = detect_encoding(stream)
    return io.TextIOWrapper(stream, encoding=encoding, newline=""), encoding


@dataclass
class _Sums:
    total: Decimal = Decimal(0)
    yearly_cap: Decimal = Decimal(0)
    by_article: dict[int, Decimal] = field(default_factory=dict)

    def add(self, result: Mapping[str, Any]) -> Decimal:
        total = Decimal(result["total_cny"])
        self.total += total
        self.yearly_cap += Decimal(result["totals"]["yearly_cap_reduction_cny"])
        for line in result["lines"]:
            if line["counts_toward_company_total"] and line["amount_cny"] is not None:
                self.by_article[line["article"]] = self.by_article.get(line["article"], Decimal(0)) + Decimal(line["amount_cny"])
        return total

    def as_json(self) -> dict[str, Any]:
        return {"total_cny": cny_string(self.total), "yearly_cap_reduction_cny": cny_string(self.yearly_cap),
                "by_article": {str(article): cny_string(amount) for article, amount in sorted(self.by_article.items())}}


def _short_lines(result: Mapping[str, Any]) -> list[dict[str, Any]]:
    return [{"rule": line["rule"], "item": line["item"], "article": line["article"], "amount_cny": line["amount_cny"],
             "kind_of_amount": line["kind_of_amount"], "counted": line["counts_toward_company_total"]} for line in result["lines"]]


def _column_of(field_path: str) -> str:
    """An engine error's field as the CSV column it came from: facts.a3_investment -> a3_investment."""
    for prefix in ("company.", "facts."):
        if field_path.startswith(prefix):
            return field_path[len(prefix):]
    match = re.fullmatch(r"other_policy_awards\.([^.]+\.[^.]+)(?:\..*)?", field_path)
    return f"other:{match[1]}" if match else field_path


class BatchRun:
    """Estimates companies one at a time (and under a reform, if given) and keeps only the running sums.

    `add(row)` returns the company's record {row, firm, valid, total_cny, lines, errors[, reform_total_cny,
    delta_cny]}; `summary()` the sums {companies, valid, failed, total_cny, yearly_cap_reduction_cny, by_article[,
    reform]}. The batch's total equals the sum of estimate() over the same profiles, exactly.
    """

    def __init__(self, *, reform: Mapping[str, Any] | None = None, lang: str = "zh") -> None:
        self.lang = lang
        self.reform: Reform | None = apply_reform(POLICY, reform) if reform else None  # ReformError names each bad id
        self.companies = self.valid = 0
        self.baseline = _Sums()
        self.reformed = _Sums()
        self.gain = self.lose = self.same = 0
        self.delta = Decimal(0)

    def add(self, row: Row) -> dict[str, Any]:
        self.companies += 1
        record: dict[str, Any] = {"row": row.number, "firm": row.firm, "valid": False, "total_cny": None, "lines": [],
                                  "errors": [dict(e) for e in row.errors]}
        if row.profile is None:
            return record
        result = estimate_with(row.profile, lang=self.lang, reform=None)
        if not result["valid"]:
            record["errors"] = [{**e, "field": _column_of(e["field"])} for e in result["errors"]]
            return record
        reformed = estimate_with(row.profile, lang=self.lang, reform=self.reform) if self.reform is not None else None
        self.valid += 1
        total = self.baseline.add(result)
        record.update(valid=True, total_cny=result["total_cny"], lines=_short_lines(result))
        if reformed is not None:
            changed = self.reformed.add(reformed)
            delta = changed - total
            self.delta += delta
            self.gain += delta > 0
            self.lose += delta < 0
            self.same += delta == 0
            record.update(reform_total_cny=reformed["total_cny"], delta_cny=cny_string(delta))
        return record

    def summary(self) -> dict[str, Any]:
        out: dict[str, Any] = {"companies": self.companies, "valid": self.valid, "failed": self.companies - self.valid,
                               **self.baseline.as_json()}
        if self.reform is not None:
            out["reform"] = {"parameters": [dict(change, label=change["label"][self.lang]) for change in self.reform.changes],
                             **self.reformed.as_json(), "delta_cny": cny_string(self.delta),
                             "gain": self.gain, "lose": self.lose, "same": self.same}
        return out


class BatchSession:
    """One file's batch as the browser's worker runs it (the budget page): the file is read once to count its
    companies, so that a problem with the whole file (encoding, header, columns, too many rows, no company) is found
    before any estimate and the page can show "N of M companies"; then `step(n)` estimates the next n companies, so
    the worker can report progress between steps. The records and the summary are BatchRun's, exactly as
    `python -m calculator batch FILE --json` prints them.

    `kind`: "csv" or "jsonl"; None: from the file name (.csv, .jsonl, .ndjson), else from the first character.
    Raises BatchFileError or ReformError.
    """

    def __init__(self, path: str, *, name: str = "", kind: str | None = None, reform: Mapping[str, Any] | None = None,
                 lang: str = "zh") -> None:
        self.run = BatchRun(reform=reform, lang=lang)
        self._path = path
        with open(path, "rb") as raw:
            self.encoding = detect_encoding(raw)
        self.kind = kind or self._kind(name)
        self.companies = sum(1 for _ in read_rows(self._lines(), kind=self.kind))
        if self.companies == 0:
            raise BatchFileError("文件里没有企业：只有表头（或说明行）", "The file has no companies: only the header (or comment rows)")
        self._rows = read_rows(self._lines(), kind=self.kind)
        self.done = 0
        self.formula_cells = 0  # cells refused because they look like a spreadsheet formula

    def _lines(self) -> Iterator[str]:
        with open(self._path, "rb") as raw, io.TextIOWrapper(raw, encoding=self.encoding, newline="") as text:
            yield from text

    def _kind(self, name: str) -> str:
        suffix = PurePosixPath(name).suffix.lower()
        if suffix in (".csv", ".jsonl", ".ndjson"):
            return "jsonl" if suffix != ".csv" else "csv"
        for line in self._lines():
            if line.strip():
                return "jsonl" if line.lstrip().startswith("{") else "csv"
        raise BatchFileError("文件是空的", "The file is empty")

    def step(self, count: int) -> list[dict[str, Any]]:
        """The records of the next `count` companies (fewer at the end of the file)."""
        records = [self.run.add(row) for row in islice(self._rows, max(1, count))]
        self.done += len(records)
        for record in records:
            self.formula_cells += sum((error["zh"], error["en"]) in (FORMULA_CELL, FORMULA_FIRM) for error in record["errors"])
        return records

    @property
    def finished(self) -> bool:
        return self.done >= self.companies


# The worker's batch (docs/assets/frontend/worker/budget-worker.js): one session at a time, JSON text in and out.
_session: BatchSession | None = None


def session_start_json(path: str, name: str, reform_json: str, lang: str) -> str:
    """Starts a batch on the file at `path`: {"ok": true, companies, encoding, kind} or {"ok": false, errors}."""
    global _session
    _session = None
    try:
        reform = json.loads(reform_json) if reform_json else None
        _session = BatchSession(path, name=name, reform=reform or None, lang=lang if lang in ("zh", "en") else "zh")
    except ReformError as refused:
        return json.dumps({"ok": False, "errors": refused.errors}, ensure_ascii=False)
    except BatchFileError as refused:
        return json.dumps({"ok": False, "errors": [refused.as_json()]}, ensure_ascii=False)
    except ValueError as exc:  # the reform is not JSON (the page always sends JSON)
        return json.dumps({"ok": False, "errors": [{"field": "reform", "zh": f"政策调整无法读取：{exc}",
                                                    "en": f"The reform cannot be read: {exc}"}]}, ensure_ascii=False)
    return json.dumps({"ok": True, "companies": _session.companies, "encoding": _session.encoding, "kind": _session.kind})


def session_step_json(count: int) -> str:
    """{"records": [...], "done": n, "finished": bool}; at the end also "summary" and "formula_cells", and the session
    is closed."""
    global _session
    if _session is None:
        raise RuntimeError("no batch is running")
    out: dict[str, Any] = {"records": _session.step(int(count)), "done": _session.done, "finished": _session.finished}
    if _session.finished:
        out.update(summary=_session.run.summary(), formula_cells=_session.formula_cells)
        _session = None
    return json.dumps(out, ensure_ascii=False)


def session_stop() -> None:
    """Forgets the running batch (the page has started another, or gone)."""
    global _session
    _session = None
