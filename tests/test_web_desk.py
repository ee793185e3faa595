"""The coordinators' desk on the dashboard, through Starlette's test client beside the offline
bot: Claire corrects a place (kept over the next import of its file), loads a file of sessions
and a national file of places (dry run, then apply), exports the bookings and reads the
statistics; advisors and residents get the 403 page, and forged forms change nothing.
"""

import csv
import io
import xml.etree.ElementTree as ElementTree

import openpyxl
from sqlalchemy import select
from test_place_import import COLUMNS_V1, lieu
from test_reminders_bot import books
from test_slot_import_bot import caf, planning, taxes
from web_desk import CLAIRE, csrf_of, dashboard, desk, login_path, make_advisor, seen

from knowledge.catalogue import HostStructure, PlaceEdit, PlaceSource
from scheduling.attendance import mark_attendance
from scheduling.exports import COLUMNS
from scheduling.models import Slot, SlotStatus, Workshop
from scheduling.slot_import import MAX_FILE_BYTES
from scheduling.staff import revoke_advisor

GETS = ("/lieux", "/lieux/{place}", "/imports", "/exports", "/exports/fichier", "/statistiques")
POSTS = (
    "/lieux/{place}",
    "/lieux/{place}/fermeture",
    "/imports/seances",
    "/imports/seances/1",
    "/imports/lieux",
    "/imports/lieux/1",
)


async def _claire(bot):
    browser = dashboard(bot)
    browser.get(await login_path(bot.resident("Claire", user_id=CLAIRE)))
    return browser


def _place_file(phone: str) -> bytes:
    """A LaMednum file of one place in Moissac."""
    out = io.StringIO()
    writer = csv.writer(out, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
    writer.writerow(COLUMNS_V1)
    row = lieu("m-1", "Médiathèque de Moissac", "Moissac", "82200", code_insee="82112",
               telephone=phone, horaires="Mo-Fr 09:00-12:00")  # fmt: skip
    writer.writerow([row.get(column, "") for column in COLUMNS_V1])
    return out.getvalue().encode()


def _upload(browser, path: str, name: str, content: bytes, **fields: str):
    csrf = csrf_of(browser.get("/imports").text)
    return browser.post(path, data={"csrf": csrf, **fields}, files={"file": (name, content)})


def _apply(browser, plan) -> object:
    action = plan.text.split('<form method="post" action="')[2].split('"')[0]
    digest = plan.text.split('name="digest" value="')[1].split('"')[0]
    fields = {"csrf": csrf_of(plan.text), "digest": digest}
    if 'name="format"' in plan.text.split(action)[1]:
        fields["format"] = plan.text.split('name="format" value="')[1].split('"')[0]
    return browser.post(action, data=fields)


async def test_claire_corrects_a_place_and_the_next_import_keeps_her_phone_beside_the_files(
    database_url,
):
    async with desk(database_url) as bot:
        browser = await _claire(bot)
        plan = _upload(browser, "/imports/lieux", "lieux.csv", _place_file("+33563040100"))
        assert plan.status_code == 200
        assert "Lieux créés" in plan.text and "<td>1</td>" in plan.text
        applied = _apply(browser, plan)
        assert "C'est appliqué : le catalogue est à jour." in seen(applied)

        found = browser.get("/lieux?recherche=mediatheque moissac")
        assert "Médiathèque de Moissac" in seen(found)
        place_id = bot.structure_id("Médiathèque de Moissac")
        card = seen(browser.get(f"/lieux/{place_id}"))
        # Monday 3 March, 9:00 in Moissac: what the bot tells a resident.
        assert "🟢 Ouvert, ferme à 12h00" in card and "+33563040100" in card

        csrf = csrf_of(browser.get(f"/lieux/{place_id}").text)
        form = {"csrf": csrf, "phone": "05 63 04 01 85", "email": "", "website": ""}
        wrong = browser.post(f"/lieux/{place_id}", data={**form, "opening_hours": "lundi matin"})
        assert wrong.status_code == 400 and "pas au format OpenStreetMap" in seen(wrong)
        with bot.session() as session:
            assert session.get(HostStructure, place_id).phone == "+33563040100"
        saved = browser.post(
            f"/lieux/{place_id}", data={**form, "opening_hours": "Mo-Sa 14:00-17:00"}
        )
        assert saved.status_code == 303
        card = seen(browser.get(saved.headers["location"]))
        assert "Fiche enregistrée" in card and "🔴 Fermé, ouvre à 14h00" in card
        assert "modifié localement · valeur importée : +33563040100" in card

        # The same file again, with a new phone: hers stays, the file's is shown beside it.
        plan = _upload(browser, "/imports/lieux", "lieux.csv", _place_file("+33563049999"))
        _apply(browser, plan)
        card = seen(browser.get(f"/lieux/{place_id}"))
        assert 'value="05 63 04 01 85"' in card
        assert "modifié localement · valeur importée : +33563049999" in card
        assert "valeur importée : Mo-Fr 09:00-12:00" in card

        closed = browser.post(f"/lieux/{place_id}/fermeture", data={"csrf": csrf})
        assert "Lieu fermé" in seen(browser.get(closed.headers["location"]))
        with bot.session() as session:
            assert session.get(HostStructure, place_id).closed


async def test_claire_loads_a_file_of_sessions_sees_the_plan_then_applies_it(database_url):
    async with desk(database_url) as bot:
        browser = await _claire(bot)
        moissac = bot.structure_id("Mairie de Moissac")

        wrong = _upload(
            browser, "/imports/seances", "mars.csv",
            planning(taxes(moissac, debut="10h", fin="9h"), taxes(999)),
        )  # fmt: skip
        assert wrong.status_code == 400
        page = seen(wrong)
        assert "2 problèmes à corriger" in page and "Appliquer" not in page
        assert "<td>2</td><td>fin</td><td>la fin n'est pas après le début</td>" in page

        plan = _upload(
            browser, "/imports/seances", "mars.csv", planning(taxes(moissac), caf(moissac))
        )
        page = seen(plan)
        assert "Ce que l'import changerait" in page
        assert '<th scope="row">Séances créées</th><td>5</td>' in page
        with bot.session() as session:
            assert not session.scalars(
                select(Workshop).where(Workshop.import_key.is_not(None))
            ).all()

        applied = _apply(browser, plan)
        assert "C'est appliqué" in seen(applied)
        week = seen(browser.get("/planning?semaine=2025-03-03"))
        assert "Déclarer ses revenus en ligne" in week and "Permanence CAF" in week
        # Applied once: the form kept by the page no longer applies anything.
        assert _apply(browser, plan).status_code == 409


async def test_the_export_reads_back_as_the_command_lines_in_csv_and_xlsx(database_url):
    async with desk(database_url) as bot:
        martine = bot.resident("Martine")
        slot_id = bot.add_slot(title="Déclarer ses revenus en ligne")
        books(bot, martine, slot_id)
        browser = await _claire(bot)
        assert "Exporter les inscriptions" in seen(browser.get("/exports"))

        got = browser.get("/exports/fichier?du=2025-03-03&au=2025-03-09&format=csv")
        assert got.status_code == 200
        assert got.headers["content-disposition"] == (
            'attachment; filename="inscriptions-2025-03-03-2025-03-09.csv"'
        )
        assert got.content.startswith(b"\xef\xbb\xbf")
        rows = list(csv.reader(io.StringIO(got.content.decode("utf-8-sig")), delimiter=";"))
        assert tuple(rows[0]) == COLUMNS == (
            "date_inscription", "date_seance", "heure_debut", "heure_fin", "lieu",
            "commune_lieu", "type", "titre", "besoin", "statut", "inscrit_par",
            "commune_personne", "prenom",
        )  # fmt: skip
        [row] = rows[1:]
        assert row[1] == "04/03/2025" and row[7] == "Déclarer ses revenus en ligne"
        assert (row[9], row[10], row[12]) == ("inscrit", "la personne", "Martine")

        place = bot.structure_id("Mairie de Moissac")
        got = browser.get(f"/exports/fichier?du=2025-03-03&au=2025-03-09&lieu={place}&format=xlsx")
        assert got.headers["content-disposition"].endswith(f'-lieu-{place}.xlsx"')
        sheet = openpyxl.load_workbook(io.BytesIO(got.content)).active
        table = list(sheet.iter_rows(values_only=True))
        assert table[0] == COLUMNS and table[1][12] == "Martine"
        elsewhere = bot.structure_id("Mairie de Montauban")
        got = browser.get(f"/exports/fichier?du=2025-03-03&au=2025-03-09&lieu={elsewhere}")
        assert got.content.decode("utf-8-sig").strip() == ";".join(COLUMNS)


async def test_the_statistics_draw_each_chart_as_an_image_beside_its_numbers(database_url):
    async with desk(database_url) as bot:
        martine, karim = bot.resident("Martine"), bot.resident("Karim")
        slot_id = bot.add_slot(title="Déclarer ses revenus en ligne", themes=("impots",))
        came = books(bot, martine, slot_id)
        books(bot, karim, slot_id)
        with bot.session() as session:
            starts = session.get(Slot, slot_id).starts_at
        bot.clock.now = starts
        with bot.session() as session:
            mark_attendance(session, booking_id=came, came=True, now=bot.clock())
        browser = await _claire(bot)

        got = browser.get("/statistiques?du=2025-03-01&au=2025-03-31&departements=82")
        assert got.status_code == 200
        page = seen(got)
        assert "Personnes aidées (venues au moins une fois)</dt><dd>1</dd>" in page
        assert "Inscriptions</dt><dd>2</dd>" in page
        svgs = got.text.split("<figure>")[1:]
        assert len(svgs) == 5
        theme_svg = svgs[0].split("</figure>")[0]
        root = ElementTree.fromstring(theme_svg)  # well-formed
        assert root.tag == "{http://www.w3.org/2000/svg}svg" and root.get("role") == "img"
        assert root.get("aria-label").startswith("Inscriptions par thème, du samedi 1 mars")
        # One theme, one bar labelled 2 (matplotlib notes each text it draws as a comment);
        # the same numbers in the table beside it.
        assert "<!-- Impôts en ligne -->" in theme_svg and "<!-- 2 -->" in theme_svg
        theme_table = svgs[0].split('<table class="figures">')[1].split("</table>")[0]
        assert '<th scope="row">Impôts en ligne</th><td>2</td>' in theme_table
        # By month: two series, booked and came.
        month = svgs[2]
        assert "<!-- Inscriptions -->" in month and "<!-- Venus -->" in month
        assert '<th scope="row">mars 2025</th><td>2</td><td>1</td>' in month

        # Another département: nothing counted, the tables say so.
        other = seen(browser.get("/statistiques?du=2025-03-01&au=2025-03-31&departements=46"))
        assert "Inscriptions</dt><dd>0</dd>" in other and "Aucune inscription." in other


async def test_advisors_and_residents_get_the_403_page_on_every_desk_page(database_url):
    async with desk(database_url) as bot:
        sophie = bot.resident("Sophie")
        advisor_id = make_advisor(bot, sophie, "Mairie de Moissac")
        place = bot.structure_id("Mairie de Moissac")
        browser = dashboard(bot)
        browser.get(await login_path(sophie))
        csrf = csrf_of(browser.get("/planning").text)
        assert "/statistiques" not in browser.get("/planning").text  # not in her menu
        for path in GETS:
            assert browser.get(path.format(place=place)).status_code == 403, path
        for path in POSTS:
            refused = browser.post(path.format(place=place), data={"csrf": csrf})
            assert refused.status_code == 403, path

        # Revoked, she is a resident: the same.
        with bot.session() as session:
            revoke_advisor(session, advisor_id=advisor_id)
        for path in GETS:
            assert browser.get(path.format(place=place)).status_code == 403, path
        with bot.session() as session:
            assert not session.get(HostStructure, place).closed


async def test_every_desk_form_without_the_sessions_csrf_token_changes_nothing(database_url):
    async with desk(database_url) as bot:
        place = bot.structure_id("Mairie de Moissac")
        browser = await _claire(bot)
        for path in POSTS:
            for data in ({}, {"csrf": "forged"}):
                refused = browser.post(path.format(place=place), data=data)
                assert refused.status_code == 403, path
                assert "rien n'a changé" in seen(refused)
        refused = browser.post(
            "/imports/seances",
            data={"csrf": "forged"},
            files={"file": ("mars.csv", planning(taxes(place)))},
        )
        assert refused.status_code == 403
        with bot.session() as session:
            assert not session.get(HostStructure, place).closed
            assert session.scalars(select(PlaceSource.id)).all()  # the demo's, untouched
            assert not session.scalars(
                select(Slot).where(Slot.status != SlotStatus.SCHEDULED)
            ).all()


async def test_a_wrong_phone_email_or_website_is_said_beside_its_field_and_nothing_saved(
    database_url,
):
    async with desk(database_url) as bot:
        browser = await _claire(bot)
        place = bot.structure_id("Mairie de Moissac")
        csrf = csrf_of(browser.get(f"/lieux/{place}").text)
        wrong = browser.post(
            f"/lieux/{place}",
            data={"csrf": csrf, "phone": "demain", "email": "mairie", "website": "mairie.fr",
                  "opening_hours": ""},
        )  # fmt: skip
        page = seen(wrong)
        assert wrong.status_code == 400 and page.count('aria-invalid="true"') == 3
        assert "Ce n'est pas un numéro de téléphone" in page
        assert "Ce n'est pas une adresse de courriel" in page
        assert "Une adresse de site commence par https://" in page
        with bot.session() as session:
            assert session.scalars(select(PlaceEdit)).all() == []


async def test_a_file_over_the_limit_is_refused_unread_and_the_pages_speak_english(database_url):
    async with desk(database_url) as bot:
        browser = await _claire(bot)
        too_big = _upload(browser, "/imports/seances", "big.csv", b"x" * (MAX_FILE_BYTES + 1))
        assert too_big.status_code == 413 and "trop gros" in seen(too_big)

        browser.get("/langue/en?next=/statistiques")
        english = seen(browser.get("/statistiques"))
        assert "People helped (came at least once)" in english
        assert "Bookings by theme" in english
