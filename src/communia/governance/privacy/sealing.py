"""Encrypt and decrypt a pseudonymisation mapping with Fernet (AES-128-CBC + HMAC)."""

from __future__ import annotations

import json
from collections.abc import Mapping

from cryptography.fernet import Fernet, InvalidToken

from .model import MappingKeyError


def _fernet(key: str) -> Fernet:
    """Return a Fernet for ``key`` or explain how to get a valid one."""
    try:
        return Fernet(key.encode("ascii") if isinstance(key, str) else key)
    except (ValueError, TypeError, UnicodeEncodeError) as error:
        raise MappingKeyError(
            "The mapping key is not a Fernet key (32 url-safe base64-encoded bytes). "
            'Create one with `python -c "from cryptography.fernet import Fernet; '
            'print(Fernet.generate_key().decode())"` and store it in the settings.'
        ) from error


def seal_mapping(mapping: Mapping[str, str], key: str) -> bytes:
    """Return ``mapping`` (placeholder → original) encrypted with the Fernet ``key``."""
    payload = json.dumps(dict(mapping), ensure_ascii=False, sort_keys=True).encode("utf-8")
    return _fernet(key).encrypt(payload)


def open_mapping(blob: bytes, key: str) -> dict[str, str]:
    """Decrypt a sealed mapping; raise ``MappingKeyError`` on a wrong key or damaged blob."""
    try:
        payload = _fernet(key).decrypt(blob)
    except InvalidToken as error:
        raise MappingKeyError(
            "Cannot open the mapping: the key is not the one that sealed it, or the sealed "
            "data was altered. Use the key configured when the mapping was stored."
        ) from error
    data = json.loads(payload.decode("utf-8"))
    if not isinstance(data, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in data.items()
    ):
        raise MappingKeyError("The sealed data is not a mapping of placeholders to text.")
    return data
