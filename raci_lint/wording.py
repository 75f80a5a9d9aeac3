"""How messages are worded: repository text neutralised, plurals, did-you-mean, paths as shown.

The lowest layer with :mod:`raci_lint.violations`: every other layer words
its messages with these, so every message is one safe line.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

__all__ = [
    "Suggester",
    "UnusableInput",
    "closest",
    "did_you_mean",
    "display_path",
    "escape",
    "excerpt",
    "neutralize",
    "neutralized",
    "plural",
    "root_relative",
]


class UnusableInput(Exception):
    """An input the run cannot go on without (a configuration, a taxonomy, a baseline).

    ``messages`` holds one line for the user per problem found.
    """

    def __init__(self, messages: list[str]) -> None:
        super().__init__("\n".join(messages))
        self.messages = list(messages)


def escape(character: str) -> str:
    """A character as Python writes it in a string: ``\\x1b``, ``\\u202e``."""
    return character.encode("unicode_escape", "backslashreplace").decode("ascii")


def neutralize(text: str, keep: str = "") -> str:
    """Text from a linted file, safe anywhere: every character that acts instead
    of showing is shown as an escape.

    That is every character ``str.isprintable()`` refuses: controls (line
    breaks and escape sequences among them), the Unicode line separators,
    format characters (the bidirectional and zero-width ones that make text
    read as something else, "Trojan Source"), spaces other than the space,
    private and unassigned code points, and lone surrogates from file names.
    ``keep`` names characters to leave as they are (a format's own escaping
    deals with them).
    """
    if text.isprintable():
        return text
    return "".join(
        character if character.isprintable() or character in keep else escape(character)
        for character in text
    )


def root_relative(shown: str, root: str, base: str) -> str:
    """A path shown relative to ``base`` (the working folder), as a posix path relative
    to ``root`` (the repository's, both real paths).

    What a file is called wherever raci-lint runs from: the machine formats and
    fingerprints use it. A path outside the root, and a pseudo-name like
    ``<stdin>``, stay as shown.
    """
    if shown.startswith("<") and shown.endswith(">"):
        return shown
    absolute = os.path.normpath(os.path.join(base, shown))
    try:
        relative = os.path.relpath(absolute, root)
    except ValueError:  # another drive on Windows
        return Path(shown).as_posix()
    if relative in (os.curdir, os.pardir) or relative.startswith(os.pardir + os.sep):
        return Path(shown).as_posix()
    return Path(relative).as_posix()


def excerpt(text: str, length: int = 40) -> str:
    """At most ``length`` characters of a text, neutralised: what a message may quote of
    a file whose content is not what its role expects (it may be anything)."""
    shown = neutralize(text)
    return shown if len(shown) <= length else shown[: length - 3] + "..."


def plural(count: int, word: str, many: str | None = None) -> str:
    """'1 file', '2 files'; ``many`` for another plural: '2 people', '3 info'."""
    return f"{count} {word if count == 1 else many or word + 's'}"


def _distance(a: str, b: str, limit: int) -> int:
    """Edit distance with transpositions, or ``limit + 1`` once it exceeds ``limit``.

    Only cells within ``limit`` of the diagonal are computed, so comparing
    long strings costs their length, not its square.
    """
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    big = limit + 1
    previous2: list[int] = []
    previous = [j if j <= limit else big for j in range(len(b) + 1)]
    for i in range(1, len(a) + 1):
        char_a = a[i - 1]
        low, high = max(1, i - limit), min(len(b), i + limit)
        current = [big] * (len(b) + 1)
        current[0] = i if i <= limit else big
        for j in range(low, high + 1):
            char_b = b[j - 1]
            cost = 0 if char_a == char_b else 1
            value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and char_a == b[j - 2] and a[i - 2] == char_b:
                value = min(value, previous2[j - 2] + 1)
            current[j] = value
        if min(current[low - 1 : high + 1]) > limit:
            return big
        previous2, previous = previous, current
    return min(previous[-1], big)


# Words longer than this get no suggestion: nobody misspells 200 characters.
_LONGEST_SUGGESTED = 64


def did_you_mean(word: str, candidates: Iterable[str]) -> str | None:
    """The candidate closest to a misspelt word, if one is close enough."""
    found = closest(word, candidates)
    return found[0] if found else None


def closest(word: str, candidates: Iterable[str]) -> list[str]:
    """The candidates close enough to a misspelt word, all at the least distance, in order.

    A fix may replace the word only when there is exactly one.
    """
    if len(word) > _LONGEST_SUGGESTED:
        return []
    allowed = 1 if len(word) < 4 else 2 if len(word) < 10 else 3
    lowered = word.lower()
    best = allowed + 1
    found: list[str] = []
    for candidate in candidates:
        if candidate == word or abs(len(candidate) - len(word)) > allowed:
            continue
        distance = _distance(lowered, candidate.lower(), allowed)
        if distance > allowed:
            continue
        if distance < best:
            best, found = distance, [candidate]
        elif distance == best:
            found.append(candidate)
    return found


class Suggester:
    """Did-you-mean over one set of candidates, for many misspelt words.

    Each word is looked up once, and after ``budget`` distinct words no more
    suggestions are computed: a file with thousands of unknown ids must not
    cost thousands of scans of thousands of candidates.
    """

    def __init__(self, candidates: Iterable[str], budget: int = 200) -> None:
        self.candidates = list(candidates)
        self.budget = budget
        self.known: dict[str, list[str]] = {}

    def __call__(self, word: str) -> str | None:
        """The closest candidate, or None."""
        found = self.all(word)
        return found[0] if found else None

    def only(self, word: str) -> str | None:
        """The closest candidate when no other is as close: what a fix may write."""
        found = self.all(word)
        return found[0] if len(found) == 1 else None

    def all(self, word: str) -> list[str]:
        """Every candidate at the least distance (none past the budget)."""
        if word not in self.known:
            if len(self.known) >= self.budget:
                return []
            self.known[word] = closest(word, self.candidates)
        return self.known[word]


def display_path(path: str | Path) -> str:
    """How a path is shown: relative to the working folder when inside it."""
    text = os.fspath(path)
    if os.path.isabs(text):
        try:
            relative = os.path.relpath(text)
        except ValueError:  # another drive on Windows
            return Path(text).as_posix()
        if not relative.startswith(".."):
            text = relative
    return Path(text).as_posix()


def neutralized(value: object) -> object:
    """A JSON value with every string of it (keys too) neutralised."""
    if isinstance(value, str):
        return neutralize(value)
    if isinstance(value, dict):
        return {neutralize(str(key)): neutralized(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [neutralized(item) for item in value]
    return value
