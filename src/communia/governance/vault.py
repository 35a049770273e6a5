"""Encryption of personal data at rest and keyed hashes to find it again."""

from __future__ import annotations

import hashlib
import hmac
import unicodedata

from cryptography.fernet import Fernet, InvalidToken

from communia.errors import Unavailable


class VaultKeyError(Unavailable):
    """Encrypted data cannot be opened with the configured key."""


class Vault:
    """Encrypts text with Fernet (AES-128-CBC + HMAC) and computes keyed lookup hashes."""

    def __init__(self, key: str) -> None:
        try:
            self._fernet = Fernet(key.encode("ascii"))
        except (ValueError, UnicodeEncodeError):
            raise VaultKeyError(
                "The encryption key is not a valid Fernet key (44 URL-safe base64 characters). "
                "Generate one with: communia keys generate"
            ) from None
        self._hmac_key = hashlib.sha256(b"communia-index:" + key.encode("ascii")).digest()

    def encrypt(self, text: str) -> bytes:
        return self._fernet.encrypt(text.encode("utf-8"))

    def decrypt(self, blob: bytes) -> str:
        try:
            return self._fernet.decrypt(blob).decode("utf-8")
        except InvalidToken:
            raise VaultKeyError(
                "Stored data cannot be decrypted with the configured encryption key; "
                "check COMMUNIA_ENCRYPTION_KEY is the key used when the data was written."
            ) from None

    def lookup_hash(self, value: str) -> str:
        """A keyed hash of a normalised value (case, accents, spaces ignored)."""
        return hmac.new(self._hmac_key, normalise_value(value).encode(), "sha256").hexdigest()


def normalise_value(value: str) -> str:
    """Lowercase, strip accents and collapse spaces, so that lookups forgive typography."""
    decomposed = unicodedata.normalize("NFKD", value)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(stripped.casefold().split())


def generate_key() -> str:
    """A new random Fernet key."""
    return Fernet.generate_key().decode("ascii")


def sha256_text(text: str) -> str:
    """Hex SHA-256 of a text's UTF-8 bytes: what the journal keeps instead of content."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
