"""Plain-language explanations per use case, in French and English (data only)."""

from __future__ import annotations

COMMON_NEVER = {
    "fr": ["décider d'une sanction, d'une attribution ou d'une évaluation",
           "envoyer un document comme définitif sans la validation d'une personne nommée",
           "transmettre des données personnelles à un modèle non autorisé à les recevoir"],
    "en": ["decide a sanction, an award or an evaluation",
           "send a document as final without a named person's approval",
           "pass personal data to a model not trusted with it"],
}
HOW_COMMON = {
    "fr": "Un modèle de langage prédit le texte le plus probable à partir de ce qu'on lui "
          "donne : il ne « sait » rien, il peut se tromper avec assurance. Communia vérifie "
          "chaque appel (registre, données personnelles, demande de décision), garde les "
          "citations qui existent vraiment dans vos sources et présente le résultat comme un "
          "brouillon.",
    "en": "A language model predicts the most likely text from what it is given: it "
          "\"knows\" nothing and can be confidently wrong. Communia checks every call "
          "(register, personal data, decision requests), keeps only quotes that really are "
          "in your sources and shows the result as a draft.",
}

TEXTS: dict[str, dict[str, dict[str, list[str]]]] = {
    "recruitment": {
        "fr": {"can": ["extraire le texte visible des candidatures et masquer l'identité",
                       "citer mot pour mot les passages qui répondent à chaque critère",
                       "préparer une grille d'entretien identique pour tous"],
               "never": ["écarter, classer ou présélectionner un candidat"],
               "limits": ["un critère mal formulé donne des preuves mal ciblées",
                          "les CV scannés sans texte ne sont pas lus"]},
        "en": {"can": ["extract the visible text of applications and mask identities",
                       "quote verbatim the passages that meet each criterion",
                       "prepare the same interview grid for everyone"],
               "never": ["reject, rank or shortlist a candidate"],
               "limits": ["a badly worded criterion yields poorly targeted evidence",
                          "scanned CVs without text are not read"]},
    },
    "drafting": {
        "fr": {"can": ["rédiger courriers, notes, arrêtés et délibérations à partir de vos faits",
                       "respecter la structure des actes (visas, considérants, articles)"],
               "never": ["inventer un fait, une date ou une référence juridique"],
               "limits": ["les références juridiques doivent être vérifiées par l'agent"]},
        "en": {"can": ["draft letters, notes, orders and deliberations from your facts",
                       "follow the structure of acts (visas, considérants, articles)"],
               "never": ["invent a fact, a date or a legal reference"],
               "limits": ["legal references must be checked by the agent"]},
    },
    "feedback": {
        "fr": {"can": ["regrouper les remontées en thèmes avec effectifs et citations",
                       "montrer les tendances dans le temps"],
               "never": ["rapporter un groupe trop petit pour protéger l'anonymat"],
               "limits": ["les thèmes proposés doivent être relus et nommés par une personne"]},
        "en": {"can": ["group field reports into themes with counts and quotes",
                       "show trends over time"],
               "never": ["report a group too small to protect anonymity"],
               "limits": ["proposed themes must be reviewed and named by a person"]},
    },
    "planning": {
        "fr": {"can": ["prévoir la demande par lieu et heure de la semaine",
                       "proposer des créneaux de médiation qui la couvrent"],
               "never": ["désigner ou évaluer une personne"],
               "limits": ["une prévision se trompe lors d'événements inhabituels"]},
        "en": {"can": ["forecast demand by place and hour of the week",
                       "propose mediation shifts that cover it"],
               "never": ["name or assess an individual"],
               "limits": ["a forecast is wrong during unusual events"]},
    },
    "briefing": {
        "fr": {"can": ["rédiger une note de synthèse ou une fiche d'instruction à partir de "
                       "vos documents"],
               "never": ["ajouter des informations absentes des sources"],
               "limits": ["une source incomplète donne une note incomplète"]},
        "en": {"can": ["write a briefing or instruction sheet from your documents"],
               "never": ["add information absent from the sources"],
               "limits": ["an incomplete source gives an incomplete note"]},
    },
    "prompt_workshop": {
        "fr": {"can": ["signaler les données personnelles, un rôle, un contexte, un format "
                       "ou des contraintes manquants",
                       "montrer la réponse du modèle à votre demande"],
               "never": ["conserver le texte de vos essais"],
               "limits": ["les conseils reposent sur des indices simples, pas sur une lecture "
                          "humaine"]},
        "en": {"can": ["flag personal data and a missing role, context, format or constraints",
                       "show the model's answer to your request"],
               "never": ["keep the text of your attempts"],
               "limits": ["the advice relies on simple cues, not a human reading"]},
    },
}

# Which documentation pages hold each use case's measured figures.
DOC_PAGES: dict[str, tuple[str, ...]] = {
    "recruitment": ("recruitment.md", "documents.md", "privacy.md", "guard.md"),
    "drafting": ("drafting.md", "guard.md"),
    "feedback": ("feedback.md", "privacy.md"),
    "planning": ("planning.md",),
    "briefing": ("drafting.md", "briefing.md"),
    "prompt_workshop": ("privacy.md", "guard.md"),
}
