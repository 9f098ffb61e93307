"""Quoting a name in a message without doubling its own quotation marks."""
from __future__ import annotations

# The policy's names often carry their own quotation marks (“机器换人”项目, “创客中国”江北分赛奖励, the “Top 50”):
# wrapping them again would read ““机器换人”项目”.
# Apostrophes are not quotation marks here: "the company's" is quoted as usual.
_QUOTES = frozenset("“”\"「」『』")


def quoted(name: str) -> str:
    """“name”, or the name as it is when it already holds quotation marks of its own."""
    return name if any(char in _QUOTES for char in name) else f"“{name}”"
