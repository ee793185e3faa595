"""The web dashboard's routes, through Starlette's test client, beside the offline bot: who gets
in (a link from /tableau, once, for 10 minutes; a session of 8 hours, ended by logging out), who
may see and do what (the bot's authority, at every request), and forged forms changing nothing.
"""

from datetime import timedelta

from offline_bot import NOW
from sqlalchemy import delete, select
from test_reminders_bot import books, resident_id, run_outbox, sent_to
from web_desk import CLAIRE, csrf_of, dashboard, desk, login_path, make_advisor, seen

from bot.cli import main
from scheduling.models import Booking, BookingStatus, Slot, SlotStatus, Workshop, WorkshopTheme
from scheduling.staff import revoke_advisor
from scheduling.waitlist import join_waitlist


def _status(bot, slot_id: int) -> SlotStatus:
    with bot.session() as session:
        return session.get(Slot, slot_id).status


async def test_claire_opens_the_link_from_tableau_once_and_sees_her_week(database_url):
    async with desk(database_url) as bot:
        claire = bot.resident("Claire", user_id=CLAIRE)
        bot.add_slot(title="Déclarer ses revenus en ligne")
        path = await login_path(claire)
        assert "une seule fois, dans les 10 minutes" in claire.last_text
        browser = dashboard(bot)
        opened = browser.get(path)
        assert (opened.status_code, opened.headers["location"]) == (303, "/planning")
        cookie = opened.headers["set-cookie"].lower()
        assert "httponly" in cookie and "samesite=lax" in cookie and "max-age=28800" in cookie
        week = browser.get("/planning")
        assert week.status_code == 200
        assert "Semaine du lundi 3 mars 2025" in week.text
        assert "Déclarer ses revenus en ligne" in week.text

        # The link served once: a second click, from another browser, is refused; from hers
        # (the back button, a double click), it leads to her planning.
        again = dashboard(bot).get(path)
        assert again.status_code == 403 and "déjà servi" in again.text
        back = browser.get(path)
        assert (back.status_code, back.headers["location"]) == (303, "/planning")


async def test_a_link_left_11_minutes_is_refused(database_url):
    async with desk(database_url) as bot:
        path = await login_path(bot.resident("Claire", user_id=CLAIRE))
        bot.clock.advance(timedelta(minutes=11))
        browser = dashboard(bot)
        assert browser.get(path).status_code == 403
        assert browser.get("/planning").status_code == 403


async def test_a_resident_gets_no_link_and_a_revoked_advisors_link_opens_nothing(database_url):
    async with desk(database_url) as bot:
        martine = bot.resident("Martine")
        answer = await martine.says("/tableau")
        assert "réservée aux conseillers" in answer and "http" not in answer

        sophie = bot.resident("Sophie")
        advisor_id = make_advisor(bot, sophie, "Mairie de Moissac")
        path = await login_path(sophie)
        with bot.session() as session:
            revoke_advisor(session, advisor_id=advisor_id)
        browser = dashboard(bot)
        refused = browser.get(path)
        assert refused.status_code == 403
        assert "réservé aux conseillers et coordinateurs" in refused.text
        assert browser.get("/planning").status_code == 403


async def test_an_advisor_sees_and_changes_only_the_sessions_of_her_places(database_url):
    async with desk(database_url) as bot:
        sophie = bot.resident("Sophie")
        make_advisor(bot, sophie, "Mairie de Moissac")
        hers = bot.add_slot(structure="Mairie de Moissac", title="Atelier de Moissac")
        other = bot.add_slot(structure="Mairie de Montauban", title="Atelier de Montauban")
        browser = dashboard(bot)
        browser.get(await login_path(sophie))

        week = browser.get("/planning").text
        assert "Atelier de Moissac" in week and "Atelier de Montauban" not in week
        assert browser.get(f"/seances/{hers}").status_code == 200
        assert browser.get(f"/seances/{other}").status_code == 403
        montauban = bot.structure_id("Mairie de Montauban")
        assert browser.get(f"/planning?lieu={montauban}").status_code == 403
        assert browser.get(f"/jour?lieu={montauban}").status_code == 403

        csrf = csrf_of(browser.get(f"/seances/{hers}").text)
        refused = browser.post(f"/seances/{other}/annulation", data={"csrf": csrf})
        assert refused.status_code == 403
        assert _status(bot, other) is SlotStatus.SCHEDULED


async def test_a_form_without_the_sessions_csrf_token_changes_nothing(database_url):
    async with desk(database_url) as bot:
        slot_id = bot.add_slot()
        browser = dashboard(bot)
        browser.get(await login_path(bot.resident("Claire", user_id=CLAIRE)))
        for data in ({}, {"csrf": "forged"}):
            refused = browser.post(f"/seances/{slot_id}/annulation", data=data)
            assert refused.status_code == 403 and "rien n'a changé" in seen(refused)
        # Another session's token is no better.
        other = dashboard(bot)
        other.get(await login_path(bot.resident("Claire", user_id=CLAIRE)))
        token = csrf_of(other.get("/planning").text)
        assert (
            browser.post(f"/seances/{slot_id}/annulation", data={"csrf": token}).status_code == 403
        )
        assert _status(bot, slot_id) is SlotStatus.SCHEDULED


async def test_the_session_ends_after_8_hours_and_at_logout(database_url):
    async with desk(database_url) as bot:
        claire = bot.resident("Claire", user_id=CLAIRE)
        browser = dashboard(bot)
        browser.get(await login_path(claire))
        bot.clock.advance(timedelta(hours=7, minutes=59))
        assert browser.get("/planning").status_code == 200
        bot.clock.advance(timedelta(minutes=2))
        expired = browser.get("/planning")
        assert expired.status_code == 403 and "8 heures" in expired.text

        browser = dashboard(bot)
        browser.get(await login_path(claire))
        kept = dict(browser.cookies)  # a copy of the cookie, kept after logging out
        csrf = csrf_of(browser.get("/planning").text)
        assert browser.post("/deconnexion", data={"csrf": csrf}).status_code == 200
        assert browser.get("/planning").status_code == 403
        replay = dashboard(bot)
        replay.cookies.update(kept)
        assert replay.get("/planning").status_code == 403


async def test_tableau_says_kindly_when_the_dashboard_has_no_address(bot):
    claire = bot.resident("Sophie")
    make_advisor(bot, claire, "Mairie de Moissac")
    answer = await claire.says("/tableau")
    assert "AIGUILLAGE_PUBLIC_URL" in answer


async def test_claire_books_marks_moves_and_cancels_and_the_participant_is_told(database_url):
    async with desk(database_url) as bot:
        claire = bot.resident("Claire", user_id=CLAIRE)
        martine = bot.resident("Martine")
        slot_id = bot.add_slot(capacity=3)  # Tuesday 4 March, 14:00 at the Mairie de Moissac
        books(bot, martine, slot_id)
        browser = dashboard(bot)
        browser.get(await login_path(claire))
        page = seen(browser.get(f"/seances/{slot_id}"))
        assert "Martine" in page and "en ligne" in page and "1/3 places prises" in page
        csrf = csrf_of(page)

        booked = browser.post(
            f"/seances/{slot_id}/inscription",
            data={"csrf": csrf, "first_name": "Jean", "need": "caf", "phone": "06 12 34 56 78"},
        )
        assert booked.headers["location"] == f"/seances/{slot_id}?done=booked"
        page = seen(browser.get(booked.headers["location"]))
        assert "Inscription faite." in page and "Jean" in page and "par l'équipe" in page

        moved = browser.post(
            f"/seances/{slot_id}/deplacement",
            data={"csrf": csrf, "day": "2025-03-05", "time": "10:00"},
        )
        new_slot = int(moved.headers["location"].split("/")[2].split("?")[0])
        page = browser.get(moved.headers["location"]).text
        assert "mercredi 5 mars 2025, 10h00–12h00" in page and "2/3 places prises" in page
        await run_outbox(bot)
        [notice] = sent_to(bot.api, martine)
        assert "déplacé" in notice and "mercredi 5 mars à 10h00" in notice

        # On the day, once it has started, with a new link (a session lasts 8 hours): who came.
        bot.clock.now = NOW + timedelta(days=2, hours=2, minutes=5)
        browser = dashboard(bot)
        browser.get(await login_path(claire))
        csrf = csrf_of(browser.get(f"/seances/{new_slot}").text)
        with bot.session() as session:
            [martines] = session.scalars(
                select(Booking.id).where(Booking.slot_id == new_slot).order_by(Booking.id)
            ).all()[:1]
        marked = browser.post(
            f"/seances/{new_slot}/presence", data={"csrf": csrf, "booking": martines, "came": "1"}
        )
        assert "done=marked" in marked.headers["location"]
        with bot.session() as session:
            assert session.get(Booking, martines).status is BookingStatus.ATTENDED


async def test_claire_cancels_a_session_with_a_reason_and_martine_is_told(database_url):
    async with desk(database_url) as bot:
        martine = bot.resident("Martine")
        slot_id = bot.add_slot()
        books(bot, martine, slot_id)
        browser = dashboard(bot)
        browser.get(await login_path(bot.resident("Claire", user_id=CLAIRE)))
        csrf = csrf_of(browser.get(f"/seances/{slot_id}").text)
        done = browser.post(
            f"/seances/{slot_id}/annulation", data={"csrf": csrf, "reason": "Salle inondée"}
        )
        assert "Séance annulée" in browser.get(done.headers["location"]).text
        await run_outbox(bot)
        [notice] = sent_to(bot.api, martine)
        assert "annulé" in notice and "Salle inondée" in notice


async def test_a_weekly_session_is_added_until_a_day_and_a_bad_form_says_why(database_url):
    async with desk(database_url) as bot:
        sophie = bot.resident("Sophie")
        advisor_id = make_advisor(bot, sophie, "Mairie de Moissac")
        browser = dashboard(bot)
        browser.get(await login_path(sophie))
        csrf = csrf_of(browser.get("/seances/nouvelle").text)
        form = {
            "csrf": csrf,
            "place": str(bot.structure_id("Mairie de Moissac")),
            "kind": "collective",
            "themes": ["equipement"],
            "title": "Mon smartphone pas à pas",
            "day": "2025-03-06",
            "time": "14:00",
            "minutes": "120",
            "capacity": "8",
            "every_weeks": "1",
            "until": "2025-03-27",
        }
        refused = browser.post("/seances/nouvelle", data={**form, "day": "2025-03-01"})
        assert refused.status_code == 400 and "déjà passée" in refused.text
        assert "Mon smartphone pas à pas" in refused.text  # what was typed is kept

        added = browser.post("/seances/nouvelle", data=form)
        assert added.status_code == 303
        week = browser.get(added.headers["location"]).text
        assert "Séance ajoutée." in week and "Mon smartphone pas à pas" in week
        with bot.session() as session:
            starts = session.scalars(
                select(Slot.starts_at)
                .join(Workshop, Workshop.id == Slot.workshop_id)
                .where(Workshop.advisor_id == advisor_id)
                .order_by(Slot.starts_at)
            ).all()
        assert [s.day for s in starts] == [6, 13, 20, 27]

        # An advisor may not add sessions at a place that is not hers.
        other = {**form, "place": str(bot.structure_id("Mairie de Montauban"))}
        assert browser.post("/seances/nouvelle", data=other).status_code == 403


async def test_the_default_week_and_day_are_the_places_not_utcs(database_url):
    async with desk(database_url) as bot:
        # Sunday 9 March, 23:30 in UTC, is already Monday 10 March in Moissac.
        bot.clock.now = NOW.replace(day=9, hour=23, minute=30)
        browser = dashboard(bot)
        browser.get(await login_path(bot.resident("Claire", user_id=CLAIRE)))

        assert "Semaine du lundi 10 mars 2025" in browser.get("/planning").text
        place = bot.structure_id("Mairie de Moissac")
        assert "mardi 11 mars" in browser.get(f"/jour?lieu={place}").text


async def test_the_day_sheet_lists_tomorrows_participants_for_the_desk(database_url):
    async with desk(database_url) as bot:
        martine = bot.resident("Martine")
        slot_id = bot.add_slot()
        books(bot, martine, slot_id)
        browser = dashboard(bot)
        browser.get(await login_path(bot.resident("Claire", user_id=CLAIRE)))
        moissac = bot.structure_id("Mairie de Moissac")
        sheet = browser.get(f"/jour?lieu={moissac}")  # tomorrow by default
        assert "mardi 4 mars 2025" in sheet.text
        assert "Déclarer ses revenus en ligne" in sheet.text and "Martine" in sheet.text


async def test_the_dashboard_speaks_english_to_who_uses_the_bot_in_english(database_url):
    async with desk(database_url) as bot:
        claire = bot.resident("Claire", user_id=CLAIRE, language_code="en")
        browser = dashboard(bot)
        browser.get(await login_path(claire))
        week = browser.get("/planning").text
        assert "Week of Monday 3 March 2025" in week and "Log out" in week
        browser.get("/langue/fr?next=/planning")
        assert "Se déconnecter" in browser.get("/planning").text


def test_web_refuses_to_start_without_a_secret_key(monkeypatch, capsys, tmp_path):
    monkeypatch.delenv("AIGUILLAGE_SECRET_KEY", raising=False)
    monkeypatch.setenv("AIGUILLAGE_DATA_DIR", str(tmp_path))
    assert main(["web"]) == 2
    [line] = capsys.readouterr().err.splitlines()
    assert line.startswith("aiguillage: AIGUILLAGE_SECRET_KEY is not set")


async def test_a_seat_added_to_a_full_session_is_offered_to_the_first_in_line(database_url):
    async with desk(database_url) as bot:
        martine, ahmed = bot.resident("Martine"), bot.resident("Ahmed")
        slot_id = bot.add_slot(capacity=1)
        books(bot, martine, slot_id)
        with bot.session() as session:
            join_waitlist(
                session, slot_id=slot_id, resident_id=resident_id(bot, ahmed), now=bot.clock()
            )
        browser = dashboard(bot)
        browser.get(await login_path(bot.resident("Claire", user_id=CLAIRE)))
        csrf = csrf_of(browser.get(f"/seances/{slot_id}").text)

        too_few = browser.post(
            f"/seances/{slot_id}/modification",
            data={"csrf": csrf, "title": "Impôts", "capacity": "0"},
        )
        assert "problem=bad_capacity" in too_few.headers["location"]
        edited = browser.post(
            f"/seances/{slot_id}/modification",
            data={"csrf": csrf, "title": "Impôts : la déclaration", "capacity": "2"},
        )
        page = browser.get(edited.headers["location"]).text
        assert "Séance modifiée." in page and "Impôts : la déclaration" in page
        await run_outbox(bot)
        [offer] = sent_to(bot.api, ahmed)
        assert "place" in offer.lower()
        with bot.session() as session:
            assert session.get(Slot, slot_id).capacity == 2


async def test_claire_finds_a_place_without_sessions_in_the_catalogue_and_adds_its_first(
    database_url,
):
    async with desk(database_url) as bot:
        with bot.session() as session:  # no session anywhere yet
            for table in (WorkshopTheme, Slot, Workshop):
                session.execute(delete(table))
        browser = dashboard(bot)
        browser.get(await login_path(bot.resident("Claire", user_id=CLAIRE)))
        assert "Mairie de Moissac" not in browser.get("/seances/nouvelle").text
        form = browser.get("/seances/nouvelle?recherche=moissac").text
        moissac = bot.structure_id("Mairie de Moissac")
        assert f'<option value="{moissac}"' in form
        added = browser.post(
            "/seances/nouvelle?recherche=moissac",
            data={
                "csrf": csrf_of(form),
                "place": str(moissac),
                "kind": "individual",
                "themes": ["impots"],
                "title": "Permanence impôts",
                "day": "2025-03-05",
                "time": "09:30",
                "minutes": "30",
                "capacity": "1",
                "every_weeks": "0",
            },
        )
        assert added.status_code == 303
        assert "Permanence impôts" in browser.get(added.headers["location"]).text


async def test_forged_numbers_in_forms_and_addresses_change_nothing_and_break_nothing(
    database_url,
):
    async with desk(database_url) as bot:
        slot_id = bot.add_slot(capacity=3)
        booking = books(bot, bot.resident("Martine"), slot_id)
        browser = dashboard(bot)
        browser.get(await login_path(bot.resident("Claire", user_id=CLAIRE)))
        csrf = csrf_of(seen(browser.get(f"/seances/{slot_id}")))

        for forged in ("2147483648", "99999999999999999999", "١٢", "+1", "-1", " "):
            marked = browser.post(
                f"/seances/{slot_id}/presence", data={"csrf": csrf, "booking": forged, "came": "1"}
            )
            assert marked.status_code < 500, forged
            assert browser.get(f"/planning?lieu={forged}").status_code < 500, forged
            assert browser.get(f"/jour?lieu={forged}&date=2025-13-45").status_code < 500
        with bot.session() as session:
            assert session.get(Booking, booking).status is BookingStatus.BOOKED
