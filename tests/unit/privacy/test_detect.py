"""Detection of each label in French and English, with evasion and false-positive cases."""

from __future__ import annotations

import pytest

from communia.governance.privacy import UnsupportedLanguageError, detect, detect_language

from .conftest import assert_offsets, labels_of
from .identifiers import french_iban, luhn_complete, nir

NIR = nir(2, 84, 7, "2A", 4, 321)
IBAN = french_iban("30006000011234567890189")
SIRET = luhn_complete("7328293200007")


def test_french_letter_finds_every_identifier() -> None:
    text = (
        "Madame Claire Martin-Lefèvre\n12 bis rue de la République\n69002 Lyon\n\n"
        f"Née le 3 mars 1984 à Ajaccio, n° de sécurité sociale {NIR}. "
        f"Tél. : 06 12 34 56 78, courriel claire.martin@exemple.fr. IBAN : {IBAN}. "
        f"Société employeur SIRET {SIRET}. Véhicule immatriculé AB-123-CD. "
        "Carte d'identité n° 880692310285. Profil : https://www.linkedin.com/in/claire-martin-42"
    )
    found = labels_of(text, "fr")
    assert found["PERSON"][0] == "Claire Martin-Lefèvre"
    assert "12 bis rue de la République\n69002 Lyon" in found["ADDRESS"]
    assert found["DATE_OF_BIRTH"] == ["3 mars 1984"]
    assert found["NIR"] == [NIR]
    assert found["PHONE"] == ["06 12 34 56 78"]
    assert found["EMAIL"] == ["claire.martin@exemple.fr"]
    assert found["IBAN"] == [IBAN]
    assert found["SIRET"] == [SIRET]
    assert found["PLATE"] == ["AB-123-CD"]
    assert found["ID_DOCUMENT"] == ["880692310285"]
    assert found["URL"] == ["https://www.linkedin.com/in/claire-martin-42"]
    assert_offsets(text, detect(text, "fr"))


def test_english_text_finds_names_phones_and_addresses() -> None:
    text = (
        "Dear Mr Oliver Bennett,\n\nThank you for your letter. Your date of birth (DOB: "
        "14/02/1979) is on file and we will call you on +44 20 7946 0958.\n"
        "Your address: 221B Baker Street, London NW1 6XE.\nConnection from 203.0.113.42.\n\n"
        "Kind regards,\nSarah Collins"
    )
    found = labels_of(text, "en")
    assert "Oliver Bennett" in found["PERSON"] and "Sarah Collins" in found["PERSON"]
    assert found["DATE_OF_BIRTH"] == ["14/02/1979"]
    assert found["PHONE"] == ["+44 20 7946 0958"]
    assert found["ADDRESS"] == ["221B Baker Street, London NW1 6XE"]
    assert found["IP"] == ["203.0.113.42"]


@pytest.mark.parametrize(
    ("text", "label", "expected"),
    [
        ("Écrivez à jean\u200b.dupont@mail.fr", "EMAIL", "jean\u200b.dupont@mail.fr"),
        ("contact : jean [at] mail [dot] fr", "EMAIL", "jean [at] mail [dot] fr"),
        ("contact : jean at mail dot fr", "EMAIL", "jean at mail dot fr"),
        (
            "Tél\u00a0: 06\u00a012\u00a034\u00a056\u00a078",
            "PHONE",
            "06\u00a012\u00a034\u00a056\u00a078",
        ),
        ("Appelez le ０６ １２ ３４ ５６ ７８", "PHONE", "０６ １２ ３４ ５６ ７８"),
        ("Appelez le 0 6 1 2 3 4 5 6 7 8 vite", "PHONE", "0 6 1 2 3 4 5 6 7 8"),
        (f"Numéro de sécurité sociale : {' '.join(NIR)}", "NIR", " ".join(NIR)),
        (f"IBAN\u00a0: {IBAN[:4]}\u200b{IBAN[4:]}", "IBAN", f"{IBAN[:4]}\u200b{IBAN[4:]}"),
    ],
)
def test_evasion_does_not_hide_identifiers(text: str, label: str, expected: str) -> None:
    entities = detect(text, "fr")
    assert [e.text for e in entities if e.label == label] == [expected]
    assert_offsets(text, entities)


def test_birth_date_needs_birth_context() -> None:
    text = (
        "Réunion du conseil le 12/03/2024. Né le 05/06/1971, M. Petit a été recruté le 01/09/2010."
    )
    found = labels_of(text, "fr")
    assert found["DATE_OF_BIRTH"] == ["05/06/1971"]


def test_ordinary_administrative_text_has_no_identifiers() -> None:
    text = (
        "Le conseil municipal s'est réuni le 14 mars 2024 à 18h30 en mairie. "
        "La délibération n° 2024-118 fixe les tarifs de la cantine à 3,45 €. "
        "La rue principale sera fermée pendant les travaux ; voir www.service-public.fr. "
        "Article L. 2122-22 du code général des collectivités territoriales. "
        "Budget : 1 250 000 euros, dont 45 000 pour la voirie. Version 121.0.6167.85."
    )
    assert detect(text, "fr") == []


def test_organisations_places_and_months_are_not_people() -> None:
    text = (
        "Le Conseil départemental du Rhône et la Mairie de Lyon se réunissent en Janvier à Paris."
    )
    assert "PERSON" not in labels_of(text, "fr")


def test_bare_domains_are_not_profile_urls() -> None:
    text = "Informations sur www.ville-exemple.fr et https://www.service-public.fr/particuliers."
    assert "URL" not in labels_of(text, "fr")


def test_luhn_failing_siret_is_not_reported() -> None:
    bad = SIRET[:-1] + str((int(SIRET[-1]) + 1) % 10)
    assert "SIRET" not in labels_of(f"Entreprise SIRET {bad}", "fr")


def test_surname_repeated_later_is_found() -> None:
    text = "Rapport rédigé par Mme Sophie Durand.\n\nLe dossier de DURAND est complet."
    found = labels_of(text, "fr")
    assert "DURAND" in found["PERSON"]


def test_mixed_language_text_is_handled_per_paragraph() -> None:
    french = "Bonjour, je vous écris au sujet de la demande déposée par M. Paul Lefort. " * 3
    english = "Dear team, please find attached the report prepared by Mr Daniel Hughes. " * 3
    found = labels_of(french + "\n\n" + english)
    assert {"Paul Lefort", "Daniel Hughes"} <= set(found["PERSON"])


def test_language_detection_is_deterministic() -> None:
    assert detect_language("Le conseil municipal de la commune a voté.") == "fr"
    assert detect_language("The council has approved the budget for the year.") == "en"
    assert detect_language("") == "fr"


def test_empty_and_odd_unicode_inputs() -> None:
    assert detect("") == []
    assert detect("   \n\n ") == []
    odd = "\u202e\ufeff🙂 é\u0301 \U0001d400 \x0c M. Jean Dupont ☎ 06 12 34 56 78"
    entities = detect(odd, "fr")
    assert {e.label for e in entities} == {"PERSON", "PHONE"}
    assert_offsets(odd, entities)


def test_unknown_language_is_refused_with_the_accepted_values() -> None:
    with pytest.raises(UnsupportedLanguageError, match="fr, en, auto"):
        detect("texte", "de")


def test_firm_names_and_role_mailboxes_are_not_people_or_personal_emails() -> None:
    text = (
        "In 2019 I joined Hawkins, Bell and Marsh as a surveyor. "
        "Write to info@council.gov.uk or to jane.doe@example.com."
    )
    found = labels_of(text, "en")
    assert "PERSON" not in found
    assert found["EMAIL"] == ["jane.doe@example.com"]


def test_egress_check_still_reports_role_mailboxes() -> None:
    from communia.governance.privacy import contains_identifiers

    assert [e.text for e in contains_identifiers("Écrire à accueil@mairie.fr")] == [
        "accueil@mairie.fr"
    ]


def test_foreign_plate_needs_registration_context() -> None:
    assert labels_of("A vehicle with registration ZYO 386 was parked.", "en")["PLATE"] == [
        "ZYO 386"
    ]
    assert "PLATE" not in labels_of("Room ZYO 386 is on the second floor.", "en")


def test_residual_check_finds_shaped_identifiers_left_in_a_masked_text() -> None:
    from communia.governance.privacy import residual_identifiers

    leaked = residual_identifiers(
        "Rappeler [PERSONNE_1] au 06 45 12 78 90 ou écrire à claire.moreau@laposte.net ; "
        "dossier suivi par Madame Claire Moreau, IBAN FR76 3000 6000 0112 3456 7890 189."
    )
    assert {e.label for e in leaked} >= {"PHONE", "EMAIL", "IBAN", "PERSON"}
    assert "Claire Moreau" in {e.text for e in leaked}


def test_residual_check_accepts_a_properly_pseudonymised_text() -> None:
    from communia.governance.privacy import EGRESS_THRESHOLD, Pseudonymiser, residual_identifiers

    text = (
        "Madame Claire Moreau (claire.moreau@laposte.net, 06 45 12 78 90) signale un dépôt "
        "d'encombrants devant le 14 rue des Lilas, 35000 Rennes. M. Jean Dupont, son voisin, "
        "confirme. NIR 2 84 05 75 114 023 45."
    )
    masked = Pseudonymiser().pseudonymise(text, threshold=EGRESS_THRESHOLD)
    assert "Moreau" not in masked and "06 45" not in masked
    assert residual_identifiers(masked) == []


@pytest.mark.parametrize(
    ("text", "address"),
    [
        ("Il habite 3 rue des Lilas à Rennes.", "3 rue des Lilas"),
        ("Domicile : 14 rue des Lilas, 35000 Rennes", "14 rue des Lilas, 35000 Rennes"),
        ("Rendez-vous 2 place de l'Église demain.", "2 place de l'Église"),
        ("Siège : 10 rue d'Alsace, 67000 Strasbourg", "10 rue d'Alsace, 67000 Strasbourg"),
        ("Elle passe au 4 rue Victor Hugo en vélo.", "4 rue Victor Hugo"),
        ("Envoyer au 7 impasse des Acacias.", "7 impasse des Acacias"),
    ],
)
def test_street_names_with_particles_are_masked_whole(text: str, address: str) -> None:
    assert labels_of(text, "fr")["ADDRESS"] == [address]


def test_a_labelled_social_security_number_with_a_wrong_key_is_still_masked() -> None:
    text = "N° de sécurité sociale : 1 75 03 29 019 042 77. Dossier 1 75 03 29 019 042 77 bis."
    assert labels_of(text, "fr")["NIR"] == ["1 75 03 29 019 042 77"]

