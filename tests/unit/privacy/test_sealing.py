"""Sealed mappings open with the right key only."""

from __future__ import annotations

import pytest
from cryptography.fernet import Fernet

from communia.governance.privacy import MappingKeyError, open_mapping, seal_mapping


def test_sealed_mapping_opens_with_its_key() -> None:
    key = Fernet.generate_key().decode()
    mapping = {"[PERSONNE_1]": "Élise Durand", "[EMAIL_1]": "elise@exemple.fr"}
    blob = seal_mapping(mapping, key)
    assert b"Durand" not in blob
    assert open_mapping(blob, key) == mapping


def test_wrong_key_raises_mapping_key_error() -> None:
    blob = seal_mapping({"[PERSONNE_1]": "Élise Durand"}, Fernet.generate_key().decode())
    with pytest.raises(MappingKeyError, match="key"):
        open_mapping(blob, Fernet.generate_key().decode())


def test_tampered_blob_and_malformed_key_raise_mapping_key_error() -> None:
    key = Fernet.generate_key().decode()
    blob = bytearray(seal_mapping({"[IP_1]": "10.1.2.3"}, key))
    blob[-5] ^= 1
    with pytest.raises(MappingKeyError):
        open_mapping(bytes(blob), key)
    with pytest.raises(MappingKeyError, match="Fernet"):
        seal_mapping({}, "not-a-key")
