"""Marks a label for the gettext catalogs without translating it.

`knowledge/` and `scheduling/` hold labels but never a language: they mark them with `N_` so that
babel extracts them, and the handler translates them for each resident.
"""


def N_(message: str) -> str:
    return message
