"""YAML bytes -> a tree of nodes that remember where they were written.

PyYAML's parser (its libyaml C parser when present, the pure-Python one
otherwise) hands this module its events, and each event becomes at most one
small slotted node, in one pass: PyYAML's own node tree is never made. Three
guarantees the rules rely on:

* every scalar keeps its text as written (``no``, ``0755`` stay strings);
* a duplicated key is a DUPLICATE_KEY problem, and the *first* occurrence stands;
* merge keys (``<<``) are applied as YAML 1.1 defines them.

A node's position is one packed int per end (offset, line, column), read
with :func:`span` and :func:`offsets`. Nothing here ever constructs a
Python object from a tag: tags other than the core ones are reported and
their nodes ignored. Safety limits (file size, nesting depth, aliases) turn
hostile documents into OVER_LIMIT problems instead of a hang. The loader
knows no rule: `rules/syntax.py` names the rule of each kind of problem.
"""

from __future__ import annotations

import bisect
import codecs
import re
from array import array
from functools import lru_cache
from typing import Any, NamedTuple

import yaml
from yaml.composer import ComposerError
from yaml.events import (
    AliasEvent,
    DocumentEndEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
)
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


class Lines:
    """Where the lines of one document start, worked out when a position is first asked for.

    A node keeps only its character offsets (one int): its line and column
    are found here, by bisection, when a violation needs them. Lines break as
    YAML 1.1 says (CR LF, CR, LF, NEL, LS, PS), as both parsers count them.
    """

    __slots__ = ("_starts", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        self._starts: array[int] | None = None

    def position(self, offset: int) -> tuple[int, int]:
        """The 1-based line and column of a character offset."""
        starts = self._starts
        if starts is None:
            starts = self._starts = line_starts(self.text)
        line = bisect.bisect_right(starts, offset) - 1
        return line + 1, offset - starts[line] + 1

    def span(self, packed: int) -> tuple[int, int, int, int]:
        return (*self.position(packed >> _SHIFT), *self.position(packed & _LOW))


def line_starts(text: str) -> array[int]:
    """The offset where each line of a text starts, lines counted as YAML counts them."""
    starts = array("q", [0])
    if not any(other in text for other in "\r\x85\u2028\u2029"):
        find = text.find
        at = find("\n")
        while at >= 0:
            starts.append(at + 1)
            at = find("\n", at + 1)
        return starts
    starts.extend(match.end() for match in re.finditer(_LINE_BREAK, text))
    return starts


class At:
    """A place that is no node of a document: a comment, a line of another file.

    It answers :func:`span` as a node does, with the 1-based range it was given.
    """

    __slots__ = ("_span",)

    pos = 0

    def __init__(self, line: int, column: int, end_line: int, end_column: int) -> None:
        self._span = (line, column, end_line, end_column)

    @property
    def lines(self) -> At:
        return self

    def span(self, packed: int) -> tuple[int, int, int, int]:
        return self._span


# Where a node made from data with no text (TOML) is: 1:1.
NOWHERE = At(1, 1, 1, 1)


class Scalar:
    """A scalar: ``value`` is its text as written, ``style`` is falsy when it is
    plain (None from PyYAML, "" from libyaml), ``tag`` is ``IMPLICIT`` unless a
    core tag was written. Its place: :func:`span` and :func:`offsets`.

    The key of a mapping's entry holds the entry's value in ``node`` (a
    scalar that is no key holds :data:`NOTHING`): a mapping keeps one
    object per entry, not a (key, value) pair as well.
    """

    __slots__ = ("lines", "node", "pos", "style", "tag", "value")

    def __init__(
        self,
        tag: str,
        value: str,
        start: int = 0,
        end: int = 0,
        style: str | None = None,
        lines: Lines | At = NOWHERE,
    ) -> None:
        self.tag = tag
        self.value = value
        self.pos = (start << _SHIFT) | end
        self.style = style
        self.lines = lines
        # A key's value. Never the scalar itself: a node in a cycle would wait
        # for the cyclic garbage collector to be freed (the language server).
        self.node: Node = NOTHING

    def __repr__(self) -> str:
        return f"Scalar({self.value!r})"


def _nothing() -> Scalar:
    nothing = Scalar.__new__(Scalar)
    nothing.tag, nothing.value, nothing.pos, nothing.style = IMPLICIT, "", 0, None
    nothing.lines = NOWHERE
    nothing.node = nothing
    return nothing


# What a scalar that is no key holds: one empty scalar, for every one of them.
NOTHING = _nothing()


class Mapping:
    """A mapping; ``entries`` maps each key's text to its key node, whose ``node`` is the value.

    Duplicated keys are already gone (the first stands) and merge keys applied.
    """

    __slots__ = ("entries", "lines", "pos")

    def __init__(
        self,
        entries: dict[str, Scalar],
        start: int = 0,
        end: int = 0,
        lines: Lines | At = NOWHERE,
    ) -> None:
        self.entries = entries
        self.pos = (start << _SHIFT) | end
        self.lines = lines

    def __repr__(self) -> str:
        return f"Mapping({list(self.entries)})"


class Sequence:
    """A sequence of nodes."""

    __slots__ = ("items", "lines", "pos")

    def __init__(
        self, items: list[Node], start: int = 0, end: int = 0, lines: Lines | At = NOWHERE
    ) -> None:
        self.items = items
        self.pos = (start << _SHIFT) | end
        self.lines = lines

    def __repr__(self) -> str:
        return f"Sequence({self.items!r})"


Node = Scalar | Mapping | Sequence


def holding(key: Scalar, value: Node) -> Scalar:
    """``key``, made to hold ``value``: an entry of a mapping built by hand."""
    key.node = value
    return key


# A node's place is one int: its start offset, shifted, and its end offset
# (of a text shorter than 4 Gi characters, which the size limit ensures).
_SHIFT = 32
_LOW = (1 << _SHIFT) - 1


def span(node: Any) -> tuple[int, int, int, int]:
    """The 1-based (line, column, end line, end column) of a node (or an :class:`At`)."""
    found: tuple[int, int, int, int] = node.lines.span(node.pos)
    return found


def offsets(node: Node) -> tuple[int, int]:
    """The (start, end) character offsets of a node in its document's text.

    Offsets count code points of ``Document.text`` (after a byte-order mark),
    end exclusive, the same with libyaml and the pure-Python parser (libyaml
    counts characters, not the UTF-8 bytes it is fed). With :func:`span`, the
    only way rules and fixes read a node's position.
    """
    pos = node.pos
    return pos >> _SHIFT, pos & _LOW


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
    return Lines(text).position(offset)


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


# ---------------------------------------------------------------- building


class _LimitExceeded(Exception):
    def __init__(self, message: str, mark: Any, depth: bool = False) -> None:
        super().__init__(message)
        self.message = message
        self.line, self.column = mark.line + 1, mark.column + 1
        self.depth = depth


class _PyParser(Reader, Scanner, Parser):
    """PyYAML's pure-Python parser, skipping tabs where libyaml does."""

    def __init__(self, text: str) -> None:
        Reader.__init__(self, text)
        Scanner.__init__(self)
        Parser.__init__(self)

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


def _parser(text: str, data: bytes | None, force_pure: bool) -> Any:
    """The event parser of one document: libyaml's when present, else PyYAML's."""
    if HAS_LIBYAML and not force_pure:
        return _CParser(data if data is not None else text)
    return _PyParser(text)


def _depth_message(limit: int) -> str:
    return (
        f"the document nests deeper than {limit} levels (limits.max-depth); "
        "an ownership file needs fewer than 10"
    )


# A key slot whose key was a list or a mapping: its value is read, not kept.
_SKIPPED = Scalar(REJECTED, "", 0, 0)


class _Builder:
    """Builds our tree from the parser's events, in one pass.

    PyYAML's composer and node tree are never made: each event becomes at
    most one small slotted node of raci-lint's. Duplicated keys (the first stands), merge
    keys, complex keys, tags and the limits are applied as the events come.
    A limit does not stop the reading: the rest of the document is parsed
    (not built), so that a syntax error anywhere is what the file reports,
    whichever parser read it.
    """

    def __init__(self, text: str, limits: Limits, quoted: list[tuple[int, int]] | None) -> None:
        # Shared by every node of the document: where its lines start.
        self.lines = Lines(text)
        self.limits = limits
        # (kind, message, node, owner, token): the pointer is the owner's plus the token.
        self.found: list[tuple[str, str, Any, Any, str]] = []
        # The double-quoted scalars' (start, end) offsets, when they are wanted.
        self.quoted = quoted
        # The first limit the document went over, if any.
        self.limit: _LimitExceeded | None = None
        # Where each anchor is written, for the rest of the document too.
        self.anchor_marks: dict[str, Any] = {}

    def problem(self, kind: str, message: str, node: Any, owner: Any, token: str = "") -> None:
        self.found.append((kind, message, node, owner, token))

    def run(self, parser: Any) -> Node | None:
        """The document's root (None when the stream is empty); raises on a parse error."""
        get = parser.get_event
        get()  # the stream's start
        event = get()
        if type(event) is StreamEndEvent:
            return None
        document = event.start_mark
        root: Node | None = None
        try:
            root = self._document(get)
        except _LimitExceeded as error:
            self.limit = error
            self._drain(get)
        event = get()
        if type(event) is not StreamEndEvent:
            raise ComposerError(
                "expected a single document in the stream",
                document,
                "but found another document",
                event.start_mark,
            )
        return root

    def _drain(self, get: Any) -> None:
        """Parse the rest of the document without building it.

        Its anchors and aliases are still checked: an undefined alias or a
        repeated anchor is an error of the file, as a syntax error is.
        """
        quoted = self.quoted
        marks = self.anchor_marks
        while True:
            event = get()
            kind = type(event)
            if kind is DocumentEndEvent:
                return
            if kind is AliasEvent:
                if event.anchor not in marks:
                    raise _undefined_alias(event)
                continue
            anchor = getattr(event, "anchor", None)
            if anchor is not None:
                if anchor in marks:
                    raise _duplicate_anchor(anchor, marks[anchor], event.start_mark)
                marks[anchor] = event.start_mark
            if quoted is not None and kind is ScalarEvent and event.style == '"':
                quoted.append((event.start_mark.index, event.end_mark.index))

    def _document(self, get: Any) -> Node | None:
        limits = self.limits
        lines = self.lines
        max_depth = limits.max_depth
        quoted = self.quoted
        problem = self.problem
        interned: dict[str, str] = {}
        intern = interned.setdefault
        # Each anchor's node as built where it is written (a collection, or a
        # scalar with its own tag), and where it was first made a value (a
        # rejected tag's stand-in, or the node itself) once that is reported.
        anchors: dict[str, Node] = {}
        anchor_marks = self.anchor_marks
        values: dict[str, Node] = {}
        bad_tags: dict[str, str] = {}  # the rejected tag of an anchored node
        sizes: dict[str, int | None] = {}  # None: the anchored node is still open
        # Problems found where nothing is reported (a complex key, the value of
        # a repeated key, inside a rejected node), with the level of the
        # innermost place that silenced them: an alias to a node built there
        # reports those that came from outside that node, as building it
        # anew would. The range of each anchored collection's among them.
        silenced: list[tuple[tuple[str, str, Any, Any, str], int]] = []
        ranges: dict[str, tuple[int, int, int]] = {}
        count = aliases = expansion = 0
        # The open collections: (container, kind, key, silence, pairs, extra) of each parent.
        stack: list[Any] = []
        # The collection being filled: 0 at the top, 1 a mapping, 2 a sequence.
        current: Any = None
        kind = 0
        key: Scalar | None = None  # a mapping's key waiting for its value
        # -1, or the level of the innermost place that silences problems here.
        silence = -1
        pairs = 0
        # (anchor, count before, tag rejected, first silenced) of a collection that
        # has an anchor or a rejected tag, else None.
        extra: Any = None
        # The merge keys of the open mappings that have some, by the mapping's id.
        merges: dict[int, list[tuple[Scalar, Node]]] = {}
        root: Node | None = None
        scalar_event, mapping_start, sequence_start = (
            ScalarEvent,
            MappingStartEvent,
            SequenceStartEvent,
        )

        def note(kind_: str, message: str, node_: Any, owner: Any, token: str = "") -> None:
            if silence < 0:
                problem(kind_, message, node_, owner, token)
            else:
                silenced.append(((kind_, message, node_, owner, token), silence))

        while True:
            event = get()
            event_type = type(event)
            if event_type is scalar_event:
                mark = event.start_mark
                end = event.end_mark
                style = event.style
                if quoted is not None and style == '"':
                    quoted.append((mark.index, end.index))
                value = event.value
                value = intern(value, value)
                tag = event.tag
                node: Any = Scalar(
                    IMPLICIT if tag is None or tag == "!" else tag,
                    value,
                    mark.index,
                    end.index,
                    style,
                    lines,
                )
                anchor = event.anchor
                if anchor is not None:
                    if anchor in anchor_marks:
                        raise _duplicate_anchor(anchor, anchor_marks[anchor], mark)
                    anchors[anchor] = node
                    anchor_marks[anchor] = mark
                    sizes[anchor] = 0
                if tag is not None and tag not in _CORE_TAGS and tag != "!":
                    if anchor is not None:
                        bad_tags[anchor] = tag
                    if not (kind == 1 and key is None):  # a key keeps its tag, reported below
                        node = rejected = _stand_in(node)
                        if key is not _SKIPPED:
                            note(UNSUPPORTED, _tag_message(tag), rejected, rejected)
                            if silence < 0 and anchor is not None:
                                values[anchor] = rejected
                elif anchor is not None and silence < 0 and not (kind == 1 and key is None):
                    values[anchor] = node
            elif event_type is mapping_start or event_type is sequence_start:
                mark = event.start_mark
                anchor = event.anchor
                if anchor is not None:
                    if anchor in anchor_marks:
                        raise _duplicate_anchor(anchor, anchor_marks[anchor], mark)
                    # Known before a limit may stop the building: the rest is still checked.
                    anchor_marks[anchor] = mark
                level = len(stack)
                if level >= max_depth:
                    raise _LimitExceeded(_depth_message(max_depth), mark, depth=True)
                tag = event.tag
                # The tag of a collection that is rejected, else None.
                bad = tag if tag is not None and tag != "!" and tag not in _CORE_TAGS else None
                # The end offset is or-ed in when the collection ends.
                container: Any = (
                    Mapping({}, mark.index, 0, lines)
                    if event_type is mapping_start
                    else Sequence([], mark.index, 0, lines)
                )
                stack.append((current, kind, key, silence, pairs, extra))
                # A collection as a key (complex) or as the value of a key that
                # is not kept is silenced by its place (the level above it); one
                # under a rejected tag by itself.
                if kind == 1 and (key is None or key is _SKIPPED):
                    silence = max(silence, level - 1)
                if bad is not None:
                    silence = level
                extra = (
                    None if anchor is None and bad is None else (anchor, count, bad, len(silenced))
                )
                if anchor is not None:
                    anchors[anchor] = container
                    sizes[anchor] = None
                    if bad is not None:
                        bad_tags[anchor] = bad
                current = container
                kind = 1 if event_type is mapping_start else 2
                key = None
                pairs = 0
                continue
            elif event_type is MappingEndEvent or event_type is SequenceEndEvent:
                end = event.end_mark
                node = current
                node.pos |= end.index
                if kind == 1:
                    count += 1 + pairs
                    if merges and id(node) in merges:
                        _merge(node, merges.pop(id(node)), note)
                else:
                    count += 1 + len(node.items)
                done = extra
                level = len(stack) - 1
                current, kind, key, silence, pairs, extra = stack.pop()
                if done is not None:
                    anchor, before, bad, first_silenced = done
                    in_value = not (kind == 1 and key is None)
                    if anchor is not None:
                        sizes[anchor] = count - before
                        ranges[anchor] = (first_silenced, len(silenced), level)
                    if bad is not None and in_value:
                        node = rejected = _stand_in(node)
                        if key is not _SKIPPED:
                            note(UNSUPPORTED, _tag_message(bad), rejected, rejected)
                            if silence < 0 and anchor is not None:
                                values[anchor] = rejected
                    elif anchor is not None and in_value and silence < 0 and key is not _SKIPPED:
                        values[anchor] = node
            elif event_type is AliasEvent:
                anchor = event.anchor
                if anchor not in anchors:
                    raise _undefined_alias(event)
                node = anchors[anchor]
                size = sizes[anchor]
                if kind == 1 and key is None:
                    # A key is never expanded: an alias as a key is its anchor's
                    # scalar, where the alias is written, or a complex key.
                    if type(node) is Scalar:
                        node = Scalar(
                            node.tag,
                            node.value,
                            event.start_mark.index,
                            event.end_mark.index,
                            node.style,
                            lines,
                        )
                elif size is None:
                    raise _LimitExceeded(
                        "an alias refers to the node that holds it (a recursive structure)",
                        event.start_mark,
                    )
                else:
                    aliases += 1
                    expansion += size
                    count += size
                    if aliases > limits.max_aliases:
                        raise _LimitExceeded(
                            f"the document uses more than {limits.max_aliases} aliases "
                            "(limits.max-aliases)",
                            event.start_mark,
                        )
                    if expansion > limits.max_alias_expansion:
                        raise _LimitExceeded(
                            "aliases expand the document by more than "
                            f"{limits.max_alias_expansion} nodes (limits.max-alias-expansion); "
                            "is this a 'billion laughs' document?",
                            event.start_mark,
                        )
                    if anchor in values:
                        node = values[anchor]
                    elif key is not _SKIPPED:
                        # The anchored node was never made a value where it is
                        # written (a key, or a silenced place): it is made one
                        # here, with what that reports.
                        node = self._made_value(anchor, node, bad_tags, silenced, ranges, note)
                        if silence < 0:
                            values[anchor] = node
            else:  # the document's end
                return root
            # A node is complete: it goes where its parent has room for it.
            if kind == 1:
                if key is None:
                    if type(node) is Scalar:
                        key = node
                        if node.tag is not IMPLICIT and node.tag not in _CORE_TAGS:
                            note(UNSUPPORTED, _key_tag_message(node.tag), node, current)
                        text = node.value
                        if text in current.entries and not (
                            text == "<<" and not node.style and node.tag in _MERGE_TAGS
                        ):
                            first = current.entries[text]
                            note(
                                DUPLICATE_KEY,
                                f"duplicate key '{text}' (first at line "
                                f"{span(first)[0]}); "
                                "the first one stands and this one is ignored",
                                node,
                                current,
                                text,
                            )
                            key = _SKIPPED  # its value is read, not kept
                    else:
                        note(
                            UNSUPPORTED,
                            "a key must be a plain string, not a list or a mapping",
                            node,
                            current,
                        )
                        key = _SKIPPED
                    continue
                pairs += 1
                if key is not _SKIPPED:
                    text = key.value
                    if text == "<<" and not key.style and key.tag in _MERGE_TAGS:
                        merges.setdefault(id(current), []).append((key, node))
                    else:
                        key.node = node
                        current.entries[text] = key
                key = None
            elif kind == 2:
                current.items.append(node)
            else:
                root = node

    @staticmethod
    def _made_value(
        anchor: str,
        node: Node,
        bad_tags: dict[str, str],
        silenced: list[tuple[tuple[str, str, Any, Any, str], int]],
        ranges: dict[str, tuple[int, int, int]],
        note: Any,
    ) -> Node:
        """An anchored node made a value by an alias, as building it there would make it."""
        bad = bad_tags.get(anchor)
        if bad is not None:
            rejected = _stand_in(node)
            note(UNSUPPORTED, _tag_message(bad), rejected, rejected)
            return rejected
        if anchor in ranges:
            start, stop, level = ranges[anchor]
            for found, silenced_at in silenced[start:stop]:
                if silenced_at < level:  # silenced from outside the node only
                    note(*found)
        return node

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


_MERGE_TAGS = (IMPLICIT, CORE + "merge")


def _stand_in(node: Node) -> Scalar:
    """The scalar that stands, where a node is, for a node whose tag is rejected."""
    rejected = Scalar(REJECTED, "", 0, 0, None, node.lines)
    rejected.pos = node.pos
    return rejected


def _tag_message(tag: str) -> str:
    return (
        f"the tag '{tag}' is not allowed: raci-lint reads plain YAML and never "
        "constructs objects from tags; remove the tag"
    )


def _key_tag_message(tag: str) -> str:
    return (
        f"the tag '{tag}' is not allowed on a key: raci-lint reads plain YAML "
        "and never constructs objects from tags; remove the tag"
    )


def _undefined_alias(event: Any) -> ComposerError:
    return ComposerError(None, None, f"found undefined alias {event.anchor!r}", event.start_mark)


def _duplicate_anchor(anchor: str, first: Any, second: Any) -> ComposerError:
    return ComposerError(
        f"found duplicate anchor {anchor!r}; first occurrence", first, "second occurrence", second
    )


def _merge(mapping: Mapping, merges: list[tuple[Scalar, Node]], problem: Any) -> None:
    """Apply a mapping's merge keys, once its own keys are all in."""
    entries = mapping.entries
    for _, merged in merges:
        sources = merged.items if type(merged) is Sequence else [merged]
        for source in sources:
            if type(source) is not Mapping:
                problem(
                    UNSUPPORTED,
                    "a merge key '<<' takes a mapping or a list of mappings "
                    "(usually an alias such as *defaults)",
                    source,
                    mapping,
                    "<<",
                )
                continue
            for text, entry in source.entries.items():
                # Keys written in the mapping itself win over merged ones, and
                # earlier sources of a merge list win over later ones.
                entries.setdefault(text, entry)


_LIBYAML_DEPTH = "exceeded maximum nesting depth"


# How much text the pure-Python parser re-reads to place a depth error.
_DEPTH_RESCAN_LIMIT = 2 * 1024 * 1024


# Compiled when first needed (re caches it): only an escaped surrogate needs it.
_SURROGATE = r"\\(?:u[dD][89a-fA-F]|U0000[dD][89a-fA-F])[0-9a-fA-F]{2}"


def _surrogate_escape(text: str, quoted: list[tuple[int, int]]) -> Problem | None:
    """The INVALID problem of a double-quoted ``\\uD800``-style escape, as libyaml reports it.

    PyYAML's pure-Python scanner turns such escapes into lone surrogates
    where libyaml refuses them; both loaders must agree. ``quoted`` holds
    the (start, end) offsets of the double-quoted scalars.
    """
    found = [match.start() for match in re.finditer(_SURROGATE, text)]
    if not found:
        return None
    # Scalars do not overlap: the one an escape may be in is found by bisection.
    quoted.sort()
    starts = [start for start, _ in quoted]
    for offset in found:
        index = bisect.bisect_right(starts, offset) - 1
        if index >= 0 and offset < quoted[index][1]:
            line, column = _position_of_char(text, offset + 2)  # at the hex digits
            return _file_problem(INVALID, _SURROGATE_EXPLANATION, line, column)
    return None


def _too_deep(text: str, mark: Any, max_depth: int) -> tuple[int, int] | None:
    """The 1-based line and column where the first collection deeper than ``max_depth`` starts.

    libyaml stops at its own nesting limit (1000 levels), scanning ahead, so
    its error may come before the builder reached ours. The pure-Python
    parser re-reads the text up to libyaml's error to find the place, as
    long as that text is not too long to re-read.
    """
    end = text.find("\n", mark.index)
    prefix = text if end < 0 else text[: end + 1]
    if len(prefix) > _DEPTH_RESCAN_LIMIT:
        return None
    parser = _PyParser(prefix)
    depth = 0
    try:
        while True:
            event = parser.get_event()  # type: ignore[no-untyped-call]
            kind = type(event)
            if kind is MappingStartEvent or kind is SequenceStartEvent:
                depth += 1
                if depth > max_depth:
                    mark = event.start_mark
                    return mark.line + 1, mark.column + 1
            elif kind is MappingEndEvent or kind is SequenceEndEvent:
                depth -= 1
            elif kind is StreamEndEvent:
                return None
    except yaml.YAMLError:
        return None


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
                (key.node, f"{pointer}/{escape_pointer(text)}")
                for text, key in node.entries.items()
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
    if len(text) > _LOW:
        # A node's offsets are packed in 32 bits each; no configured limit reads more.
        return Document("", None, [size_problem(len(data) if data is not None else None, _LOW)])
    if limits.max_depth > DEEPEST:
        limits = limits._replace(max_depth=DEEPEST)
    pure = force_pure or not HAS_LIBYAML
    # Only the pure-Python parser needs the double-quoted scalars: to refuse
    # an escaped surrogate as libyaml does (and only when the text has one).
    quoted: list[tuple[int, int]] | None = (
        [] if pure and "\\" in text and re.search(_SURROGATE, text) else None
    )
    builder = _Builder(text, limits, quoted)
    parser = _parser(text, data, force_pure)
    try:
        root = builder.run(parser)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark
        if error.problem and _LIBYAML_DEPTH in error.problem and mark is not None:
            limit = builder.limit
            if limit is not None and limit.depth:
                at: tuple[int, int] | None = (limit.line, limit.column)
            else:
                at = _too_deep(text, mark, limits.max_depth)
            line, column = at or (mark.line + 1, mark.column + 1)
            message = _depth_message(limits.max_depth)
            return Document(text, None, [_file_problem(OVER_LIMIT, message, line, column)])
        return Document(text, None, [_parse_problem(error, text)])
    except yaml.YAMLError as error:  # an error without a mark
        return Document(text, None, [_file_problem(INVALID, f"invalid YAML: {error}")])
    finally:
        dispose = getattr(parser, "dispose", None)
        if dispose is not None:
            dispose()
    if quoted:
        escape = _surrogate_escape(text, quoted)
        if escape is not None:
            return Document(text, None, [escape])
    limit = builder.limit
    if limit is not None:
        problem = _file_problem(OVER_LIMIT, limit.message, limit.line, limit.column)
        return Document(text, None, [problem])
    if root is None:
        return Document(text, None, [])
    return Document(text, root, builder.problems(root))
