"""The language server (``raci-lint server``, the ``server`` extra): LSP over stdio.

A thin adapter over the engine ``check`` uses: ``workspace`` lints the
editor's files with it; ``index``, ``hover``, ``outline`` and ``actions``
answer from what it found; ``positions`` converts the engine's 1-based
character columns to LSP's UTF-16 ones; only ``protocol`` imports pygls.
"""
