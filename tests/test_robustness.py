"""Robustness and security (issue 6): survive any input, lose nothing, let nothing in.

Every hostile input of ``HOSTILE`` goes end to end through the command line,
in process (``raci_lint.cli.main``), and must give violations (exit 1) or
nothing (exit 0), with the exact codes and positions listed there: never a
traceback, never a hang, never a position outside the file. The rest of the
module covers the safety limits and their configuration keys, merge keys,
tags that must never run, unreadable paths (exit 2, one line each, the
other paths still linted), files that must never be written or left half
written, and output that no text from a linted file can inject into.

A test marked ``xfail(strict=True)`` asserts the correct behaviour of a known
defect; its ``reason`` says what happens today. When the defect is fixed the
test passes, and strict mode makes the run fail until the mark is removed.

Set ``RACI_LINT_SLOW=1`` to also lint an ownership file of 100,000 components.
"""

from __future__ import annotations

import contextlib
import errno
import gzip
import io
import json
import os
import pathlib
import signal
import socket
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, NamedTuple

import pytest

from raci_lint.cli import main
from raci_lint.engine.lint import lint_bytes, lint_text
from raci_lint.reading import loader
from raci_lint.reading.loader import Limits
from raci_lint.settings.options import LintOptions

MiB = 1024 * 1024
POSIX = os.name == "posix"
ROOT_USER = POSIX and os.geteuid() == 0

# A clean ownership file of seven lines; hostile content is mostly added
# after it, from line 8, so that the hostile part alone is reported.
MINIMAL = (
    "version: 1\n"
    "people:\n"
    "  ada: {disciplines: [data-engineer]}\n"
    "components:\n"
    "  ingest:\n"
    "    kind: ingestion\n"
    "    raci: {responsible: [ada], accountable: ada}\n"
)


# ------------------------------------------------------------------ helpers


def run_cli(args: list[str]) -> tuple[int, str, str]:
    """Run the CLI in process: (exit code, stdout, stderr), both strictly UTF-8."""
    out = io.TextIOWrapper(io.BytesIO(), encoding="utf-8")
    err = io.TextIOWrapper(io.BytesIO(), encoding="utf-8")
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(args)
    out.flush()
    err.flush()
    stdout = out.buffer.getvalue().decode("utf-8")  # type: ignore[attr-defined]
    stderr = err.buffer.getvalue().decode("utf-8")  # type: ignore[attr-defined]
    return code, stdout, stderr


def run_subprocess(
    args: list[str], cwd: Path, timeout: float = 30, **options: Any
) -> subprocess.CompletedProcess[str]:
    """Run the CLI as a user does, in a subprocess that can never hang the suite."""
    environment = {
        k: v for k, v in os.environ.items() if k not in ("GITHUB_ACTIONS", "RACI_LINT_FORMAT")
    }
    return subprocess.run(
        [sys.executable, "-m", "raci_lint", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="backslashreplace",
        env=environment,
        timeout=timeout,
        check=False,
        stdin=subprocess.DEVNULL,
        **options,
    )


def yaml_lines(text: str) -> list[str]:
    """The lines of a text as YAML 1.1 (and so raci-lint) counts them."""
    return (
        text.replace("\r\n", "\n")
        .translate({ord(c): "\n" for c in "\r\x85\u2028\u2029"})
        .split("\n")
    )


def line_count(data: bytes) -> int:
    """How many lines a file holds, counting the empty one after a final break."""
    for bom, encoding in (
        (b"\xff\xfe\x00\x00", "utf-32-le"),
        (b"\x00\x00\xfe\xff", "utf-32-be"),
        (b"\xef\xbb\xbf", "utf-8"),
        (b"\xff\xfe", "utf-16-le"),
        (b"\xfe\xff", "utf-16-be"),
    ):
        if data.startswith(bom):
            data, chosen = data[len(bom) :], encoding
            break
    else:
        chosen = "utf-8"
    try:
        return len(yaml_lines(data.decode(chosen)))
    except UnicodeDecodeError:
        return data.count(b"\n") + data.count(b"\r") + 1


def check_json(path: Path) -> tuple[int, list[dict[str, Any]], str]:
    """`check --isolated -f json PATH` in process: (exit, violations, stderr)."""
    code, out, err = run_cli(["check", "--isolated", "-f", "json", str(path)])
    return code, json.loads(out) if out else [], err


@contextlib.contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Fail (instead of hanging) when the block runs longer than ``seconds``."""

    class TimeLimit(BaseException):  # not an Exception: the CLI must not catch it
        pass

    def expire(signum: int, frame: object) -> None:
        raise TimeLimit

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    expired = False
    try:
        yield
    except TimeLimit:
        expired = True
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
    if expired:  # outside the except clause: no chained traceback of the interrupted frames
        pytest.fail(f"still running after {seconds} s", pytrace=False)


def text(content: str) -> Callable[[Path], None]:
    return lambda path: path.write_bytes(content.encode("utf-8"))


def raw(factory: Callable[[], bytes]) -> Callable[[Path], None]:
    return lambda path: path.write_bytes(factory())


def sparse(size: int) -> Callable[[Path], None]:
    """A file of ``size`` bytes made in an instant: a hole, no data written."""

    def make(path: Path) -> None:
        with path.open("wb") as handle:
            handle.truncate(size)

    return make


def billion_laughs() -> str:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for previous, name in zip("abcdefgh", "bcdefghi", strict=True):
        lines.append(f"{name}: &{name} [" + ",".join([f"*{previous}"] * 9) + "]")
    return "\n".join(lines) + "\n"


def merge_chain(length: int) -> str:
    """Each mapping merges the previous one: the expansion grows quadratically."""
    parts = ["x-0: &m0 {k0: v}"]
    parts += [f"x-{i}: &m{i} {{<<: *m{i - 1}, k{i}: v}}" for i in range(1, length)]
    return "\n".join(parts) + "\n"


def with_breaks(content: str, newline: str) -> str:
    return content.replace("\n", newline)


def including(entry: str) -> str:
    """MINIMAL with an `include` of one entry, on line 2 (the entry at column 11)."""
    return MINIMAL.replace("people:", f"include: [{entry}]\npeople:")


# ------------------------------------------------------- the hostile inputs

Found = tuple[tuple[str, int | None, int | None], ...]


class Hostile(NamedTuple):
    """One hostile file, and what `raci-lint check` must make of it."""

    name: str
    make: Callable[[Path], None]
    exit: int  # 0 clean, 1 violations
    found: Found | None  # every violation (code, line, column); None: not specified
    fragment: str = ""  # in the first violation's message
    bug: str = ""  # set when `found`/`fragment` is right but not what happens today
    crashes: str = ""  # set when today it does not survive (an internal error, say)
    parsers_differ: str = ""  # set when libyaml and pure-Python PyYAML disagree today


SYN005_DEPTH = "the document nests deeper than 100 levels (limits.max-depth)"
TAG_MESSAGE = "is not allowed: raci-lint reads plain YAML and never constructs objects from tags"
NOT_A_MAPPING = "the file must hold a mapping (version, people, teams, components), not"
DEPTH_DIFFERS = (
    "libyaml stops at its own limit of 1000 levels, pure-Python PyYAML at limits.max-depth: "
    "SYN005 is reported at different places (see test_depth_limit_*)"
)
CR_POSITION = (
    "the position of a control character or an invalid byte counts only LF as a line "
    "break, while every other position also counts CR, NEL, LS and PS"
)

HOSTILE: list[Hostile] = [
    # Safety limits.
    Hostile("file-of-65-MiB", sparse(65 * MiB), 1, (("SYN005", 1, 1),),
            "the file is 68157440 bytes, over the limit of 67108864 bytes "
            "(limits.max-file-size)"),
    Hostile("nesting-10000-flow-sequences", text("a: " + "[" * 10_000 + "]" * 10_000 + "\n"),
            1, (("SYN005", 1, None),), SYN005_DEPTH),
    Hostile("nesting-10000-flow-mappings", text("a: " + "{a: " * 10_000 + "b" + "}" * 10_000),
            1, (("SYN005", 1, None),), SYN005_DEPTH),
    Hostile("nesting-10000-block-sequences", text("- " * 10_000 + "a\n"),
            1, (("SYN005", 1, None),), SYN005_DEPTH),
    Hostile("nesting-1500-block-mappings",
            text("".join(" " * i + "k:\n" for i in range(1500)) + " " * 1500 + "v\n"),
            1, (("SYN005", None, None),), SYN005_DEPTH),
    Hostile("nesting-50-levels-is-fine", text(MINIMAL + "x-deep: " + "[" * 50 + "]" * 50 + "\n"),
            0, ()),
    Hostile("billion-laughs", text(billion_laughs()), 1, (("SYN005", None, None),),
            "aliases expand the document by more than 1000000 nodes "
            "(limits.max-alias-expansion); is this a 'billion laughs' document?"),
    Hostile("300000-aliases-of-a-mapping",
            text(MINIMAL + "x-a: &a {b: c}\nx-l:\n" + "  - *a\n" * 300_000),
            1, (("SYN005", None, None),),
            "the document uses more than 250000 aliases (limits.max-aliases)"),
    Hostile("300000-aliases-of-a-scalar",
            text(MINIMAL + "x-a: &a b\nx-l:\n" + "  - *a\n" * 300_000),
            1, (("SYN005", None, None),),
            "the document uses more than 250000 aliases (limits.max-aliases)"),
    Hostile("merge-key-chain-of-2000", text(MINIMAL + merge_chain(2000)),
            1, (("SYN005", None, None),), "(limits.max-alias-expansion)"),
    Hostile("recursive-alias", text(MINIMAL + "x-a: &a [*a]\n"), 1, (("SYN005", 8, 10),),
            "an alias refers to the node that holds it (a recursive structure)"),
    Hostile("100000-anchors-no-alias",
            text(MINIMAL + "x-l: [" + ",".join(f"&a{i} x" for i in range(100_000)) + "]\n"),
            0, ()),
    Hostile("line-of-5-MB", text(MINIMAL + "x-long: " + "a" * 5_000_000 + "\n"), 0, ()),
    Hostile("a-million-blank-lines", text("\n" * 1_000_000 + MINIMAL + "bogus: 1\n"),
            1, (("SYN002", 1_000_008, 1),), "unknown key 'bogus' in the top level"),
    Hostile("key-of-1-MB", text(MINIMAL + "k" * 1_000_000 + ": v\n"), 1, (("SYN001", 8, None),)),
    Hostile("id-of-100000-characters",
            text(MINIMAL.replace("  ada:", "  " + "a" * 100_000 + ":")), 1, (("SYN001", 3, None),)),
    Hostile("id-of-1000-characters", text(MINIMAL.replace("  ingest:", "  " + "i" * 1000 + ":")),
            0, ()),
    Hostile("unclosed-quote-of-1-MB", text(MINIMAL + 'x-e: "' + "a" * 1_000_000 + "\n"),
            1, (("SYN001", 8, None),)),
    Hostile("unclosed-flow-of-200000-items", text(MINIMAL + "x-e: [" + "a," * 200_000 + "\n"),
            1, (("SYN001", None, None),)),
    # Encodings and bytes.
    Hostile("utf-8-bom", raw(lambda: ("\ufeff" + MINIMAL + "bogus: 1\n").encode()),
            1, (("SYN002", 8, 1),), "unknown key 'bogus'"),
    Hostile("utf-16-le-bom", raw(lambda: ("\ufeff" + MINIMAL + "bogus: 1\n").encode("utf-16-le")),
            1, (("SYN002", 8, 1),), "unknown key 'bogus'"),
    Hostile("utf-16-be-bom", raw(lambda: ("\ufeff" + MINIMAL + "bogus: 1\n").encode("utf-16-be")),
            1, (("SYN002", 8, 1),), "unknown key 'bogus'"),
    Hostile("utf-32-le-bom", raw(lambda: ("\ufeff" + MINIMAL + "bogus: 1\n").encode("utf-32-le")),
            1, (("SYN002", 8, 1),), "unknown key 'bogus'"),
    Hostile("utf-32-be-bom", raw(lambda: ("\ufeff" + MINIMAL + "bogus: 1\n").encode("utf-32-be")),
            1, (("SYN002", 8, 1),), "unknown key 'bogus'"),
    Hostile("utf-16-without-bom", raw(lambda: MINIMAL.encode("utf-16-le")),
            1, (("SYN001", 1, 2),), "the file holds a NUL byte"),
    Hostile("utf-16-truncated", raw(lambda: ("\ufeff" + MINIMAL).encode("utf-16-le") + b"\0"),
            1, (("SYN001", 1, 1),), "the file is not valid UTF-16-LE"),
    Hostile("invalid-utf-8", raw(lambda: MINIMAL.encode() + b"x-e: \xff\xfe\n"),
            1, (("SYN001", 8, 6),), "the file is not valid UTF-8 (byte 0xff)"),
    Hostile("overlong-utf-8", raw(lambda: MINIMAL.encode() + b"x-e: \xc0\xaf\n"),
            1, (("SYN001", 8, 6),), "the file is not valid UTF-8 (byte 0xc0)"),
    Hostile("utf-8-encoded-surrogate", raw(lambda: MINIMAL.encode() + b"x-e: \xed\xa0\x80\n"),
            1, (("SYN001", 8, 6),), "the file is not valid UTF-8 (byte 0xed)"),
    Hostile("nul-byte", text(MINIMAL + "x-e: a\0b\n"), 1, (("SYN001", 8, 7),),
            "the file holds a NUL byte, which YAML does not allow"),
    Hostile("png-file", raw(lambda: b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR" + bytes(range(256))),
            1, (("SYN001", 1, 1),), "the file is not valid UTF-8 (byte 0x89)"),
    Hostile("gzip-file", raw(lambda: gzip.compress(MINIMAL.encode(), mtime=0)),
            1, (("SYN001", 1, 2),), "the file is not valid UTF-8 (byte 0x8b)"),
    Hostile("empty-file", raw(lambda: b""), 1, (("SYN002", 1, 1),), "the file is empty"),
    Hostile("only-a-bom", raw(lambda: b"\xef\xbb\xbf"), 1, (("SYN002", 1, 1),),
            "the file is empty"),
    Hostile("only-comments-and-markers", text("# c\n---\n...\n"), 1, (("SYN002", 1, 1),),
            "the file is empty"),
    Hostile("c1-control-csi", text(MINIMAL + "x-e: a\x9b2Jb\n"), 1, (("SYN001", 8, 7),),
            "the control character U+009B"),
    Hostile("del-character", text(MINIMAL + "x-e: a\x7fb\n"), 1, (("SYN001", 8, 7),),
            "the control character U+007F"),
    Hostile("noncharacter-uffff", text(MINIMAL + "x-e: a\uffffb\n"), 1, (("SYN001", 8, 7),),
            "U+FFFF"),
    # Documents that are not one mapping.
    Hostile("document-is-an-empty-list", text("[]\n"), 1, (("SYN002", 1, 1),),
            f"{NOT_A_MAPPING} a list"),
    Hostile("document-is-a-list", text("- a\n- b\n"), 1, (("SYN002", 1, 1),),
            f"{NOT_A_MAPPING} a list"),
    Hostile("document-is-a-string", text('"just a string"\n'), 1, (("SYN002", 1, 1),),
            f"{NOT_A_MAPPING} 'just a string'"),
    Hostile("document-is-null", text("~\n"), 1, (("SYN002", 1, 1),), NOT_A_MAPPING),
    Hostile("two-empty-documents", text("--- \n--- \n"), 1, (("SYN001", 2, 1),),
            "the file holds more than one YAML document"),
    Hostile("multi-document-stream", text(MINIMAL + "---\n" + MINIMAL), 1, (("SYN001", 8, 1),),
            "the file holds more than one YAML document"),
    Hostile("document-end-marker-only", text("...\n"), 1, (("SYN001", 1, 1),)),
    Hostile("explicit-document-markers", text("--- \n" + MINIMAL + "...\n"), 0, ()),
    Hostile("yaml-1.1-directive", text("%YAML 1.1\n---\n" + MINIMAL), 0, ()),
    Hostile("yaml-2.0-directive", text("%YAML 2.0\n---\n" + MINIMAL), 1, (("SYN001", 1, 1),)),
    Hostile("tabs-in-indentation", text("version: 1\npeople:\n\tada: {}\n"), 1,
            (("SYN001", 3, 1),), "a tab character in indentation"),
    # Line breaks: YAML 1.1 breaks lines at LF, CR, CRLF, NEL, LS and PS.
    Hostile("crlf", text(with_breaks(MINIMAL + "bogus: 1\n", "\r\n")), 1, (("SYN002", 8, 1),),
            "unknown key 'bogus'"),
    Hostile("lone-cr", text(with_breaks(MINIMAL + "bogus: 1\n", "\r")), 1, (("SYN002", 8, 1),),
            "unknown key 'bogus'"),
    Hostile("nel", text(with_breaks(MINIMAL + "bogus: 1\n", "\x85")), 1, (("SYN002", 8, 1),),
            "unknown key 'bogus'"),
    Hostile("line-separator", text(with_breaks(MINIMAL + "bogus: 1\n", "\u2028")), 1,
            (("SYN002", 8, 1),), "unknown key 'bogus'"),
    Hostile("lone-cr-and-nul", text(with_breaks(MINIMAL + "x-e: a\0b\n", "\r")), 1,
            (("SYN001", 8, 7),), "NUL byte"),
    Hostile("nel-and-nul", text(with_breaks(MINIMAL + "x-e: a\0b\n", "\x85")), 1,
            (("SYN001", 8, 7),), "NUL byte"),
    Hostile("lone-cr-and-invalid-utf-8", raw(lambda: MINIMAL.encode().replace(b"\n", b"\r")
                                             + b"x-e: \xff\r"),
            1, (("SYN001", 8, 6),), "byte 0xff"),
    # Tags: reported, never constructed.
    Hostile("python-object-apply",
            text(MINIMAL + "x-e: !!python/object/apply:os.system ['touch pwned']\n"), 1,
            (("SYN002", 8, 6),),
            f"the tag 'tag:yaml.org,2002:python/object/apply:os.system' {TAG_MESSAGE}"),
    Hostile("python-name", text(MINIMAL + "x-e: !!python/name:os.system\n"), 1,
            (("SYN002", 8, 6),), f"the tag 'tag:yaml.org,2002:python/name:os.system' {TAG_MESSAGE}"),
    Hostile("python-object-new", text(MINIMAL + "x-e: !!python/object/new:os.system [id]\n"), 1,
            (("SYN002", 8, 6),), "python/object/new:os.system"),
    Hostile("binary-tag", text(MINIMAL + "x-e: !!binary aGVsbG8=\n"), 1, (("SYN002", 8, 6),),
            f"the tag 'tag:yaml.org,2002:binary' {TAG_MESSAGE}"),
    Hostile("custom-tag", text(MINIMAL + "x-e: !custom foo\n"), 1, (("SYN002", 8, 6),),
            f"the tag '!custom' {TAG_MESSAGE}"),
    Hostile("verbatim-tag",
            text(MINIMAL + "x-e: !<tag:yaml.org,2002:python/object/apply:os.system> [id]\n"), 1,
            (("SYN002", 8, 6),), "python/object/apply:os.system"),
    Hostile("tag-directive",
            text("%TAG !py! tag:yaml.org,2002:python/object/apply:\n---\n"
                 + MINIMAL + "x-e: !py!os.system [id]\n"), 1,
            (("SYN002", 10, 6),), "python/object/apply:os.system"),
    Hostile("tag-on-a-key",
            text(MINIMAL.replace("  ada:", "  !!python/object/apply:os.system ada:")), 1,
            (("SYN002", 3, 3),), "python/object/apply:os.system"),
    Hostile("core-tags", text(MINIMAL.replace("version: 1", "version: !!int 1")
                              .replace("kind: ingestion", "kind: !!str ingestion")), 0, ()),
    # Keys, anchors, merge keys.
    Hostile("alias-as-a-key", text(MINIMAL + "&k x-a: 1\n*k : 2\n"), 1, (("SYN003", 9, 1),),
            "duplicate key 'x-a' (first at line 8)"),
    Hostile("complex-key", text(MINIMAL + "? [a, b]\n: c\n"), 1, (("SYN002", 8, 3),),
            "a key must be a plain string, not a list or a mapping"),
    Hostile("merge-of-a-scalar", text(MINIMAL + "x-e:\n  <<: 5\n"), 1, (("SYN002", 9, 7),),
            "a merge key '<<' takes a mapping or a list of mappings"),
    Hostile("merge-of-null", text(MINIMAL + "x-e: {<<: ~}\n"), 1, (("SYN002", 8, 11),),
            "a merge key '<<' takes a mapping or a list of mappings"),
    Hostile("quoted-merge-key-is-a-plain-key", text(MINIMAL + "'<<': {a: 1}\n"), 1,
            (("SYN002", 8, 1),), "unknown key '<<' in the top level"),
    Hostile("duplicate-anchor", text(MINIMAL + "x-a: &a 1\nx-b: &a 2\n"), 1,
            (("SYN001", 9, 6),), "the anchor '&a' is defined twice"),
    Hostile("undefined-alias", text(MINIMAL + "x-a: *nope\n"), 1, (("SYN001", 8, 6),),
            "the alias '*nope' refers to no anchor"),
    # Strings and ids.
    Hostile("lone-surrogate-escape", text(MINIMAL + 'x-e: "\\ud800"\n'), 1, (("SYN001", 8, None),)),
    Hostile("surrogate-pair-escape", text(MINIMAL + 'x-e: "\\ud83d\\ude00"\n'), 1, None),
    Hostile("zero-width-space-in-an-id", text(MINIMAL.replace("  ingest:", "  in\u200bgest:")), 1,
            (("REF006", 3, 3), ("SYN002", 5, 3)),
            "person 'ada' holds no letter in any component"),
    Hostile("escape-sequence-in-an-id", text(MINIMAL.replace("  ingest:", '  "in\\e[2Jgest":')),
            1, (("REF006", 3, 3), ("SYN002", 5, 3))),
    Hostile("escape-sequences-in-a-key", text(MINIMAL + '"\\e[2J\\e]0;pwned\\a": 1\n'), 1,
            (("SYN002", 8, 1),), "' in the top level; expected one of: components"),
    Hostile("line-break-in-a-key", text(MINIMAL + '"a\\nb": 1\n'), 1, (("SYN002", 8, 1),),
            "unknown key 'a\\nb' in the top level"),
    Hostile("rtl-override-in-a-name",
            text(MINIMAL.replace("{disciplines", '{name: "Ada \u202eelpmaxE", disciplines')),
            0, ()),
    # Includes: a missing, odd or hostile entry is REF010 at the entry.
    Hostile("include-holding-a-nul", text(including('"a\\0b"')), 1, (("REF010", 2, 11),)),
    Hostile("include-name-too-long", text(including("x" * 5000)), 1, (("REF010", 2, 11),)),
    Hostile("include-of-itself", text(including("include-of-itself.raci.yaml")), 1,
            (("REF010", 2, 11),), "is cyclic"),
    Hostile("include-of-dev-zero", text(including("/dev/zero")), 1, (("REF010", 2, 11),),
            "leaves the repository root"),
    Hostile("version-of-26-digits",
            text(MINIMAL.replace("version: 1", "version: 99999999999999999999999999")), 1,
            (("SYN004", 1, 10),), "version 99999999999999999999999999 is not supported"),
    Hostile("version-of-5000-digits", text(MINIMAL.replace("version: 1", "version: 1" + "0" * 5000)),
            1, (("SYN004", 1, 10),), "is not supported; this raci-lint reads version 1 only"),
]  # fmt: skip

assert len({h.name for h in HOSTILE}) == len(HOSTILE)


class Outcome(NamedTuple):
    path: Path
    data: bytes | None  # None for the sparse file, never read
    size: int
    code: int
    violations: list[dict[str, Any]]
    stderr: str
    seconds: float


_OUTCOMES: dict[str, Outcome] = {}


@pytest.fixture(scope="module")
def hostile_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("hostile")


def outcome(hostile: Hostile, folder: Path) -> Outcome:
    """`check -f json` of one hostile file, run once and remembered."""
    if hostile.name not in _OUTCOMES:
        path = folder / f"{hostile.name}.raci.yaml"
        hostile.make(path)
        size = path.stat().st_size
        data = path.read_bytes() if size <= 8 * MiB else None
        started = time.perf_counter()
        code, out, err = run_cli(["check", "--isolated", "-f", "json", str(path)])
        seconds = time.perf_counter() - started
        violations = json.loads(out) if code in (0, 1) else []
        _OUTCOMES[hostile.name] = Outcome(path, data, size, code, violations, err, seconds)
    return _OUTCOMES[hostile.name]


def _params(kind: str) -> list[Any]:
    params = []
    for hostile in HOSTILE:
        reason = {
            "survives": hostile.crashes,
            "exact": hostile.crashes or hostile.bug,
            # An internal error of the CLI is an exception of the API.
            "parsers": hostile.parsers_differ
            or (hostile.crashes if hostile.crashes.startswith("internal error") else ""),
        }[kind]
        marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
        params.append(pytest.param(hostile, id=hostile.name, marks=marks))
    return params


@pytest.mark.parametrize("hostile", _params("survives"))
def test_hostile_input_survives(hostile: Hostile, hostile_folder: Path) -> None:
    """Exit 0 or 1, no stderr, JSON output, one-line messages, lines inside the file."""
    result = outcome(hostile, hostile_folder)
    assert result.stderr == ""
    assert result.code in (0, 1)
    assert result.seconds < 10
    lines = line_count(result.data) if result.data is not None else 1
    for violation in result.violations:
        assert "\n" not in violation["message"]
        assert "Traceback" not in violation["message"]
        assert 1 <= violation["line"] <= lines
        assert 1 <= violation["end_line"] <= lines
        assert violation["column"] >= 1
        assert (violation["end_line"], violation["end_column"]) >= (
            violation["line"],
            violation["column"],
        )


@pytest.mark.parametrize("hostile", _params("exact"))
def test_hostile_input_exact_outcome(hostile: Hostile, hostile_folder: Path) -> None:
    """The exact exit code, codes, positions and message of each hostile input."""
    if hostile.found is None:
        pytest.skip("only survival is specified for this input")
    result = outcome(hostile, hostile_folder)
    assert result.code == hostile.exit
    found = [(v["code"], v["line"], v["column"]) for v in result.violations]
    expected = [
        (code, found[i][1] if line is None and i < len(found) else line,
         found[i][2] if column is None and i < len(found) else column)
        for i, (code, line, column) in enumerate(hostile.found)
    ]  # fmt: skip
    assert found == expected
    if hostile.fragment:
        assert hostile.fragment in result.violations[0]["message"]


@pytest.mark.parametrize("hostile", _params("parsers"))
def test_hostile_input_same_from_both_parsers(hostile: Hostile, hostile_folder: Path) -> None:
    """libyaml and pure-Python PyYAML report the same violations, word for word."""
    result = outcome(hostile, hostile_folder)
    if result.data is None or result.size > 300_000:
        pytest.skip("too large for the pure-Python parser in the normal run")
    path, location = result.path.name, result.path  # includes resolve as for the CLI
    fast = lint_bytes(result.data, path, LintOptions(), location).violations
    pure = lint_bytes(result.data, path, LintOptions(force_pure_yaml=True), location).violations
    assert pure == fast


def test_there_are_at_least_30_hostile_inputs() -> None:
    assert len(HOSTILE) >= 30


# ------------------------------------------------------------ safety limits


def test_file_size_is_checked_before_reading(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "raci.yaml"
    sparse(65 * MiB)(path)
    opened: list[str] = []
    real_open = pathlib.Path.open

    def spy(self: Path, *args: Any, **kwargs: Any) -> Any:
        opened.append(str(self))
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(pathlib.Path, "open", spy)
    code, violations, err = check_json(path)
    assert (code, err) == (1, "")
    assert [(v["code"], v["line"], v["column"], v["message"]) for v in violations] == [
        (
            "SYN005",
            1,
            1,
            "the file is 68157440 bytes, over the limit of 67108864 bytes (limits.max-file-size)",
        )
    ]
    assert str(path) not in opened


# (limit key, configured value, a file just over it, the message)
LIMIT_CASES = [
    ("max-file-size", 100, MINIMAL, f"the file is {len(MINIMAL)} bytes, over the limit of 100 "
     "bytes (limits.max-file-size)"),
    ("max-depth", 5, MINIMAL + "x-d: [[[[[[a]]]]]]\n", "the document nests deeper than 5 levels "
     "(limits.max-depth)"),
    ("max-aliases", 2, MINIMAL + "x-a: &a b\nx-m: &m {c: d}\nx-l: [*m, *m, *m]\n",
     "the document uses more than 2 aliases (limits.max-aliases)"),
    ("max-alias-expansion", 10, MINIMAL + "x-m: &m {a: [1, 2, 3], b: [4, 5, 6]}\n"
     "x-l: [*m, *m, *m]\n", "aliases expand the document by more than 10 nodes "
     "(limits.max-alias-expansion)"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("key", "value", "content", "message"), LIMIT_CASES, ids=[c[0] for c in LIMIT_CASES]
)
def test_each_limit_names_its_config_key_and_can_be_raised(
    key: str, value: int, content: str, message: str, tmp_path: Path
) -> None:
    (tmp_path / "raci.yaml").write_text(content)
    config = tmp_path / ".raci-lint.yaml"
    config.write_text(f"limits:\n  {key}: {value}\n")
    code, out, err = run_cli(["check", "-f", "json", str(tmp_path / "raci.yaml")])
    assert (code, err) == (1, "")
    [violation] = json.loads(out)
    assert violation["code"] == "SYN005"
    assert message in violation["message"]
    # Raised a thousandfold, or to the most a limit may be (1000 for the depth).
    config.write_text(
        f"limits:\n  {key}: {min(value * 1000, 1000) if key == 'max-depth' else value * 1000}\n"
    )
    code, out, err = run_cli(["check", "-f", "json", str(tmp_path / "raci.yaml")])
    assert (code, json.loads(out), err) == (0, [], "")


def test_the_limits_hint_says_how_to_raise_them() -> None:
    code, out, _ = run_cli(["rule", "SYN005"])
    assert code == 0
    words = " ".join(out.split())
    assert "the `limits` key of the configuration that raises it" in words
    assert "raise the limit under `limits:` in the configuration" in words


@pytest.mark.skipif(not POSIX, reason="resource limits are POSIX")
def test_alias_bombs_finish_fast_in_bounded_memory(tmp_path: Path) -> None:
    """A subprocess with 1 GiB of address space lints every alias bomb at once."""
    bombs = {
        "laughs.raci.yaml": billion_laughs(),
        "aliases.raci.yaml": MINIMAL + "x-a: &a {b: c}\nx-l:\n" + "  - *a\n" * 300_000,
        "merges.raci.yaml": MINIMAL + merge_chain(3000),
        "nested.raci.yaml": "a: &a [" + ",".join(["lol"] * 30) + "]\n"
        + "".join(f"{n}: &{n} [" + ",".join([f"*{p}"] * 30) + "]\n"
                  for p, n in zip("abcdef", "bcdefg", strict=True)),
    }  # fmt: skip
    for name, content in bombs.items():
        (tmp_path / name).write_text(content)

    def limit_memory() -> None:
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))

    result = run_subprocess(
        ["check", "--isolated", "-f", "json", *bombs], tmp_path, preexec_fn=limit_memory
    )
    assert (result.returncode, result.stderr) == (1, "")
    found = {v["path"]: v["code"] for v in json.loads(result.stdout)}
    assert found == dict.fromkeys(bombs, "SYN005")
    for name, content in bombs.items():
        started = time.perf_counter()
        report = lint_text(content)
        assert time.perf_counter() - started < 1.0, name
        assert [v.code for v in report.violations] == ["SYN005"]


def test_alias_limit_points_at_the_alias_over_the_limit() -> None:
    content = MINIMAL + "x-a: &a {b: c}\nx-l:\n  - *a\n  - *a\n  - *a\n"
    report = lint_text(content, "<stdin>", LintOptions(limits=Limits(max_aliases=2)))
    assert [(v.code, v.line, v.column) for v in report.violations] == [("SYN005", 12, 5)]


def nested(shape: str, depth: int) -> str:
    if shape == "flow-sequences":
        return "a: " + "[" * depth + "]" * depth + "\n"
    if shape == "flow-mappings":
        return "a: " + "{a: " * depth + "b" + "}" * depth + "\n"
    if shape == "block-sequences":
        return "- " * depth + "a\n"
    return "".join(" " * i + "k:\n" for i in range(depth)) + " " * depth + "v\n"


SHAPES = ["flow-sequences", "flow-mappings", "block-sequences", "block-mappings"]


@pytest.mark.parametrize("shape", SHAPES)
def test_depth_limit_is_reported_where_it_is_crossed_however_deep(shape: str) -> None:
    shallow = lint_text(nested(shape, 150), "<stdin>").violations
    deep = lint_text(nested(shape, 1500), "<stdin>").violations
    assert [(v.code, v.line, v.column) for v in deep] == [
        (v.code, v.line, v.column) for v in shallow
    ]


@pytest.mark.parametrize("depth", [99, 100, 101, 150])
def test_depth_limit_is_the_same_for_both_parsers(depth: int) -> None:
    for shape in SHAPES:
        content = nested(shape, depth)
        fast = loader.load_text(content).problems
        pure = loader.load_text(content, force_pure=True).problems
        assert pure == fast, shape


@pytest.mark.parametrize("pure", [False, True], ids=["libyaml", "pure-python"])
def test_a_raised_depth_limit_never_gives_a_false_message(pure: bool) -> None:
    options = LintOptions(limits=Limits(max_depth=2000), force_pure_yaml=pure)
    report = lint_text(nested("flow-sequences", 1200), "<stdin>", options)
    assert not any("deeper than 2000" in v.message for v in report.violations)


def test_a_huge_configured_limit_is_no_internal_error(tmp_path: Path) -> None:
    (tmp_path / "raci.yaml").write_text(MINIMAL)
    (tmp_path / ".raci-lint.yaml").write_text("limits:\n  max-file-size: " + "9" * 30 + "\n")
    code, _, err = run_cli(["check", str(tmp_path / "raci.yaml")])
    assert "internal error" not in err
    # Either a huge limit is no limit, or the configuration says it is too large.
    assert (code, err) == (0, "") or (code == 2 and err.count("\n") == 1 and "max-file-size" in err)


def test_did_you_mean_is_bounded_for_a_long_unknown_kind() -> None:
    content = MINIMAL.replace("kind: ingestion", "kind: " + "x" * 200_000)
    with time_limit(2):
        report = lint_text(content, "<stdin>")
    assert [(v.code, v.line, v.column) for v in report.violations] == [("REF003", 6, 11)]


def test_did_you_mean_is_bounded_for_long_ids() -> None:
    long_id = "a" * 20_000
    content = (
        "version: 1\npeople:\n"
        f"  ? {long_id}\n  : {{disciplines: [data-engineer]}}\n"
        "  ada: {disciplines: [data-engineer]}\n"
        "components:\n  ingest:\n    kind: ingestion\n"
        f"    raci: {{responsible: [ada], accountable: ada, informed: [{long_id}b]}}\n"
    )
    with time_limit(2):
        report = lint_text(content, "<stdin>")
    # The long-named person holds no letter (REF006); the unknown one is REF001.
    assert [v.code for v in report.violations] == ["REF006", "REF001"]


@pytest.mark.parametrize("indent", ["", "  "], ids=["top-level", "nested"])
def test_a_key_too_long_for_yaml_says_so(indent: str) -> None:
    content = "version: 1\npeople:\n" + indent + "k" * 1030 + ": {}\n"
    [violation] = lint_text(content, "<stdin>").violations
    assert (violation.code, violation.line) == ("SYN001", 3)
    assert "1024" in violation.message


def stdin_bytes(monkeypatch: pytest.MonkeyPatch, data: bytes) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))


def test_hostile_bytes_on_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    stdin_bytes(monkeypatch, "\ufeffv: \0".encode("utf-16-le"))
    code, out, err = run_cli(["check", "--isolated", "-f", "concise", "--stdin-filename",
                              "x.raci.yaml", "-"])  # fmt: skip
    assert (code, err) == (1, "")
    assert out.splitlines()[0].startswith("x.raci.yaml:1:4: SYN001 [error] the file holds a NUL")


def test_stdin_over_the_size_limit_states_no_false_size(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = tmp_path / "config.yaml"
    config.write_text("limits:\n  max-file-size: 100\n")
    stdin_bytes(monkeypatch, MINIMAL.encode() * 2)
    code, out, err = run_cli(["check", "--config", str(config), "-f", "json", "-"])
    assert (code, err) == (1, "")
    [violation] = json.loads(out)
    assert "over the limit of 100 bytes (limits.max-file-size)" in violation["message"]
    assert "101 bytes" not in violation["message"]


@pytest.mark.parametrize("content", ["- a", "- a\n- b", "version: 1\nx: [a]\npeople:\n- a"])
def test_a_range_never_ends_past_the_last_line(content: str) -> None:
    report = lint_text(content)
    assert report.violations
    last = len(content.split("\n"))
    for violation in report.violations:
        assert violation.end_line <= last


@pytest.mark.parametrize(
    "content", ["? version", "version: 1\ncomponents:\n  ? x"], ids=["top-level", "component"]
)
def test_an_empty_value_of_an_explicit_key_is_inside_the_file(content: str) -> None:
    report = lint_text(content)
    assert any("empty" in v.message for v in report.violations)
    last = len(content.split("\n"))
    for violation in report.violations:
        assert violation.line <= last
        assert violation.end_line <= last


def components(count: int) -> str:
    lines = ["version: 1", "people:", "  ada: {disciplines: [data-engineer]}", "components:"]
    lines += [
        f"  c{i}: {{kind: ingestion, raci: {{responsible: [ada], accountable: ada}}}}"
        for i in range(count)
    ]
    return "\n".join(lines) + "\n"


def test_10000_components_in_a_few_seconds(tmp_path: Path) -> None:
    path = tmp_path / "raci.yaml"
    path.write_text(components(10_000))
    started = time.perf_counter()
    code, violations, err = check_json(path)
    assert time.perf_counter() - started < 10
    assert (code, err) == (0, "")
    # ORG001 is a warning: ada is Accountable for 10,000 components.
    assert [(v["code"], v["line"], v["column"]) for v in violations] == [("ORG001", 5, 65)]


@pytest.mark.skipif(not os.environ.get("RACI_LINT_SLOW"), reason="set RACI_LINT_SLOW=1")
def test_100000_components(tmp_path: Path) -> None:
    path = tmp_path / "raci.yaml"
    path.write_text(components(100_000))
    started = time.perf_counter()
    code, violations, err = check_json(path)
    assert time.perf_counter() - started < 30
    assert (code, err) == (0, "")
    assert [v["code"] for v in violations] == ["ORG001"]


# --------------------------------------------------------------- merge keys

DEFAULTS_PEOPLE = "people:\n  ada: {disciplines: [data-engineer]}\n  bob: {}\n"
MERGES = [
    # (name, the raci of component `ingest`, anchors before it, expected codes)
    ("merged-letters-count", "{<<: *d}", "x-d: &d {responsible: [ada], accountable: ada}", []),
    ("explicit-key-wins", "{<<: *d, accountable: ada}",
     "x-d: &d {responsible: [ada], accountable: [ada, bob]}", []),
    ("earlier-source-wins", "{<<: [*a, *b]}",
     "x-a: &a {accountable: ada}\nx-b: &b {accountable: [ada, bob], responsible: [ada]}", []),
    ("later-source-fills-gaps", "{<<: [*a, *b]}",
     "x-a: &a {accountable: ada}\nx-b: &b {responsible: [ada]}", []),
    ("alias-of-a-list-of-mappings", "{<<: *l}",
     "x-l: &l [{accountable: ada}, {responsible: [ada]}]", []),
    ("merge-inside-a-merged-mapping", "{<<: *b}",
     "x-a: &a {accountable: ada}\nx-b: &b {<<: *a, responsible: [ada]}", []),
    ("merged-bad-letter-is-reported", "{<<: *d}",
     "x-d: &d {responsible: [ada], accountable: [ada, bob]}", ["RACI002"]),
    ("merge-of-a-list-with-a-scalar", "{<<: [*d, 3]}",
     "x-d: &d {responsible: [ada], accountable: ada}", ["SYN002"]),
]  # fmt: skip


@pytest.mark.parametrize(
    ("raci", "anchors", "codes"), [m[1:] for m in MERGES], ids=[m[0] for m in MERGES]
)
@pytest.mark.parametrize("pure", [False, True], ids=["libyaml", "pure-python"])
def test_merge_keys_follow_yaml_1_1(raci: str, anchors: str, codes: list[str], pure: bool) -> None:
    content = (
        f"version: 1\n{anchors}\n{DEFAULTS_PEOPLE}"
        f"components:\n  ingest:\n    kind: ingestion\n    raci: {raci}\n"
    )
    report = lint_text(content, "<stdin>", LintOptions(force_pure_yaml=pure))
    # bob holds a letter only where the merged value names him.
    found = [v.code for v in report.violations if v.code != "REF006"]
    assert found == codes


# --------------------------------------------------------------------- tags

EXECUTING_TAGS = [
    "!!python/object/apply:builtins.open [{marker}, w]",
    "!!python/object/new:builtins.open [{marker}, w]",
    "!!python/object/apply:os.system ['echo > {marker}']",
    "!<tag:yaml.org,2002:python/object/apply:builtins.open> [{marker}, w]",
    "!!python/name:os.system",
    "!!python/module:os",
]


@pytest.mark.parametrize("pure", [False, True], ids=["libyaml", "pure-python"])
def test_tags_are_reported_and_never_run(
    pure: bool, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A tag that would create a file when constructed: the file never appears."""
    monkeypatch.chdir(tmp_path)
    marker = tmp_path / "pwned"
    calls: list[object] = []
    monkeypatch.setattr(os, "system", lambda *args: calls.append(args) or 0)
    values = [tag.format(marker=json.dumps(str(marker))) for tag in EXECUTING_TAGS]
    content = MINIMAL + "".join(f"x-{i}: {value}\n" for i, value in enumerate(values))
    report = lint_text(content, "<stdin>", LintOptions(force_pure_yaml=pure))
    assert [(v.code, v.line, v.column) for v in report.violations] == [
        ("SYN002", 8 + i, 6) for i in range(len(values))
    ]
    assert all("is not allowed" in v.message for v in report.violations)
    assert not marker.exists()
    assert calls == []


def test_tags_never_run_in_config_taxonomy_or_included_roster(tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    tag = f"!!python/object/apply:builtins.open [{json.dumps(str(marker))}, w]"
    (tmp_path / ".git").mkdir()  # the repository root, for the include
    (tmp_path / "people.yaml").write_text(f"version: 1\npeople:\n  ada: {tag}\n")
    (tmp_path / "raci.yaml").write_text(MINIMAL.replace("people:\n  ada: {dis", "include: [people.yaml]\npeople:\n  bob: {dis"))  # fmt: skip
    (tmp_path / "taxonomy.yaml").write_text(f"extends: default\nx-evil: {tag}\n")
    (tmp_path / ".raci-lint.yaml").write_text(f"x-evil: {tag}\n")
    code, out, err = run_cli(["check", str(tmp_path / "raci.yaml")])
    assert code == 2
    assert "is not allowed" in err
    code, out, err = run_cli(
        ["check", "--isolated", "--taxonomy", str(tmp_path / "taxonomy.yaml"), str(tmp_path)]
    )
    assert code == 2
    assert "taxonomy.yaml:2:9: the tag" in err
    code, out, err = run_cli(["check", "--isolated", "-f", "json", str(tmp_path / "raci.yaml")])
    assert code == 1
    assert ("SYN002", 3, 8) in [(v["code"], v["line"], v["column"]) for v in json.loads(out)]
    assert not marker.exists()


# ---------------------------------------------------------- unreadable paths


@pytest.mark.skipif(not POSIX, reason="fifos and symbolic links")
def test_unreadable_paths_one_line_each_and_the_others_still_linted(tmp_path: Path) -> None:
    (tmp_path / "good.raci.yaml").write_text(MINIMAL)
    (tmp_path / "bad.raci.yaml").write_text(MINIMAL + "bogus: 1\n")
    os.mkfifo(tmp_path / "fifo.raci.yaml")
    (tmp_path / "broken.raci.yaml").symlink_to(tmp_path / "nowhere")
    (tmp_path / "afile").write_text("x")
    (tmp_path / "null.raci.yaml").symlink_to(os.devnull)
    unreadable = {
        "missing.raci.yaml": "missing.raci.yaml: no such file or folder",
        "fifo.raci.yaml": "fifo.raci.yaml: not a regular file",
        "broken.raci.yaml": "broken.raci.yaml: broken symbolic link",
        "afile/raci.yaml": "afile/raci.yaml: Not a directory",
        "null.raci.yaml": "null.raci.yaml: not a regular file",
    }
    args = ["check", "--isolated", "-f", "concise", "good.raci.yaml", *unreadable]
    result = run_subprocess([*args, "bad.raci.yaml"], tmp_path, timeout=30)
    assert result.returncode == 2
    assert result.stderr.splitlines() == [f"raci-lint: error: {m}" for m in unreadable.values()]
    assert result.stdout.splitlines() == [
        "bad.raci.yaml:8:1: SYN002 [error] unknown key 'bogus' in the top level; expected one "
        "of: components, include, people, scheme, teams, version (keys starting with x- are "
        "free) (schema-violation)",
        "Found 1 error in 1 file.",
    ]


@pytest.mark.skipif(ROOT_USER or not POSIX, reason="root reads any file")
def test_permission_denied_is_one_line(tmp_path: Path) -> None:
    path = tmp_path / "raci.yaml"
    path.write_text(MINIMAL)
    path.chmod(0)
    try:
        code, _, err = run_cli(["check", "--isolated", str(path)])
    finally:
        path.chmod(0o644)
    assert code == 2
    assert err == f"raci-lint: error: {path}: Permission denied\n"


@pytest.mark.skipif(not Path("/proc/self/mem").exists(), reason="Linux /proc")
def test_a_regular_file_that_fails_to_read_is_one_line(tmp_path: Path) -> None:
    """/proc/self/mem is a regular file whose first bytes cannot be read, even by root."""
    (tmp_path / "raci.yaml").write_text(MINIMAL)
    code, out, err = run_cli(["check", "--isolated", "/proc/self/mem", str(tmp_path)])
    assert code == 2
    # Input/output error here; some sandboxes refuse the open instead.
    assert err.startswith("raci-lint: error: /proc/self/mem: ")
    assert err.count("\n") == 1
    assert out == "All checks passed: 1 file checked.\n"


@pytest.mark.skipif(not POSIX, reason="symbolic links")
def test_symlink_loop_is_one_line_and_the_others_still_linted(tmp_path: Path) -> None:
    (tmp_path / "loop1").symlink_to(tmp_path / "loop2")
    (tmp_path / "loop2").symlink_to(tmp_path / "loop1")
    (tmp_path / "raci.yaml").write_text(MINIMAL)
    code, out, err = run_cli(["check", "--isolated", str(tmp_path / "loop1"), str(tmp_path)])
    assert code == 2
    assert err == f"raci-lint: error: {tmp_path / 'loop1'}: Too many levels of symbolic links\n"
    assert out == "All checks passed: 1 file checked.\n"


def test_a_name_too_long_is_one_line_and_the_others_still_linted(tmp_path: Path) -> None:
    (tmp_path / "raci.yaml").write_text(MINIMAL)
    long_name = str(tmp_path / ("n" * 300 + ".raci.yaml"))
    code, out, err = run_cli(["check", "--isolated", long_name, str(tmp_path)])
    assert code == 2
    assert err == f"raci-lint: error: {long_name}: File name too long\n"
    assert out == "All checks passed: 1 file checked.\n"


def test_folders_where_a_file_is_expected(tmp_path: Path) -> None:
    folder = tmp_path / "adir"
    folder.mkdir()
    (tmp_path / ".git").mkdir()
    (tmp_path / "raci.yaml").write_text(MINIMAL.replace("people:", "include: [adir]\npeople:"))
    code, _out, err = run_cli(["matrix", str(folder)])
    assert (code, err) == (2, f"raci-lint: error: {folder}: is a folder, not a file\n")
    code, violations, err = check_json(tmp_path / "raci.yaml")
    assert (code, err) == (1, "")
    assert [(v["code"], v["line"], v["column"], v["message"]) for v in violations] == [
        ("REF010", 2, 11, "include 'adir' names a folder, not a file")
    ]
    # Options that name a file: click's usage error, which names the folder.
    for option in ("--config", "--taxonomy", "--baseline", "--output", "--write-baseline"):
        code, _out, err = run_cli(["check", option, str(folder), str(tmp_path / "raci.yaml")])
        assert code == 2
        assert f"'{folder}' is a directory" in err


HANGS: dict[str, tuple[list[str], int, str]] = {
    # name: (arguments, exit code, what stdout or stderr holds)
    "config": (["check", "--config", "fifo", "raci.yaml"], 2, "fifo"),
    "taxonomy": (["check", "--isolated", "--taxonomy", "fifo", "raci.yaml"], 2, "fifo"),
    "baseline": (["check", "--isolated", "--baseline", "fifo", "raci.yaml"], 2, "fifo"),
    "include": (["check", "--isolated", "including.yaml"], 1, "REF010"),
    "codeowners-check": (["codeowners", "raci.yaml", "--check", "fifo"], 2, "fifo"),
    "codeowners-write": (["codeowners", "raci.yaml", "--write", "fifo"], 2, "fifo"),
    # A configuration file that is no regular file is passed over, as a folder is.
    "discovered-config": (["check", "sub"], 0, "All checks passed: 1 file checked."),
}
# Long enough for a loaded machine; a command still running then is hung.
HANG_TIMEOUT = 30


class FifoCommands:
    """Every command of HANGS, started at once in subprocesses, killed when stuck."""

    def __init__(self, folder: Path) -> None:
        (folder / ".git").mkdir()
        (folder / "raci.yaml").write_text(MINIMAL)
        (folder / "including.yaml").write_text(including("fifo"))
        os.mkfifo(folder / "fifo")
        (folder / "sub").mkdir()
        (folder / "sub" / "raci.yaml").write_text(MINIMAL)
        os.mkfifo(folder / "sub" / ".raci-lint.yaml")
        environment = {k: v for k, v in os.environ.items() if k != "GITHUB_ACTIONS"}
        self.started = time.monotonic()
        self.running = {
            name: subprocess.Popen(
                [sys.executable, "-m", "raci_lint", *args],
                cwd=folder,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                stdin=subprocess.DEVNULL,
                text=True,
                env=environment,
            )
            for name, (args, _, _) in HANGS.items()
        }
        self._results: dict[str, tuple[int | None, str]] | None = None

    def results(self) -> dict[str, tuple[int | None, str]]:
        """Exit code (None: killed when stuck) and output of each command."""
        if self._results is None:
            deadline = self.started + HANG_TIMEOUT
            self._results = {}
            for name, process in sorted(self.running.items()):
                left = max(0.1, deadline - time.monotonic())
                try:
                    out, err = process.communicate(timeout=left)
                    self._results[name] = (process.returncode, out + err)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.communicate()
                    self._results[name] = (None, "")
        return self._results

    def close(self) -> None:
        for process in self.running.values():
            if process.poll() is None:
                process.kill()
                process.communicate()


@pytest.fixture(scope="module", autouse=True)
def fifo_commands(tmp_path_factory: pytest.TempPathFactory) -> Iterator[FifoCommands | None]:
    """Started before the module's first test, so that their wait overlaps the others."""
    if not POSIX:
        yield None
        return
    commands = FifoCommands(tmp_path_factory.mktemp("fifos"))
    yield commands
    commands.close()


@pytest.mark.skipif(not POSIX, reason="fifos")
@pytest.mark.parametrize("name", list(HANGS))
def test_a_fifo_anywhere_never_hangs(name: str, fifo_commands: FifoCommands) -> None:
    code, output = fifo_commands.results()[name]
    _, expected_code, expected_text = HANGS[name]
    assert code == expected_code, "still running after the timeout" if code is None else output
    assert expected_text in output


@pytest.mark.skipif(not POSIX, reason="such file names")
def test_error_lines_neutralise_hostile_file_names(tmp_path: Path) -> None:
    (tmp_path / "evil\x1b[2J\nx.raci.yaml").symlink_to(tmp_path / "nowhere")
    (tmp_path / "raci.yaml").write_text(MINIMAL)
    code, _out, err = run_cli(["check", "--isolated", str(tmp_path)])
    assert code == 2
    assert err.count("\n") == 1
    assert "\x1b" not in err
    assert "broken symbolic link" in err


# ------------------------------------------------------------ nothing lost


def snapshot(folder: Path) -> dict[str, tuple[bytes, int, int]]:
    """Every file under a folder: its bytes, modification time and mode."""
    result = {}
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            info = path.stat()
            result[str(path.relative_to(folder))] = (
                path.read_bytes(),
                info.st_mtime_ns,
                info.st_mode,
            )
    return result


@pytest.mark.parametrize("output_format", ["full", "concise", "json", "sarif", "github",
                                           "gitlab", "junit"])  # fmt: skip
def test_the_linter_never_writes_to_the_files_it_checks(
    output_format: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repository = tmp_path / "repo"
    (repository / "services").mkdir(parents=True)
    (repository / ".git").mkdir()
    (repository / "people.yaml").write_text("version: 1\npeople:\n  bob: {github: bob}\n")
    (repository / "raci.yaml").write_text(
        MINIMAL.replace("people:", "include: [people.yaml]\npeople:")
        + "  broken:\n    kind: ingestion  # raci-lint: disable=RACI001\n"
        "    paths: [services/**]\n    raci: {responsible: [bob, ghost]}\n"
    )
    (repository / "services" / "a.py").write_text("")
    (repository / ".raci-lint.yaml").write_text("extend-select: [ALL]\n")
    for path in repository.rglob("*"):
        path.chmod(0o555 if path.is_dir() else 0o444)
    repository.chmod(0o555)
    before = snapshot(repository)
    monkeypatch.chdir(tmp_path)
    try:
        code, _out, err = run_cli(["check", "-f", output_format, "repo"])
        assert (code, err) == (1, "")
        assert run_cli(["check", "--write-baseline", "baseline.json", "repo"])[0] == 0
        assert run_cli(["check", "--baseline", "baseline.json", "repo/raci.yaml"])[0] == 0
        assert run_cli(["check", "-o", "report.txt", "repo/raci.yaml"])[0] == 1
        assert run_cli(["matrix", "repo/raci.yaml"])[0] == 0
        assert run_cli(["codeowners", "--repo-root", "repo", "repo/raci.yaml"])[0] == 0
        code, _out, err = run_cli(["codeowners", "--repo-root", "repo", "--check",
                                  "repo/CODEOWNERS", "repo/raci.yaml"])  # fmt: skip
        assert code == 1
        assert snapshot(repository) == before
    finally:
        for path in [repository, *repository.rglob("*")]:
            path.chmod(0o755 if path.is_dir() else 0o644)


@pytest.mark.parametrize("option", ["--output", "--write-baseline"])
def test_a_report_never_replaces_a_checked_file(option: str, tmp_path: Path) -> None:
    path = tmp_path / "raci.yaml"
    path.write_text(MINIMAL)
    code, _out, err = run_cli(["check", "--isolated", option, str(path), str(path)])
    assert path.read_text() == MINIMAL
    assert code == 2
    assert err.count("\n") == 1
    assert str(path) in err


def _codeowners_project(folder: Path) -> list[str]:
    (folder / ".git").mkdir()
    (folder / "src").mkdir()
    (folder / "src" / "a.py").write_text("")
    (folder / "raci.yaml").write_text(
        MINIMAL.replace("{disciplines", "{github: ada, disciplines").replace(
            "    kind: ingestion\n", "    kind: ingestion\n    paths: [src/**]\n"
        )
    )
    return ["codeowners", "--repo-root", str(folder), "--write", str(folder / "CODEOWNERS"),
            str(folder / "raci.yaml")]  # fmt: skip


# command: (arguments in `folder`, the file it writes, what that file holds before)
WRITERS: dict[str, Callable[[Path], tuple[list[str], Path, str | None]]] = {
    "init": lambda folder: (["init", str(folder / "new.yaml")], folder / "new.yaml", None),
    "codeowners-write": lambda folder: (
        _codeowners_project(folder),
        folder / "CODEOWNERS",
        "# hand-written\n* @someone\n",
    ),
    "write-baseline": lambda folder: (
        ["check", "--isolated", "--write-baseline", str(folder / "baseline.json"),
         str(folder / "raci.yaml")],
        folder / "baseline.json",
        '{"raci-lint-baseline": 1, "violations": []}\n',
    ),
    "output": lambda folder: (
        ["check", "--isolated", "-o", str(folder / "report.txt"), str(folder / "raci.yaml")],
        folder / "report.txt",
        "an older report\n",
    ),
}  # fmt: skip


def _fail_replace(*args: Any) -> None:
    raise OSError(errno.EIO, "Input/output error")


def _fail_fsync(descriptor: int) -> None:
    raise OSError(errno.ENOSPC, "No space left on device")


def _interrupt_fsync(descriptor: int) -> None:
    raise KeyboardInterrupt


FAILURES = {
    "rename-fails": ("replace", _fail_replace, 2),
    "disk-full-mid-write": ("fsync", _fail_fsync, 2),
    # Ctrl-C: "raci-lint: error: interrupted", exit 130 (128 + SIGINT), as shells say.
    "interrupted-mid-write": ("fsync", _interrupt_fsync, 130),
}


@pytest.mark.parametrize("failure", list(FAILURES))
@pytest.mark.parametrize("command", list(WRITERS))
def test_writes_are_atomic(
    command: str, failure: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "project"
    folder.mkdir()
    (folder / "raci.yaml").write_text(MINIMAL + "bogus: 1\n")
    args, target, old = WRITERS[command](folder)
    if old is not None:
        target.write_text(old)
    before = set(os.listdir(folder))
    name, replacement, expected_code = FAILURES[failure]
    monkeypatch.setattr(os, name, replacement)
    code, _out, err = run_cli(args)
    monkeypatch.undo()
    assert code == expected_code
    assert err.strip().count("\n") == 0
    assert set(os.listdir(folder)) == before  # no temporary file left behind
    if old is None:
        assert not target.exists()
    else:
        assert target.read_text() == old
    # Without the failure, the same command writes the file whole.
    assert run_cli(args)[0] in (0, 1)
    assert target.exists()
    assert target.read_text() != old
    assert set(os.listdir(folder)) == before | {target.name}


def test_a_baseline_that_cannot_be_written_is_a_one_line_error(tmp_path: Path) -> None:
    (tmp_path / "raci.yaml").write_text(MINIMAL)
    target = tmp_path / "missing" / "b.json"
    code, _out, err = run_cli(
        ["check", "--isolated", "--write-baseline", str(target), str(tmp_path / "raci.yaml")]
    )
    assert code == 2
    assert err.count("\n") == 1
    assert str(target) in err
    assert "internal error" not in err
    assert ".tmp" not in err


# ----------------------------------------------------------- output safety

# Keys and references that try to reach the terminal: clear the screen, set
# the window title, ring the bell, make a hyperlink, move the cursor.
TERMINAL_ATTACKS = MINIMAL.replace("responsible: [ada]", 'responsible: [ada, "g\\e[2Jh"]') + (
    '"\\e[2J\\e[H": 1\n'
    '"\\e]0;pwned\\a": 2\n'
    '"\\e]8;;https://evil.example\\e\\\\link\\e]8;;\\e\\\\": 3\n'
    '"\\x9b31m\\r\\b\\x7f": 4\n'
)


@pytest.mark.parametrize("output_format", ["full", "concise"])
def test_terminal_formats_neutralise_escape_sequences(output_format: str, tmp_path: Path) -> None:
    path = tmp_path / "raci.yaml"
    path.write_bytes(TERMINAL_ATTACKS.encode())
    code, out, err = run_cli(["check", "--isolated", "--color", "always", "-f", output_format,
                              str(path)])  # fmt: skip
    assert (code, err) == (1, "")
    unpainted = out
    for style in ("\x1b[1;31m", "\x1b[1;33m", "\x1b[1;36m", "\x1b[1m", "\x1b[2m", "\x1b[32m",
                  "\x1b[0m"):  # fmt: skip
        unpainted = unpainted.replace(style, "")
    assert not any((ord(c) < 32 and c != "\n") or 0x7F <= ord(c) <= 0x9F for c in unpainted)
    assert "\\x1b[2J\\x1b[H" in unpainted
    assert "\\x1b]0;pwned\\x07" in unpainted
    assert "\\x9b31m\\r\\x08\\x7f" in unpainted
    lines = unpainted.splitlines()
    assert len([line for line in lines if line.startswith(str(path))]) == 5


@pytest.mark.parametrize("output_format", ["full", "concise"])
def test_terminal_formats_neutralise_bidi_controls(output_format: str, tmp_path: Path) -> None:
    path = tmp_path / "raci.yaml"
    path.write_text(MINIMAL + '"k\\u202ex\\u2066": 1\n"k\\u202ex\\u2066": 2\n"a\\Lb": 3\n')
    code, out, _err = run_cli(["check", "--isolated", "-f", output_format, str(path)])
    assert code == 1
    assert not any(c in out for c in "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
    assert "\u2028" not in out
    assert "\\u202e" in out


def test_machine_formats_keep_hostile_keys_inside_their_grammar(tmp_path: Path) -> None:
    path = tmp_path / "raci.yaml"
    hostile_key = '\n::error file=x,line=1::pwned\r%0A</failure>]]>&"\x1b[2J'
    content = MINIMAL + json.dumps(hostile_key) + ": 1\n"
    path.write_text(content)
    outputs = {
        name: run_cli(["check", "--isolated", "-f", name, str(path)])
        for name in ("json", "sarif", "github", "gitlab", "junit")
    }
    assert {name: (code, err) for name, (code, _, err) in outputs.items()} == dict.fromkeys(
        outputs, (1, "")
    )
    [violation] = json.loads(outputs["json"][1])
    # Text from the file is neutralised at the source: every message is one
    # safe line in every format, its acting characters shown as escapes.
    shown = '\\n::error file=x,line=1::pwned\\r%0A</failure>]]>&"\\x1b[2J'
    assert violation["message"].startswith(f"unknown key '{shown}' in the top level")
    assert (violation["line"], violation["column"]) == (8, 1)
    sarif = json.loads(outputs["sarif"][1])
    [result] = sarif["runs"][0]["results"]
    assert result["locations"][0]["physicalLocation"]["region"]["startLine"] == 8
    [issue] = json.loads(outputs["gitlab"][1])
    assert issue["location"]["lines"]["begin"] == 8
    github = outputs["github"][1].splitlines()
    assert len(github) == 2
    assert github[0].startswith("::error file=")
    assert "\x1b" not in github[0]
    assert "\r" not in outputs["github"][1]
    suites = ET.fromstring(outputs["junit"][1])
    failures = list(suites.iter("failure"))
    assert len(failures) == 1
    assert "pwned" in failures[0].get("message", "")


def test_codeowners_lines_cannot_be_injected_through_paths(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    path = tmp_path / "raci.yaml"
    path.write_text(
        MINIMAL.replace("{disciplines", "{github: ada, disciplines").replace(
            "    kind: ingestion\n",
            '    kind: ingestion\n    paths: ["src/x\\n*", "docs/y\\r\\n/", "ok/**"]\n',
        )
    )
    code, out, _err = run_cli(["codeowners", "--repo-root", str(tmp_path), str(path)])
    assert code in (0, 2)
    rules = [line for line in out.splitlines() if line and not line.startswith("#")]
    assert "ok/** @ada" in rules
    # Each rule is a pattern and its owners: none is a bare or an injected pattern.
    assert all(line.endswith(" @ada") for line in rules), rules
    assert not any(line.startswith(("* ", "/ ")) for line in rules), rules
    assert "\r" not in out


NON_UTF8_NAME = b"\xff\x1b[2J.raci.yaml"


@pytest.mark.skipif(sys.platform != "linux", reason="file names of any bytes")
@pytest.mark.parametrize(
    "output_format", ["full", "concise", "json", "sarif", "github", "gitlab", "junit"]
)
def test_a_file_name_that_is_not_utf8_on_stdout(output_format: str, tmp_path: Path) -> None:
    (tmp_path / os.fsdecode(NON_UTF8_NAME)).write_text("version: 1\n")
    code, out, err = run_cli(["check", "--isolated", "-f", output_format, str(tmp_path)])
    assert (code, err) == (1, "")
    assert "\x1b" not in out
    if output_format in ("json", "gitlab", "sarif"):
        json.loads(out)
    if output_format == "junit":
        ET.fromstring(out)


@pytest.mark.skipif(sys.platform != "linux", reason="file names of any bytes")
@pytest.mark.parametrize(
    "output_format",
    [
        pytest.param(name)
        for name in ("full", "concise", "json", "sarif", "github", "gitlab", "junit")
    ],
)  # fmt: skip
def test_a_file_name_that_is_not_utf8_in_an_output_file(output_format: str, tmp_path: Path) -> None:
    folder = tmp_path / "files"
    folder.mkdir()
    (folder / os.fsdecode(NON_UTF8_NAME)).write_text("version: 1\n")
    report = tmp_path / "report.out"
    code, _out, err = run_cli(
        ["check", "--isolated", "-f", output_format, "-o", str(report), str(folder)]
    )
    assert (code, err) == (1, "")
    written = report.read_text(encoding="utf-8")
    assert "SYN002" in written


def test_socket_is_not_a_file(tmp_path: Path) -> None:
    path = tmp_path / "s.raci.yaml"
    if len(str(path)) > 100 or not hasattr(socket, "AF_UNIX"):
        pytest.skip("no room for a unix socket path here")
    server = socket.socket(socket.AF_UNIX)
    try:
        server.bind(str(path))
        code, _out, err = run_cli(["check", "--isolated", str(path)])
    finally:
        server.close()
    assert (code, err) == (2, f"raci-lint: error: {path}: not a regular file\n")
