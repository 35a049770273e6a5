# ruff: noqa: E501  (template sentences read best unbroken)
"""French administrative templates: each block lists alternatives, "" means optional.

Slots: {LABEL:field} is gold personal data, {field} is filler (may be a distractor).
"""

from __future__ import annotations

LETTER = [
    [
        "{p.prefix_name}\n{ADDRESS:p.address}\n{PHONE:p.phone}\n{EMAIL:p.email}\n\n",
        "{PERSON:p.full}\n{ADDRESS:p.address}\nTél. : {PHONE:p.phone}\n\n",
        "Expéditeur : {PERSON:p.full}, {ADDRESS:p.address}\n\n",
    ],
    ["Mairie de {city}\nService {service}\n\n", "À l'attention de M. le Maire de {city}\n\n"],
    ["{city}, le {date}\n\n", "Le {date}\n\n"],
    [
        "Objet : demande de logement social (dossier n° {ref})\n\n",
        "Objet : demande d'acte de naissance\n\n",
        "Objet : réclamation concernant la facture {ref}\n\n",
        "Objet : inscription sur les listes électorales\n\n",
    ],
    ["Madame, Monsieur,\n\n", "Monsieur le Maire,\n\n"],
    [
        "Je soussigné(e) {p.prefix_name}, né(e) le {DATE_OF_BIRTH:p.birth}, demeurant {ADDRESS:p.address}, "
        "sollicite votre bienveillance pour l'examen de ma demande. ",
        "Par la présente, je me permets de vous adresser ma demande, déposée le {date} auprès de vos services. ",
        "Suite à mon passage au guichet le {date}, {q.prefix_name} m'a conseillé de vous écrire. ",
    ],
    [
        "Mon numéro de sécurité sociale est le {NIR:p.nir}. ",
        "Vous trouverez ci-joint mon attestation de droits (n° de sécurité sociale : {NIR:p.nir}). ",
        "",
    ],
    [
        "Mon foyer compte {count} personnes et nos revenus s'élèvent à {amount} par mois. ",
        "Le loyer actuel de {amount} représente plus du tiers de nos ressources. ",
        "La rue principale de notre quartier est en travaux depuis {count} mois. ",
    ],
    ["Pour le remboursement, mon RIB : {IBAN:p.iban}. ", ""],
    [
        "Vous pouvez me joindre au {PHONE:p.phone} ou par courriel à {EMAIL:p.email}. ",
        "Je reste joignable par courriel ({EMAIL:p.email}). ",
        "Mon adresse électronique : {EMAIL:p.email}. ",
    ],
    [
        "Je tiens également à signaler que {r.prefix_name}, mon voisin, rencontre la même difficulté. ",
        "",
    ],
    [
        "\n\nDans l'attente de votre réponse, je vous prie d'agréer, Madame, Monsieur, "
        "l'expression de mes salutations distinguées.\n\n{PERSON:p.full}\n",
        "\n\nVeuillez agréer, Monsieur le Maire, mes respectueuses salutations.\n\n{PERSON:p.full}\n",
        "\n\nCordialement,\n{PERSON:p.full}\n",
    ],
]

CV = [
    ["{PERSON:p.full}\n", "CURRICULUM VITAE\n\n{PERSON:p.full}\n"],
    ["{ADDRESS:p.address}\n", "Adresse : {ADDRESS:p.address}\n"],
    ["Tél : {PHONE:p.phone}\n", "Portable : {PHONE:p.phone}\n", "{PHONE:p.phone}\n"],
    ["Courriel : {EMAIL:p.email}\n", "{EMAIL:p.email}\n"],
    [
        "Né le {DATE_OF_BIRTH:p.birth}\n",
        "Date de naissance : {DATE_OF_BIRTH:p.birth}\n",
        "Née le {DATE_OF_BIRTH:p.birth} à {city}\n",
        "",
    ],
    ["Profil : {URL:p.profile}\n", "LinkedIn : {URL:p.profile}\n", ""],
    ["Permis B, véhicule personnel\n\n", "\n"],
    ["EXPÉRIENCE PROFESSIONNELLE\n\n"],
    [
        "{year} – aujourd'hui : {job}, {org} ({city})\n",
        "Depuis {year} : {job} au sein de la communauté de communes de {city}\n",
    ],
    [
        "- Gestion d'un budget de {amount} et encadrement de {count} agents\n",
        "- Suivi des marchés publics et des relations avec les prestataires\n",
    ],
    ["{year2} – {year} : {job2}, {org2}\n", "{year2} – {year} : stage à la mairie de {city}\n"],
    [
        "\nFORMATION\n\n{year2} : Master administration publique, université de {city}\n",
        "\nFORMATION\n\n{year2} : Licence de droit public\n",
    ],
    [
        "\nRéférences : {q.prefix_name}, directeur général des services, {EMAIL:q.email}\n",
        "\nCentres d'intérêt : randonnée, bénévolat associatif\n",
    ],
]

FIELD_REPORT = [
    [
        "RAPPORT D'INTERVENTION – POLICE MUNICIPALE DE {city_upper}\n\n",
        "Rapport de constatation n° {ref}\n\n",
        "MAIN COURANTE – {date}\n\n",
    ],
    [
        "Agent rédacteur : {PERSON:q.full}\n",
        "Rédigé par : {PERSON:q.full}, brigadier-chef\n",
        "Agents : {PERSON:q.full} et {PERSON:r.full}\n",
    ],
    ["Date et heure : {date} à {hour}\n\n", "Le {date}, vers {hour}, "],
    [
        "Nous avons été requis au {ADDRESS:p.address} pour un stationnement gênant. ",
        "Patrouille dans le secteur de la place du marché, où la rue était encombrée de livraisons. ",
        "Signalement d'un dépôt sauvage rue des écoles, derrière le gymnase. ",
    ],
    [
        "Le véhicule immatriculé {PLATE:p.plate} stationnait sur l'emplacement réservé. ",
        "Un véhicule (plaque {PLATE:p.plate}) bloquait l'accès des secours. ",
        "Aucun véhicule n'était présent sur les lieux. ",
    ],
    [
        "Le conducteur, {p.prefix_name}, né le {DATE_OF_BIRTH:p.birth}, a présenté sa carte d'identité n° {ID_DOCUMENT:p.id}. ",
        "La propriétaire, {p.prefix_name}, a été contactée au {PHONE:p.phone}. ",
        "Le contrevenant, {p.prefix_name}, domicilié {ADDRESS:p.address}, a présenté son passeport n° {ID_DOCUMENT:p.id}. ",
    ],
    [
        "Un avis de contravention de {amount} a été établi (article R417-10 du code de la route). ",
        "Un rappel à la réglementation a été effectué. ",
        "Le service voirie a été informé (ticket {ref}). ",
    ],
    ["Témoin : {PERSON:r.full}, {PHONE:r.phone}. ", ""],
    ["\n\nFin de l'intervention à {hour2}.\n", "\n\nTransmis au commissariat de {city}.\n"],
]

ENROLMENT = [
    [
        "FICHE D'INSCRIPTION – RESTAURATION SCOLAIRE {year}-{year_next}\n\n",
        "Dossier d'inscription au centre de loisirs\n\n",
    ],
    ["Responsable légal : {PERSON:p.full}\n", "Nom et prénom du responsable : {PERSON:p.full}\n"],
    ["Adresse : {ADDRESS:p.address}\n"],
    ["Téléphone : {PHONE:p.phone}\n", "Tél. portable : {PHONE:p.phone}\n"],
    ["Courriel : {EMAIL:p.email}\n"],
    ["N° de sécurité sociale : {NIR:p.nir}\n", "NIR : {NIR:p.nir}\n", ""],
    ["Numéro allocataire CAF : {caf}\n", "Quotient familial : {count}{count}{count}\n"],
    [
        "\nEnfant : {PERSON:c.full}, né le {DATE_OF_BIRTH:c.birth}, classe de CE{count_small}\n",
        "\nEnfant inscrit : {PERSON:c.full} (date de naissance : {DATE_OF_BIRTH:c.birth})\n",
    ],
    [
        "\nMandat de prélèvement SEPA – IBAN : {IBAN:p.iban}\n",
        "\nPaiement par prélèvement, compte {IBAN:p.iban}\n",
        "\nPaiement en espèces en régie.\n",
    ],
    ["Allergies : aucune\n", "Régime alimentaire : sans porc\n"],
    ["\nFait à {city}, le {date}.\nSignature : {PERSON:p.full}\n"],
]

SUPPLIER_MAIL = [
    [
        "De : {PERSON:q.full} <{EMAIL:q.email}>\nÀ : service.finances@{domain}\n",
        "Message de {PERSON:q.full} ({EMAIL:q.email})\n",
    ],
    ["Objet : bon de commande {ref} – {org}\n\n"],
    ["Bonjour,\n\n", "Bonjour {PERSON:r.first},\n\n"],
    [
        "Le prestataire {org} (SIRET {SIRET:siret}) a livré le mobilier commandé le {date}. ",
        "Le fournisseur {org}, SIREN {SIREN:siren}, a transmis sa facture de {amount}. ",
        "Pour le marché {ref}, le titulaire est la société {org}, SIRET : {SIRET:siret}. ",
    ],
    [
        "Son RIB (IBAN {IBAN:iban_org}) est à saisir dans le logiciel financier. ",
        "Le paiement est prévu sous 30 jours. ",
    ],
    [
        "L'interlocuteur côté entreprise est {p.prefix_name}, joignable au {PHONE:p.phone}. ",
        "Contact chez le prestataire : {PERSON:p.full}, {EMAIL:p.email}. ",
    ],
    [
        "Le site {domain2} détaille les conditions générales. ",
        "Voir aussi l'article 4 du CCAP. ",
        "",
    ],
    [
        "\n\nBien cordialement,\n\n{PERSON:q.full}\nService de la commande publique\n{PHONE:q.phone}\n",
        "\n\nCordialement,\n{PERSON:q.full}\n",
    ],
]

MINUTES = [
    ["COMPTE RENDU DE LA RÉUNION DU {date}\n\n", "Conseil d'école – séance du {date}\n\n"],
    [
        "Présents : {PERSON:q.full}, {PERSON:r.full}, {PERSON:p.full}\n",
        "Présents : {q.prefix_name} (adjointe au maire), {PERSON:r.full}, {PERSON:p.full}\n",
    ],
    ["Excusé : {PERSON:c.full}\n\n", "\n"],
    [
        "1. Travaux de la salle polyvalente : le devis de {org} ({amount}) est retenu. ",
        "1. Budget : la dotation de {amount} est reconduite pour {year}. ",
    ],
    [
        "{p.prefix_name} demande que la rue Pasteur soit mise en sens unique. ",
        "Le chantier de l'avenue de la gare reprendra le {date2}. ",
    ],
    [
        "2. Questions diverses : {r.prefix_name} rappelle la date de la fête de quartier, le {date2}. ",
        "2. La prochaine réunion aura lieu en salle {count}. ",
    ],
    ["\n\nSecrétaire de séance : {PERSON:r.full}\n", "\n\nLa séance est levée à {hour}.\n"],
]

IT_TICKET = [
    ["Ticket {ref} – incident de connexion\n\n"],
    ["Signalé par : {PERSON:p.full} ({EMAIL:p.email})\n", "Demandeur : {PERSON:p.full}\n"],
    [
        "Poste : PC-{count}{count}{count}, adresse IP {IP:p.ip}\n",
        "L'usager se connectait depuis l'adresse IP {IP:p.ip}. ",
    ],
    [
        "Le portail {domain} renvoie une erreur 502 depuis le {date}. ",
        "Échec d'authentification répété sur l'espace famille. ",
    ],
    ["Version du navigateur : 121.0.6167.85. ", "Le correctif 4.2.{count} est installé. ", ""],
    ["Rappeler l'usager au {PHONE:p.phone}.\n", "Réponse envoyée par courriel.\n"],
    ["Technicien : {PERSON:q.full}\n"],
]

FR_TEMPLATES = {
    "letter": LETTER,
    "cv": CV,
    "field_report": FIELD_REPORT,
    "enrolment": ENROLMENT,
    "supplier_mail": SUPPLIER_MAIL,
    "minutes": MINUTES,
    "it_ticket": IT_TICKET,
}
