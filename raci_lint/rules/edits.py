"""Edits that fixes make to YAML collections: remove an item or an entry, add an item.

Each works on the text as written, in flow (`[a, b]`, `{k: v}`) or block
style, and touches only the characters of what it removes or adds, so the
comments and layout around survive. Each returns None when the shape is
not one it knows how to edit without doubt; the rule then offers no fix.
Positions come only from ``loader.offsets``.
"""

from __future__ import annotations

from raci_lint.fixes import Edit
from raci_lint.reading.loader import Mapping, Node, Scalar, Sequence, offsets
from raci_lint.rules.context import scalar_text

__all__ = ["add_items", "remove_entry", "remove_item"]

_BREAKS = "\r\n\x85\u2028\u2029"


def _flow(text: str, node: Node) -> bool:
    start = offsets(node)[0]
    return text[start : start + 1] in ("[", "{")


def _line_start(text: str, offset: int) -> int:
    while offset > 0 and text[offset - 1] not in _BREAKS:
        offset -= 1
    return offset


def _after_line(text: str, offset: int) -> int:
    """The offset after the line break of the line holding ``offset``."""
    while offset < len(text) and text[offset] not in _BREAKS:
        offset += 1
    if text.startswith("\r\n", offset):
        return offset + 2
    return min(offset + 1, len(text))


def _last_end(node: Node) -> int:
    """Where the last character written for a node ends (a block's end mark lies beyond)."""
    while True:
        if type(node) is Sequence and node.items:
            node = node.items[-1]
        elif type(node) is Mapping and node.entries:
            node = list(node.entries.values())[-1].node
        else:
            return offsets(node)[1]


def _in_place(container: Node) -> bool:
    """Whether every child of a collection is written inside it, in order.

    Not so for a mapping with merged entries (`<<: *base`) or items that are
    aliases: their nodes lie where the anchor is, and no edit of the
    container may touch them.
    """
    low, high = offsets(container)
    if type(container) is Mapping:
        children = [node for key in container.entries.values() for node in (key, key.node)]
    elif type(container) is Sequence:
        children = list(container.items)
    else:
        return True
    position = low
    for child in children:
        start, end = offsets(child)
        if start < position or end < start or (end > high and child is not children[-1]):
            return False
        position = end
    return True


def _alone_on_lines(text: str, start: int, before: str = "") -> bool:
    """Whether only spaces (and ``before``) precede ``start`` on its line."""
    head = text[_line_start(text, start) : start].strip(" ")
    return head == before


def _claiming(text: str, container: Node, start: int, end: int) -> list[Edit]:
    """The deletion of ``text[start:end]`` written as a rewrite of the whole container.

    Two fixes that each remove one item of a list must not both apply in
    one round (they could empty it): rewriting the container makes them
    overlap, so the second waits for the next round, which sees the list as
    the first left it.
    """
    low = min(offsets(container)[0], start)
    # A flow collection ends at its bracket; a block one's end mark lies
    # beyond, past comments that belong to what follows.
    written = offsets(container)[1] if _flow(text, container) else _last_end(container)
    high = max(written, end)
    return [Edit(low, high, text[low:start] + text[end:high])]


def remove_item(text: str, sequence: Sequence, index: int) -> list[Edit] | None:
    """The edits that remove item ``index`` of a sequence of two or more items."""
    if not _in_place(sequence):
        return None
    found = _item_span(text, sequence, index)
    return None if found is None else _claiming(text, sequence, *found)


def _item_span(text: str, sequence: Sequence, index: int) -> tuple[int, int] | None:
    items = sequence.items
    if len(items) < 2 or not 0 <= index < len(items):
        return None
    item = items[index]
    start, end = offsets(item)
    if _flow(text, sequence):
        if index + 1 < len(items):
            return start, offsets(items[index + 1])[0]
        return _last_end(items[index - 1]), end
    dash = text.rfind("-", 0, start)
    if dash < 0 or text[dash + 1 : start].strip(" ") or not _alone_on_lines(text, dash):
        return None
    if type(item) is not Scalar:
        return None  # a nested collection: its lines are not worth the risk
    return _line_start(text, dash), _after_line(text, _last_end(item))


def remove_entry(text: str, mapping: Mapping, key: str) -> list[Edit] | None:
    """The edits that remove the entry ``key`` of a mapping of two or more entries."""
    entries = list(mapping.entries.items())
    where = next((i for i, (name, _) in enumerate(entries) if name == key), None)
    if where is None or len(entries) < 2 or not _in_place(mapping):
        return None
    key_node = entries[where][1]
    value = key_node.node
    start = offsets(key_node)[0]
    if _flow(text, mapping):
        if where + 1 < len(entries):
            span = start, offsets(entries[where + 1][1])[0]
        else:
            span = _last_end(entries[where - 1][1].node), _last_end(value)
    elif not _alone_on_lines(text, start):
        return None  # `- key: value`, the first entry of an item: not removed alone
    else:
        span = _line_start(text, start), _after_line(text, _last_end(value))
    return _claiming(text, mapping, *span)


def add_items(text: str, node: Node, words: list[str]) -> list[Edit] | None:
    """The edits that add ``words`` at the end of a list (or make a single value a list)."""
    if not words:
        return []
    written = [scalar_text(word, None) for word in words]
    if type(node) is Scalar:
        if node.style not in (None, ""):
            return None
        start, end = offsets(node)
        if text[start:end] != node.value or not node.value:
            return None
        return [Edit(start, end, f"[{', '.join([node.value, *written])}]")]
    if type(node) is not Sequence or not _in_place(node):
        return None
    if _flow(text, node):
        if node.items:
            return [Edit.insert(_last_end(node), "".join(f", {w}" for w in written))]
        start = offsets(node)[0]
        return [Edit.insert(start + 1, ", ".join(written))]
    if not node.items:
        return None
    last = node.items[-1]
    start = offsets(last)[0]
    dash = text.rfind("-", 0, start)
    if dash < 0 or text[dash + 1 : start].strip(" ") or type(last) is not Scalar:
        return None
    line = _line_start(text, dash)
    indent = text[line:dash]
    if indent.strip(" "):
        return None
    after = _after_line(text, _last_end(last))
    ending = "\r\n" if "\r\n" in text[line:after] else "\n"
    prefix = "" if text[after - 1 : after] in _BREAKS else ending
    lines = "".join(f"{indent}- {w}{ending}" for w in written)
    return [Edit.insert(after, prefix + lines)]
