"""Property-based tests (issue 6): no input makes raci-lint crash, hang or point outside a file.

Hypothesis generates four kinds of input: arbitrary YAML documents (dumped
from random data, and soups of YAML tokens), RACI-shaped documents with
references between them, mutations of the example files (deleted, duplicated
and swapped lines, changed and swapped indentation, inserted and replaced
bytes, hostile tokens), and arbitrary bytes and text. For every input:

* ``raci_lint.engine.lint.lint_text`` raises nothing, each violation's line lies
  inside the text, and the ``concise`` format shows one line a violation;
* ``raci-lint check --isolated -f json`` exits 0 or 1 with nothing on stderr,
  its output parses as JSON, and each violation's line lies inside its file.

The command line runs in process on a batch of inputs at once (one file
each), so that one run of click serves several inputs.

The normal run generates at least 10,000 inputs in about half a minute, the
same ones every time (hypothesis's ``derandomize``), so that it never fails by
chance. For a longer run, with fresh random inputs, set the total number of
inputs, for example::

    RACI_LINT_FUZZ_EXAMPLES=200000 pytest tests/test_fuzz.py

That is about twenty minutes on two cores. ``RACI_LINT_FUZZ_SEED=N`` makes
such a run repeatable (hypothesis prints the failing example either way).
Known defects a long run can still find are pinned down by ``xfail`` tests
in ``test_robustness.py`` (for instance an ``include`` entry holding a NUL).
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import random
import string
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import ROOT
from hypothesis import HealthCheck, given, note, seed, settings
from hypothesis import strategies as st

from raci_lint.cli import main
from raci_lint.engine.lint import lint_text
from raci_lint.reporters import render
from raci_lint.rules import all_rules

EXAMPLE_FILES = sorted(
    path
    for pattern in ("examples/**/*.yaml", "examples/**/*.yml", "raci_lint/data/starter-*.yaml")
    for path in ROOT.glob(pattern)
    if path.name != "feature_store.yaml"
)
EXAMPLES = [path.read_bytes() for path in EXAMPLE_FILES]

TOTAL = int(os.environ.get("RACI_LINT_FUZZ_EXAMPLES", "10000"))
BATCH = 16  # inputs per hypothesis example: per CLI run
# Share of the inputs for each test (they add up to 1).
SHARES = {"yaml": 0.25, "raci": 0.2, "mutations": 0.2, "bytes": 0.35}
CODES = {rule.code for rule in all_rules()}
SEVERITIES = {"error", "warning", "info"}
FIELDS = {
    "code", "name", "severity", "message", "hint", "path", "line", "column", "end_line",
    "end_column", "pointer", "subject", "fingerprint",
}  # fmt: skip


def fuzz_settings(share: str) -> Callable[[Any], Any]:
    examples = max(1, round(TOTAL * SHARES[share] / BATCH))
    decorator = settings(
        max_examples=examples,
        deadline=None,
        database=None,
        derandomize="RACI_LINT_FUZZ_EXAMPLES" not in os.environ,
        suppress_health_check=list(HealthCheck),
    )
    fixed = os.environ.get("RACI_LINT_FUZZ_SEED")
    if fixed is None:
        return decorator
    return lambda test: seed(int(fixed))(decorator(test))


def yaml_lines(text: str) -> int:
    """How many lines a text holds as YAML 1.1 counts them (LF, CR, CRLF, NEL, LS, PS)."""
    return (
        len(
            text.replace("\r\n", "\n")
            .translate({ord(c): "\n" for c in "\r\x85\u2028\u2029"})
            .split("\n")
        )
        if text
        else 1
    )


_BOMS = (
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)


def line_count(data: bytes) -> int:
    """How many lines a file holds (an upper bound when it cannot be decoded)."""
    encoding = "utf-8"
    for bom, name in _BOMS:
        if data.startswith(bom):
            data, encoding = data[len(bom) :], name
            break
    try:
        return yaml_lines(data.decode(encoding))
    except UnicodeDecodeError:
        return data.count(b"\n") + data.count(b"\r") + 1


def check_violation(violation: dict[str, Any], lines: int) -> None:
    assert set(violation) >= FIELDS
    assert violation["code"] in CODES
    assert violation["severity"] in SEVERITIES
    assert isinstance(violation["message"], str)
    assert violation["message"]
    assert 1 <= violation["line"] <= lines, (violation, lines)
    # The end of a node that runs to the end of a file without a final line
    # break may be reported just past it (see test_robustness).
    assert 1 <= violation["end_line"] <= lines or (
        violation["end_line"] == lines + 1 and violation["end_column"] == 1
    ), (violation, lines)
    assert violation["column"] >= 1
    assert (violation["end_line"], violation["end_column"]) >= (
        violation["line"],
        violation["column"],
    )


def check_api(text: str) -> None:
    """lint_text raises nothing, every violation lies inside the text, one line each."""
    report = lint_text(text)  # as "<stdin>": no includes or paths resolved from here
    lines = yaml_lines(text[1:] if text.startswith("\ufeff") else text)
    for violation in report.violations:
        check_violation(violation.to_dict(), lines)
    # Whatever a message quotes from the file, the terminal shows one line a violation.
    concise = render(report, "concise")
    assert concise.count("\n") == len(report.violations) + 1
    shown = concise.split("\n")[:-2]
    assert shown == [line for line in shown if line.startswith("<stdin>:")]


def check_cli(folder: Path, inputs: list[bytes]) -> None:
    """`check -f json` of every input at once: exit 0 or 1, JSON, lines inside each file."""
    paths = []
    for index, data in enumerate(inputs):
        path = folder / f"input-{index}.yaml"
        path.write_bytes(data)
        paths.append(str(path))
    out = io.TextIOWrapper(io.BytesIO(), encoding="utf-8")
    err = io.TextIOWrapper(io.BytesIO(), encoding="utf-8")
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["check", "--isolated", "-f", "json", *paths])
    out.flush()
    err.flush()
    stderr = err.buffer.getvalue().decode("utf-8")  # type: ignore[attr-defined]
    assert (code, stderr) in ((0, ""), (1, "")), stderr
    violations = json.loads(out.buffer.getvalue().decode("utf-8"))  # type: ignore[attr-defined]
    assert isinstance(violations, list)
    assert (code == 1) == any(v["severity"] == "error" for v in violations)
    lines = {path: line_count(data) for path, data in zip(paths, inputs, strict=True)}
    for violation in violations:
        assert violation["path"] in lines
        check_violation(violation, lines[violation["path"]])


def check_all(folder: Path, texts: list[str], encoded: list[bytes] | None = None) -> None:
    for text in texts:
        check_api(text)
    check_cli(folder, encoded or [t.encode("utf-8", "surrogatepass") for t in texts])


# ------------------------------------------------------------- strategies

SCHEMA_WORDS = [
    "version", "scheme", "include", "people", "teams", "components", "name", "disciplines",
    "email", "github", "active", "members", "kind", "description", "paths", "depends_on",
    "tags", "raci", "responsible", "accountable", "consulted", "informed", "support",
    "x-defaults", "x-note", "<<",
]  # fmt: skip
IDS = ["ada", "bob", "cy", "data-platform", "ingest", "train", "serve", "no", "0755", "on", "~"]
KINDS = ["ingestion", "training", "evaluation", "deployment", "monitoring", "etl", "nope"]
DISCIPLINES = ["data-engineer", "data-scientist", "ml-engineer", "data-steward", "wizard"]

DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)  # libyaml's emitter is much faster

ALPHABET = (
    string.ascii_letters
    + string.digits
    + " -_.:#&*!|>%@`'\"\\,[]{}?~\t\n\x85é€\U0001d518\u2028\x00\x1b"
)
SCALAR_WORDS = SCHEMA_WORDS + IDS + KINDS + DISCIPLINES


def random_text(rng: random.Random) -> str:
    return "".join(rng.choice(ALPHABET) for _ in range(rng.randrange(12)))


def random_scalar(rng: random.Random) -> Any:
    kind = rng.randrange(8)
    if kind < 3:
        return rng.choice(SCALAR_WORDS)
    if kind < 5:
        return random_text(rng)
    return rng.choice([rng.randrange(-(10**6), 10**6), rng.random() * 1e9, kind == 5, None])


def random_value(rng: random.Random, depth: int = 0) -> Any:
    """Random data, nested a few levels: what a YAML file may hold."""
    kind = rng.randrange(10)
    if depth > 3 or kind < 5:
        return random_scalar(rng)
    size = rng.randrange(5)
    if kind < 7:
        return [random_value(rng, depth + 1) for _ in range(size)]
    return {
        rng.choice(SCALAR_WORDS) if rng.random() < 0.7 else random_text(rng): random_value(
            rng, depth + 1
        )
        for _ in range(size)
    }


def dump(data: Any, rng: random.Random, **options: Any) -> str:
    return yaml.dump(
        data,
        Dumper=DUMPER,
        default_flow_style=rng.choice([False, True, None]),
        allow_unicode=rng.random() < 0.5,
        indent=rng.randrange(2, 7),
        width=rng.choice([20, 80, 10_000]),
        explicit_start=rng.random() < 0.3,
        explicit_end=rng.random() < 0.2,
        sort_keys=False,
        **options,
    )


@st.composite
def dumped_yaml(draw: st.DrawFn) -> str:
    """Random data written as YAML in a random style (one seed, drawn by hypothesis)."""
    rng = random.Random(draw(st.integers(min_value=0, max_value=2**64)))
    data: Any = (
        random_value(rng)
        if rng.random() < 0.3
        else {rng.choice(SCALAR_WORDS): random_value(rng, 1) for _ in range(rng.randrange(7))}
    )
    text = dump(data, rng)
    note(text)
    return text


TOKENS = [
    ": ", ":", "- ", "-", "? ", "[", "]", "{", "}", ", ", "&a ", "*a", "&b ", "*b", "<<: ",
    "!!python/name:os.system ", "!!str ", "!!binary ", "!tag ", "! ", "'", '"', "\\", "#", " #",
    "|", ">", "|-", "---", "...", "%YAML 1.1", "%TAG ! tag:x:", "\n", "\n", "\n", "  ", "    ",
    "\t", "\r", "\r\n", "\x85", "\u2028", "\ufeff", "\x00", "\x1b[2J", "\u202e", "\u200b",
    "# raci-lint: disable=RACI001", "# raci-lint: disable-file=ALL until=2000-01-01",
    "version: 1", "components:", "people:", "teams:", "raci:", "team:", "external:",
    "x-", "0x1", "1e3", ".inf", "null", "~", "yes", "é", "\U0001d518",
]  # fmt: skip
token_soup = st.lists(st.sampled_from(TOKENS + IDS + SCHEMA_WORDS), max_size=40).map("".join)

LETTERS = ["responsible", "accountable", "consulted", "informed", "support", "x-y"]


def random_reference(rng: random.Random) -> Any:
    kind = rng.randrange(10)
    if kind < 6:
        return rng.choice(IDS)
    if kind < 8:
        return f"team:{rng.choice(IDS)}"
    return "external:x" if kind == 8 else random_scalar(rng)


def random_references(rng: random.Random) -> Any:
    kind = rng.randrange(4)
    if kind == 0:
        return random_reference(rng)
    if kind == 1:
        return None
    return [random_reference(rng) for _ in range(rng.randrange(5))]


def maybe(rng: random.Random, fields: dict[str, Callable[[], Any]]) -> dict[str, Any]:
    return {key: make() for key, make in fields.items() if rng.random() < 0.6}


def random_raci(rng: random.Random) -> dict[str, Any]:
    def person() -> Any:
        return maybe(rng, {
            "name": lambda: random_text(rng),
            "disciplines": lambda: rng.choice(DISCIPLINES) if rng.random() < 0.3
            else rng.sample(DISCIPLINES, rng.randrange(3)),
            "github": lambda: rng.choice(["ada", "@acme/x", "", "a b"]),
            "active": lambda: rng.choice([True, False, "no", random_text(rng)]),
        }) if rng.random() < 0.9 else random_scalar(rng)  # fmt: skip

    def team() -> Any:
        return maybe(rng, {
            "members": lambda: [rng.choice(IDS) for _ in range(rng.randrange(4))],
            "github": lambda: "acme/x",
        })  # fmt: skip

    def component() -> Any:
        return maybe(rng, {
            "kind": lambda: rng.choice(KINDS) if rng.random() < 0.9 else random_text(rng),
            "raci": lambda: {rng.choice(LETTERS): random_references(rng)
                             for _ in range(rng.randrange(6))},
            "depends_on": lambda: [rng.choice([*IDS, "external:up"])
                                   for _ in range(rng.randrange(4))],
            "tags": lambda: rng.sample(["pii", "tier-1", "x"], rng.randrange(3)),
            "paths": lambda: rng.sample(["src/**", "../up", "/", "*.py", "[", ""],
                                        rng.randrange(3)),
        }) if rng.random() < 0.95 else random_scalar(rng)  # fmt: skip

    document = maybe(rng, {
        "version": lambda: rng.choice([1, 1, 1, 1, 2, "1", None]),
        "scheme": lambda: rng.choice(["RACI", "RASCI", "x"]),
        "include": lambda: rng.choice([[], ["people.yaml"], "x", ["/etc/passwd"]]),
        "people": lambda: {rng.choice(IDS): person() for _ in range(rng.randrange(5))},
        "teams": lambda: {rng.choice(IDS): team() for _ in range(rng.randrange(3))},
        "components": lambda: {rng.choice(IDS): component() for _ in range(rng.randrange(5))},
    })  # fmt: skip
    document.setdefault("version", 1)
    return document


@st.composite
def raci_yaml(draw: st.DrawFn) -> str:
    """An ownership file: mostly well-formed, with references that may not resolve."""
    rng = random.Random(draw(st.integers(min_value=0, max_value=2**64)))
    text = dump(random_raci(rng), rng, default_style=None)
    if rng.random() < 0.3:  # shared letters behind an anchor, merged in
        text = text.replace("raci:", "raci: &r", 1).replace("raci: {", "raci: {<<: *r, ", 1)
    note(text)
    return text


HOSTILE_INSERTS = [
    b"&a ", b"*a", b"<<: *a\n", b"!!python/object/apply:os.system [id] ", b"\t", b"\x00",
    b"\xef\xbb\xbf", b"\r", b"\xc2\x85", b"\xe2\x80\xa8", b"[", b"{", b"'", b'"', b"? ",
    b"---\n", b"...\n", b"%YAML 1.1\n", b"# raci-lint: disable=ALL\n",
    b"# raci-lint: disable-file=RACI001 until=2000-01-01\n", b"\xff", b"\x1b[2J",
]  # fmt: skip


OPERATIONS = [
    "delete", "duplicate", "swap", "indent", "swap-indent", "insert", "replace", "truncate",
    "hostile",
]  # fmt: skip


def _indent(line: bytes, spaces: int, tab: bool) -> bytes:
    body = line.lstrip(b" \t")
    return (b"\t" if tab else b"") + b" " * spaces + body


@st.composite
def mutated_example(draw: st.DrawFn) -> bytes:
    """An example file after a few random edits."""
    lines = draw(st.sampled_from(EXAMPLES)).splitlines(keepends=True)
    for _ in range(draw(st.integers(min_value=1, max_value=4))):
        if not lines:
            lines = [b""]
        i = draw(st.integers(min_value=0, max_value=len(lines) - 1))
        j = draw(st.integers(min_value=0, max_value=len(lines) - 1))
        operation = draw(st.sampled_from(OPERATIONS))
        line = lines[i]
        if operation == "delete":
            del lines[i]
        elif operation == "duplicate":
            lines.insert(j, line)
        elif operation == "swap":
            lines[i], lines[j] = lines[j], lines[i]
        elif operation == "indent":
            spaces = draw(st.integers(min_value=0, max_value=8))
            lines[i] = _indent(line, spaces, draw(st.booleans()))
        elif operation == "swap-indent":
            first, second = lines[i], lines[j]
            lines[i] = second[: len(second) - len(second.lstrip())] + first.lstrip()
            lines[j] = first[: len(first) - len(first.lstrip())] + second.lstrip()
        else:
            offset = draw(st.integers(min_value=0, max_value=len(line)))
            if operation == "insert":
                piece = draw(st.binary(min_size=1, max_size=4))
                lines[i] = line[:offset] + piece + line[offset:]
            elif operation == "replace":
                byte = draw(st.integers(min_value=0, max_value=255))
                lines[i] = line[:offset] + bytes([byte]) + line[offset + 1 :]
            elif operation == "truncate":
                lines = [*lines[:i], line[:offset]]
            else:
                piece = draw(st.sampled_from(HOSTILE_INSERTS))
                lines[i] = line[:offset] + piece + line[offset:]
    return b"".join(lines)


def decoded(data: bytes) -> str:
    """The text lint_text gets for some bytes: undecodable bytes become lone surrogates."""
    return data.decode("utf-8", "surrogateescape")


# ------------------------------------------------------------------- tests


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return tmp_path


def test_fuzz_arbitrary_yaml_documents(folder: Path) -> None:
    count = []

    @fuzz_settings("yaml")
    @given(st.lists(st.one_of(dumped_yaml(), token_soup), min_size=BATCH, max_size=BATCH))
    def run(texts: list[str]) -> None:
        check_all(folder, texts)
        count.append(len(texts))

    run()
    assert sum(count) >= TOTAL * SHARES["yaml"] * 0.95


def test_fuzz_raci_documents(folder: Path) -> None:
    count = []

    @fuzz_settings("raci")
    @given(st.lists(raci_yaml(), min_size=BATCH, max_size=BATCH))
    def run(texts: list[str]) -> None:
        check_all(folder, texts)
        count.append(len(texts))

    run()
    assert sum(count) >= TOTAL * SHARES["raci"] * 0.95


def test_fuzz_mutated_example_files(folder: Path) -> None:
    count = []

    @fuzz_settings("mutations")
    @given(st.lists(mutated_example(), min_size=BATCH, max_size=BATCH))
    def run(inputs: list[bytes]) -> None:
        check_all(folder, [decoded(data) for data in inputs], inputs)
        count.append(len(inputs))

    run()
    assert sum(count) >= TOTAL * SHARES["mutations"] * 0.95


def test_fuzz_arbitrary_bytes_and_text(folder: Path) -> None:
    count = []
    printable = st.text(alphabet=string.printable + "\x85\u2028é\ufeff", max_size=200)
    any_text = st.text(max_size=100)

    @fuzz_settings("bytes")
    @given(
        st.lists(
            st.one_of(
                st.binary(max_size=200),
                printable.map(lambda t: t.encode()),
                any_text.map(lambda t: t.encode("utf-16")),
            ),
            min_size=BATCH // 2,
            max_size=BATCH // 2,
        ),
        st.lists(any_text, min_size=BATCH // 2, max_size=BATCH // 2),
    )
    def run(inputs: list[bytes], texts: list[str]) -> None:
        # Bytes, and their decoding (undecodable bytes as lone surrogates);
        # text, lone surrogates included, and its encoding.
        check_all(
            folder,
            [decoded(data) for data in inputs] + texts,
            inputs + [text.encode("utf-8", "surrogatepass") for text in texts],
        )
        count.append(len(inputs) + len(texts))

    run()
    assert sum(count) >= TOTAL * SHARES["bytes"] * 0.95


def test_the_examples_are_found() -> None:
    names = {path.name for path in EXAMPLE_FILES}
    assert {"raci.yaml", "people.yaml", "starter-raci.yaml", "taxonomy.yaml"} <= names
    assert len(EXAMPLES) >= 8
