"""The gettext catalogs: French (the source language, complete) and English (complete).

All catalogs are loaded once at start by `load_catalogs`; a missing compiled catalog is an error,
because babel would otherwise fall back silently to `NullTranslations` and answer in French. The
language is chosen per resident (`handlers.context.CustomContext.gettext`), never installed for
the whole process.

Both the `.po` and the compiled `.mo` files are committed, so an installed package needs no
compile step; `tests/test_i18n.py` fails when a `.mo` is stale or a message is missing.

After changing a user-facing string, from the repository root:

    python -m bot.i18n            # extract, update both catalogs, fill French, compile

which is the same as:

    pybabel extract -F babel.cfg --no-default-keywords -k _ -k N_ -k ngettext:1,2 \\
        --sort-by-file --project aiguillage -o bot/locale/aiguillage.pot .
    pybabel update -i bot/locale/aiguillage.pot -d bot/locale -D aiguillage --no-fuzzy-matching
    (then, in bot/locale/fr/LC_MESSAGES/aiguillage.po, each msgstr repeats its msgid)
    pybabel compile -d bot/locale -D aiguillage --statistics

then translate the new entries of `bot/locale/en/LC_MESSAGES/aiguillage.po` and run
`python -m bot.i18n` once more to compile them.
"""

import copy
import io
import sys
from collections.abc import Iterable, Mapping
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po
from babel.support import Translations

from handlers.context import LANGUAGES

ROOT = Path(__file__).resolve().parent.parent
LOCALE_DIR = Path(__file__).resolve().parent / "locale"
DOMAIN = "aiguillage"
SOURCE_LANGUAGE = "fr"
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2)}


class CatalogError(RuntimeError):
    """A compiled catalog is missing or unreadable."""


def catalog_path(language: str, extension: str, locale_dir: Path = LOCALE_DIR) -> Path:
    return locale_dir / language / "LC_MESSAGES" / f"{DOMAIN}.{extension}"


def load_catalogs(
    languages: Iterable[str] = LANGUAGES, locale_dir: Path = LOCALE_DIR
) -> dict[str, Translations]:
    """Every language's compiled catalog; raises CatalogError if one is missing."""
    catalogs = {}
    for language in languages:
        translations = Translations.load(str(locale_dir), [language], DOMAIN)
        if not isinstance(translations, Translations):
            raise CatalogError(
                f"no compiled catalog for {language!r} at "
                f"{catalog_path(language, 'mo', locale_dir)} (run: python -m bot.i18n)"
            )
        catalogs[language] = translations
    return catalogs


def extract(root: Path = ROOT) -> Catalog:
    """The messages of the code, as `pybabel extract -F babel.cfg` finds them."""
    with open(root / "babel.cfg", encoding="utf-8") as config:
        method_map, options_map = parse_mapping_cfg(config)
    template = Catalog(project=DOMAIN, fuzzy=False)
    for filename, lineno, message, comments, context in extract_from_dir(
        str(root), method_map, options_map, keywords=KEYWORDS
    ):
        template.add(message, None, [(filename, lineno)], auto_comments=comments, context=context)
    return template


def compile_catalog(catalog: Catalog) -> bytes:
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    return buffer.getvalue()


def read_catalog(language: str, locale_dir: Path = LOCALE_DIR) -> Catalog:
    with open(catalog_path(language, "po", locale_dir), "rb") as file:
        return read_po(file, locale=language, domain=DOMAIN)


def sync(root: Path = ROOT, languages: Iterable[str] = LANGUAGES) -> Mapping[str, int]:
    """Extract, update every catalog, fill the source language, compile; returns how many
    messages each language still lacks."""
    template = extract(root)
    locale_dir = root / "bot" / "locale"
    locale_dir.mkdir(parents=True, exist_ok=True)
    with open(locale_dir / f"{DOMAIN}.pot", "wb") as file:
        write_po(file, template, sort_by_file=True, include_lineno=False)
    missing = {}
    for language in languages:
        path = catalog_path(language, "po", locale_dir)
        if path.exists():
            catalog = read_catalog(language, locale_dir)
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            catalog = Catalog(locale=language, domain=DOMAIN, project=DOMAIN, fuzzy=False)
        # update() may share the template's messages: each catalog gets its own copy.
        catalog.update(copy.deepcopy(template), no_fuzzy_matching=True)
        catalog.obsolete.clear()
        catalog.fuzzy = False
        for message in catalog:
            if not message.id:
                continue
            if language == SOURCE_LANGUAGE and not _translated(message.string):
                message.string = message.id
            message.flags.discard("fuzzy")
        with open(path, "wb") as file:
            write_po(file, catalog, sort_by_file=True, include_lineno=False)
        catalog_path(language, "mo", locale_dir).write_bytes(compile_catalog(catalog))
        missing[language] = sum(1 for m in catalog if m.id and not _translated(m.string))
    return missing


def _translated(string: str | tuple[str, ...]) -> bool:
    if isinstance(string, tuple):
        return all(string)
    return bool(string)


if __name__ == "__main__":
    lacking = sync()
    for language, count in lacking.items():
        print(f"{language}: {count} message(s) to translate" if count else f"{language}: complete")
    sys.exit(1 if any(lacking.values()) else 0)
