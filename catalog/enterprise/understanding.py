"""What a need's text says beyond its words' relevance: its goals, what the
plant already has or rules out, its sector, and whether it rules out a big
capital project. The cues are the ways energy managers write these things
(zh and en); structured fields win over the text, and an untouched form
default (the problem type 节能增效) never overrides what the text says. The
cues are data (data/catalogue/cues.yaml), reviewed like the rest of the
catalogue."""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path

import yaml
from whoosh.lang.porter import stem

from catalog import models as m

PROBLEM_GOALS = {"energy_efficiency": "energy", "waste_heat": "energy", "process_upgrade": "energy",
                 "fuel_substitution": "fuel_switch", "electrification": "fuel_switch",
                 "raw_material": "process_co2", "ccus": "process_co2", "digital": "measure"}
DEFAULT_PROBLEM = "energy_efficiency"
# What the problem type says about the mechanism that answers the need best.
PROBLEM_MECHANISMS = {"waste_heat": "generation", "fuel_substitution": "fuel_switch",
                      "electrification": "fuel_switch", "ccus": "process_co2", "digital": "enabling"}
CUES_FILE = Path(__file__).resolve().parents[2] / "data" / "catalogue" / "cues.yaml"
WEAK_CUE = 0.5     # a word naming a sector's product used as another sector's input (水泥 in concrete)


@dataclass(frozen=True)
class Cues:
    goals: dict[str, re.Pattern]
    weak_goals: dict[str, re.Pattern]
    done: re.Pattern
    not_yet: re.Pattern
    declined: re.Pattern
    energy_done: re.Pattern
    low_capital: re.Pattern
    third_party: re.Pattern
    sectors: dict[str, re.Pattern]
    weak_sectors: dict[str, re.Pattern]
    variants: dict[str, str]
    slang: tuple[tuple[re.Pattern, str], ...]
    products: dict[str, re.Pattern]
    any_product: re.Pattern          # every product's cues in one pattern, its groups named by product
    materials: dict[str, tuple[re.Pattern, frozenset[str]]]   # material → (cue, sectors producing it)


@functools.cache
def cues() -> Cues:
    """The cue lists of data/catalogue/cues.yaml, compiled once per process."""
    data = yaml.safe_load(CUES_FILE.read_text(encoding="utf-8"))

    def one(patterns: list[str]) -> re.Pattern:
        return re.compile("|".join(f"(?:{p})" for p in patterns), re.I)

    return Cues({k: one(v) for k, v in data["goal_cues"].items()},
                {k: one(v) for k, v in data["weak_goal_cues"].items()},
                one(data["done"]), one(data["not_yet"]),
                one(data["declined"]), one(data["energy_done"]), one(data["low_capital"]),
                one(data["third_party"]),
                {k: one(v) for k, v in data["sector_cues"].items()},
                {k: one(v) for k, v in data["weak_sector_cues"].items() if v}, dict(data["variants"]),
                tuple((re.compile(said, re.I), plain) for said, plain in data["slang"]),
                {k: one(v) for k, v in data["products"].items()},
                re.compile("|".join(f"(?P<{k}>{'|'.join(v)})" for k, v in data["products"].items()), re.I),
                {k: (one(v["said"]), frozenset(v["from"])) for k, v in data["materials"].items()})


def plain_words(text: str) -> str:
    """``text`` followed by the plain words for the colloquial ones it uses
    (烫手 → 温度高), for matching against problem knowledge."""
    extra = [plain for said, plain in cues().slang if said.search(text)]
    return f"{text}\n{' '.join(extra)}" if extra else text


def normalised(text: str) -> str:
    """The need's text in the catalogue's spelling (异形阴极 → 异型阴极)."""
    for variant, spelling in cues().variants.items():
        text = text.replace(variant, spelling)
    return text


CLAUSE = re.compile(r"[，。；;,.!?！？\n]+")
SMALL_BUDGET_CNY = 1_000_000


@dataclass(frozen=True)
class Understanding:
    goals: frozenset[str]
    mechanism: str | None              # the mechanism the problem type points to, if any
    installed: frozenset[str]
    installed_from_text: frozenset[str]
    sector: str | None
    low_capital: bool
    declined: frozenset[str] = frozenset()   # entries the need itself rules out ("碳捕集太贵，不考虑")
    sector_certain: bool = False             # the sector is a field of the need, or the text leaves no doubt
    third_party: bool = False                # an energy service company or a lessor is to invest
    product: str | None = None               # the product the text says the plant makes
    materials: frozenset[str] = frozenset()  # the wastes and by-products it names
    firm_goals: frozenset[str] = frozenset()  # the goals it states outright (the only ones that exclude)


def goals_of(text: str, problem_type: str | None, firm: bool = False) -> frozenset[str]:
    """What the need asks for. A CO₂ target is served by energy, fuel and
    process measures alike, unless the text says the energy side is done
    ("节能空间不大", "not from the coal"): then neither energy nor a fuel switch
    is what it asks for, unless it says so in words of their own. ``firm``:
    only what the text states, not what its words hint at (a flare, a power
    bill): only a stated goal may leave an entry out."""
    said = {goal for goal, cue in cues().goals.items() if cue.search(text)}
    if not firm:
        said |= {goal for goal, cue in cues().weak_goals.items() if cue.search(text)}
    implied = set()
    if "co2" in said:
        said.discard("co2")
        implied = {"energy", "fuel_switch", "process_co2"} - said
    if cues().energy_done.search(text) and (said | implied) - {"energy", "fuel_switch"}:
        said.discard("energy")
        implied -= {"energy", "fuel_switch"}
    said |= implied
    form = PROBLEM_GOALS.get(problem_type or "")
    if said:
        if form and problem_type != DEFAULT_PROBLEM:
            said.add(form)
        return frozenset(said)
    return frozenset({form}) if form else frozenset()


def sector_of(text: str) -> str | None:
    """The sector the text speaks of most clearly (None when none or a tie); a
    word that names another sector's product as an input counts half."""
    return _sector_hits(text)[0]


def _sector_hits(text: str) -> tuple[str | None, bool]:
    """The sector, and whether the text leaves no doubt (two cues or more, and
    twice as many as any other sector)."""
    hits = {sector: float(len(cue.findall(text))) for sector, cue in cues().sectors.items()}
    for sector, cue in cues().weak_sectors.items():
        hits[sector] = hits.get(sector, 0.0) + WEAK_CUE * len(cue.findall(text))
    ranked = sorted(hits.items(), key=lambda kv: -kv[1]) + [("", 0.0)]
    if ranked[0][1] == 0 or ranked[1][1] == ranked[0][1]:
        return None, False
    return ranked[0][0], ranked[0][1] >= 2 and ranked[0][1] >= 2 * ranked[1][1]


def product_of(text: str) -> str | None:
    """The product the text names most (a benchmark family or another product;
    None when none or a tie)."""
    hits = {key: len(cue.findall(text)) for key, cue in cues().products.items()}
    ranked = sorted(hits.items(), key=lambda kv: -kv[1])
    if not ranked or ranked[0][1] == 0 or (len(ranked) > 1 and ranked[1][1] == ranked[0][1]):
        return None
    return ranked[0][0]


@functools.lru_cache(maxsize=20_000)
def products_in(text: str) -> frozenset[str]:
    """Every product a text names (an entry's names say what it is made for)."""
    return frozenset(match.lastgroup for match in cues().any_product.finditer(text))


def materials_in(text: str) -> frozenset[str]:
    return frozenset(key for key, (cue, _src) in cues().materials.items() if cue.search(text))


def producers(materials: frozenset[str]) -> frozenset[str]:
    """The sectors whose plants produce these wastes."""
    return frozenset().union(*(cues().materials[k][1] for k in materials)) if materials else frozenset()


CJK = re.compile(r"[\u4e00-\u9fff]")


def terms(tech) -> set[str]:
    """The words that name an entry in a sentence: its keywords; for a longer
    Chinese keyword also its head (its last four and three characters:
    水泥窑余热发电 → 余热发电), since Chinese compounds put the head last; for
    an English one of three words or more, the words before its last
    ("green power trading" → green power)."""
    out = set()
    for word in (*tech.keywords_zh, *tech.keywords_en):
        word = word.lower().replace("-", " ")
        if len(word) >= 3:
            out.add(word)
        for head in (4, 3):  # 水泥窑余热发电 → 余热发电; 第四代篦冷机 → 篦冷机
            if len(word) > head and all(CJK.match(ch) for ch in word[-head:]):
                out.add(word[-head:])
        words = word.split()
        if len(words) >= 3 and word.isascii():
            out.add(" ".join(words[:-1]))
    return out


def bigrams(text: str) -> set[str]:
    text = re.sub(r"\s+", "", text.lower())
    return {text[i:i + 2] for i in range(len(text) - 1)}


ENGLISH_WORD = re.compile(r"[a-z]+")
FUNCTION_WORDS = frozenset({"a", "an", "and", "for", "in", "of", "on", "the", "to", "with"})


def _stems(text: str) -> frozenset[str]:
    return frozenset(stem(w) for w in ENGLISH_WORD.findall(text) if w not in FUNCTION_WORDS)


@functools.lru_cache(maxsize=65_536)
def _keyword_stems(word: str) -> frozenset[str]:
    """A keyword's stems, once per keyword (every clause is checked against every entry's keywords)."""
    return _stems(word) if word.isascii() else frozenset()


def _says(word: str, lowered: str, stems: frozenset[str]) -> bool:
    """The clause says the keyword: as written, or for an English keyword of
    two words or more, all its words in any order and form ("the scrap yard
    already sorts and shears" says "scrap sorting")."""
    if word in lowered:
        return True
    parts = _keyword_stems(word)
    return len(parts) >= 2 and parts <= stems


def _named(clause: str, technologies: list, sector: str | None) -> set[str]:
    """The entries a clause names. Where several match only through a word they
    share (余热发电 for every waste-heat entry), an entry named by a word of its
    own wins; failing that, those whose keywords share most character pairs
    with the clause (环冷余热发电 → the sinter entry, 环冷机余热)."""
    lowered = clause.lower().replace("-", " ")
    stems = _stems(lowered)
    hits = {tech.code: {w for w in terms(tech) if _says(w, lowered, stems)} for tech in technologies
            if not sector or tech.sector_key in (sector, "cross_cutting")}
    hits = {code: words for code, words in hits.items() if words}
    shared = {w for code, words in hits.items() for w in words
              if any(w in other for c, other in hits.items() if c != code)}
    specific = {code for code, words in hits.items() if words - shared}
    if specific or len(hits) < 2:
        return specific or set(hits)
    pairs = bigrams(lowered)
    by_code = {t.code: t for t in technologies}
    overlap = {code: len(pairs & bigrams("".join((*by_code[code].keywords_zh, *by_code[code].keywords_en))))
               for code in hits}
    best = max(overlap.values())
    return {code for code, n in overlap.items() if n == best}


def installed_in_text(text: str, technologies: list[m.Technology], sector: str | None) -> frozenset[str]:
    """Entries a clause says are already done ("篦冷机和余热发电都已经改造过了"):
    a clause with a done-word, no negation, and one of the entry's keywords."""
    found: set[str] = set()
    for clause in CLAUSE.split(text):
        if cues().done.search(clause) and not cues().not_yet.search(clause):
            found |= _named(clause, technologies, sector)
    return frozenset(found)


def declined_in_text(text: str, technologies: list[m.Technology], sector: str | None) -> frozenset[str]:
    """Entries the need rules out itself ("碳捕集集团算过账，太贵，暂不考虑";
    "不考虑碳捕集"): an entry named in a clause that rules it out, or followed
    in the same sentence by one ("不想上大项目，能不能用碳捕集" rules out the
    project, not 碳捕集)."""
    found: set[str] = set()
    for sentence in re.split(r"[。；;!?！？\n]+", text):
        clauses = [c for c in CLAUSE.split(sentence) if c.strip()]
        for i, clause in enumerate(clauses):
            if any(cues().declined.search(c) for c in clauses[i:]):
                found |= _named(clause, technologies, sector)
    return frozenset(found)


def understand(text: str, problem_type: str | None, installed: tuple[str, ...], sector: str | None,
               budget_cny: float | None, technologies: list[m.Technology], notes: str = "",
               third_party: bool = False) -> Understanding:
    """``notes``: what the line records it already has, in its own words (read
    as if every clause said it is done). A need that has an energy service
    company or a lessor pay (``third_party``, or its text says so) is not held
    to its own small budget: the project's size is the investor's concern."""
    certain = sector is not None and sector != "cross_cutting"
    if sector is None:
        sector, certain = _sector_hits(text)
    from_text = installed_in_text(text, technologies, sector)
    if notes:
        from_text |= installed_in_text(re.sub(CLAUSE, " 已有。", notes) + " 已有", technologies, sector)
    low = bool(cues().low_capital.search(text)) or (budget_cny is not None and budget_cny < SMALL_BUDGET_CNY)
    third_party = third_party or bool(cues().third_party.search(text))
    declined = declined_in_text(text, technologies, sector) - from_text - frozenset(installed)
    return Understanding(goals_of(text, problem_type), PROBLEM_MECHANISMS.get(problem_type or ""),
                         frozenset(installed) | from_text, from_text, sector, low, declined, certain,
                         third_party, product_of(text), materials_in(text),
                         goals_of(text, problem_type, firm=True))
