"""The loader: positions, duplicate keys, merge keys, tags, encodings, both parsers."""

from __future__ import annotations

import pytest

from raci_lint.reading import loader
from raci_lint.reading.loader import HAS_LIBYAML, Mapping, Problem, Sequence, load, load_text, span
from raci_lint.rules.syntax import READING_PROBLEMS

PARSERS = [pytest.param(False, id="libyaml"), pytest.param(True, id="pure-python")]


def code(problem: Problem) -> str:
    """The rule code a problem of the loader is reported as."""
    return READING_PROBLEMS[problem.kind].code


@pytest.fixture(params=PARSERS)
def pure(request: pytest.FixtureRequest) -> bool:
    return bool(request.param)


def test_libyaml_is_used_when_present() -> None:
    # PyYAML's wheels ship libyaml; CI must exercise the fast path.
    assert HAS_LIBYAML


def test_positions_are_one_based_and_count_characters(pure: bool) -> None:
    document = load("name: Zoë Ünal\nkey: [é, ü, x]\n".encode(), force_pure=pure)
    assert isinstance(document.root, Mapping)
    key = document.root.entries["key"]
    value = key.node
    assert span(key)[:2] == (2, 1)
    assert isinstance(value, Sequence)
    assert [span(item)[:2] for item in value.items] == [(2, 7), (2, 10), (2, 13)]


def test_scalars_keep_their_text(pure: bool) -> None:
    document = load_text("a: no\nb: 0755\nc: 2024-01-01\nd: on\ne: 'yes'\n", force_pure=pure)
    assert isinstance(document.root, Mapping)
    assert {k: key.node.value for k, key in document.root.entries.items()} == {
        "a": "no",
        "b": "0755",
        "c": "2024-01-01",
        "d": "on",
        "e": "yes",
    }


def test_duplicate_key_reported_at_second_and_first_stands(pure: bool) -> None:
    document = load_text("a: 1\nb:\n  c: first\n  c: second\n", force_pure=pure)
    assert [(code(p), p.line, p.column, p.pointer) for p in document.problems] == [
        ("SYN003", 4, 3, "/b/c")
    ]
    assert document.problems[0].message == (
        "duplicate key 'c' (first at line 3); the first one stands and this one is ignored"
    )
    assert isinstance(document.root, Mapping)
    inner = document.root.entries["b"].node
    assert isinstance(inner, Mapping)
    assert inner.entries["c"].node.value == "first"


def test_merge_keys_explicit_keys_win_and_earlier_sources_win(pure: bool) -> None:
    text = (
        "x-a: &a {p: from-a, q: from-a}\n"
        "x-b: &b {q: from-b, r: from-b}\n"
        "m:\n"
        "  <<: [*a, *b]\n"
        "  p: explicit\n"
    )
    document = load_text(text, force_pure=pure)
    assert document.problems == []
    assert isinstance(document.root, Mapping)
    merged = document.root.entries["m"].node
    assert isinstance(merged, Mapping)
    assert {k: key.node.value for k, key in merged.entries.items()} == {
        "p": "explicit",
        "q": "from-a",
        "r": "from-b",
    }
    # A merged value keeps the position where it was written.
    assert span(merged.entries["r"].node)[:2] == (2, 24)


def test_merge_of_a_scalar_is_a_schema_violation(pure: bool) -> None:
    document = load_text("m:\n  <<: [{a: 1}, 2]\n", force_pure=pure)
    # A wrong value is reported at the value.
    assert [(code(p), p.line, p.column) for p in document.problems] == [("SYN002", 2, 16)]


def test_python_tags_are_reported_never_constructed(pure: bool, tmp_path: object) -> None:
    text = "a: !!python/object/apply:os.system ['touch /tmp/raci-lint-pwned']\n"
    document = load_text(text, force_pure=pure)
    assert [(code(p), p.line, p.column) for p in document.problems] == [("SYN002", 1, 4)]
    assert "is not allowed" in document.problems[0].message


def test_complex_keys_are_reported(pure: bool) -> None:
    document = load_text("? [a, b]\n: c\n", force_pure=pure)
    assert [(code(p), p.line, p.column) for p in document.problems] == [("SYN002", 1, 3)]


@pytest.mark.parametrize(
    ("text", "line", "column", "message"),
    [
        ("a: b: c\n", 1, 5, "a 'key: value' is not allowed here; quote a value that holds ': ', "
         "or fix the indentation of this line"),
        ("a: [1, 2\n", 1, 9, "a '[' list is not closed: expected ',' or ']'"),
        ("a: {b: 1\n", 1, 9, "a '{' mapping is not closed: expected ',' or '}'"),
        ("a:\n  - b\n c: d\n", 3, 2,
         "expected a key at this indentation; check the indentation of this line"),
        ("a: *nope\n", 1, 4, "the alias '*nope' refers to no anchor"),
        ("key: @x\n", 1, 6, "the character '@' cannot start a value here; quote the value"),
        ("a: 1\n\tb: 2\n", 2, 1, "a tab character in indentation; YAML indents with spaces only"),
        ("a: 1\n---\nb: 2\n", 2, 1,
         "the file holds more than one YAML document; an ownership file is one document"),
        ('a: "\\q"\n', 1, 5, "unknown escape sequence in a double-quoted string; write '\\\\' "
         "for a backslash, or use single quotes"),
    ],
)  # fmt: skip
def test_syntax_errors_read_the_same_from_both_parsers(
    pure: bool, text: str, line: int, column: int, message: str
) -> None:
    document = load_text(text, force_pure=pure)
    assert document.root is None
    assert [(code(p), p.line, p.column, p.message) for p in document.problems] == [
        ("SYN001", line, column, message)
    ]


def test_tab_after_a_colon_is_accepted_by_both_parsers(pure: bool) -> None:
    document = load_text("a:\tb\n", force_pure=pure)
    assert document.problems == []


@pytest.mark.parametrize(
    ("data", "line", "column"),
    [
        (b"a: b\nc: \xff\n", 2, 4),
        (b"a: \xc3\n", 1, 4),
    ],
)
def test_invalid_utf8_is_syn001_at_the_byte(data: bytes, line: int, column: int) -> None:
    document = load(data)
    assert [(code(p), p.line, p.column) for p in document.problems] == [("SYN001", line, column)]
    assert "not valid UTF-8" in document.problems[0].message


def test_nul_byte_is_syn001_at_its_position() -> None:
    document = load(b"a: b\nc: d\x00e\n")
    assert [(code(p), p.line, p.column) for p in document.problems] == [("SYN001", 2, 5)]
    assert document.problems[0].message.startswith("the file holds a NUL byte")


@pytest.mark.parametrize(
    "encoded",
    [
        "\ufeffa: [x, y]\n".encode(),
        "\ufeffa: [x, y]\n".encode("utf-16-le"),
        "\ufeffa: [x, y]\n".encode("utf-16-be"),
        "\ufeffa: [x, y]\n".encode("utf-32-le"),
    ],
    ids=["utf-8-bom", "utf-16-le", "utf-16-be", "utf-32-le"],
)
def test_byte_order_marks_do_not_shift_positions(encoded: bytes, pure: bool) -> None:
    document = load(encoded, force_pure=pure)
    assert document.problems == []
    assert isinstance(document.root, Mapping)
    key = document.root.entries["a"]
    value = key.node
    assert span(key)[:2] == (1, 1)
    assert isinstance(value, Sequence)
    assert span(value.items[1])[:2] == (1, 8)


def test_empty_and_comment_only_files_have_no_root(pure: bool) -> None:
    for text in ("", "# only a comment\n", "\n\n"):
        document = load_text(text, force_pure=pure)
        assert document.root is None
        assert document.problems == []


def test_billion_laughs_is_stopped(pure: bool) -> None:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for previous, name in zip("abcdefgh", "bcdefghi", strict=True):
        lines.append(f"{name}: &{name} [" + ",".join([f"*{previous}"] * 9) + "]")
    document = load_text("\n".join(lines) + "\n", force_pure=pure)
    assert document.root is None
    assert [code(p) for p in document.problems] == ["SYN005"]
    assert "limits.max-alias-expansion" in document.problems[0].message


def test_recursive_alias_is_stopped(pure: bool) -> None:
    document = load_text("a: &a [*a]\n", force_pure=pure)
    assert [code(p) for p in document.problems] == ["SYN005"]


def test_nesting_depth_is_limited(pure: bool) -> None:
    depth = 150
    document = load_text("a: " + "[" * depth + "]" * depth + "\n", force_pure=pure)
    assert [code(p) for p in document.problems] == ["SYN005"]
    assert "limits.max-depth" in document.problems[0].message


def test_size_limit_is_checked_first() -> None:
    document = load(b"a: b\n" * 10, loader.Limits(max_file_size=20))
    assert [(code(p), p.line, p.column) for p in document.problems] == [("SYN005", 1, 1)]
    assert "limits.max-file-size" in document.problems[0].message


@pytest.mark.parametrize(
    "limited",
    [
        pytest.param("a: " + "[" * 150 + "]" * 150 + "\n", id="depth"),
        pytest.param("a: &a {b: c}\nl: [" + ", ".join(["*a"] * 3) + "]\n", id="aliases"),
        pytest.param("a: &a [*a]\n", id="recursion"),
    ],
)
def test_a_syntax_error_after_a_limit_is_what_both_parsers_report(limited: str, pure: bool) -> None:
    # The rest of the document is still parsed past a limit, so that the
    # file's syntax error is what is reported, by either parser.
    limits = loader.Limits(max_aliases=2)
    document = load_text(limited + "b: [c\n", limits, force_pure=pure)
    assert [(code(p), p.line, p.column, p.message) for p in document.problems] == [
        ("SYN001", limited.count("\n") + 1, 6, "a '[' list is not closed: expected ',' or ']'")
    ]
    assert [code(p) for p in load_text(limited, limits, force_pure=pure).problems] == ["SYN005"]


def test_a_key_written_as_an_alias_is_where_the_alias_is(pure: bool) -> None:
    document = load_text("a: &k b\n*k : c\n", force_pure=pure)
    assert isinstance(document.root, Mapping)
    key = document.root.entries["b"]
    value = key.node
    assert (span(key), value.value) == ((2, 1, 2, 3), "c")
    assert document.problems == []


def test_nodes_keep_no_parser_object(pure: bool) -> None:
    # One slotted node per event, its offsets packed in one int, the line
    # table shared by the document: no PyYAML node or Mark is kept.
    document = load_text("a: [b, {c: d}]\n", force_pure=pure)
    assert isinstance(document.root, Mapping)
    lines = document.root.lines
    assert isinstance(lines, loader.Lines)
    stack = [document.root]
    seen = 0
    while stack:
        node = stack.pop()
        seen += 1
        assert type(node) in (loader.Scalar, Mapping, Sequence)
        assert not hasattr(node, "__dict__")
        assert type(node.pos) is int and node.lines is lines
        if isinstance(node, Mapping):
            for key in node.entries.values():
                assert type(key) is loader.Scalar and key.lines is lines
                stack.append(key.node)
        elif isinstance(node, Sequence):
            stack.extend(node.items)
    assert seen == 5


def test_lines_and_columns_are_worked_out_only_for_what_is_reported(
    monkeypatch: pytest.MonkeyPatch, tmp_path: object
) -> None:
    # A clean check never needs a line or a column, so no document's line
    # table is made; one violation makes the table of its file, once.
    from conftest import CLEAN

    from raci_lint.engine.lint import lint_text

    made: list[int] = []
    line_starts = loader.line_starts

    def counting(text: str) -> object:
        made.append(len(text))
        return line_starts(text)

    monkeypatch.setattr(loader, "line_starts", counting)
    assert lint_text(CLEAN).violations == []
    assert made == []
    broken = CLEAN.replace("accountable: ", "accountable: nobody-", 1)
    report = lint_text(broken)
    assert [(v.code, v.line) for v in report.violations][:1] == [
        ("REF001", broken[: broken.index("nobody-")].count("\n") + 1)
    ]
    assert made == [len(broken)]


def test_a_line_table_counts_lines_as_yaml_does() -> None:
    text = "a\r\nb\rc\x85d\u2028e\u2029f\ng"
    lines = loader.Lines(text)
    assert [lines.position(text.index(char)) for char in "abcdefg"] == [
        (line, 1) for line in range(1, 8)
    ]
    assert lines.position(len(text)) == (7, 2)
    plain = loader.Lines("ab\ncd\n")
    assert [plain.position(offset) for offset in range(7)] == [
        (1, 1),
        (1, 2),
        (1, 3),
        (2, 1),
        (2, 2),
        (2, 3),
        (3, 1),
    ]


def test_a_text_too_long_for_packed_offsets_is_over_a_limit(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Offsets are packed in 32 bits each: past 4 Gi characters (whatever
    # limits.max-file-size says) the file is refused, not misread.
    monkeypatch.setattr(loader, "_LOW", 16)
    document = load(b"a: b\n" * 10, loader.Limits(max_file_size=1 << 40))
    assert document.root is None
    assert [(code(p), p.line, p.column, p.message) for p in document.problems] == [
        ("SYN005", 1, 1, "the file is 50 bytes, over the limit of 16 bytes (limits.max-file-size)")
    ]


# An anchored node is judged where an alias makes it a value or a key, as if
# it were written there; a node nothing keeps (a repeated key's value) is not
# judged at all; a limit does not hide an undefined alias or a repeated anchor.
ALIASED = [
    (
        b"a: &x !foo bar\n*x : 1\n",
        None,
        [
            ("SYN002", 1, 4, "/a", "the tag '!foo' is not allowed:"),
            ("SYN002", 2, 1, "", "the tag '!foo' is not allowed on a key"),
        ],
    ),
    (
        b"? &x !foo k\n: v\nb: *x\n",
        None,
        [
            ("SYN002", 1, 3, "", "the tag '!foo' is not allowed on a key"),
            ("SYN002", 1, 3, "/b", "the tag '!foo' is not allowed:"),
        ],
    ),
    (
        b"? &a !foo [x]\n: 1\nb: *a\n",
        None,
        [
            ("SYN002", 1, 3, "", "a key must be a plain string"),
            ("SYN002", 1, 3, "/b", "the tag '!foo' is not allowed:"),
        ],
    ),
    (
        b"a: !foo {x: &b {k: 1, k: 2}}\nc: *b\n",
        None,
        [
            ("SYN003", 1, 23, "/c/k", "duplicate key 'k'"),
            ("SYN002", 1, 4, "/a", "the tag '!foo' is not allowed:"),
        ],
    ),
    (
        b"? [&b {k: 1, k: 2}]\n: v\nc: *b\n",
        None,
        [
            ("SYN003", 1, 14, "/c/k", "duplicate key 'k'"),
            ("SYN002", 1, 3, "", "a key must be a plain string"),
        ],
    ),
    (
        b"a: !foo [&b !bar x]\nc: *b\n",
        None,
        [
            ("SYN002", 1, 4, "/a", "the tag '!foo' is not allowed:"),
            ("SYN002", 1, 10, "/c", "the tag '!bar' is not allowed:"),
        ],
    ),
    (
        b"a: 1\na: {k: 1, k: !foo 2, <<: b}\n",
        None,
        [("SYN003", 2, 1, "/a", "duplicate key 'a'")],
    ),
    (
        b"[&a x, *a, *a, *a, *b]\n",
        loader.Limits(max_aliases=2),
        [("SYN001", 1, 20, "", "the alias '*b' refers to no anchor")],
    ),
    (
        b"[&a x, *a, *a, *a, &a y]\n",
        loader.Limits(max_aliases=2),
        [("SYN001", 1, 20, "", "the anchor '&a' is defined twice")],
    ),
    (
        b"&a\n*a : x\n",
        None,
        [("SYN002", 1, 1, "", "a key must be a plain string")],
    ),
]


@pytest.mark.parametrize(("data", "limits", "expected"), ALIASED)
def test_an_aliased_node_is_judged_where_the_alias_puts_it(
    data: bytes,
    limits: loader.Limits | None,
    expected: list[tuple[str, int, int, str, str]],
    pure: bool,
) -> None:
    document = load(data, limits, force_pure=pure)
    found = [(code(p), p.line, p.column, p.pointer, p.message) for p in document.problems]
    assert len(found) == len(expected)
    for (got_code, line, column, pointer, message), want in zip(
        sorted(found, key=lambda f: (f[1], f[2], f[3])),
        sorted(expected, key=lambda e: (e[1], e[2], e[3])),
        strict=True,
    ):
        assert (got_code, line, column, pointer) == want[:4]
        assert message.startswith(want[4])


def test_a_read_tree_is_freed_without_the_cycle_collector(pure: bool) -> None:
    # The language server reads file after file: a tree must go as soon as
    # nobody holds it, not wait for the cyclic garbage collector.
    import gc

    gc.collect()
    enabled = gc.isenabled()
    gc.disable()
    try:
        document = load(b"a: &x [b, {c: d, <<: {e: f}}]\nk: *x\n? [g]\n: h\n", force_pure=pure)
        assert isinstance(document.root, Mapping)
        del document
        assert gc.collect() == 0
    finally:
        if enabled:
            gc.enable()
