"""`raci-lint import`: a commented raci.yaml from a RACI spreadsheet or a CODEOWNERS file.

:func:`import_csv` reads a spreadsheet export: a `component` column, an
optional `kind` (and `description`) column, then one column per person
whose cells hold letters (`R`, `A/R`, `r,a`). :func:`import_codeowners`
turns each CODEOWNERS rule into a component. Both return an
:class:`Imported`, whose :meth:`~Imported.to_yaml` is an ownership file
that `raci-lint check` accepts without any SYN violation; what it still
reports (disciplines, kinds, Accountables) is the user's to-do list.
"""

from __future__ import annotations

import bisect
import codecs
import csv
import io
import re
import unicodedata
from dataclasses import dataclass, field

import yaml

from raci_lint.adapters.matrix import TEAM_HEADER, slugify
from raci_lint.model.codeowners import (
    BEGIN,
    END,
    is_owner,
    lines_of,
    rule_tokens,
    writable_email,
)
from raci_lint.model.ownership import LETTERS
from raci_lint.reading.repository import has_magic, swallowed_owner
from raci_lint.taxonomy.disciplines import Taxonomy, default_taxonomy
from raci_lint.wording import plural

__all__ = [
    "ImportFailure",
    "Imported",
    "Migration",
    "guess_kind",
    "import_codeowners",
    "import_csv",
    "import_markdown",
    "parse_letters",
    "rewrite_codeowners",
]

UNKNOWN_KIND = "todo"
LETTER_NAMES = {"R": "responsible", "A": "accountable", "C": "consulted", "I": "informed"}
LETTER_NAMES["S"] = "support"
_WORDS = {
    "responsible": "R",
    "accountable": "A",
    "consulted": "C",
    "consult": "C",
    "informed": "I",
    "inform": "I",
    "support": "S",
    "supports": "S",
    "supported": "S",
}
_NONE = frozenset(("", "-", "\u2013", "\u2014"))
_SEPARATORS = re.compile(r"[\s/,;+&|]+")
_GITHUB_USER = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?")
_GITHUB_TEAM = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?/[A-Za-z0-9._-]+")
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")


class ImportFailure(Exception):
    """Input that cannot be imported; the message is one line for the user."""


# ---------------------------------------------------------------- the result


@dataclass
class _Holder:
    """A person or a team: who holds letters."""

    id: str
    name: str | None = None
    github: str | None = None
    email: str | None = None
    notes: list[str] = field(default_factory=list)


@dataclass
class _Component:
    id: str
    kind: str = UNKNOWN_KIND
    kind_note: str | None = None
    description: str | None = None
    paths: list[str] = field(default_factory=list)
    letters: dict[str, list[str]] = field(default_factory=dict)
    comments: list[str] = field(default_factory=list)  # above the component
    notes: list[str] = field(default_factory=list)  # TODO lines under `raci`
    tags: list[str] = field(default_factory=list)
    unowned: bool = False  # a CODEOWNERS rule without owners
    unowned_note: str = ""
    _held: set[tuple[str, str]] = field(default_factory=set, repr=False)

    def add(self, letter: str, who: str) -> None:
        if (letter, who) not in self._held:
            self._held.add((letter, who))
            self.letters.setdefault(letter, []).append(who)


@dataclass
class Imported:
    """What an import found, ready to be written as an ownership file."""

    source: str
    origin: str  # "csv" or "codeowners"
    taxonomy: Taxonomy
    header: list[str] = field(default_factory=list)
    people: dict[str, _Holder] = field(default_factory=dict)
    teams: dict[str, _Holder] = field(default_factory=dict)
    components: dict[str, _Component] = field(default_factory=dict)
    trailing: list[str] = field(default_factory=list)
    # What the user should know, one line each (`FILE:LINE: ...`).
    warnings: list[str] = field(default_factory=list)
    migration: Migration | None = None

    @property
    def scheme(self) -> str:
        used = any(c.letters.get("support") for c in self.components.values())
        return "RASCI" if used else "RACI"

    def summary(self) -> str:
        """'15 components and 8 people', '4 components, 3 people and 2 teams'."""
        parts = [plural(len(self.components), "component")]
        if self.people or not self.teams:
            parts.append(plural(len(self.people), "person", "people"))
        if self.teams:
            parts.append(plural(len(self.teams), "team"))
        return ", ".join(parts[:-1]) + " and " + parts[-1]

    def to_yaml(self) -> str:
        """The ownership file, with TODO comments where the user must decide."""
        out = [_comment_line("", line) for line in self._preamble()]
        out += ["version: 1"]
        if self.scheme == "RASCI":
            out.append("scheme: RASCI  # the spreadsheet uses S (support)")
        out.append("")
        out.append("people:" if self.people else "people: {}")
        for person in self.people.values():
            out.append(f"  {_scalar(person.id)}:")
            out.extend(_comment_line("    ", note) for note in person.notes)
            if person.name:
                out.append(f"    name: {_scalar(person.name)}")
            if person.github:
                out.append(f"    github: {_scalar(person.github)}")
            if person.email:
                out.append(f"    email: {_scalar(person.email)}")
            out.append("    disciplines: []  # TODO: fill in (see the list at the top)")
        if self.teams:
            out += ["", "teams:"]
            for team in self.teams.values():
                out.append(f"  {_scalar(team.id)}:")
                out.extend(_comment_line("    ", note) for note in team.notes)
                if team.name:
                    out.append(f"    name: {_scalar(team.name)}")
                if team.github:
                    out.append(f"    github: {_scalar(team.github)}")
                out.append("    members: []  # TODO: list the people of this team")
        out += ["", "components:" if self.components else "components: {}"]
        for number, component in enumerate(self.components.values()):
            if number:
                out.append("")
            out.extend(_comment_line("  ", line) for line in component.comments)
            out.extend(self._component(component))
        if self.trailing:
            out.append("")
            out.extend(_comment_line("  ", line) for line in self.trailing)
        return "\n".join(out) + "\n"

    def _preamble(self) -> list[str]:
        kinds = ", ".join(self.taxonomy.kinds)
        disciplines = ", ".join(self.taxonomy.disciplines)
        lines = [
            f"Imported by `raci-lint import --from {self.origin}` from {self.source}.",
            *self.header,
            "",
            "Run `raci-lint check` on this file: what it reports is what is left to fill",
            "in. Search for TODO: each person's disciplines, each team's members, the",
            "kinds that were guessed, and every component's Accountable.",
            "",
            f"Disciplines: {disciplines}.",
            f"Kinds: {kinds}.",
        ]
        return [wrapped for line in lines for wrapped in _wrap(line)]

    def _component(self, component: _Component) -> list[str]:
        kind = f"    kind: {_scalar(component.kind)}"
        if component.kind_note:
            kind += f"  # {_comment(component.kind_note)}"
        out = [f"  {_scalar(component.id)}:", kind]
        if component.description:
            out.append(f"    description: {_scalar(component.description)}")
        if component.unowned:
            out.append(f"    unowned: true  # {_comment(component.unowned_note)}")
        if component.paths:
            out.append(f"    paths: [{', '.join(_scalar(p) for p in component.paths)}]")
        if component.tags:
            out.append(f"    tags: [{', '.join(_scalar(tag) for tag in component.tags)}]")
        letters = [(name, component.letters.get(name, [])) for name in LETTERS]
        letters = [(name, refs) for name, refs in letters if refs]
        if letters or component.notes:
            out.append("    raci:")
            out.extend(_comment_line("      ", note) for note in component.notes)
            for name, refs in letters:
                if name == "accountable" and len(refs) == 1:
                    out.append(f"      accountable: {_scalar(refs[0])}")
                else:
                    out.append(f"      {name}: [{', '.join(_scalar(r) for r in refs)}]")
        return out


def _wrap(line: str, width: int = 78) -> list[str]:
    if len(line) <= width:
        return [line]
    words = line.split(" ")
    lines = [""]
    for word in words:
        if lines[-1] and len(lines[-1]) + 1 + len(word) > width:
            lines.append("  " + word)
        else:
            lines[-1] = f"{lines[-1]} {word}" if lines[-1] else word
    return lines


# ---------------------------------------------------------------- YAML text

_PLAIN = re.compile(r"[^\W_](?:[\w ._/'-]*[\w._/-])?")
# Plain text is written as it is only when YAML's implicit resolvers read it
# as a string (not `yes`, `null`, `1.5`, `2024-01-01`); resolving never
# constructs a value, so no text can make it fail.
_RESOLVER = yaml.resolver.Resolver()
_STRING = "tag:yaml.org,2002:str"


def _shown(char: str) -> bool:
    """Whether a character may be written as it is, in a scalar or a comment.

    Only printable ones: never a control, a line separator, a bidirectional
    or zero-width format character (they make text read as something else),
    a space other than U+0020, a private or unassigned code point. Every
    printable character is one a YAML stream may hold.
    """
    return char.isprintable()


def _scalar(text: str) -> str:
    """``text`` as a YAML scalar that every YAML reader reads back as this string."""
    if (
        _PLAIN.fullmatch(text)
        and "  " not in text
        and text.isprintable()
        and _RESOLVER.resolve(yaml.ScalarNode, text, (True, False)) == _STRING  # type: ignore[no-untyped-call]
    ):
        return text
    out = ['"']
    for char in text:
        if char == "\\":
            out.append("\\\\")
        elif char == '"':
            out.append("\\x22")  # never `\"`: simple comment finders must not see a quote end
        elif _shown(char):
            out.append(char)
        elif ord(char) <= 0xFF:
            out.append(f"\\x{ord(char):02x}")
        elif ord(char) <= 0xFFFF:
            out.append(f"\\u{ord(char):04x}")
        else:
            out.append(f"\\U{ord(char):08x}")
    out.append('"')
    return "".join(out)


def _comment(text: str) -> str:
    """Free text made safe on one comment line: no line break, no directive."""
    shown = "".join(
        char if _shown(char) else char.encode("unicode_escape").decode("ascii") for char in text
    )
    return re.sub(r"(?i)raci-lint(\s*):", r"raci-lint\1-", shown).rstrip()


def _comment_line(indent: str, text: str) -> str:
    shown = _comment(text)
    return f"{indent}# {shown}" if shown else f"{indent}#"


# ---------------------------------------------------------------- ids


class _Ids:
    """Unique ids in one namespace: `jane-doe`, then `jane-doe-2`."""

    def __init__(self, fallback: str) -> None:
        self.fallback = fallback
        self.taken: set[str] = set()
        # Base id -> the smallest number that may still be free after it:
        # every `base-n` below it is taken, and taken ids stay taken.
        self._next: dict[str, int] = {}

    def claim(self, text: str) -> str:
        base = slugify(text) or self.fallback
        candidate = base
        if candidate in self.taken:
            number = self._next.get(base, 2)
            while f"{base}-{number}" in self.taken:
                number += 1
            candidate = f"{base}-{number}"
            self._next[base] = number + 1
        self.taken.add(candidate)
        return candidate


# ---------------------------------------------------------------- kinds

# Words that suggest a default kind beyond its id and aliases: the words of
# folder names in real repositories (the CODEOWNERS of Airflow, Ray, Feast,
# dbt-core and Dagster) and the names of the tools teams use.
SYNONYMS = {
    "ingestion": (
        *("ingest", "import", "sync", "connector", "collect", "stream", "kafka"),
        *("airbyte", "fivetran", "meltano"),
    ),
    "data-quality": ("quality", "validate", "expectations", "check", "dq", "soda", "pandera"),
    "data-storage": ("storage", "bucket", "s3", "iceberg", "delta"),
    "feature-store": ("feast", "tecton", "hopsworks"),
    "transformation": (
        *("transform", "clean", "join", "dbt", "sessionise", "sessionize", "dedupe", "spark"),
    ),
    "orchestration": (
        *("orchestrate", "dags", "airflow", "scheduler", "workflow", "dagster", "prefect"),
        "luigi",
    ),
    "analysis": ("analyse", "analyze", "explore", "notebook", "ipynb", "research"),
    "feature-engineering": ("feature",),
    "training": ("train", "fit", "experiment", "tune", "hpo"),
    "evaluation": ("evaluate", "eval", "backtest", "benchmark"),
    "reporting": ("dashboards", "bi", "looker", "tableau", "superset", "metabase", "powerbi"),
    "translation": ("refactor", "productionize", "productionise"),
    "packaging": ("package", "image", "container", "docker", "registry", "artifact"),
    "deployment": ("deploy", "serve", "score", "predict", "endpoint", "kserve", "seldon"),
    "monitoring": ("monitor", "drift", "alert", "grafana", "prometheus"),
    "retraining": ("retrain", "refresh"),
    "ml-pipeline": ("kubeflow", "kfp", "vertex", "sagemaker", "metaflow", "zenml"),
    "platform": ("cluster", "compute"),
    "service": ("services", "server", "api", "apis", "app", "gateway", "grpc", "proto"),
    "library": ("libs", "library", "provider", "utils", "util", "common", "plugins"),
    "frontend": ("frontend", "web", "webapp", "www", "react", "i18n", "locales"),
    "infrastructure": (
        *("terraform", "helm", "chart", "charts", "kubernetes", "k8s", "ansible", "pulumi"),
    ),
    "documentation": ("readme", "guide", "guides", "tutorial", "examples", "md", "rst", "mkdocs"),
    "ci": ("github", "workflows", "travis", "jenkins", "circleci", "buildkite", "gitlab"),
    "tests": ("test", "e2e", "pytest", "unittest", "conftest", "fixtures"),
    "tooling": (
        *("tools", "tool", "dev", "script", "bin", "build", "bazel", "makefile", "setup"),
        *("pyproject", "requirements", "tox", "precommit", "changelog", "changes"),
    ),
}
_SUFFIXES = (
    *("ations", "ation", "ings", "ing", "ments", "ment", "ions", "ion"),
    *("ers", "er", "ed", "es", "s", "e"),
)


def _stem(word: str) -> str:
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


def _similar(a: str, b: str) -> bool:
    first, second = _stem(a), _stem(b)
    return min(len(first), len(second)) >= 4 and (
        first.startswith(second) or second.startswith(first)
    )


def _words(text: str) -> list[str]:
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.findall(r"[a-z0-9]+", folded.lower())


def _match(words: list[str], term: str) -> tuple[int, int] | None:
    """How well a kind's term matches words: (2 exact, 1 similar), and where it ends.

    A term of several words is similar when its last word is (`dbt-models`).
    """
    parts = term.split("-")
    best: tuple[int, int] | None = None
    last = len(parts) - 1
    for start in range(len(words) - last):
        window = words[start : start + len(parts)]
        if window == parts:
            return 2, start + last
        if best is None and window[:last] == parts[:last] and _similar(window[last], parts[last]):
            best = (1, start + last)
    return best


def guess_kind(
    name: str, description: str = "", taxonomy: Taxonomy | None = None, *, last: bool = False
) -> tuple[str | None, bool]:
    """The kind that ``name`` (then ``description``) suggests, and whether it is sure.

    Sure means one kind's id or alias is written in the name and no other
    kind's is. ``last`` prefers the words at the end of the name (for paths,
    where the last folder says most); otherwise the first words win ties.
    """
    return _KindGuesser(taxonomy or default_taxonomy()).guess(name, description, last=last)


class _KindGuesser:
    """:func:`guess_kind` for many names against one taxonomy.

    The taxonomy's terms (kind ids, aliases, synonyms) are indexed once, by
    their words and by their stems, so that each name is scored only against
    the kinds one of its words can match, not against every kind.
    """

    def __init__(self, taxonomy: Taxonomy) -> None:
        self.taxonomy = taxonomy
        self.kinds = list(taxonomy.kinds.values())
        self.terms: list[list[tuple[str, bool]]] = []
        # A term's words -> the kinds it belongs to: an exact match is a run
        # of a name's words equal to these.
        self.by_words: dict[tuple[str, ...], set[int]] = {}
        # A one-word term's stem -> its kinds; and every such stem, sorted:
        # a similar word's stem starts with the term's, or the term's with it.
        self.by_stem: dict[str, set[int]] = {}
        # A term of several words, by its words but the last one's stem.
        self.by_words_stem: dict[tuple[str, ...], set[int]] = {}
        stems: set[tuple[str, int]] = set()
        for index, kind in enumerate(self.kinds):
            terms = [(term, True) for term in (kind.id, *kind.aliases)]
            terms += [(word, False) for word in SYNONYMS.get(kind.id, ())]
            self.terms.append(terms)
            for term, _ in terms:
                parts = tuple(term.split("-"))
                self.by_words.setdefault(parts, set()).add(index)
                stem = _stem(term)
                if len(parts) == 1 and len(stem) >= 4:
                    self.by_stem.setdefault(stem, set()).add(index)
                    stems.add((stem, index))
                elif len(parts) > 1:
                    key = (*parts[:-1], _stem(parts[-1]))
                    self.by_words_stem.setdefault(key, set()).add(index)
        self.stems = sorted(stems)
        self.stem_lengths = sorted({len(stem) for stem in self.by_stem})
        self.word_counts = sorted({len(parts) for parts in self.by_words})

    def candidates(self, words: list[str]) -> set[int]:
        """The kinds that have a term matching some of these words, exactly or similarly."""
        found: set[int] = set()
        for count in self.word_counts:
            if count > len(words):
                break
            for start in range(len(words) - count + 1):
                window = words[start : start + count]
                found.update(self.by_words.get(tuple(window), ()))
                if count > 1:
                    key = (*window[:-1], _stem(window[-1]))
                    found.update(self.by_words_stem.get(key, ()))
        for word in set(words):
            stem = _stem(word)
            if len(stem) < 4:
                continue
            for length in self.stem_lengths:  # the terms whose stem starts this one
                if length > len(stem):
                    break
                found.update(self.by_stem.get(stem[:length], ()))
            at = bisect.bisect_left(self.stems, (stem,))  # the terms whose stem this one starts
            while at < len(self.stems) and self.stems[at][0].startswith(stem):
                found.add(self.stems[at][1])
                at += 1
        return found

    def guess(
        self, name: str, description: str = "", *, last: bool = False
    ) -> tuple[str | None, bool]:
        """What :func:`guess_kind` answers for this taxonomy."""
        name_words, description_words = _words(name), _words(description)
        scores: list[tuple[float, int, str, bool]] = []
        for index in sorted(self.candidates(name_words + description_words)):
            kind, terms = self.kinds[index], self.terms[index]
            score, where, exact = 0.0, 10_000, False
            for words, weight, offset in ((name_words, 3.0, 0), (description_words, 1.0, 1000)):
                for term, is_exact in terms:
                    found = _match(words, term)
                    if found is None:
                        continue
                    strength = weight if found[0] == 2 and is_exact else weight * 2 / 3
                    if found[0] == 1 and is_exact and "-" in term:
                        strength = weight * 5 / 6  # two words, the last one similar
                    position = offset + (len(words) - found[1] if last else found[1])
                    if strength > score or (strength == score and position < where):
                        score, where = strength, position
                    exact = exact or (found[0] == 2 and is_exact and offset == 0)
            if score:
                scores.append((-score, where, kind.id, exact))
        if not scores:
            return None, False
        scores.sort()
        best = scores[0]
        sure = best[3] and sum(entry[3] for entry in scores) == 1
        return best[2], sure


# ---------------------------------------------------------------- letters


def parse_letters(cell: str) -> list[str]:
    """The letters of one cell: `A/R`, `r,a`, `a r`, `AR`, `Accountable`; blank or `-` for none.

    Raises :class:`ValueError` with the token that is not a letter.
    """
    text = cell.strip()
    found: list[str] = []
    if text in _NONE:
        return found
    for token in _SEPARATORS.split(text):
        if not token:
            continue
        lower = token.lower()
        if lower in _WORDS:
            codes = [_WORDS[lower]]
        elif all(char in "racis" for char in lower):
            codes = [char.upper() for char in lower]
        else:
            raise ValueError(token)
        found.extend(code for code in codes if code not in found)
    return found


# ---------------------------------------------------------------- CSV


def _decode(data: bytes, source: str) -> str:
    utf16 = data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))
    try:
        return data.decode("utf-16" if utf16 else "utf-8-sig")
    except UnicodeDecodeError as error:
        byte = error.start + 1
        what = (
            f"UTF-16 (byte {byte}) although it starts with a UTF-16 byte order mark"
            if utf16
            else f"UTF-8 (byte {byte})"
        )
        raise ImportFailure(f"{source}: not {what}; export the spreadsheet as CSV UTF-8") from None


def _column_letter(index: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA: how a spreadsheet names a column."""
    name = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        name = chr(ord("A") + rest) + name
    return name


def _header_cell(text: str) -> str:
    return " ".join(text.split()).lower()


# What the first column of a RACI table is called: "component" in ours, a
# task, an activity or a deliverable in the tables people publish.
_COMPONENT_WORDS = (
    *("component", "task", "activity", "activities", "work item", "deliverable", "step"),
    *("process", "area", "work area", "workstream", "item"),
)
_COMPONENT_HEADERS = frozenset(
    (
        *_COMPONENT_WORDS,
        *(f"{word}s" for word in _COMPONENT_WORDS if not word.endswith("s")),
        *("processes", "component name", "component id", "task name", "activity name"),
    )
)
# Columns that hold no letters: the description, and what becomes a tag.
_DESCRIPTION_HEADERS = frozenset(
    ("description", "notes", "note", "comments", "comment", "details", "summary", "remarks")
)
_TAG_HEADERS = frozenset(
    ("phase", "stage", "category", "type", "status", "priority", "group", "milestone", "sprint")
)
# Headers of the other layout, whose columns are the letters: `Responsible`,
# `Responsible (R)`, `R - Responsible`, `Responsible (executes)`,
# `Accountable/Approver`: a letter's word first.
_ROLE_HEADER = re.compile(
    r"(?:(?P<letter>[racis])\s*(?:[-:=(]\s*)?)?"
    r"(?P<word>responsible|accountable|consulted|informed|supports|supported|support)\b"
)
# Words that make a name a team's: `Data Engineering`, `MLOps`, `Security`.
_TEAM_WORDS = frozenset(
    (
        *("team", "teams", "engineering", "squad", "group", "department", "dept", "committee"),
        *("board", "council", "office", "guild", "chapter", "unit", "platform", "infrastructure"),
        *("infra", "operations", "security", "legal", "compliance", "finance", "analytics"),
        *("science", "research", "sre", "qa", "it", "hr", "management", "leadership"),
        *("stakeholders", "marketing", "sales", "devops", "mlops", "dataops"),
    )
)
# Cells of the role layout that name no one: kept as a note.
_NOBODY = frozenset(("", "-", "\u2013", "\u2014", "n/a", "na", "tbd", "none", "?"))
_EVERYONE = frozenset(("all", "everyone", "everybody", "all staff", "all teams"))
_NAME_SEPARATORS = re.compile(r"\s*(?:,|\+|/|;|<br\s*/?>|\band\b)\s*", re.IGNORECASE)
_CONDITION = re.compile(r"\(([^()]*)\)")
# Markdown emphasis around a cell's text: `**R/A**`, `_Jane_`, `` `R` ``, `~~x~~`.
_EMPHASIS = re.compile(r"^(\*\*|__|\*|_|`|~~)(.+)\1$")


def _plain(cell: str) -> str:
    """A cell's text without its markdown emphasis, spaces made one."""
    text = " ".join(cell.split())
    while True:
        found = _EMPHASIS.match(text)
        if found is None:
            return text
        text = found.group(2).strip()


def _role_letter(header: str) -> str | None:
    """The letter a header of the role layout stands for (`Accountable (A)` -> A), or None.

    A letter alone (`R`) is no such header: a row of cells holding letters
    would read as one.
    """
    found = _ROLE_HEADER.match(_header_cell(header))
    if found is None:
        return None
    letter = _WORDS[found.group("word")]
    if found.group("letter") and found.group("letter").upper() != letter:
        return None
    return letter


def _is_team_name(name: str) -> bool:
    """Whether a name reads as a team's (`Data Engineering`, `MLOps`, `team: x`)."""
    if name.lower().startswith(TEAM_HEADER):
        return True
    words = name.split()
    if not words:
        return False
    last = words[-1]
    return last.lower() in _TEAM_WORDS or (len(last) > 3 and last.endswith("Ops"))


def _read_records(text: str, delimiter: str, source: str) -> list[list[str]]:
    try:
        return list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=False))
    except csv.Error as error:
        raise ImportFailure(f"{source}: not a readable CSV file: {error}") from None


def _is_header(record: list[str]) -> bool:
    """Whether a row is a RACI table's header: a component column, or two letter columns."""
    cells = [_plain(cell) for cell in record]
    if any(_header_cell(cell) in _COMPONENT_HEADERS for cell in cells):
        return True
    return sum(_role_letter(cell) is not None for cell in cells if cell) >= 2


def _find_header(records: list[list[str]]) -> int | None:
    for number, record in enumerate(records[:50]):
        if _is_header(record):
            return number
    return None


def _sniff(text: str, source: str) -> tuple[list[list[str]], int]:
    """The records and the header row, under the delimiter that finds a `component` header."""
    found: list[tuple[int, list[list[str]], int]] = []
    for delimiter in (",", ";", "\t"):
        records = _read_records(text, delimiter, source)
        header = _find_header(records)
        if header is not None:
            width = sum(bool(cell.strip()) for cell in records[header])
            found.append((width, records, header))
    if not found:
        records = _read_records(text, ",;"[text.count(";") > text.count(",")], source)
        first = next((r for r in records if any(cell.strip() for cell in r)), [])
        shown = ", ".join(repr(cell.strip()) for cell in first if cell.strip())[:120]
        raise ImportFailure(
            f"{source}: no `component` column: the header row must name one "
            f"(the first row holds {shown})"
        )
    _, records, header = max(found, key=lambda entry: entry[0])
    return records, header


def import_csv(data: bytes, source: str, taxonomy: Taxonomy) -> Imported:
    """Import a RACI spreadsheet exported as CSV (comma, semicolon or tab)."""
    text = _decode(data, source)
    if not text.strip(" \t\r\n,;"):
        raise ImportFailure(f"{source}: the file is empty; nothing to import")
    records, header_row = _sniff(text, source)
    result = Imported(source, "csv", taxonomy)
    for record in records[:header_row]:
        title = " ".join(" ".join(cell.split()) for cell in record if cell.strip())
        if title:
            result.header.append(f"Spreadsheet title: {title}")
    rows = list(enumerate(records[header_row + 1 :], start=header_row + 2))
    _read_table(result, records[header_row], header_row + 1, rows, _Where(source, "row"))
    return result


class _Where:
    """How a table's errors name a place: `row 4, column C` (CSV) or `line 12, column 3`."""

    def __init__(self, source: str, unit: str) -> None:
        self.source = source
        self.unit = unit

    def column(self, index: int) -> str:
        return _column_letter(index) if self.unit == "row" else str(index + 1)

    def at(self, number: int, index: int | None = None) -> str:
        place = f"{self.source}: {self.unit} {number}"
        return place if index is None else f"{place}, column {self.column(index)}"


class _Columns:
    """What each column of a table's header is."""

    def __init__(self, header: list[str], number: int, where: _Where) -> None:
        self.header = [_plain(cell) for cell in header]
        self.special: dict[str, int] = {}  # component, kind -> column
        self.descriptions: list[int] = []
        self.described = False  # whether one of them is called `description`
        self.tags: list[int] = []
        self.letters: dict[int, str] = {}  # the role layout: column -> letter
        self.people: list[int] = []  # the letter layout: one column per holder
        names = [_header_cell(cell) for cell in self.header]
        roles = {i: letter for i, cell in enumerate(self.header) if (letter := _role_letter(cell))}
        by_roles = len(roles) >= 2
        for index, name in enumerate(names):
            if name in _COMPONENT_HEADERS:
                name = "component"
            if name in ("component", "kind"):
                if name in self.special:
                    raise ImportFailure(
                        f"{where.at(number)}: two `{name}` columns "
                        f"({where.column(self.special[name])} and {where.column(index)})"
                    )
                self.special[name] = index
            elif name in _DESCRIPTION_HEADERS:
                self.descriptions.append(index)
                self.described = self.described or name == "description"
            elif by_roles and index in roles:
                self.letters[index] = roles[index]
            elif name in _TAG_HEADERS or (by_roles and name):
                self.tags.append(index)
            elif name:
                self.people.append(index)
        if "component" not in self.special:
            # A table of the role layout whose first column is named otherwise.
            first = next((i for i, name in enumerate(names) if name and i not in roles), None)
            if first is None:
                raise ImportFailure(
                    f"{where.at(number)}: no column names the components (a `task` or "
                    "`component` column)"
                )
            self.special["component"] = first
            for column in (self.tags, self.people, self.descriptions):
                if first in column:
                    column.remove(first)

    def known(self, index: int) -> bool:
        return (
            index in self.special.values()
            or index in self.letters
            or index in self.people
            or index in self.descriptions
            or index in self.tags
        )


def _read_table(
    result: Imported,
    header: list[str],
    header_number: int,
    rows: list[tuple[int, list[str]]],
    where: _Where,
) -> None:
    """The components of a RACI table's rows, into ``result``."""
    columns = _Columns(header, header_number, where)
    table = [(number, [_plain(cell) for cell in record]) for number, record in rows]
    table = [(number, cells) for number, cells in table if any(cells)]
    # A column of the letter layout none of whose cells holds letters is a
    # description or tags (`Phase`, `Owner team`), not a person.
    for index in list(columns.people):
        values = [_cell(cells, index) for _, cells in table if _cell(cells, index)]
        if values and not any(_letters_or_none(value) for value in values):
            columns.people.remove(index)
            columns.tags.append(index)
    ids = _Ids("person")
    holders = {index: _holder(columns.header[index], ids, result) for index in columns.people}
    by_name: dict[str, str] = {}
    components = _Ids("component")
    guesser = _KindGuesser(taxonomy=result.taxonomy)
    seen: dict[str, int] = {}  # label -> the row that first named it
    for number, cells in table:
        for index, cell in enumerate(cells):
            if cell and not columns.known(index):
                raise ImportFailure(
                    f"{where.at(number, index)}: {cell!r} is in a column without a header; "
                    "name the person in the header row, or delete it"
                )
        label = _cell(cells, columns.special["component"])
        if not label:
            raise ImportFailure(
                f"{where.at(number, columns.special['component'])}: no component name, but the "
                "row is not empty"
            )
        kind = _cell(cells, columns.special.get("kind"))
        description = "; ".join(
            value for index in columns.descriptions if (value := _cell(cells, index))
        )
        component = _Component(components.claim(label))
        if label.lower() in seen:
            result.warnings.append(
                f"{where.at(number)}: {label!r} repeats {where.unit} {seen[label.lower()]}; "
                f"imported as another component, {component.id}"
            )
        seen.setdefault(label.lower(), number)
        # A `description` column says it all; notes go after the name.
        named = [] if columns.described or label == component.id else [label]
        if description or named:
            component.description = "; ".join([*named, description] if description else named)
        for index in columns.tags:
            value = _cell(cells, index)
            tag = slugify(value)
            prefix = slugify(columns.header[index])
            if tag and prefix and not tag.startswith(prefix):
                tag = f"{prefix}-{tag}"
            if tag and tag not in component.tags:
                component.tags.append(tag)
        _set_kind(component, kind, label, description, guesser)
        for index in columns.people:
            value = _cell(cells, index)
            try:
                codes = parse_letters(value)
            except ValueError as error:
                title = columns.header[index]
                raise ImportFailure(
                    f"{where.at(number, index)} ({title!r}): unknown letter {error.args[0]!r} "
                    f"in {value!r}; a cell holds R, A, C, I or S, or several of them (A/R)"
                ) from None
            for code in codes:
                component.add(LETTER_NAMES[code], holders[index])
        for index, code in columns.letters.items():
            _named_holders(component, code, _cell(cells, index), ids, by_name, result)
        _missing_letters(component, "the table" if where.unit == "line" else "the spreadsheet")
        result.components[component.id] = component
    if not result.components:
        raise ImportFailure(
            f"{where.source}: no component rows below the header; nothing to import"
        )


def _letters_or_none(value: str) -> bool:
    try:
        parse_letters(value)
    except ValueError:
        return False
    return True


def _named_holders(
    component: _Component,
    code: str,
    cell: str,
    ids: _Ids,
    by_name: dict[str, str],
    result: Imported,
) -> None:
    """The role layout: a cell naming who holds a letter (`Dev, Architect`, `Legal (if PII)`)."""
    letter = LETTER_NAMES[code]
    if cell.lower() in _EVERYONE:
        component.notes.append(f"{letter.capitalize()}: {cell}")
        return
    for part in _NAME_SEPARATORS.split(cell):
        conditions = _CONDITION.findall(part)
        name = _plain(_CONDITION.sub("", part))
        if name.lower() in _NOBODY:
            continue
        if name.lower() in _EVERYONE:
            component.notes.append(f"{letter.capitalize()}: {name}")
            continue
        key = name.lower()
        holder = by_name.get(key)
        if holder is None:
            holder = by_name[key] = _holder(name, ids, result)
        component.add(letter, holder)
        for condition in conditions:
            if condition.strip():
                component.notes.append(f"{letter.capitalize()} {name}: {condition.strip()}")


def _cell(cells: list[str], index: int | None) -> str:
    return cells[index] if index is not None and index < len(cells) else ""


def _holder(header: str, ids: _Ids, result: Imported) -> str:
    """The person (or, for a `team:` header or a team's name, the team) a name stands for."""
    if _is_team_name(header):
        name = (
            header[len(TEAM_HEADER) :].strip() if header.lower().startswith(TEAM_HEADER) else header
        )
        team = _Holder(ids.claim(name or "team"))
        if name and name != team.id:
            team.name = name
        result.teams[team.id] = team
        return team.id
    person = _Holder(ids.claim(header))
    if header != person.id:
        person.name = header
    result.people[person.id] = person
    return person.id


def _set_kind(
    component: _Component, kind: str, label: str, description: str, guesser: _KindGuesser
) -> None:
    written = slugify(kind) if kind else ""
    if written:
        component.kind = written
        if guesser.taxonomy.kind(written) is None:
            component.kind_note = f"TODO: {kind!r} is not a kind of the taxonomy"
        return
    guessed, sure = guesser.guess(label, description)
    if guessed is None:
        component.kind_note = "TODO: set the kind (the list is at the top)"
    else:
        component.kind = guessed
        if not sure:
            component.kind_note = "TODO: check kind (guessed from the name)"


def _missing_letters(component: _Component, where: str) -> None:
    if not component.letters.get("responsible"):
        component.notes.append(f"TODO: no Responsible in {where}: who does the work?")
    if not component.letters.get("accountable"):
        component.notes.append(
            f"TODO: no Accountable in {where}: name the one person who signs off"
        )


# ---------------------------------------------------------------- CODEOWNERS

_SECTION = re.compile(r"\^?\[(?P<name>[^\]]*)\](?:\[\d+\])?(?P<owners>.*)$")
# `/docs/ @writer  # the handbook`: a comment after the owners.
_INLINE_COMMENT = re.compile(r"(?<!\\)[ \t]#(.*)$")


def _component_name(pattern: str) -> str:
    """`/pipelines/ingest/` -> `pipelines-ingest`, `docs/*.md` -> `docs-md-files`."""
    words = []
    for part in pattern.replace("\\", "").split("/"):
        if part in ("", "*", "**"):
            continue
        if part.startswith("*.") and not has_magic(part[2:]):
            words.append(f"{part[2:]}-files")
        else:
            words.append(re.sub(r"[*?\[\]]", "", part))
    return "-".join(word for word in words if word) or "everything"


@dataclass
class Migration:
    """Which lines of a CODEOWNERS file an import expressed, for `--migrate`.

    Line numbers are 1-based. ``rules`` are the rules imported as components
    (an exact duplicate's earlier line too: the later one says it all);
    ``comments`` the comment lines that moved into the ownership file above
    them. Every other line stays where it is.
    """

    rules: set[int] = field(default_factory=set)
    comments: set[int] = field(default_factory=set)
    section: int | None = None  # the first GitLab section header
    block: int | None = None  # the first line of a raci-lint block already there


def import_codeowners(data: bytes, source: str, taxonomy: Taxonomy) -> Imported:
    """Import a GitHub or GitLab CODEOWNERS file: one component per rule.

    A rule without owners becomes an `unowned: true` component, an email
    owner a person with that `email`: generating CODEOWNERS from the result
    gives every file the owners it had. An exact duplicate of an earlier
    pattern replaces it (the later line wins on GitHub), with a warning.
    """
    text = _decode(data, source)
    if not text.strip():
        raise ImportFailure(f"{source}: the file is empty; nothing to import")
    result = Imported(source, "codeowners", taxonomy)
    migration = result.migration = Migration()
    holders = _Ids("owner")
    by_owner: dict[str, str] = {}
    components = _Ids("component")
    guesser = _KindGuesser(taxonomy)
    pending: list[str] = []
    pending_lines: list[int] = []
    kept: set[int] = set()  # comment lines above a line that stays
    defaults: list[str] = []
    # (GitLab section, pattern) -> (line, component id): in GitLab, the
    # sections of a file all apply; within one, as on GitHub, the last line wins.
    by_pattern: dict[tuple[int, str], tuple[int, str]] = {}
    current = 0  # the line of the GitLab section header the rules are under
    # GitHub ends a line at \n only: NEL or U+2028 in a comment leave it one line.
    for number, raw in enumerate(text.split("\n"), start=1):
        line = raw.strip(" \t\r")
        if not line:
            if pending and not result.components and not result.header:
                # The comment block at the top of the file describes the file.
                result.header, pending = [f"CODEOWNERS: {text}" for text in pending], []
                kept.update(pending_lines)
                pending_lines = []
            continue
        if line.startswith("#"):
            if line.strip(" \t") in (BEGIN, END) and migration.block is None:
                migration.block = number
            pending.append(line[1:].strip() or "")
            pending_lines.append(number)
            continue
        section = _SECTION.match(line)
        if section:
            defaults = rule_tokens(section.group("owners"))
            note = f"GitLab section {line.split(']')[0]}]"
            if defaults:
                note += f", default owners {' '.join(defaults)}"
            pending.append(f"{note} (line {number})")
            kept.update(pending_lines)
            pending_lines = []
            if migration.section is None:
                migration.section = number
            current = number
            continue
        tokens = rule_tokens(line)
        if not tokens:
            continue
        pattern, owners = tokens[0], tokens[1:] or defaults
        if line.startswith("!"):  # a negation; `\!` is the character itself
            pending.append(
                f"TODO: line {number}: `{line}` is a negation, which CODEOWNERS does not "
                "support; not imported"
            )
            result.warnings.append(
                f"{source}:{number}: `{line}` is a negation, which CODEOWNERS does not support; "
                "not imported, and --migrate keeps the line as it is"
            )
            kept.update(pending_lines)
            pending_lines = []
            continue
        name = _component_name(pattern)
        earlier = by_pattern.get((current, pattern))
        # A pattern written again takes the place (and the id) of the earlier line.
        component = _Component(earlier[1] if earlier else components.claim(name))
        component.paths.append(pattern)
        component.comments, pending = pending, []
        inline = _INLINE_COMMENT.search(line)
        if inline and inline.group(1).strip():
            component.comments.append(inline.group(1).strip())
        migration.rules.add(number)
        migration.comments.update(line for line in pending_lines if line not in kept)
        pending_lines = []
        _guess_path_kind(component, name, pattern, guesser)
        if earlier is not None:
            _replace_duplicate(result, component, earlier, number, source, pattern)
        by_pattern[current, pattern] = (number, component.id)
        first = True
        for owner in owners:
            holder = _owner(owner, holders, by_owner, result)
            if holder is None:
                component.notes.append(
                    f"TODO: owner {owner} is not @user, @org/team or an email address: "
                    "GitHub ignores it"
                )
            else:
                component.add("responsible", holder)
                if first and holder in result.people:
                    component.add("accountable", holder)
            first = False
        if not component.letters:
            _unowned(result, component, number, source, pattern)
        elif not component.letters.get("accountable"):
            component.notes.append(
                "TODO: the first owner is not a person: name the one person who signs off"
            )
        result.components[component.id] = component
    result.trailing = pending
    if not result.components:
        raise ImportFailure(f"{source}: no rule; nothing to import")
    return result


def _guess_path_kind(component: _Component, name: str, pattern: str, guesser: _KindGuesser) -> None:
    guessed, sure = guesser.guess(name, "", last=True)
    if guessed is None:
        component.kind_note = f"TODO: set the kind of {pattern} (the list is at the top)"
    else:
        component.kind = guessed
        if not sure:
            component.kind_note = f"TODO: check kind (guessed from {pattern})"


def _replace_duplicate(
    result: Imported,
    component: _Component,
    earlier: tuple[int, str],
    number: int,
    source: str,
    pattern: str,
) -> None:
    """A pattern written again: the later line wins every file, the earlier goes."""
    line, replaced = earlier
    gone = result.components.pop(replaced, None)
    if gone is not None:
        component.comments = [*gone.comments, *component.comments]
    component.comments.append(
        f"CODEOWNERS line {line} wrote {pattern} too; line {number}, which wins on GitHub, "
        "replaces it"
    )
    result.warnings.append(
        f"{source}:{number}: pattern `{pattern}` repeats line {line}; the later line wins on "
        f"GitHub, so line {line} is not imported"
    )


def _unowned(
    result: Imported, component: _Component, number: int, source: str, pattern: str
) -> None:
    """A rule without owners: its files are owned by nobody, on purpose or not."""
    component.unowned = True
    swallowed = swallowed_owner(pattern)
    if swallowed:
        fixed = " ".join(swallowed)
        component.unowned_note = (
            f"TODO: CODEOWNERS line {number} has no owner; a missing space? (`{fixed}`)"
        )
        result.warnings.append(
            f"{source}:{number}: `{pattern}` has no owner: a missing space before "
            f"{swallowed[1]}? (`{fixed}`); imported as it reads, unowned"
        )
    else:
        component.unowned_note = f"CODEOWNERS line {number} has no owner: unowned on purpose"


def _owner(owner: str, ids: _Ids, seen: dict[str, str], result: Imported) -> str | None:
    """The person or team id of one CODEOWNERS owner, or None for what owns nothing."""
    key = owner.lower()
    if key in seen:
        return seen[key]
    if not is_owner(owner):
        return None
    if not owner.startswith("@"):
        person = _Holder(ids.claim(owner.split("@", 1)[0]))
        person.email = owner
        if not _EMAIL.fullmatch(owner) or not writable_email(owner):
            # Kept, but the generated block cannot write it (a `#` starts a comment there).
            person.notes.append(f"TODO: CODEOWNERS names them {owner}, an unusual email address")
        result.people[person.id] = person
        seen[key] = person.id
        return person.id
    handle = owner[1:]
    if "/" in handle:
        team = _Holder(ids.claim(handle.rsplit("/", 1)[1]))
        if _GITHUB_TEAM.fullmatch(handle):
            team.github = handle
        else:
            team.notes.append(f"TODO: CODEOWNERS names it {owner}, not a GitHub team")
        result.teams[team.id] = team
        seen[key] = team.id
        return team.id
    person = _Holder(ids.claim(handle))
    if _GITHUB_USER.fullmatch(handle):
        person.github = handle
    else:
        person.notes.append(f"TODO: CODEOWNERS names them {owner}, not a GitHub user name")
    result.people[person.id] = person
    seen[key] = person.id
    return person.id


def rewrite_codeowners(text: str, migration: Migration, block: str) -> str:
    """The CODEOWNERS text after `import --migrate`: the imported lines become the block.

    The block takes the place of the first line the import expressed; the
    other rules it imported, and the comments that moved into the ownership
    file, are removed; every other line stays as it was, in its order.
    Blank lines left doubled by the removal are made one.
    """
    removed = migration.rules | migration.comments
    out: list[str] = []
    placed = False
    for number, line in enumerate(lines_of(text), start=1):
        if number in removed:
            if not placed:
                if out and out[-1].strip():
                    out.append("\n")
                out.append(block)
                placed = True
            continue
        if out and not out[-1].endswith("\n"):
            out[-1] += "\n"
        out.append(line)
    if not placed:
        if out and not out[-1].endswith("\n"):
            out[-1] += "\n"
        out += ["\n", block] if out else [block]
    kept: list[str] = []
    for line in out:
        if not line.strip() and (not kept or not kept[-1].strip()):
            continue  # a blank line at the top, or after another
        kept.append(line)
    while kept and not kept[-1].strip():
        kept.pop()
    return "".join(kept)


# ---------------------------------------------------------------- markdown

_DELIMITER_CELL = re.compile(r":?-+:?")
_FENCE = re.compile(r"(`{3,}|~{3,})")


def _pipe_cells(line: str) -> list[str]:
    """The cells of a GitHub-flavoured table row: `| a | b \\| c |` -> `a`, `b | c`."""
    text = line.strip()
    if text.startswith("|"):
        text = text[1:]
    if text.endswith("|") and not text.endswith("\\|"):
        text = text[:-1]
    cells = re.split(r"(?<!\\)\|", text)
    return [cell.replace("\\|", "|").strip() for cell in cells]


def _is_delimiter(line: str) -> bool:
    if "-" not in line:
        return False
    cells = _pipe_cells(line)
    return bool(cells) and all(_DELIMITER_CELL.fullmatch(cell) for cell in cells)


def _tables(lines: list[str]) -> list[tuple[int, list[tuple[int, list[str]]], str | None]]:
    """The pipe tables of a markdown file, outside code blocks.

    Each is (the header's line number, the rows as (line number, cells), the
    heading above it, if any).
    """
    found = []
    fence: str | None = None
    heading: tuple[int, str] | None = None
    index = 0
    while index < len(lines):
        line = lines[index].strip()
        opening = _FENCE.match(line)
        if fence is not None:
            if line.startswith(fence):
                fence = None
            index += 1
            continue
        if opening:
            fence = opening.group(1)[0] * 3
            index += 1
            continue
        if line.startswith("#"):
            heading = (index + 1, line.lstrip("#").strip())
        if "|" in line and index + 1 < len(lines) and _is_delimiter(lines[index + 1]):
            rows = [(index + 1, _pipe_cells(line))]
            index += 2
            while index < len(lines) and "|" in lines[index] and lines[index].strip():
                rows.append((index + 1, _pipe_cells(lines[index])))
                index += 1
            title = f"{heading[1]} (line {heading[0]})" if heading else None
            found.append((rows[0][0], rows, title))
            continue
        index += 1
    return found


def import_markdown(data: bytes, source: str, taxonomy: Taxonomy) -> Imported:
    """Import the first RACI pipe table of a markdown file (other text is ignored).

    A RACI table's header names a `task` (`component`, `activity`, `work
    item`, `deliverable`, `step`, `process`) column and one column per
    person, or has `Responsible`, `Accountable`... columns whose cells name
    who. Markdown emphasis in cells (`**R/A**`) is ignored.
    """
    text = _decode(data, source)
    if not text.strip():
        raise ImportFailure(f"{source}: the file is empty; nothing to import")
    lines = [line.rstrip("\r") for line in text.split("\n")]
    tables = [table for table in _tables(lines) if _is_header(table[1][0][1])]
    if not tables:
        raise ImportFailure(
            f"{source}: no RACI table: no pipe table whose header names a `task` (or "
            "`component`, `activity`...) column, or `Responsible` and `Accountable` columns"
        )
    number, rows, heading = tables[0]
    result = Imported(source, "markdown", taxonomy)
    if heading:
        result.header.append(f"The table under the heading {heading}.")
    for other, _, _ in tables[1:]:
        result.warnings.append(
            f"{source}:{other}: another RACI table; only the first (line {number}) is imported"
        )
    _read_table(result, rows[0][1], number, rows[1:], _Where(source, "line"))
    return result
