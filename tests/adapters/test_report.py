"""`raci-lint matrix --format html`: the report a person opens, for a file or a folder."""

from __future__ import annotations

import base64
import hashlib
import html.parser
import os
import re
import struct
import textwrap
import time
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pytest
from chromium import Browser, chromium_path
from conftest import ROOT, run

from raci_lint.adapters.matrix import MAX_CELLS, FileReport, build_matrix, read_model, render_report
from raci_lint.cli import main
from raci_lint.reading import loader

GOLDEN = Path(__file__).parent / "golden"

# An alias kind, letters written twice (a warning on a cell), a component
# without an Accountable and one without a Responsible, a person not
# declared, and a depends_on.
FILE = textwrap.dedent(
    """\
    version: 1
    people:
      amara: {name: Amara Okafor, disciplines: [data-scientist]}
      chen: {name: Chen Wei, disciplines: [data-engineer]}
    components:
      ingest-events:
        kind: extract
        raci: {responsible: [chen], accountable: chen, informed: [chen]}
      clean-events:
        kind: etl
        depends_on: [ingest-events]
        raci: {responsible: [chen]}
      churn-analysis:
        kind: analysis
        depends_on: [clean-events]
        raci: {accountable: amara, consulted: [ghost]}
    """
)


def golden(name: str, text: str) -> None:
    """Compare with the golden file; RACI_LINT_UPDATE_GOLDEN=1 rewrites it."""
    path = GOLDEN / name
    if os.environ.get("RACI_LINT_UPDATE_GOLDEN"):
        path.write_text(text, encoding="utf-8", newline="\n")
    assert text == path.read_text(encoding="utf-8")


@pytest.fixture
def repository(tmp_path: Path) -> Path:
    (tmp_path / ".git").mkdir()
    (tmp_path / "raci.yaml").write_text(FILE, encoding="utf-8")
    return tmp_path


def report(folder: Path, *args: str) -> str:
    result = run(["matrix", *args, "--format", "html"], folder)
    assert (result.returncode, result.stderr) == (0, "")
    return result.stdout


class Tags(html.parser.HTMLParser):
    """Every tag and attribute of a page, as a browser's parser reads them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: set[str] = set()
        self.attributes: list[tuple[str, str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        self.attributes.extend((tag, name, value or "") for name, value in attrs)


def parsed(page: str) -> Tags:
    tags = Tags()
    tags.feed(page)
    tags.close()
    return tags


OUR_TAGS = {
    "html", "head", "meta", "title", "style", "body", "h1", "h2", "h3", "code", "p", "nav",
    "a", "div", "table", "thead", "tbody", "tfoot", "tr", "th", "td", "small", "span", "ul",
    "li", "dl", "dt", "dd", "svg", "g", "rect", "path", "polygon", "text",
}  # fmt: skip
OUR_ATTRIBUTES = {
    "lang", "charset", "http-equiv", "content", "name", "href", "id", "class", "scope",
    "title", "xmlns", "width", "height", "viewbox", "role", "font-family", "font-size", "fill",
    "stroke", "stroke-width", "stroke-dasharray", "d", "points", "x", "y", "rx", "text-anchor",
    "font-weight", "opacity",
}  # fmt: skip


def test_single_file_golden(repository: Path) -> None:
    golden("report.html", report(repository, "raci.yaml"))


def test_the_page_is_self_contained_under_a_strict_policy(repository: Path) -> None:
    page = report(repository, "raci.yaml")
    tags = parsed(page)
    assert tags.tags <= OUR_TAGS
    assert {name for _, name, _ in tags.attributes} <= OUR_ATTRIBUTES
    assert all(value.startswith("#") for _, name, value in tags.attributes if name == "href")
    assert not re.search(r"(?i)<script|javascript:|@import|url\(|\bsrc=|<link|style=", page)
    # The policy allows exactly the one style block, by its hash.
    policy = next(v for _, n, v in tags.attributes if n == "content" and "default-src" in v)
    style = page[page.index("<style>") + len("<style>") : page.index("</style>")]
    digest = base64.b64encode(hashlib.sha256(style.encode()).digest()).decode()
    assert policy == (
        f"default-src 'none'; style-src 'sha256-{digest}'; img-src 'none'; "
        "base-uri 'none'; form-action 'none'"
    )


def row_of(page: str, component: str) -> str:
    match = re.search(rf'<tr[^>]*><th scope="row"[^>]*><code>{component}</code>.*?</tr>', page)
    assert match, component
    return match.group()


def test_kinds_missing_letters_and_violations_show_where_they_are(repository: Path) -> None:
    page = report(repository, "raci.yaml")
    # The canonical kind, with the alias as written.
    assert '<td class="kind">ingestion <small>(written extract)</small></td>' in row_of(
        page, "ingest-events"
    )
    assert '<td class="kind">transformation <small>(written etl)</small></td>' in row_of(
        page, "clean-events"
    )
    # A missing Accountable or Responsible is a badge, the row marked.
    clean = row_of(page, "clean-events")
    assert clean.startswith('<tr class="lacking">')
    assert '<span class="missing" title="no Accountable">no A</span>' in clean
    assert "no R" not in clean
    analysis = row_of(page, "churn-analysis")
    assert '<span class="missing" title="no Responsible">no R</span>' in analysis
    # A violation about a reference frames its cell, with code and message on hover.
    assert (
        '<td class="A flag" title="RACI005 &#x27;chen&#x27; is both Responsible and Informed '
        'for component &#x27;ingest-events&#x27;">A/R/I</td>'
    ) in row_of(page, "ingest-events")
    assert '<td class="C flag" title="REF001 ' in analysis
    # One about the component frames its id.
    assert re.search(
        r'<th scope="row" class="flag" title="RACI001 component &#x27;clean-events', clean
    )
    # And every violation is in the list, with its place.
    table = page[page.index('<table class="violations">') :]
    assert table.count('<tr class="error">') == 4 and table.count('<tr class="warning">') == 1
    assert "<code>raci.yaml:8:63</code>" in table


def test_the_graph_is_inline_svg_that_parses_as_xml(repository: Path) -> None:
    page = report(repository, "raci.yaml")
    svg = page[page.index("<svg") : page.index("</svg>") + len("</svg>")]
    root = ElementTree.fromstring(svg)
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert "<?xml" not in page
    texts = {element.text for element in root.iter("{http://www.w3.org/2000/svg}text")}
    assert {"ingest-events", "clean-events", "churn-analysis"} <= texts


# ---------------------------------------------------------------- folders

ROSTER_FILE = textwrap.dedent(
    """\
    version: 1
    people:
      amara: {name: Amara Okafor, disciplines: [data-scientist]}
      ben: {name: Ben Hughes, disciplines: [ml-engineer]}
    components:
    """
)


def many(count: int, owner: str, prefix: str) -> str:
    return ROSTER_FILE + "".join(
        f"  {prefix}-{index}: {{kind: training, raci: {{responsible: [amara], "
        f"accountable: {owner}}}}}\n"
        for index in range(count)
    )


@pytest.fixture
def monorepo(tmp_path: Path) -> Path:
    (tmp_path / ".git").mkdir()
    (tmp_path / ".raci-lint.yaml").write_text("ignore: [ORG001, TAX001]\n", encoding="utf-8")
    for name, text in {
        "services/churn/raci.yaml": many(5, "ben", "churn"),
        "services/search/raci.yaml": many(5, "ben", "search"),
        "services/<b>x</b>/raci.yaml": many(1, "amara", "odd"),
    }.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True)
        path.write_text(text, encoding="utf-8")
    return tmp_path


def test_a_folder_is_one_report_of_every_file_then_the_people(monorepo: Path) -> None:
    page = report(monorepo, ".")
    golden("report-folder.html", page)
    heads = re.findall(r'<h2 id="f\d+"><code>([^<]*)</code></h2>', page)
    assert heads == [
        "services/&lt;b&gt;x&lt;/b&gt;/raci.yaml",
        "services/churn/raci.yaml",
        "services/search/raci.yaml",
    ]
    people = page[page.index('<h2 id="people">') :]
    # Ben is Accountable 10 times across two files: overload, though each file alone is not.
    ben = re.search(
        r"<tr class=\"overload\"><th scope=\"row\">Ben Hughes <code>ben</code>.*?</tr>", people
    )
    assert ben, people
    assert '<td class="number accountable">10</td><td class="number">0</td>' in ben.group()
    assert (
        '<span class="missing" title="Accountable for 10 components, more than 8">' in ben.group()
    )
    assert ben.group().count("<li>") == 10
    amara = re.search(r"<tr><th scope=\"row\">Amara Okafor <code>amara</code>.*?</tr>", people)
    assert (
        amara and '<td class="number accountable">1</td><td class="number">11</td>' in amara.group()
    )
    # People come most Accountable first.
    assert people.index("Ben Hughes") < people.index("Amara Okafor")
    assert "<b>" not in page


def test_a_folder_needs_the_html_format(monorepo: Path) -> None:
    result = run(["matrix", "services"], monorepo)
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == "raci-lint: error: services: is a folder, not a file\n"


def test_a_folder_without_ownership_files_is_one_line_and_exit_2(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    result = run(["matrix", "empty", "--format", "html"], tmp_path)
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == "raci-lint: error: empty: no ownership file found in this folder\n"


def test_a_file_of_the_folder_that_cannot_render_is_shown_by_its_violations(
    monorepo: Path,
) -> None:
    """One broken file does not take the report of the others away."""
    (monorepo / "services" / "churn" / "raci.yaml").write_text("version: 1\ncomponents: [a\n")
    result = run(["matrix", ".", "--format", "html"], monorepo)
    assert result.returncode == 0
    assert result.stderr.startswith("raci-lint: warning: services/churn/raci.yaml:2:")
    assert result.stderr.endswith("(SYN001); the report shows its violations only\n")
    assert result.stderr.count("\n") == 1
    page = result.stdout
    assert "services/churn/raci.yaml" in page and "SYN001" in page
    assert "services/search/raci.yaml" in page and "search-0" in page


# ---------------------------------------------------------------- in a browser

BROWSER = chromium_path()
browser_test = pytest.mark.skipif(
    BROWSER is None or bool(os.environ.get("RACI_LINT_NO_BROWSER")),
    reason="no chromium to open the page in (or RACI_LINT_NO_BROWSER is set)",
)

STICKY = """(() => {
  const box = document.querySelector("%s .scroll");
  const first = box.querySelector("tbody th");
  const before = first.getBoundingClientRect().left;
  box.scrollLeft = box.scrollWidth;
  const after = first.getBoundingClientRect();
  const last = box.querySelector("thead th:last-child").getBoundingClientRect();
  const hit = document.elementFromPoint(after.left + 5, after.top + 5);
  return {
    overflows: box.scrollWidth > box.clientWidth,
    scrolled: box.scrollLeft,
    before: before,
    after: after.left,
    boxLeft: box.getBoundingClientRect().left,
    lastVisible: last.right <= window.innerWidth + 1,
    onTop: first.contains(hit),
  };
})()"""


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


@browser_test
def test_the_report_in_chromium_has_no_errors_and_keeps_its_first_column(
    tmp_path: Path,
) -> None:
    example = "examples/ml-platform"
    result = run(
        ["matrix", f"{example}/raci.yaml", "--format", "html", "--repo-root", example], ROOT
    )
    assert result.returncode == 0
    page = tmp_path / "report.html"
    page.write_text(result.stdout, encoding="utf-8")
    assert BROWSER is not None
    with Browser(BROWSER) as browser:
        for width, height in ((1400, 800), (800, 600)):
            browser.events.clear()
            browser.open(page, width, height)
            shot = browser.screenshot(tmp_path / f"report-{width}.png")
            assert png_size(shot) == (width, height)
            assert browser.problems() == []
            state = browser.evaluate(STICKY % "")
            if width == 800:
                # The matrix is wider than the window: it scrolls, its first column stays.
                assert state["overflows"] and state["scrolled"] > 0
            assert abs(state["after"] - state["before"]) < 1.5, state
            assert state["after"] >= state["boxLeft"] - 1 and state["onTop"], state
            assert state["lastVisible"], state
            # The header row stays on top when the matrix scrolls down.
            top = browser.evaluate(
                """(() => { const box = document.querySelector(".scroll");
                const head = box.querySelector("thead th");
                box.scrollTop = box.scrollHeight;
                return [head.getBoundingClientRect().top, box.getBoundingClientRect().top]; })()"""
            )
            assert abs(top[0] - top[1]) < 2, top
        if os.environ.get("RACI_LINT_UPDATE_SCREENSHOT"):
            browser.events.clear()
            browser.open(page, 1400, 800)
            browser.screenshot(ROOT / "docs" / "report.png")


@browser_test
def test_a_page_that_breaks_its_policy_is_caught(tmp_path: Path, repository: Path) -> None:
    # The check above can fail: a style the policy does not allow is reported.
    page = tmp_path / "bad.html"
    page.write_text(report(repository, "raci.yaml").replace("<style>", "<style>\n"), "utf-8")
    assert BROWSER is not None
    with Browser(BROWSER) as browser:
        browser.open(page, 800, 600)
        problems = browser.problems()
    assert any("Content Security Policy" in problem for problem in problems), problems


@browser_test
def test_the_folder_report_in_chromium_has_no_errors(monorepo: Path, tmp_path: Path) -> None:
    page = tmp_path / "folder.html"
    page.write_text(report(monorepo, "."), encoding="utf-8")
    assert BROWSER is not None
    with Browser(BROWSER) as browser:
        browser.open(page, 1400, 800)
        assert browser.problems() == []
        assert browser.evaluate('document.querySelectorAll("table.matrix").length') == 3
        assert browser.evaluate('document.querySelector("tr.overload th").innerText').startswith(
            "Ben Hughes"
        )


def test_chromium_is_looked_for_where_it_is_named(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RACI_LINT_CHROMIUM", "/nonexistent/chromium")
    assert chromium_path() is None
    monkeypatch.setenv("RACI_LINT_CHROMIUM", "")
    monkeypatch.setenv("PATH", "")
    assert chromium_path() is None


def test_a_huge_matrix_shows_the_busiest_columns_and_says_so() -> None:
    count = 800
    lines = ["version: 1", "people:", *(f"  p{i}: {{}}" for i in range(count)), "components:"]
    lines += [
        f"  c{i}: {{kind: training, raci: {{responsible: [p{i}], accountable: p{i % 10}}}}}"
        for i in range(count)
    ]
    model, _ = read_model(("\n".join(lines) + "\n").encode(), "raci.yaml")
    started = time.perf_counter()
    page = render_report([FileReport(build_matrix(model))], "repo")
    assert time.perf_counter() - started < 5
    room = MAX_CELLS // count
    assert (
        f'<p class="summary">The matrix shows the {room} of {count} people and teams who hold '
        f"the most A and R: {count} components by all of them would be more than 250,000 "
        "cells.</p>"
    ) in page
    matrix = page[page.index('<table class="matrix">') : page.index("</table>")]
    assert matrix.count('<th scope="col"') == 2 + room
    # The ten Accountable people hold the most letters: they are kept.
    assert all(f"<code>p{i}</code></th>" in matrix for i in range(10))
    # The people view still lists everyone.
    assert page[page.index('<h2 id="people">') :].count("<tr") == count + 1


def test_a_roster_every_file_of_the_folder_includes_is_parsed_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / "org").mkdir()
    roster = "version: 1\npeople:\n" + "".join(
        f"  p{i}: {{name: P {i}, disciplines: [data-engineer]}}\n" for i in range(50)
    )
    (tmp_path / "org" / "people.yaml").write_text(roster, encoding="utf-8")
    for number in range(12):
        folder = tmp_path / f"svc{number}"
        folder.mkdir()
        (folder / "raci.yaml").write_text(
            "version: 1\ninclude: [../org/people.yaml]\ncomponents:\n"
            f"  c{number}: {{kind: ingestion, raci: {{responsible: [p{number}], "
            f"accountable: p{number}}}}}\n",
            encoding="utf-8",
        )
    texts: list[str] = []
    make_parser = loader._parser

    def spy(text: str, data: bytes | None, force_pure: bool) -> object:
        texts.append(text)
        return make_parser(text, data, force_pure)

    monkeypatch.setattr(loader, "_parser", spy)
    monkeypatch.chdir(tmp_path)
    assert main(["matrix", ".", "--format", "html"]) == 0
    page = capsys.readouterr().out
    assert texts.count(roster) == 1
    assert page.count('<table class="matrix">') == 12
    # The people of the roster who hold letters, each once.
    assert page[page.index('<h2 id="people">') :].count("<tr") == 12 + 1
