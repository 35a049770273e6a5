# ruff: noqa: E501  (template sentences read best unbroken)
"""English administrative templates: each block lists alternatives, "" means optional.

Slots: {LABEL:field} is gold personal data, {field} is filler (may be a distractor).
"""

from __future__ import annotations

COVER_LETTER = [
    [
        "{PERSON:p.full}\n{ADDRESS:p.address}\n{PHONE:p.phone}\n{EMAIL:p.email}\n\n",
        "{PERSON:p.full}\n{ADDRESS:p.address}\nEmail: {EMAIL:p.email}\n\n",
    ],
    ["{date}\n\n"],
    ["Human Resources\n{org}\n\n", "Recruitment Team\n{city} City Council\n\n"],
    ["Dear Sir or Madam,\n\n", "Dear {q.prefix_name},\n\n"],
    [
        "I am writing to apply for the position of {job} advertised on {domain} (reference {ref}). ",
        "Please accept my application for the {job} role. ",
    ],
    [
        "For the past {count} years I have worked as {job2} at {org2}, managing a budget of {amount}. ",
        "In {year} I joined {org2}, where I led a team of {count} officers. ",
    ],
    [
        "My profile is available at {URL:p.profile}. ",
        "You can see my work at {URL:p.profile}. ",
        "",
    ],
    [
        "I hold a full UK driving licence. ",
        "I was born on {DATE_OF_BIRTH:p.birth} and hold British citizenship. ",
        "",
    ],
    [
        "I would welcome the opportunity to discuss my application; I can be reached on {PHONE:p.phone}. ",
        "I am available for interview from {date2}. ",
    ],
    [
        "\n\nYours faithfully,\n\n{PERSON:p.full}\n",
        "\n\nYours sincerely,\n{PERSON:p.full}\n",
        "\n\nKind regards,\n{PERSON:p.full}\n",
    ],
]

INCIDENT = [
    ["INCIDENT REPORT – {city_upper} BOROUGH COUNCIL\n\n", "Incident report ref. {ref}\n\n"],
    ["Reporting officer: {PERSON:q.full}\n", "Prepared by: {PERSON:q.full}, Enforcement Officer\n"],
    ["Date of incident: {date}, approximately {hour}\n\n"],
    [
        "A vehicle with registration {PLATE:p.plate} was found parked across a dropped kerb outside {ADDRESS:p.address}. ",
        "A resident reported fly-tipping at the rear of the High Street car park. ",
        "Officers attended the park following reports of anti-social behaviour near Station Road. ",
    ],
    [
        "The driver, {p.prefix_name} (date of birth {DATE_OF_BIRTH:p.birth}), produced passport number {ID_DOCUMENT:p.id}. ",
        "The owner, {p.prefix_name}, was contacted on {PHONE:p.phone}. ",
        "The complainant, {p.prefix_name}, lives at {ADDRESS:p.address}. ",
    ],
    [
        "A penalty charge notice of {amount_gbp} was issued under section 86. ",
        "Advice was given and no further action is required. ",
    ],
    ["Witness: {PERSON:r.full}, tel. {PHONE:r.phone}. ", ""],
    ["\n\nCase closed on {date2}.\n", "\n\nReferred to the highways team (job {ref2}).\n"],
]

HOUSING = [
    ["{PERSON:p.full}\n{ADDRESS:p.address}\n\n"],
    ["{date}\n\n"],
    ["Dear Housing Team,\n\n", "To whom it may concern,\n\n"],
    [
        "I am writing about the damp in my flat, which I first reported on {date2}. ",
        "I would like to apply for a transfer to a larger property for my family of {count}. ",
    ],
    [
        "My tenancy reference is {ref} and my rent of {amount_gbp} is paid by direct debit from {IBAN:p.iban}. ",
        "My tenancy reference is {ref}. ",
    ],
    ["My neighbour, {r.prefix_name}, has had the same problem since {year}. ", ""],
    [
        "Please contact me on {PHONE:p.phone} or at {EMAIL:p.email}. ",
        "You can email me at {EMAIL:p.email}. ",
    ],
    ["\n\nBest regards,\n{PERSON:p.full}\n", "\n\nYours sincerely,\n\n{PERSON:p.full}\n"],
]

COMPLAINT_MAIL = [
    [
        "From: {PERSON:p.full} <{EMAIL:p.email}>\nTo: customer.services@{domain}\n",
        "From: {EMAIL:p.email}\nTo: info@{domain}\n",
    ],
    ["Subject: Missed bin collection\n\n", "Subject: Complaint about parking permit {ref}\n\n"],
    ["Hello,\n\n", "Hi {PERSON:q.first},\n\n"],
    [
        "This is the {count}rd time this month that the collection on my street has been missed. ",
        "I paid {amount_gbp} for a permit on {date2} and still have not received it. ",
    ],
    ["I tried the online form on {domain2} but it failed (my IP address was {IP:p.ip}). ", ""],
    ["My address is {ADDRESS:p.address}. ", ""],
    ["\n\nThanks,\n{PERSON:p.full}\n{PHONE:p.phone}\n", "\n\nRegards,\n{PERSON:p.full}\n"],
]

SUPPLIER = [
    ["Procurement note – contract {ref}\n\n"],
    [
        "Supplier: {org} Ltd, registered in England and Wales.\n",
        "Supplier: {org} SAS (SIRET {SIRET:siret}), subsidiary in France.\n",
    ],
    ["Bank details: {IBAN:iban_org}\n", "Payment terms: 30 days from invoice.\n"],
    [
        "Account manager: {PERSON:p.full} ({EMAIL:p.email}, {PHONE:p.phone})\n",
        "Account manager: {p.prefix_name}, {EMAIL:p.email}\n",
    ],
    ["The contract value is {amount_gbp} over {count} years, starting {date2}.\n"],
    ["Approved by {PERSON:q.full}, Head of Finance.\n"],
]

MINUTES = [
    ["Minutes of the {org} partnership meeting held on {date}\n\n"],
    [
        "Present: {PERSON:q.full} (Chair), {PERSON:r.full}, {PERSON:p.full}\n",
        "Present: Cllr {PERSON:q.last}, {PERSON:r.full}, {PERSON:p.full}\n",
    ],
    ["Apologies: {PERSON:c.full}\n\n", "\n"],
    [
        "1. The budget of {amount_gbp} for {year} was approved. ",
        "1. The playground on Victoria Road will reopen on {date2}. ",
    ],
    [
        "{p.prefix_name} asked for an update on the parking review. ",
        "2. Any other business: none. ",
    ],
    ["\n\nNext meeting: {date2} at {hour}, Room {count}.\n"],
]

EN_TEMPLATES = {
    "cover_letter": COVER_LETTER,
    "incident": INCIDENT,
    "housing": HOUSING,
    "complaint_mail": COMPLAINT_MAIL,
    "supplier": SUPPLIER,
    "minutes": MINUTES,
}
