"""Blind review: identity masked, the job's own vocabulary left readable."""

from __future__ import annotations

from communia.recruitment.blind import Masker, profile_vocabulary
from tests.unit.recruitment.factories import profile


def test_a_diploma_misread_as_a_name_stays_readable_and_names_do_not() -> None:
    masker = Masker(profile_vocabulary(profile()))
    masked = masker.mask("Marie Durand, 06 12 34 56 78\n"
                         "CAP Accompagnant éducatif petite enfance (2015)\n"
                         "Références : Mme Cap, directrice de l'accueil de loisirs.")
    assert "CAP Accompagnant éducatif petite enfance" in masked
    assert "Marie Durand" not in masked and "06 12 34 56 78" not in masked
    assert "Mme Cap" not in masked  # one word inside a term is still a name


def test_without_the_vocabulary_the_detector_alone_decides() -> None:
    masked = Masker().mask("CAP Accompagnant éducatif petite enfance (2015)")
    assert "CAP Accompagnant" not in masked  # what the profile vocabulary fixes
