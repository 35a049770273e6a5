"""The governance spine: register, decision guard, privacy, journal, review, retention."""
