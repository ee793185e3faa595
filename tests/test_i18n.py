"""The catalogs: every message of the code translated in French and English, and compiled."""

import io
from string import Formatter

import pytest
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

from bot.i18n import (
    LOCALE_DIR,
    CatalogError,
    catalog_path,
    compile_catalog,
    extract,
    load_catalogs,
    read_catalog,
)
from handlers.context import LANGUAGES


def _messages(catalog) -> dict:
    """msgid → msgstr; plurals as tuples (read_mo gives lists)."""

    def key(value):
        return tuple(value) if isinstance(value, list) else value

    return {key(m.id): key(m.string) for m in catalog if m.id}


@pytest.fixture(scope="module")
def extracted() -> set:
    return {message.id for message in extract() if message.id}


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_message_of_the_code_is_translated(extracted, language):
    catalog = _messages(read_catalog(language))

    missing = sorted(str(msgid) for msgid in extracted if msgid not in catalog)
    empty = sorted(
        str(msgid)
        for msgid, string in catalog.items()
        if not (all(string) if isinstance(string, tuple) else string)
    )

    assert missing == [], f"run `python -m bot.i18n`, then translate: {missing}"
    assert empty == [], f"untranslated in {language}: {empty}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_compiled_catalog_is_up_to_date(language):
    with open(catalog_path(language, "po"), "rb") as file:
        source = read_po(file, locale=language)
    with open(catalog_path(language, "mo"), "rb") as file:
        committed = read_mo(file)
    fresh = read_mo(io.BytesIO(compile_catalog(source)))

    assert _messages(committed) == _messages(fresh), "stale .mo: run `python -m bot.i18n`"


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_translation_is_fuzzy(language):
    assert [m.id for m in read_catalog(language) if m.id and m.fuzzy] == []


def test_french_is_the_source_language():
    french = _messages(read_catalog("fr"))

    assert [msgid for msgid, string in french.items() if string != msgid] == []


def test_translations_keep_the_placeholders_and_the_html():
    for msgid, string in _messages(read_catalog("en")).items():
        ids = msgid if isinstance(msgid, tuple) else (msgid,)
        strings = string if isinstance(string, tuple) else (string,)
        wanted = {name for text in ids for name in _placeholders(text)}
        for text in strings:
            assert _placeholders(text) == wanted, (msgid, text)
            assert text.count("<b>") == ids[0].count("<b>"), (msgid, text)


def _placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in Formatter().parse(text) if name}


def test_all_catalogs_load_and_translate():
    catalogs = load_catalogs()

    assert catalogs["en"].gettext("Impôts en ligne") == "Taxes online"
    assert catalogs["fr"].gettext("Impôts en ligne") == "Impôts en ligne"


def test_a_missing_compiled_catalog_is_an_error_not_a_silent_fallback(tmp_path):
    (tmp_path / "fr" / "LC_MESSAGES").mkdir(parents=True)
    (tmp_path / "fr" / "LC_MESSAGES" / "aiguillage.mo").write_bytes(
        (LOCALE_DIR / "fr" / "LC_MESSAGES" / "aiguillage.mo").read_bytes()
    )

    with pytest.raises(CatalogError, match="no compiled catalog for 'en'"):
        load_catalogs(("fr", "en"), tmp_path)
