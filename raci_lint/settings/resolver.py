"""The options of each file: its nearest configuration, then the command line."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from raci_lint.reading.files import LEAVES_ROOT, inside
from raci_lint.reading.repository import repository_root
from raci_lint.settings.config import Config, find_config, load_config
from raci_lint.settings.options import DEFAULT_FILES, KnownRule, LintOptions, Overrides
from raci_lint.taxonomy.disciplines import Taxonomy, TaxonomyError, default_taxonomy
from raci_lint.wording import display_path

__all__ = ["Settings"]


class Settings:
    """Resolves the options of each file: its nearest configuration, then the overrides.

    Configurations and taxonomies are read once each, however many files use
    them. Raises :class:`~raci_lint.settings.config.ConfigError` (and
    :class:`~raci_lint.taxonomy.files.TaxonomyError`) for unusable ones.

    ``rules`` are the rules configurations are validated against (the
    registry's, given by the layer above); ``fixed`` options apply to every
    file instead, and no configuration is read.
    """

    def __init__(
        self,
        overrides: Overrides | None = None,
        fixed: LintOptions | None = None,
        *,
        rules: Sequence[KnownRule] = (),
    ) -> None:
        self.overrides = overrides or Overrides()
        self.fixed = fixed
        self.rules = rules
        self._configs: dict[Path | None, Config] = {}
        self._by_folder: dict[Path, Path | None] = {}
        self._taxonomies: dict[Path, Taxonomy] = {}
        self._options: dict[tuple[Path | None, frozenset[str]], LintOptions] = {}
        # The real paths of the configuration and taxonomy files read: no
        # command may write over them.
        self.read: set[str] = set()
        # Command-line exclude patterns are relative to where the run started.
        self.working_folder = Path.cwd()

    def config_for(self, file: Path) -> Config:
        """The configuration that applies to a file."""
        if self.overrides.config is not None:
            location: Path | None = self.overrides.config
        elif self.overrides.isolated:
            location = None
        else:
            location = find_config(file.parent if str(file.parent) else Path.cwd(), self._by_folder)
        if location not in self._configs:
            if location is not None and not self.rules:
                raise ValueError("Settings(rules=...) is needed to read a configuration file")
            self._configs[location] = load_config(location, self.rules) if location else Config()
            if location is not None:
                self.read.add(os.path.realpath(location))
        return self._configs[location]

    def taxonomy(self, path: Path | None) -> Taxonomy:
        """The taxonomy of a file (None: the default one), each file read once."""
        if path is None:
            return default_taxonomy()
        key = path.resolve()
        self.read.add(str(key))
        if key not in self._taxonomies:
            # Imported here: most runs use the default taxonomy (start-up time).
            from raci_lint.taxonomy.files import load_taxonomy

            self._taxonomies[key] = load_taxonomy(path, display_path(path))
        return self._taxonomies[key]

    def _confined_taxonomy(self, config: Config) -> Path | None:
        """The taxonomy a configuration names, which must lie inside the repository root.

        A configuration comes from the repository: it may not make raci-lint
        read, and echo in its errors, a file of the machine outside it.
        """
        if config.taxonomy is None:
            return None
        root = self.overrides.repo_root or repository_root(config.folder) or config.folder
        if not inside(config.taxonomy, root):
            where = display_path(config.path) if config.path else "the configuration"
            raise TaxonomyError(
                [
                    f"{where}: taxonomy '{display_path(config.taxonomy)}' {LEAVES_ROOT} "
                    f"({display_path(root) or '.'}); name a file inside it, or pass --taxonomy"
                ]
            )
        return config.taxonomy

    def options_for(self, file: Path) -> LintOptions:
        """The options to lint one file with."""
        if self.fixed is not None:
            return self.fixed
        config = self.config_for(file)
        per_file = frozenset(config.ignored_for(file))
        cache_key = (config.path, per_file)
        if cache_key in self._options:
            return self._options[cache_key]
        over = self.overrides
        options = LintOptions(
            select=over.select if over.select is not None else config.select,
            extend_select=[*config.extend_select, *over.extend_select],
            ignore=[*config.ignore, *over.ignore, *sorted(per_file)],
            severities=dict(config.severities),
            rule_options=dict(config.rule_options),
            taxonomy=self.taxonomy(over.taxonomy or self._confined_taxonomy(config)),
            limits=config.limits,
            files=tuple(config.files) if config.files is not None else DEFAULT_FILES,
            exclude=tuple(config.exclude) if over.exclude is None else (),
            exclude_folder=config.folder,
            cli_exclude=(*(over.exclude or ()), *over.extend_exclude),
            cli_exclude_folder=self.working_folder,
            fail_on=over.fail_on or config.fail_on or "error",
            today=over.today,
            repo_root=over.repo_root,
            owned_roots=tuple(config.folder / root for root in config.owned_roots),
            codeowners=config.codeowners,
            codeowners_config=config.path if config.codeowners is not None else None,
            sources=config.sources,
        )
        self._options[cache_key] = options
        return options
