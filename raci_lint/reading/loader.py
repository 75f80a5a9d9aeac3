"""YAML bytes -> a tree of nodes that remember where they were written.

PyYAML composes the document (its libyaml C parser when present, the
pure-Python one otherwise); this module then turns PyYAML's nodes into a
smaller tree with three guarantees the rules rely on:

* every scalar keeps its text as written (``no``, ``0755`` stay strings);
* a duplicated key is a DUPLICATE_KEY problem, and the *first* occurrence stands;
* merge keys (``<<``) are applied as YAML 1.1 defines them.

Nothing here ever constructs a Python object from a tag: tags other than the
core ones are reported and their nodes ignored. Safety limits (file size,
nesting depth, aliases) turn hostile documents into OVER_LIMIT problems instead
of a hang. The loader knows no rule: `rules/syntax.py` names the rule of each
kind of problem.
"""

from __future__ import annotations

import bisect
import codecs
import re
import sys
from functools import lru_cache
from typing import Any, NamedTuple

import yaml
from yaml.composer import Composer
from yaml.events import MappingStartEvent, SequenceStartEvent
from yaml.nodes import MappingNode, ScalarNode, SequenceNode
from yaml.parser import Parser
from yaml.reader import Reader
from yaml.scanner import Scanner

try:
    from yaml._yaml import CParser as _CParser

    HAS_LIBYAML = True
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    HAS_LIBYAML = False

__all__ = [
    "CORE",
    "HAS_LIBYAML",
    "Document",
    "Limits",
    "Mapping",
    "Node",
    "Problem",
    "Scalar",
    "Sequence",
    "load",
    "offsets",
    "span",
]

# The tag our resolver gives every untagged node, so that explicit tags
# (`!!str`, `!!python/object`) stay distinguishable from implicit ones.
IMPLICIT = "!raci-lint/implicit"
# The tag of a scalar that stands in for a node whose tag was rejected.
REJECTED = "!raci-lint/rejected"
# The prefix of YAML's core tags: `!!int` is "tag:yaml.org,2002:int".
CORE = "tag:yaml.org,2002:"
_CORE_TAGS = frozenset(
    CORE + name
    for name in ("str", "int", "bool", "null", "float", "map", "seq", "timestamp", "merge")
)
_NON_SPECIFIC = "!"


class Limits(NamedTuple):
    """Safety limits of one file; each is a `limits` key of the configuration."""

    max_file_size: int = 64 * 1024 * 1024
    max_depth: int = 100
    max_aliases: int = 250_000
    max_alias_expansion: int = 1_000_000


# What a problem found while reading is about. The loader knows no rules:
# the rules layer names the rule of each kind (rules/syntax.py).
INVALID = "invalid"  # not YAML, or not text
UNSUPPORTED = "unsupported"  # YAML the format does not allow: tags, complex keys
DUPLICATE_KEY = "duplicate-key"
OVER_LIMIT = "over-limit"  # a limit of `limits:` exceeded


class Problem(NamedTuple):
    """A violation found while reading the file, before any rule runs."""

    kind: str
    message: str
    line: int
    column: int
    end_line: int
    end_column: int
    pointer: str


Scalar = ScalarNode
"""A scalar is PyYAML's own node: ``value`` is its text as written, ``style``
is falsy when it is plain (None from PyYAML, "" from libyaml), ``tag`` is
``IMPLICIT`` unless a core tag was written. (A slotted class of our own would
take less memory, but PyYAML has already allocated its nodes: converting them
only adds to the peak.)"""


class Mapping:
    """A mapping; ``entries`` maps each key's text to its (key, value) nodes.

    Duplicated keys are already gone (the first stands) and merge keys applied.
    """

    __slots__ = ("end_mark", "entries", "start_mark")

    def __init__(self, entries: dict[str, tuple[Scalar, Node]], start: Any, end: Any) -> None:
        self.entries = entries
        self.start_mark = start
        self.end_mark = end

    def __repr__(self) -> str:
        return f"Mapping({list(self.entries)})"


class Sequence:
    """A sequence of nodes."""

    __slots__ = ("end_mark", "items", "start_mark")

    def __init__(self, items: list[Node], start: Any, end: Any) -> None:
        self.items = items
        self.start_mark = start
        self.end_mark = end

    def __repr__(self) -> str:
        return f"Sequence({self.items!r})"


Node = Scalar | Mapping | Sequence


def span(node: Node) -> tuple[int, int, int, int]:
    """The 1-based (line, column, end line, end column) of a node."""
    start, end = node.start_mark, node.end_mark
    return start.line + 1, start.column + 1, end.line + 1, end.column + 1


def offsets(node: Node) -> tuple[int, int]:
    """The (start, end) character offsets of a node in its document's text.

    Offsets count code points of ``Document.text`` (after a byte-order mark),
    end exclusive, the same with libyaml and the pure-Python parser (libyaml
    counts characters, not the UTF-8 bytes it is fed). With :func:`span`, the
    only way rules and fixes read a node's position.
    """
    return node.start_mark.index, node.end_mark.index


class Document:
    """The result of reading one file: its tree (or None) and its problems."""

    __slots__ = ("problems", "root", "text")

    def __init__(self, text: str, root: Node | None, problems: list[Problem]) -> None:
        self.text = text
        self.root = root
        self.problems = problems


# ---------------------------------------------------------------- decoding

# Characters YAML 1.1 allows in a stream ("c-printable").
_NON_PRINTABLE = re.compile(
    "[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]"
)

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


# YAML 1.1 line breaks: CR LF, CR, LF, NEL, LS and PS (as PyYAML and libyaml count them).
# Compiled when first needed (re caches it): only problems need a position.
_LINE_BREAK = "\r\n|[\r\n\x85\u2028\u2029]"


def _position_of_char(text: str, offset: int) -> tuple[int, int]:
    """The 1-based line and column of a character offset, counting lines as YAML does."""
    line = 1
    line_start = 0
    for match in re.compile(_LINE_BREAK).finditer(text, 0, offset):
        line += 1
        line_start = match.end()
    return line, offset - line_start + 1


def _position_of_byte(data: bytes, offset: int) -> tuple[int, int]:
    """The position of a byte offset of UTF-8 data that is valid up to it."""
    prefix = data[:offset].decode("utf-8", errors="replace")
    return _position_of_char(prefix, len(prefix))


def _file_problem(kind: str, message: str, line: int = 1, column: int = 1) -> Problem:
    """A problem at one position (by default 1:1, the whole file), with no pointer."""
    return Problem(kind, message, line, column, line, column, "")


def _check_printable(text: str) -> Problem | None:
    bad = _NON_PRINTABLE.search(text)
    if bad is None:
        return None
    line, column = _position_of_char(text, bad.start())
    char = bad.group()
    what = "a NUL byte" if char == "\0" else f"the control character U+{ord(char):04X}"
    return _file_problem(
        INVALID,
        f"the file holds {what}, which YAML does not allow; remove it (is this a binary file?)",
        line,
        column,
    )


def decode(data: bytes) -> tuple[str, Problem | None]:
    """Decode a file's bytes: UTF-8, or UTF-8/16/32 with a byte-order mark.

    The BOM is dropped, so positions count from the first real character.
    """
    encoding = "utf-8"
    for bom, name in _BOMS:
        if data.startswith(bom):
            data = data[len(bom) :]
            encoding = name
            break
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as error:
        if encoding != "utf-8":
            return "", _file_problem(
                INVALID, f"the file is not valid {encoding.upper()}: {error.reason}"
            )
        line, column = _position_of_byte(data, error.start)
        return "", _file_problem(
            INVALID,
            f"the file is not valid UTF-8 (byte 0x{data[error.start]:02x}); save it as UTF-8 text",
            line,
            column,
        )
    if encoding == "utf-8" and data.isascii() and not data.translate(None, _PRINTABLE_ASCII):
        return text, None  # printable ASCII: no need for the slower search
    return text, _check_printable(text)


# The bytes of printable ASCII text: tab, line feed, carriage return, space to "~".
_PRINTABLE_ASCII = b"\t\n\r" + bytes(range(0x20, 0x7F))


# ---------------------------------------------------------------- parsing


class _LimitExceeded(Exception):
    def __init__(self, message: str, mark: Any) -> None:
        super().__init__(message)
        self.message = message
        self.mark = mark


class _Resolver:
    """Resolves nothing: every untagged node gets the ``IMPLICIT`` tag.

    Typing of scalars (booleans, integers) is left to the schema layer, which
    knows which few keys hold something other than text.
    """

    def resolve(self, kind: Any, value: Any, implicit: Any) -> str:
        return IMPLICIT

    def descend_resolver(self, current_node: Any, current_index: Any) -> None:
        pass

    def ascend_resolver(self) -> None:
        pass


if HAS_LIBYAML:

    class _CComposer(_CParser, _Resolver):
        pass


class _PyComposer(Reader, Scanner, Parser, Composer, _Resolver):
    """The pure-Python composer, with the nesting limit libyaml enforces itself."""

    def __init__(self, text: str, max_depth: int) -> None:
        Reader.__init__(self, text)
        Scanner.__init__(self)
        Parser.__init__(self)
        Composer.__init__(self)
        self._depth = 0
        self._max_depth = max_depth

    def scan_to_next_token(self) -> None:
        """PyYAML's own, but skipping tabs where libyaml does.

        libyaml allows a tab between tokens in flow context and after a value
        indicator (``key:<TAB>value``); PyYAML refuses it. Both loaders must
        agree on which files are valid YAML.
        """
        found = False
        while not found:
            while self.peek() == " " or (
                self.peek() == "\t" and (self.flow_level or not self.allow_simple_key)
            ):
                self.forward()
            if self.peek() == "#":
                while self.peek() not in "\0\r\n\x85\u2028\u2029":
                    self.forward()
            if self.scan_line_break():  # type: ignore[no-untyped-call]
                if not self.flow_level:
                    self.allow_simple_key = True
            else:
                found = True

    def compose_node(self, parent: Any, index: Any) -> Any:
        event = self.peek_event()  # type: ignore[no-untyped-call]
        if not isinstance(event, (MappingStartEvent, SequenceStartEvent)):
            return Composer.compose_node(self, parent, index)
        self._depth += 1
        try:
            if self._depth > self._max_depth:
                raise _LimitExceeded(_depth_message(self._max_depth), event.start_mark)
            return Composer.compose_node(self, parent, index)
        finally:
            self._depth -= 1


def _depth_message(limit: int) -> str:
    return (
        f"the document nests deeper than {limit} levels (limits.max-depth); "
        "an ownership file needs fewer than 10"
    )


_LIBYAML_DEPTH = "exceeded maximum nesting depth"


# How much text the pure-Python parser re-reads to place a depth error.
_DEPTH_RESCAN_LIMIT = 2 * 1024 * 1024


# Compiled when first needed (re caches it): only an escaped surrogate needs it.
_SURROGATE = r"\\(?:u[dD][89a-fA-F]|U0000[dD][89a-fA-F])[0-9a-fA-F]{2}"


def _surrogate_escape(text: str, root: Any) -> Problem | None:
    """The INVALID problem of a double-quoted ``\\uD800``-style escape, as libyaml reports it.

    PyYAML's pure-Python scanner turns such escapes into lone surrogates
    where libyaml refuses them; both loaders must agree.
    """
    found = [match.start() for match in re.finditer(_SURROGATE, text)]
    if not found:
        return None
    spans = []
    stack = [root]
    while stack:
        node = stack.pop()
        if isinstance(node, ScalarNode):
            if node.style == '"':
                spans.append((node.start_mark.index, node.end_mark.index))
        elif isinstance(node, SequenceNode):
            stack.extend(node.value)
        elif isinstance(node, MappingNode):
            for key, value in node.value:
                stack.extend((key, value))
    # Scalars do not overlap: the one an escape may be in is found by bisection.
    spans.sort()
    starts = [start for start, _ in spans]
    for offset in found:
        index = bisect.bisect_right(starts, offset) - 1
        if index >= 0 and offset < spans[index][1]:
            line, column = _position_of_char(text, offset + 2)  # at the hex digits
            return _file_problem(INVALID, _SURROGATE_EXPLANATION, line, column)
    return None


def _too_deep(text: str, mark: Any, max_depth: int) -> Any:
    """Where the first collection deeper than ``max_depth`` starts.

    libyaml stops at its own nesting limit (1000 levels), scanning ahead, so
    its error is past ours. The pure-Python composer, which checks our limit
    as it goes, re-reads the text up to libyaml's error to find the place,
    as long as that text is not too long to re-read.
    """
    end = text.find("\n", mark.index)
    prefix = text if end < 0 else text[: end + 1]
    if len(prefix) > _DEPTH_RESCAN_LIMIT:
        return None
    try:
        _PyComposer(prefix, max_depth).get_single_node()
    except _LimitExceeded as error:
        return error.mark
    except (yaml.YAMLError, RecursionError):
        return None
    return None


def _compose(text: str, data: bytes | None, max_depth: int, force_pure: bool) -> Any:
    if HAS_LIBYAML and not force_pure:
        composer: Any = _CComposer(data if data is not None else text)
    else:
        composer = _PyComposer(text, max_depth)
    try:
        return composer.get_single_node()
    finally:
        dispose = getattr(composer, "dispose", None)
        if dispose is not None:
            dispose()


# ---------------------------------------------------------------- building


class _Builder:
    """Turns PyYAML nodes into our nodes, applying duplicates, merges and limits.

    This runs on every node of the file, so it avoids per-node allocations:
    scalars are PyYAML's own nodes, and JSON pointers are only worked out for
    the rare nodes that have a problem.
    """

    def __init__(self, shares_nodes: bool, limits: Limits) -> None:
        # Aliases make PyYAML share one node object between several parents.
        # Only a document with an anchor can do that; for the others, the
        # bookkeeping of shared nodes is skipped.
        self.shares_nodes = shares_nodes
        self.limits = limits
        self.found: list[tuple[str, str, Any, Any, str]] = []
        self.memo: dict[int, tuple[Node, int] | None] = {}
        self.count = 0
        self.aliases = 0
        self.expansion = 0

    def problem(self, kind: str, message: str, node: Any, owner: Any, token: str = "") -> None:
        """Record a problem at ``node``; its pointer is ``owner``'s plus ``token``."""
        self.found.append((kind, message, node, owner, token))

    def build(self, ynode: Any, depth: int) -> Node:
        if self.shares_nodes:
            key = id(ynode)
            if key in self.memo:
                return self._alias(ynode, self.memo[key])
            self.memo[key] = None
            before = self.count
            node = self._build(ynode, depth)
            self.memo[key] = (node, self.count - before)
            return node
        return self._build(ynode, depth)

    def _alias(self, ynode: Any, hit: tuple[Node, int] | None) -> Node:
        if hit is None:
            raise _LimitExceeded(
                "an alias refers to the node that holds it (a recursive structure)",
                ynode.start_mark,
            )
        self.aliases += 1
        self.expansion += hit[1]
        self.count += hit[1]
        if self.aliases > self.limits.max_aliases:
            raise _LimitExceeded(
                f"the document uses more than {self.limits.max_aliases} aliases "
                "(limits.max-aliases)",
                ynode.start_mark,
            )
        if self.expansion > self.limits.max_alias_expansion:
            raise _LimitExceeded(
                "aliases expand the document by more than "
                f"{self.limits.max_alias_expansion} nodes (limits.max-alias-expansion); "
                "is this a 'billion laughs' document?",
                ynode.start_mark,
            )
        return hit[0]

    def _build(self, ynode: Any, depth: int) -> Node:
        tag = ynode.tag
        if tag is not IMPLICIT and tag != _NON_SPECIFIC and tag not in _CORE_TAGS:
            rejected = ScalarNode(REJECTED, "", ynode.start_mark, ynode.end_mark)
            self.problem(
                UNSUPPORTED,
                f"the tag '{tag}' is not allowed: raci-lint reads plain YAML and never "
                "constructs objects from tags; remove the tag",
                ynode,
                rejected,
            )
            return rejected
        kind = type(ynode)
        if kind is ScalarNode:
            scalar: Scalar = ynode
            return scalar
        # The root is at depth 0 and level 1: a container at depth d is at level d + 1.
        if depth >= self.limits.max_depth:
            raise _LimitExceeded(_depth_message(self.limits.max_depth), ynode.start_mark)
        depth += 1
        self.count += 1 + len(ynode.value)
        if kind is SequenceNode:
            build = self.build
            if self.shares_nodes:
                items: list[Node] = [build(item, depth) for item in ynode.value]
            else:
                items = [
                    item
                    if type(item) is ScalarNode and item.tag is IMPLICIT
                    else build(item, depth)
                    for item in ynode.value
                ]
            sequence = Sequence(items, ynode.start_mark, ynode.end_mark)
            if not self.shares_nodes:
                ynode.value = None
            return sequence
        return self._mapping(ynode, depth)

    def _mapping(self, ynode: Any, depth: int) -> Mapping:
        pairs = ynode.value
        if not self.shares_nodes:
            # The common case, in one comprehension: plain scalar keys, none
            # repeated, no merge (a tagged key becomes None, which fails the
            # check). Only keys are looked at first, so nothing is built twice.
            try:
                names = {key.value if key.tag is IMPLICIT else None for key, _ in pairs}
            except (AttributeError, TypeError):  # a key that is a list or a mapping
                names = set()
            if len(names) == len(pairs) and "<<" not in names and None not in names:
                build = self.build
                mapping = Mapping(
                    {
                        key.value: (
                            Scalar(IMPLICIT, key.value, key.start_mark, key.end_mark, key.style),
                            Scalar(
                                IMPLICIT, value.value, value.start_mark, value.end_mark, value.style
                            )
                            if type(value) is ScalarNode and value.tag is IMPLICIT
                            else build(value, depth),
                        )
                        for key, value in pairs
                    },
                    ynode.start_mark,
                    ynode.end_mark,
                )
                ynode.value = None  # built: let PyYAML's pairs go now, not at the end
                return mapping
        # Aliases may share any node (scalars too: count every one of them),
        # or the mapping repeats, merges or tags keys: the slow way.
        return self._mapping_slowly(ynode, depth)

    def _mapping_slowly(self, ynode: Any, depth: int) -> Mapping:
        """Any mapping: complex keys, duplicated keys (the first stands), merge keys."""
        start = len(self.found)
        entries: dict[str, tuple[Scalar, Node]] = {}
        merges: list[Any] = []
        for ykey, yvalue in ynode.value:
            if type(ykey) is not ScalarNode:
                self.problem(
                    UNSUPPORTED,
                    "a key must be a plain string, not a list or a mapping",
                    ykey,
                    ynode,
                )
                continue
            if ykey.tag is not IMPLICIT and ykey.tag not in _CORE_TAGS:
                # Reported, and the key read as the text it is: nothing is constructed.
                self.problem(
                    UNSUPPORTED,
                    f"the tag '{ykey.tag}' is not allowed on a key: raci-lint reads plain YAML "
                    "and never constructs objects from tags; remove the tag",
                    ykey,
                    ynode,
                )
            text = ykey.value
            if text == "<<" and not ykey.style and ykey.tag in (IMPLICIT, CORE + "merge"):
                merges.append((ykey, yvalue))
                continue
            key: Scalar = ykey
            first = entries.get(text)
            if first is not None:
                self.problem(
                    DUPLICATE_KEY,
                    f"duplicate key '{text}' (first at line {first[0].start_mark.line + 1}); "
                    "the first one stands and this one is ignored",
                    ykey,
                    ynode,
                    text,
                )
                continue
            if type(yvalue) is ScalarNode and yvalue.tag is IMPLICIT and not self.shares_nodes:
                entries[text] = (key, yvalue)
            else:
                entries[text] = (key, self.build(yvalue, depth))
        for ykey, ymerge in merges:
            self._merge(entries, ynode, ykey, ymerge, depth)
        mapping = Mapping(entries, ynode.start_mark, ynode.end_mark)
        self._own(ynode, mapping, start)
        if not self.shares_nodes:
            ynode.value = None
        return mapping

    def _own(self, ynode: Any, node: Node, start: int) -> None:
        """Problems recorded for a PyYAML node since ``start`` belong to our node.

        Pointers are worked out on our tree at the end; PyYAML's is let go of
        as it is built, to keep large files in less memory.
        """
        found = self.found
        for index in range(start, len(found)):
            if found[index][3] is ynode:
                kind, message, at, _, token = found[index]
                found[index] = (kind, message, at, node, token)

    def _merge(
        self,
        entries: dict[str, tuple[Scalar, Node]],
        ynode: Any,
        ykey: Any,
        ymerge: Any,
        depth: int,
    ) -> None:
        merged = self.build(ymerge, depth)
        sources = merged.items if isinstance(merged, Sequence) else [merged]
        for source in sources:
            if not isinstance(source, Mapping):
                self.problem(
                    UNSUPPORTED,
                    "a merge key '<<' takes a mapping or a list of mappings "
                    "(usually an alias such as *defaults)",
                    source,
                    ynode,
                    "<<",
                )
                continue
            for text, entry in source.entries.items():
                # Keys written in the mapping itself win over merged ones, and
                # earlier sources of a merge list win over later ones.
                entries.setdefault(text, entry)

    def problems(self, root: Node) -> list[Problem]:
        """The recorded problems, with the JSON pointer of each worked out."""
        if not self.found:
            return []
        pointers = _pointers(root, {id(owner) for _, _, _, owner, _ in self.found})
        result = []
        for kind, message, node, owner, token in self.found:
            pointer = pointers.get(id(owner), "")
            if token:
                pointer = f"{pointer}/{escape_pointer(token)}"
            line, column, end_line, end_column = span(node)
            result.append(Problem(kind, message, line, column, end_line, end_column, pointer))
        return result


def escape_pointer(token: str) -> str:
    """Escape one reference token of a JSON Pointer (RFC 6901)."""
    return token.replace("~", "~0").replace("/", "~1")


def _pointers(root: Node, wanted: set[int]) -> dict[int, str]:
    """The JSON pointers of the wanted nodes of our tree, by one walk of it."""
    found: dict[int, str] = {}
    seen: set[int] = set()
    stack: list[tuple[Node, str]] = [(root, "")]
    while stack and len(found) < len(wanted):
        node, pointer = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if id(node) in wanted:
            found[id(node)] = pointer
        if type(node) is Sequence:
            stack.extend((item, f"{pointer}/{index}") for index, item in enumerate(node.items))
        elif type(node) is Mapping:
            stack.extend(
                (value, f"{pointer}/{escape_pointer(text)}")
                for text, (_, value) in node.entries.items()
            )
    return found


def count_line_breaks(text: str) -> int:
    """How many YAML line breaks a text holds (CR LF counts once)."""
    return (
        text.count("\n")
        + text.count("\r")
        - text.count("\r\n")
        + text.count("\x85")
        + text.count("\u2028")
        + text.count("\u2029")
    )


def end_of_text(text: str) -> tuple[int, int]:
    """The 1-based position just after the last character that is not blank."""
    stripped = text.rstrip()
    return _position_of_char(text, len(stripped))


def _char_at(text: str, line: int, column: int) -> str:
    """The character at a 1-based position ("" past the end of a line)."""
    lines = text.splitlines()  # the same line breaks as YAML 1.1
    if 0 < line <= len(lines):
        current = lines[line - 1]
        if 0 < column <= len(current):
            return current[column - 1]
    return ""


def _word_at(text: str, line: int, column: int) -> str:
    lines = text.splitlines()
    if not 0 < line <= len(lines):
        return ""
    match = re.match(r"[^\s,\[\]{}]+", lines[line - 1][column - 1 :])
    return match.group() if match else ""


_TAB = "a tab character in indentation; YAML indents with spaces only"

# Parse errors worded the same whichever parser found them: libyaml and
# PyYAML's pure-Python parser phrase most problems differently.
_EXPLANATION_SOURCES: list[tuple[str, str]] = [
    (
        r"mapping values are not allowed",
        "a 'key: value' is not allowed here; quote a value that holds ': ', "
        "or fix the indentation of this line",
    ),
    (
        r"(did not find expected|expected) ',' or '\]'",
        "a '[' list is not closed: expected ',' or ']'",
    ),
    (
        r"(did not find expected|expected) ',' or '\}'",
        "a '{' mapping is not closed: expected ',' or '}'",
    ),
    (
        r"block mapping: (did not find expected key|expected <block end>)",
        "expected a key at this indentation; check the indentation of this line",
    ),
    (
        r"block collection: (did not find expected '-'|expected <block end>)",
        "expected a '-' list item at this indentation; check the indentation of this line",
    ),
    (
        r"(did not find expected|expected '?)<document start>",
        "unexpected content after the end of the document; check the indentation of this line",
    ),
    (r"tab character that violates indentation", _TAB),
    (r"found undefined alias", "the alias '{word}' refers to no anchor"),
    (r"found duplicate anchor", "the anchor '{word}' is defined twice"),
    (r"duplicate %?YAML directive", "the %YAML directive is repeated"),
    (
        r"found unknown escape character",
        "unknown escape sequence in a double-quoted string; write '\\\\' for a "
        "backslash, or use single quotes",
    ),
    (
        r"found character .*that cannot start any token",
        "the character '{char}' cannot start a value here; quote the value",
    ),
    (
        r"found invalid Unicode character escape code",
        "a \\u escape names a surrogate (U+D800 to U+DFFF), which is no character; "
        "write the character itself",
    ),
    (
        r"found incompatible YAML document",
        "the %YAML directive asks for a YAML version other than 1.x; remove the directive",
    ),
    (
        r"(did not find expected|expected the) node content",
        "expected a value here; is a bracket or a quote left open?",
    ),
    (
        r"expected a single document",
        "the file holds more than one YAML document; an ownership file is one document",
    ),
]


_SURROGATE_EXPLANATION = next(
    text for pattern, text in _EXPLANATION_SOURCES if "Unicode" in pattern
)


@lru_cache(maxsize=1)
def _explanations() -> list[tuple[re.Pattern[str], str]]:
    """The explanations' patterns, compiled when a file first fails to parse."""
    return [(re.compile(pattern), text) for pattern, text in _EXPLANATION_SOURCES]


def _parse_problem(error: yaml.MarkedYAMLError, text: str) -> Problem:
    mark = error.problem_mark or error.context_mark
    raw = error.problem or "invalid YAML"
    if error.context:
        raw = f"{error.context}: {raw}"
    if mark is None:
        return _file_problem(INVALID, raw)
    line, column = mark.line + 1, mark.column + 1
    last_line, last_column = end_of_text(text)
    if (line, column) > (last_line, last_column):
        # libyaml reports an unexpected end of stream past the last line.
        line, column = last_line, last_column
    message = raw
    for pattern, explanation in _explanations():
        if pattern.search(raw):
            if (
                explanation.startswith("unknown escape")
                and _char_at(text, line, column - 1) == "\\"
            ):
                column -= 1  # at the backslash, as libyaml reports it
            char = _char_at(text, line, column)
            if char == "\t":
                message = _TAB
            else:
                word = _word_at(text, line, column)
                message = explanation.replace("{word}", word).replace("{char}", char)
            break
    if _has_long_key(text, line):
        message = (
            "a key longer than 1024 characters: YAML allows no longer implicit keys; "
            "shorten it, or write it as an explicit key (`? key`)"
        )
    return _file_problem(INVALID, message, line, column)


def _has_long_key(text: str, line: int) -> bool:
    """True when a line holds a key of more than 1024 characters (YAML's limit)."""
    lines = text.splitlines()
    if not 0 < line <= len(lines):
        return False
    key = lines[line - 1].split(": ", 1)[0].strip()
    return len(key) > 1024 and ":" in lines[line - 1]


def size_problem(size: int | None, limit: int) -> Problem:
    """The OVER_LIMIT problem of a file of ``size`` bytes (None: from a pipe), over ``limit``."""
    what = f"the file is {size} bytes" if size is not None else "the input is longer"
    return _file_problem(
        OVER_LIMIT, f"{what}, over the limit of {limit} bytes (limits.max-file-size)"
    )


def load(data: bytes, limits: Limits | None = None, *, force_pure: bool = False) -> Document:
    """Read one file's bytes into a :class:`Document`; never raises on bad input."""
    limits = limits or Limits()
    if len(data) > limits.max_file_size:
        return Document("", None, [size_problem(len(data), limits.max_file_size)])
    text, problem = decode(data)
    if problem is not None:
        return Document(text, None, [problem])
    # libyaml reads UTF-8 bytes faster than a str it would have to encode.
    plain_utf8 = not any(data.startswith(bom) for bom, _ in _BOMS)
    return _load_decoded(text, data if plain_utf8 else None, limits, force_pure)


def load_text(text: str, limits: Limits | None = None, *, force_pure: bool = False) -> Document:
    """Read YAML text into a :class:`Document`; never raises on bad input."""
    if text.startswith("\ufeff"):
        text = text[1:]
    problem = _check_printable(text)
    if problem is not None:
        return Document(text, None, [problem])
    return _load_decoded(text, None, limits or Limits(), force_pure)


# libyaml reads no deeper than this; a larger limits.max-depth is this one.
DEEPEST = 1000


def _load_decoded(text: str, data: bytes | None, limits: Limits, force_pure: bool) -> Document:
    if limits.max_depth > DEEPEST:
        limits = limits._replace(max_depth=DEEPEST)
    # Composing and building recurse a few frames per level of nesting: make
    # room for the deepest document the limits allow.
    needed = 5 * limits.max_depth + 500
    previous = sys.getrecursionlimit()
    if needed > previous:
        sys.setrecursionlimit(needed)
    try:
        return _load_within_limits(text, data, limits, force_pure)
    finally:
        sys.setrecursionlimit(previous)


def _load_within_limits(
    text: str, data: bytes | None, limits: Limits, force_pure: bool
) -> Document:
    try:
        root = _compose(text, data, limits.max_depth, force_pure)
    except _LimitExceeded as error:
        problem = _file_problem(
            OVER_LIMIT, error.message, error.mark.line + 1, error.mark.column + 1
        )
        return Document(text, None, [problem])
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark
        if error.problem and _LIBYAML_DEPTH in error.problem and mark is not None:
            mark = _too_deep(text, mark, limits.max_depth) or mark
            message = _depth_message(limits.max_depth)
            return Document(
                text, None, [_file_problem(OVER_LIMIT, message, mark.line + 1, mark.column + 1)]
            )
        return Document(text, None, [_parse_problem(error, text)])
    except RecursionError:
        return Document(text, None, [_file_problem(OVER_LIMIT, _depth_message(limits.max_depth))])
    except yaml.YAMLError as error:  # an error without a mark
        return Document(text, None, [_file_problem(INVALID, f"invalid YAML: {error}")])
    if root is None:
        return Document(text, None, [])
    if force_pure or not HAS_LIBYAML:
        escape = _surrogate_escape(text, root)
        if escape is not None:
            return Document(text, None, [escape])
    builder = _Builder("&" in text, limits)
    try:
        tree = builder.build(root, 0)
    except _LimitExceeded as error:
        problem = _file_problem(
            OVER_LIMIT, error.message, error.mark.line + 1, error.mark.column + 1
        )
        return Document(text, None, [problem])
    return Document(text, tree, builder.problems(tree))
