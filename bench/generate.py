"""Generate synthetic ownership files for the benchmark.

    python bench/generate.py 10000 out/10k            # a clean file and its repository
    python bench/generate.py 10000 out/10k --violations 0.05
    python bench/generate.py 10000 out/10k --fixable 0.05

Writes OUT/raci.yaml for N components (one person for every 10 components,
at least 20; every component with paths, depends_on and four letters), and
one file per component under OUT/services/ so that every pattern matches.
With --violations SHARE, that share of components gets a violation
(a missing Accountable or an unknown Accountable). With --fixable SHARE, that
share gets its kind written in capitals (`Ingestion`): REF003, which
`check --fix` fixes safely.
"""

from __future__ import annotations

import argparse
import math
import random
from pathlib import Path

KINDS = [
    ("ingestion", "data-engineer"),
    ("data-quality", "data-engineer"),
    ("transformation", "data-engineer"),
    ("feature-engineering", "data-scientist"),
    ("training", "data-scientist"),
    ("evaluation", "data-scientist"),
    ("packaging", "ml-engineer"),
    ("deployment", "ml-engineer"),
    ("monitoring", "ml-engineer"),
    ("analysis", "data-scientist"),
]
DISCIPLINES = ["data-engineer", "data-scientist", "ml-engineer"]


def generate(count: int, violations: float = 0.0, seed: int = 1, fixable: float = 0.0) -> str:
    """The text of an ownership file with ``count`` components."""
    rng = random.Random(seed)
    people = max(20, count // 10)
    lines = ["version: 1", "people:"]
    for index in range(people):
        lines += [
            f"  person-{index}:",
            f"    name: Person {index}",
            f"    disciplines: [{DISCIPLINES[index % 3]}]",
            f"    email: person-{index}@example.com",
            f"    github: person-{index}",
        ]
    lines.append("components:")
    step = next(s for s in range(7, people + 7) if math.gcd(s, people) == 1)
    by_discipline = {d: [i for i in range(people) if DISCIPLINES[i % 3] == d] for d in DISCIPLINES}
    for index in range(count):
        kind, discipline = KINDS[index % len(KINDS)]
        pool = by_discipline[discipline]
        responsible_id = pool[index % len(pool)]
        responsible = f"person-{responsible_id}"
        # Spread accountability evenly (a step coprime to the number of
        # people visits each in turn); the benchmark's configuration allows
        # twelve components per person (ORG001's default is 8).
        accountable_id = (index * step) % people
        others = [(responsible_id + step) % people for step in range(1, 5)]
        others = [p for p in others if p != accountable_id][:2]
        accountable = f"person-{accountable_id}"
        consulted = f"person-{others[0]}"
        informed = f"person-{others[1]}"
        broken = rng.random() < violations
        written = kind.capitalize() if fixable and rng.random() < fixable else kind
        upstream = f"comp-{index - 1}" if index else "external:source"
        lines += [
            f"  comp-{index}:",
            f"    kind: {written}",
            f"    description: Component number {index}",
            f'    paths: ["services/comp-{index}/**"]',
            f'    depends_on: ["{upstream}"]',
            "    raci:",
            f"      responsible: [{responsible}]",
        ]
        if broken and index % 2:
            lines.append(f"      accountable: nobody-{index}")
        elif not broken:
            lines.append(f"      accountable: {accountable}")
        lines += [f"      consulted: [{consulted}]", f"      informed: [{informed}]"]
    return "\n".join(lines) + "\n"


def write_repository(
    folder: Path, count: int, violations: float = 0.0, fixable: float = 0.0
) -> Path:
    """Write OUT/raci.yaml and one file per component; returns the raci.yaml path."""
    folder.mkdir(parents=True, exist_ok=True)
    services = folder / "services"
    for index in range(count):
        target = services / f"comp-{index}"
        target.mkdir(parents=True, exist_ok=True)
        (target / "main.py").write_text("")
    path = folder / "raci.yaml"
    path.write_text(generate(count, violations, fixable=fixable))
    (folder / ".raci-lint.yaml").write_text("rules:\n  ORG001: {max: 12}\n")
    return path


def write_monorepo(folder: Path, services: int, people: int = 6_000) -> Path:
    """A monorepo: ``services`` small ownership files that include one shared roster.

    Writes FOLDER/org/people.yaml (``people`` people) and, per service,
    FOLDER/services/service-N/raci.yaml with five components owned by people of
    the roster, and one file per component; returns FOLDER.
    """
    roster = ["version: 1", "people:"]
    for index in range(people):
        roster += [
            f"  person-{index}:",
            f"    name: Person {index}",
            f"    disciplines: [{DISCIPLINES[index % 3]}]",
            f"    github: person-{index}",
        ]
    (folder / "org").mkdir(parents=True, exist_ok=True)
    (folder / "org" / "people.yaml").write_text("\n".join(roster) + "\n")
    for service in range(services):
        home = folder / "services" / f"service-{service}"
        lines = ["version: 1", "include: [../../org/people.yaml]", "components:"]
        for index, (kind, discipline) in enumerate(KINDS[:5]):
            # People of the right discipline, spread over the roster.
            owner = (service * 5 + index) * 3 % people
            owner -= owner % 3
            owner += DISCIPLINES.index(discipline)
            component = home / f"part-{index}"
            component.mkdir(parents=True, exist_ok=True)
            (component / "main.py").write_text("")
            lines += [
                f"  s{service}-part-{index}:",
                f"    kind: {kind}",
                f'    paths: ["services/service-{service}/part-{index}/**"]',
                "    raci:",
                f"      responsible: [person-{owner % people}]",
                f"      accountable: person-{owner % people}",
            ]
        (home / "raci.yaml").write_text("\n".join(lines) + "\n")
    (folder / ".raci-lint.yaml").write_text("rules:\n  ORG001: {max: 12}\n")
    return folder


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", type=int)
    parser.add_argument("out", type=Path)
    parser.add_argument("--violations", type=float, default=0.0)
    parser.add_argument("--fixable", type=float, default=0.0)
    arguments = parser.parse_args()
    print(write_repository(arguments.out, arguments.count, arguments.violations, arguments.fixable))


if __name__ == "__main__":
    main()
