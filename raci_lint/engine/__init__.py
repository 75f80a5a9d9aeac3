"""The engine: files in, the final report out (rules, includes, suppressions, baseline)."""
