"""Builds ``data/search/userdict.txt``, jieba's domain dictionary, from the
glossary, the taxonomy labels and the catalogue keywords, so domain terms such
as 篦冷机, 预分解 or 惰性阳极 stay whole. A change to it needs a full reindex."""
from __future__ import annotations

import re
from pathlib import Path

import yaml

from .analysis import USERDICT

DATA = USERDICT.parents[1]
CJK_WORD = re.compile(r"^[\u3400-\u9fff]{2,12}$")
# Policy words every user types and jieba splits badly without help.
EXTRA = ["碳中和", "碳达峰", "双碳", "碳捕集", "碳排放", "循环经济", "能效标杆", "节能降碳",
         "合同能源管理", "能源托管", "余热余压", "余热发电", "固废", "替代燃料", "低碳技术"]
FREQ = 20000


def _split_terms(text: str) -> list[str]:
    """A label like 「电炉短流程炼钢（含电炉封闭化…）」 yields its CJK runs."""
    return [w for w in re.split(r"[^\u3400-\u9fff]+", text or "") if CJK_WORD.match(w)]


def collect_words(data_dir: Path = DATA) -> list[str]:
    def load(name: str):
        with (data_dir / name).open(encoding="utf-8") as fh:
            return yaml.safe_load(fh)

    words: list[str] = list(EXTRA)
    for term in load("glossary.yaml")["terms"]:
        for text in [term["zh"], *(term.get("synonyms_zh") or [])]:
            words.extend(_split_terms(text))
    taxonomy = load("taxonomy.yaml")
    for group in ("sectors", "stages", "categories"):
        for item in taxonomy[group]:
            words.extend(_split_terms(item["name_zh"]))
    for tech in load("catalogue/technologies.yaml"):
        for kw in tech.get("keywords_zh") or []:
            words.extend(_split_terms(kw))
    return sorted(set(words))


def render(words: list[str]) -> str:
    # No header line: jieba would read a comment as a word.
    return "".join(f"{w} {FREQ} n\n" for w in words)


def write(path: Path = USERDICT, data_dir: Path = DATA) -> int:
    words = collect_words(data_dir)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render(words), encoding="utf-8")
    return len(words)
