"""The pattern matcher against the `codeowners` package, a port of GitHub's matcher.

The package (hmarr's Go matcher, ported to Python) is a test oracle only: a
file is matched by a pattern when ``CodeOwners("<pattern> @o").of(path)``
names an owner. Random patterns over random small trees must match the same
files, pattern by pattern.

Left out of the property, on purpose, where raci-lint follows GitHub's
documentation or refuses what the oracle reads literally:

- `.` and `..` segments, and empty ones (`a//b`): raci-lint resolves them
  (and refuses a pattern that climbs out of the root, PATH rules); the oracle
  compares them as literal names, which no file of a repository has.
- a pattern with an empty body (`/`, `.`): raci-lint reads it as the whole
  repository; the oracle's regex (`(?:\\A|/)/`) matches nothing. GitHub's
  documentation does not name it; PATH rules already warn on such patterns.
- character classes (`[a-z]`) and escapes (`\\*`): the oracle hands `[...]`
  to Python's regex unchanged (`[!a]` is not a negation there) while
  raci-lint uses fnmatch's reading; neither is in GitHub's documentation.
"""

from __future__ import annotations

import pytest
from codeowners import CodeOwners
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from raci_lint.reading.repository import FileTree, parse_pattern

# Names a file or a folder may have, and segments a pattern may hold.
_NAMES = ("a", "b", "b.txt", "a-x", "c-x", "x", "ab")
# `a**` and `**-x` are no `**`: a `**` inside a name is a `*` (on GitHub too).
_SEGMENTS = (
    "a", "b", "b.txt", "a-x", "x", "*", "**", "?", "*-x", "a*", "*.txt", "?b", "*b*", "a**", "**-x",
)  # fmt: skip


def oracle(paths: list[str], pattern: str) -> set[str]:
    """The files GitHub's matcher (as the `codeowners` package ports it) gives the pattern."""
    owners = CodeOwners(f"{pattern} @o")
    return {path for path in paths if owners.of(path)}


def ours(paths: list[str], pattern: str) -> set[str]:
    found = list(FileTree(paths).match(parse_pattern(pattern)))
    assert len(found) == len(set(found)), found  # each file once
    return set(found)


@st.composite
def _trees(draw: st.DrawFn) -> list[str]:
    """A few files; no name is both a file and a folder, as in git."""
    drawn = draw(
        st.lists(
            st.lists(st.sampled_from(_NAMES), min_size=1, max_size=4).map("/".join),
            min_size=1,
            max_size=15,
            unique=True,
        )
    )
    return [path for path in drawn if not any(other.startswith(path + "/") for other in drawn)]


_patterns = st.builds(
    lambda leading, segments, trailing: (
        ("/" if leading else "") + "/".join(segments) + ("/" if trailing else "")
    ),
    st.booleans(),
    st.lists(st.sampled_from(_SEGMENTS), min_size=1, max_size=4),
    st.booleans(),
)

EXAMPLES = 1500
PATTERNS = 8  # patterns per example, each over the example's tree


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(_trees(), st.lists(_patterns, min_size=1, max_size=PATTERNS))
def test_every_pattern_matches_what_githubs_matcher_matches(
    paths: list[str], patterns: list[str]
) -> None:
    expected = {pattern: oracle(paths, pattern) for pattern in patterns}
    found = {pattern: ours(paths, pattern) for pattern in patterns}
    assert found == expected, paths
    # The patterns that match nothing (PATH001) are the same ones.
    assert {p for p in patterns if not found[p]} == {p for p in patterns if not expected[p]}


# Real patterns that own hundreds of files on GitHub, over trees shaped like
# theirs; each matched nothing, or almost nothing, before.
REGRESSIONS = [
    (
        "/packages/*-plugin",
        ["packages/auth-plugin/main.py", "packages/core/main.py", "packages/db-plugin"],
        ["packages/auth-plugin/main.py", "packages/db-plugin"],
    ),
    (
        "/c_glib/*-glib",
        ["c_glib/arrow-glib/array.cpp", "c_glib/arrow-glib/x/y.h", "c_glib/meson.build"],
        ["c_glib/arrow-glib/array.cpp", "c_glib/arrow-glib/x/y.h"],
    ),
    (
        "*gandiva*",
        ["cpp/src/gandiva/expr.cc", "java/gandiva/pom.xml", "cpp/gandiva.md", "cpp/other.cc"],
        ["cpp/gandiva.md", "cpp/src/gandiva/expr.cc", "java/gandiva/pom.xml"],
    ),
    (
        "/cpp/src/arrow/flight*",
        [
            "cpp/src/arrow/flight/client.cc",
            "cpp/src/arrow/flight/sql/server.cc",
            "cpp/src/arrow/flight_test.cc",
            "cpp/src/arrow/array.cc",
        ],
        [
            "cpp/src/arrow/flight/client.cc",
            "cpp/src/arrow/flight/sql/server.cc",
            "cpp/src/arrow/flight_test.cc",
        ],
    ),
    # `*` alone as the last segment stays the files of the folder (GitHub's docs).
    ("docs/*", ["docs/a.md", "docs/build/b.md"], ["docs/a.md"]),
    # `**/` and `docs/**/` are folders only: the files of docs itself are not in them.
    ("docs/**/", ["docs/a.md", "docs/build/b.md"], ["docs/build/b.md"]),
    ("**/", ["top.md", "docs/a.md"], ["docs/a.md"]),
    # A floating wildcard names folders at any depth as well as files.
    ("*.d", ["etc/conf.d/a", "etc/x.d", "etc/y"], ["etc/conf.d/a", "etc/x.d"]),
]


@pytest.mark.parametrize(("pattern", "paths", "expected"), REGRESSIONS)
def test_regressions_match_what_github_matches(
    pattern: str, paths: list[str], expected: list[str]
) -> None:
    assert sorted(ours(paths, pattern)) == expected
    assert oracle(paths, pattern) == set(expected)
