"""The coordinators' desk in a real browser (Debian's chromium, as `test_web_browser`): Claire
uploads a file of sessions, reads the plan, applies it, finds the sessions in her week, and
downloads the export of the bookings, read back from the browser's download folder.
"""

import csv

from selenium.webdriver.common.by import By
from selenium.webdriver.support.wait import WebDriverWait
from test_reminders_bot import books
from test_slot_import_bot import caf, imported_slot, planning, taxes
from test_web_browser import _fill, _follow, _text, chromium, pytestmark, served
from web_desk import CLAIRE, desk, login_url, web_app

from scheduling.exports import COLUMNS

__all__ = ["pytestmark"]  # skipped, as the other browser tests, without chromium


async def test_claire_imports_a_planning_file_and_downloads_the_export_in_a_real_browser(
    database_url, tmp_path
):
    async with desk(database_url) as bot:
        claire = bot.resident("Claire", user_id=CLAIRE)
        moissac = bot.structure_id("Mairie de Moissac")
        upload = tmp_path / "planning-mars.csv"
        upload.write_bytes(planning(taxes(moissac), caf(moissac)))
        downloads = tmp_path / "downloads"
        downloads.mkdir()
        base = bot.public_url
        with served(web_app(bot)) as address, chromium(downloads) as browser:
            browser.get((await login_url(claire)).replace(base, address))

            # The file, its dry run as a table, then applied.
            _follow(browser, browser.find_element(By.LINK_TEXT, "Imports"))
            browser.find_element(By.ID, "slot-file").send_keys(str(upload))
            _follow(
                browser, browser.find_element(By.XPATH, '(//button[text()="Voir l\'essai"])[1]')
            )
            plan = _text(browser)
            assert "Ce que l'import changerait" in plan and "Séances créées 5" in plan
            assert "Appliquer" in plan
            _follow(browser, browser.find_element(By.XPATH, "//button[text()='Appliquer']"))
            assert "C'est appliqué" in _text(browser)

            # The sessions in her week.
            _follow(browser, browser.find_element(By.LINK_TEXT, "Voir le planning"))
            week = _text(browser)
            assert "Semaine du lundi 3 mars 2025" in week
            assert "Déclarer ses revenus en ligne" in week and "Permanence CAF" in week

            # Martine books; Claire downloads the week's bookings.
            books(bot, bot.resident("Martine"), imported_slot(bot, "CAF"))
            _follow(browser, browser.find_element(By.LINK_TEXT, "Exports"))
            _fill(browser, "du", "2025-03-03")
            _fill(browser, "au", "2025-03-09")
            browser.find_element(By.XPATH, "//button[text()='Télécharger']").click()
            expected = downloads / "inscriptions-2025-03-03-2025-03-09.csv"
            WebDriverWait(browser, timeout=30).until(lambda _: expected.exists())
            rows = list(csv.reader(expected.read_text("utf-8-sig").splitlines(), delimiter=";"))
            assert tuple(rows[0]) == COLUMNS
            [row] = rows[1:]
            assert (row[7], row[12]) == ("Permanence CAF", "Martine")
