"""Regenerate README.md's generated parts, docs/rules.md, schemas/config.schema.json,
schemas/roster.schema.json (from the ownership schema), and the modules generated from data (the fast schema check, the default taxonomy).

Run from the repository's root after changing a rule or an example:

    python scripts/update_docs.py

tests/test_docs.py fails while any of them is stale.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from readme_sections import expected_sections  # noqa: E402

from raci_lint.rules import all_rules  # noqa: E402
from raci_lint.schema.compiler import module_source  # noqa: E402
from raci_lint.schema.validator import load_schema, roster_schema  # noqa: E402
from raci_lint.settings.config import config_schema  # noqa: E402
from raci_lint.taxonomy.disciplines import DEFAULT_PATH  # noqa: E402
from raci_lint.taxonomy.files import default_taxonomy_source  # noqa: E402


def raci_schema_check_source() -> str:
    """The fast check of ownership files, generated from the published schema."""
    return module_source(load_schema("raci.schema.json"), "schemas/raci.schema.json")


def roster_schema_source() -> str:
    """The published roster schema, derived from the ownership schema as the engine's is."""
    schema = roster_schema(load_schema("raci.schema.json"))
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


from raci_lint.rules.docs import replace_section, rules_reference  # noqa: E402


def main() -> int:
    readme = ROOT / "README.md"
    text = readme.read_text(encoding="utf-8")
    for name, content in expected_sections().items():
        text = replace_section(text, name, content)
    readme.write_text(text, encoding="utf-8")
    (ROOT / "docs" / "rules.md").write_text(rules_reference(), encoding="utf-8")
    schema = json.dumps(config_schema(all_rules()), indent=2, ensure_ascii=False) + "\n"
    (ROOT / "schemas" / "config.schema.json").write_text(schema, encoding="utf-8")
    (ROOT / "schemas" / "roster.schema.json").write_text(roster_schema_source(), encoding="utf-8")
    (ROOT / "raci_lint" / "schema" / "_raci_check.py").write_text(
        raci_schema_check_source(), encoding="utf-8"
    )
    generated = ROOT / "raci_lint" / "taxonomy" / "_default.py"
    source = default_taxonomy_source(DEFAULT_PATH.read_text(encoding="utf-8"))
    if generated.read_text(encoding="utf-8") != source:
        generated.write_text(source, encoding="utf-8")
        # TAX001's documentation (README, docs/rules.md) was read from the old
        # generated module when this run imported the rules: run once more.
        return subprocess.run([sys.executable, __file__], check=False).returncode
    print(
        "README.md, docs/rules.md, schemas/config.schema.json, schemas/roster.schema.json "
        "and the generated modules are up to date."
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
