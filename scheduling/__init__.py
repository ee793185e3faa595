"""Workshops, slots, bookings, waitlists and reminders."""
