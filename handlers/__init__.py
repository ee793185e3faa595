"""The Telegram conversation: thin handlers over knowledge/ and scheduling/."""
