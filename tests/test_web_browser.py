"""The dashboard in a real browser: Debian's chromium, headless, driven by Selenium through
Debian's chromedriver (given explicitly: Selenium Manager never downloads one), on the app served
by uvicorn on a loopback port, beside the offline bot and its outbox.

Claire, the coordinator, gets her link from the bot, sees the week, adds a weekly workshop, moves
Martine's session (Martine is told by the bot), and marks her present once it has started; a
resident gets no link, and a link kept by an advisor since revoked opens nothing.
"""

import contextlib
import socket
import threading
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
import uvicorn
from offline_bot import NOW
from selenium import webdriver
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.remote.webelement import WebElement
from selenium.webdriver.support.select import Select
from selenium.webdriver.support.wait import WebDriverWait
from sqlalchemy import select
from test_reminders_bot import books, run_outbox, sent_to
from web_desk import CLAIRE, desk, login_url, make_advisor, web_app

from scheduling.models import Booking, BookingStatus, Slot, Workshop
from scheduling.staff import revoke_advisor

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(),
    reason="Debian's chromium is not installed (apt-get install chromium chromium-driver)",
)


@contextlib.contextmanager
def served(app) -> Iterator[str]:
    """The app by uvicorn on a free loopback port, in a thread; its base URL."""
    # The socket listens before the server runs: the browser's first request waits in its
    # backlog, so nothing has to wait for the server to start.
    listening = socket.socket()
    listening.bind(("127.0.0.1", 0))
    listening.listen()
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", access_log=False))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [listening]}, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{listening.getsockname()[1]}"
    finally:
        server.should_exit = True
        thread.join()
        listening.close()


@contextlib.contextmanager
def chromium(downloads: Path | None = None) -> Iterator[WebDriver]:
    """Headless chromium; files it downloads land in `downloads`."""
    options = Options()
    options.binary_location = str(CHROMIUM)
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage"):
        options.add_argument(argument)
    options.add_argument("--window-size=1280,1000")
    options.add_argument("--lang=fr-FR")
    if downloads is not None:
        options.add_experimental_option(
            "prefs",
            {"download.default_directory": str(downloads), "download.prompt_for_download": False},
        )
    driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    try:
        yield driver
    finally:
        driver.quit()


def _text(driver: WebDriver) -> str:
    return driver.find_element(By.TAG_NAME, "body").text


def _follow(driver: WebDriver, element: WebElement) -> None:
    """Click a link or a form's button, and wait until the page it leads to has loaded."""
    # A mark on the page left, that the next page does not have: asking an element of the old
    # page whether it is gone can fail in Chromium while the page is being replaced.
    driver.execute_script("window.leaving = true")
    element.click()
    WebDriverWait(driver, timeout=30, ignored_exceptions=(WebDriverException,)).until(
        lambda d: d.execute_script("return !window.leaving && document.readyState === 'complete'")
    )


def _fill(driver: WebDriver, field_id: str, value: str) -> None:
    field = driver.find_element(By.ID, field_id)
    if field.get_attribute("type") in ("date", "time"):
        # A date or time field's typing order follows the browser's locale; its value does not.
        driver.execute_script("arguments[0].value = arguments[1]", field, value)
    else:
        field.clear()
        field.send_keys(value)


async def test_claire_runs_her_week_from_the_dashboard_in_a_real_browser(database_url):
    async with desk(database_url) as bot:
        claire = bot.resident("Claire", user_id=CLAIRE)
        martine = bot.resident("Martine")
        slot_id = bot.add_slot(title="Déclarer ses revenus en ligne")  # Tuesday 4 March 14:00
        books(bot, martine, slot_id)
        base = bot.public_url
        with served(web_app(bot)) as address, chromium() as browser:
            # The link the bot gave, opened in the browser: her week.
            link = (await login_url(claire)).replace(base, address)
            browser.get(link)
            assert browser.current_url == f"{address}/planning"
            week = _text(browser)
            assert "Semaine du lundi 3 mars 2025" in week
            assert "Déclarer ses revenus en ligne" in week and "1/8" in week

            # A weekly workshop on Thursdays at 10:00, until the end of March.
            _follow(browser, browser.find_element(By.LINK_TEXT, "Ajouter une séance"))
            Select(browser.find_element(By.ID, "place")).select_by_visible_text(
                "Mairie de Moissac (démo)"
            )
            browser.find_element(By.CSS_SELECTOR, "input[name=themes][value=equipement]").click()
            _fill(browser, "title", "Mon smartphone pas à pas")
            _fill(browser, "day", "2025-03-06")
            _fill(browser, "time", "10:00")
            Select(browser.find_element(By.ID, "every_weeks")).select_by_visible_text(
                "Chaque semaine"
            )
            _fill(browser, "until", "2025-03-31")
            _follow(browser, browser.find_element(By.XPATH, "//button[text()='Ajouter']"))
            week = _text(browser)
            assert "Séance ajoutée." in week and "Mon smartphone pas à pas" in week
            with bot.session() as session:
                starts = session.scalars(
                    select(Slot.starts_at)
                    .join(Workshop, Workshop.id == Slot.workshop_id)
                    .where(Workshop.title == "Mon smartphone pas à pas")
                ).all()
            assert sorted(start.day for start in starts) == [6, 13, 20, 27]

            # Martine's session moves to this afternoon; the bot tells her.
            browser.get(f"{address}/planning")
            _follow(browser, browser.find_element(By.LINK_TEXT, "Déclarer ses revenus en ligne"))
            assert "Martine" in _text(browser)
            _fill(browser, "move_day", "2025-03-03")
            _fill(browser, "move_time", "15:00")
            _follow(browser, browser.find_element(By.XPATH, "//button[text()='Déplacer']"))
            assert "La séance a été déplacée" in _text(browser)
            assert "lundi 3 mars 2025, 15h00–17h00" in _text(browser)
            await run_outbox(bot)
            [notice] = sent_to(bot.api, martine)
            assert "déplacé" in notice and "lundi 3 mars à 15h00" in notice

            # Once it has started, Martine came.
            bot.clock.now = NOW + timedelta(hours=6, minutes=5)  # 15:05 in Moissac
            browser.refresh()
            _follow(
                browser,
                browser.find_element(By.CSS_SELECTOR, "button[aria-label='Martine est venu(e)']"),
            )
            assert "Présence notée." in _text(browser) and "présent" in _text(browser)
            with bot.session() as session:
                [status] = session.scalars(
                    select(Booking.status).where(Booking.resident_id.is_not(None))
                ).all()
            assert status is BookingStatus.ATTENDED

            # A resident gets no link; an advisor's link, kept after she was revoked, is refused.
            assert "réservée aux conseillers" in await martine.says("/tableau")
            sophie = bot.resident("Sophie")
            advisor_id = make_advisor(bot, sophie, "Mairie de Moissac")
            kept = (await login_url(sophie)).replace(base, address)
            with bot.session() as session:
                revoke_advisor(session, advisor_id=advisor_id)
            browser.delete_all_cookies()
            browser.get(kept)
            refused = _text(browser)
            assert "Accès refusé" in refused and "réservé aux conseillers" in refused
            browser.get(f"{address}/planning")
            assert "Accès refusé" in _text(browser)
