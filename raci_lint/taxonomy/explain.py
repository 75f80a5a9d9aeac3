"""The taxonomy explained by focus area: what rests on each, and the sentence it comes from.

``raci-lint taxonomy --format text`` prints it for the effective taxonomy;
``raci-lint rule TAX001`` and the docs carry it for the default one,
generated into ``_default.py`` so that no run builds it.
"""

from __future__ import annotations

from raci_lint.taxonomy.disciplines import FocusArea, Kind, Requirement, TagRule, Taxonomy
from raci_lint.wording import neutralize

__all__ = ["by_focus_area", "explain_by_focus_area"]

Cited = tuple[Kind | TagRule, str, Requirement]  # (kind or tag, "requires"/"recommends", it)


def by_focus_area(taxonomy: Taxonomy) -> tuple[dict[str, list[Cited]], list[Cited]]:
    """Focus area ref -> the requirements resting on it; and those that rest on none."""
    cited: dict[str, list[Cited]] = {
        area.ref: [] for discipline in taxonomy.disciplines.values() for area in discipline.areas
    }
    uncited: list[Cited] = []
    sources: list[Kind | TagRule] = [*taxonomy.kinds.values(), *taxonomy.tags.values()]
    for source in sources:
        for list_name in ("requires", "recommends"):
            requirement: Requirement
            for requirement in getattr(source, list_name):
                refs = [ref for ref in requirement.rests_on if ref in cited]
                for ref in refs:
                    cited[ref].append((source, list_name, requirement))
                if not refs:
                    uncited.append((source, list_name, requirement))
    return cited, uncited


def _quote(quote: str, source: str) -> str:
    where = f" ({neutralize(source)})" if source else ""
    return f'> "{neutralize(quote)}"{where}'


def _requirement(item: Cited) -> list[str]:
    source, list_name, requirement = item
    subject = f"kind `{source.id}`" if isinstance(source, Kind) else f"tag `{source.id}`"
    verb = "needs" if list_name == "requires" else "should have"
    rule = "" if list_name == "requires" else " (TAX002)"
    line = (
        f"- {neutralize(subject)} {verb} {neutralize(requirement.describe_who())} as "
        f"{neutralize(requirement.describe_roles())}{rule}"
    )
    if requirement.focus:
        line += f": {neutralize(requirement.focus)}"
    lines = [line]
    if requirement.quote:
        lines.append("  " + _quote(requirement.quote, requirement.source))
    if requirement.reading:
        lines.append(f"  Reading: {neutralize(requirement.reading)}")
    return lines


def _area(area: FocusArea, items: list[Cited], heading: str) -> list[str]:
    lines = [f"{heading} {neutralize(area.discipline)}: {neutralize(area.id)}", ""]
    if area.summary:
        lines += [neutralize(area.summary[:1].upper() + area.summary[1:]) + ".", ""]
    if area.quote:
        lines += [_quote(area.quote, area.source), ""]
    if items:
        for item in items:
            lines += _requirement(item)
    else:
        lines.append("- no requirement rests on it")
    return [*lines, ""]


def explain_by_focus_area(taxonomy: Taxonomy, level: int = 2) -> str:
    """Each focus area, its source's sentence, and the requirements resting on it.

    Markdown, with headings of ``level``.
    """
    heading = "#" * level
    cited, uncited = by_focus_area(taxonomy)
    lines = [
        "Each requirement names the focus areas it rests on (`rests_on`): what a",
        "discipline owns. Quoted lines are the source's own words, copied from the",
        'source named after them; a line marked "Reading" is the taxonomy\'s own',
        "reading, not the source's words.",
        "",
    ]
    for discipline in taxonomy.disciplines.values():
        for area in discipline.areas:
            lines += _area(area, cited[area.ref], heading)
    if uncited:
        lines += [f"{heading} Requirements that rest on no focus area", ""]
        for item in uncited:
            lines += _requirement(item)
        lines.append("")
    free = [
        kind.id for kind in taxonomy.kinds.values() if not kind.requires and not kind.recommends
    ]
    if free:
        names = ", ".join(f"`{neutralize(name)}`" for name in free)
        lines += [f"{heading} Kinds with no requirement", "", f"{names}.", ""]
    if taxonomy.sources:
        lines += [f"{heading} Sources", ""]
        for source in taxonomy.sources.values():
            line = f"- {neutralize(source.id)}: {neutralize(source.description)}"
            if source.url:
                line += f" {neutralize(source.url)}"
            lines.append(line)
        lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"
