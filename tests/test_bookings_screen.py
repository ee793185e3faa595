"""/mesrdv: a resident finds their bookings and cancels one, after a confirmation."""

from datetime import timedelta

from offline_bot import NOW

from scheduling.models import Booking, BookingStatus, Slot


async def _martine_books_tuesday(bot):
    slot = bot.add_slot(capacity=8)
    martine = bot.resident("Martine")
    await martine.says("/start")
    await martine.taps("Impôts en ligne")
    await martine.says("Moissac")
    await martine.taps("mar. 4 mars, 14h00 · Mairie de Moissac")
    await martine.taps("Oui, je réserve")
    return martine, slot


async def test_without_any_booking_the_resident_is_offered_to_find_help(bot):
    martine = bot.resident("Martine")

    text = await martine.says("/mesrdv")

    assert "Vous n'avez aucun rendez-vous à venir." in text
    assert martine.button_texts() == ["🔎 Trouver de l'aide"]


async def test_the_resident_sees_the_booking_and_cancels_it(bot):
    martine, slot = await _martine_books_tuesday(bot)

    listing = await martine.says("/mesrdv")
    assert "📋 Vos rendez-vous :" in listing
    assert "1. 📅 mardi 4 mars à 14h00" in listing and "Déclarer ses revenus en ligne" in listing
    question = await martine.taps("Annuler le n°1 (mar. 4 mars, 14h00)")
    assert "Voulez-vous annuler votre participation ?" in question

    answer = await martine.taps("Oui, j'annule")

    assert "C'est fait : votre participation est annulée." in answer
    with bot.session() as session:
        assert session.get(Slot, slot).seats_taken == 0
        booking = session.query(Booking).filter_by(slot_id=slot).one()
        assert booking.status == BookingStatus.CANCELLED_BY_RESIDENT
    assert "aucun rendez-vous" in await martine.says("/mesrdv")


async def test_the_resident_changes_their_mind_and_keeps_the_booking(bot):
    martine, slot = await _martine_books_tuesday(bot)
    await martine.says("/mesrdv")
    await martine.taps("Annuler le n°1")

    assert "votre rendez-vous est maintenu" in await martine.taps("Non, je garde")
    with bot.session() as session:
        assert session.get(Slot, slot).seats_taken == 1


async def test_confirming_twice_cancels_once_and_says_so(bot):
    martine, slot = await _martine_books_tuesday(bot)
    await martine.says("/mesrdv")
    await martine.taps("Annuler le n°1")
    yes = martine.button("Oui, j'annule")
    await martine.tap(yes)

    await martine.tap(yes)

    assert "Ce rendez-vous était déjà annulé" in martine.last_text
    with bot.session() as session:
        assert session.get(Slot, slot).seats_taken == 0


async def test_someone_else_s_booking_cannot_be_cancelled(bot):
    _martine, slot = await _martine_books_tuesday(bot)
    with bot.session() as session:
        booking_id = session.query(Booking.id).filter_by(slot_id=slot).scalar()
    karim = bot.resident("Karim")
    await karim.says("/start")

    assert "Je ne trouve pas ce rendez-vous" in await karim.presses(f"cx1:{booking_id}")
    await karim.says("/start")
    assert "Je ne trouve pas ce rendez-vous" in await karim.presses(f"cy1:{booking_id}")
    with bot.session() as session:
        assert session.get(Slot, slot).seats_taken == 1


async def test_a_booking_already_started_cannot_be_cancelled_online(bot):
    martine, _slot = await _martine_books_tuesday(bot)
    await martine.says("/mesrdv")
    await martine.taps("Annuler le n°1")
    bot.clock.advance(timedelta(days=1, hours=5, minutes=30))

    assert "il ne peut plus être annulé ici" in await martine.taps("Oui, j'annule")


async def test_the_booking_confirmation_leads_to_the_bookings(bot):
    martine, _slot = await _martine_books_tuesday(bot)

    assert "📋 Vos rendez-vous :" in await martine.taps("mes rendez-vous")


async def test_many_bookings_come_page_by_page_each_cancellable(bot):
    long_title = "Découvrir les démarches en ligne de la CAF, de la CPAM et de France Travail"
    slots = [
        bot.add_slot(title=long_title, starts_at=NOW + timedelta(days=day, hours=5))
        for day in range(1, 6)
    ]
    martine = bot.resident("Martine")
    for slot in slots:
        assert "C'est réservé" in await martine.presses(f"bk1:{slot}")

    seen = [await martine.says("/mesrdv")]
    while "Suivants ▶" in martine.button_texts():
        seen.append(await martine.taps("Suivants"))

    assert len(seen) >= 2 and all(len(page) <= 500 for page in seen)
    assert "Page 1 sur" in seen[0]
    everything = "\n".join(seen)
    assert all(f"<b>{n}.</b>" in everything or f"{n}." in everything for n in range(1, 6))
    await martine.taps("Annuler le n°5")
    assert "C'est fait" in await martine.taps("Oui, j'annule")
