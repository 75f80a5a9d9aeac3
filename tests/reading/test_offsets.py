"""``loader.offsets``: character offsets into ``Document.text``, equal with both parsers.

PyYAML's C binding hands libyaml UTF-8 bytes; these tests pin that the
offsets still count characters, on non-ASCII, astral, CRLF and BOM input.
"""

from __future__ import annotations

import codecs
from collections.abc import Iterator

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from raci_lint.reading import loader
from raci_lint.reading.loader import HAS_LIBYAML, Mapping, Node, Scalar, Sequence, offsets, span


def nodes(node: Node | None) -> Iterator[Node]:
    stack = [node] if node is not None else []
    while stack:
        current = stack.pop()
        yield current
        if type(current) is Mapping:
            for key in current.entries.values():
                stack.extend((key, key.node))
        elif type(current) is Sequence:
            stack.extend(current.items)


def located(data: bytes, pure: bool) -> list[tuple[str, tuple[int, int], tuple[int, ...]]]:
    document = loader.load(data, force_pure=pure)
    return sorted((type(node).__name__, offsets(node), span(node)) for node in nodes(document.root))


SAMPLES = [
    "a: é\nbé: x😀y\nc: 1\n",
    "owner: Data Engineer  # ünïcode\r\nkind: Ingestion\r\n",
    'k: "\u2028"\nz: [é, "😀", {q: ß}]\n',
    "people:\n  zoë:\n    disciplines: [データ]\n",
]


@pytest.mark.skipif(not HAS_LIBYAML, reason="needs libyaml")
@pytest.mark.parametrize("text", SAMPLES)
@pytest.mark.parametrize("bom", [b"", codecs.BOM_UTF8])
def test_both_parsers_give_the_same_character_offsets(text: str, bom: bytes) -> None:
    data = bom + text.encode("utf-8")
    assert located(data, pure=False) == located(data, pure=True)


@pytest.mark.parametrize("pure", [False, True])
def test_a_plain_scalar_is_its_own_text_at_its_offsets(pure: bool) -> None:
    text = SAMPLES[1]
    document = loader.load(codecs.BOM_UTF8 + text.encode("utf-8"), force_pure=pure)
    assert document.text == text
    scalars = [n for n in nodes(document.root) if type(n) is Scalar]
    assert sorted(document.text[slice(*offsets(n))] for n in scalars) == sorted(
        n.value for n in scalars
    )
    kind = document.root.entries["kind"].node  # type: ignore[union-attr]
    assert offsets(kind) == (text.index("Ingestion"), text.index("Ingestion") + 9)


def test_utf16_offsets_count_the_decoded_characters() -> None:
    text = "a: é😀\nb: x\n"
    document = loader.load(codecs.BOM_UTF16_LE + text.encode("utf-16-le"))
    value = document.root.entries["b"].node  # type: ignore[union-attr]
    assert offsets(value) == (text.index("x"), text.index("x") + 1)


CHARS = st.sampled_from(["a", "b", " ", "é", "😀", "ß", "データ", "\t", "#", "'", '"', "-"])
WORDS = st.lists(CHARS, min_size=1, max_size=6).map("".join)


@st.composite
def documents(draw: st.DrawFn) -> str:
    lines = []
    for _ in range(draw(st.integers(1, 6))):
        key = draw(WORDS).strip(" \t#'\"-") or "k"
        value = draw(WORDS)
        style = draw(st.sampled_from(["plain", "single", "double", "flow", "comment"]))
        if style == "single":
            value = "'" + value.replace("'", "''") + "'"
        elif style == "double":
            value = '"' + value.replace("\\", "").replace('"', "") + '"'
        elif style == "flow":
            value = "[" + ", ".join(f'"{w}"' for w in value.replace('"', "").split()) + "]"
        elif style == "comment":
            value = "x  # " + value
        lines.append(f"{key}: {value}")
    return draw(st.sampled_from(["\n", "\r\n"])).join(lines) + "\n"


@pytest.mark.skipif(not HAS_LIBYAML, reason="needs libyaml")
@settings(max_examples=300, deadline=None)
@given(documents())
def test_random_non_ascii_documents_have_equal_offsets_with_both_parsers(text: str) -> None:
    data = text.encode("utf-8")
    fast, pure = located(data, pure=False), located(data, pure=True)
    # The parsers differ on what they accept (a tab inside a plain scalar): compare
    # the positions of what both read.
    assume(fast and pure)
    assert fast == pure
