"""Adapters to other formats: CODEOWNERS, spreadsheets, RACI matrices."""
