"""Aiguillage assembly: settings, database, i18n, the Telegram application and the CLI."""
