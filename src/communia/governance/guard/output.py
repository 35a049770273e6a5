"""Find, in a normalised model output, a sentence that states a decision.

Prescriptive wordings (a recommendation, "should be hired", "la sanction appropriée
est…") are blocked whoever they name. Declarative ones ("le candidat retenu est…",
"score : 3/10") are blocked unless the sentence attributes the decision to a named
authority, as a notification letter does ("le jury a retenu…", "par arrêté du maire").
"""

from __future__ import annotations

from functools import lru_cache

from communia.governance.guard import frames
from communia.governance.guard.category import categorise
from communia.governance.guard.lexicon import (
    BENEFIT,
    BID,
    CANDIDATE,
    GRANT,
    PERFORMANCE,
    PERSON,
    SANCTION_NOUN,
    SPECIFIC_VERB,
    compile_rule,
    either,
)
from communia.governance.guard.request import Finding
from communia.governance.guard.rules import ADMIN_OBJECT, CORE_STEMS
from communia.governance.guard.text import collapse, sentences

# Generic verbs ("garder", "choisir") are too common in ordinary prose to count here.
_DECIDED = either(SPECIFIC_VERB, r"retenir|retenu\w*|ecart\w*|rejet\w*|reject\w*|elimin\w*",
                  r"attribu\w*|adjug\w*|award\w*|select\w*|shortlist\w*|chosen|choisie?s?",
                  r"refus\w*|denied|deny|denying|granted|recal\w*|not (?:be )?(?:hired|retained)",
                  r"turn(?:ed)? (?:\w+ ){0,4}?down",
                  r"(?:win|wins|gagn\w*|remport\w*) (?:the |le |la |l )?(?:\w+ )?(?:contract"
                  r"|marche|grant|prize|prix|tender|bid|subvention|award|concours)",
                  r"convoqu\w*(?: \w+){0,2}? (?:en |a (?:l |un )?)?entretien",
                  r"invit\w*(?: \w+){0,4}? (?:to|for) (?:an )?interview")
_OUTCOME = either(_DECIDED, SANCTION_NOUN)
_SUBJECT = either(CANDIDATE, PERSON, BID, GRANT, r"candidate? [a-z0-9]\b|option [a-z0-9]\b")
_MATTER = either(_SUBJECT, BENEFIT, r"request\w*|demande\w*|famil\w*")
_POST = r"(?:poste|job|post|position|role|marche|contract|subvention\w*|grant|prix|prize|logement)"

_PRESCRIPTIVE = (
    ("recommendation", compile_rule(
        r"\b(?:je|j|nous|on|i|we|l ia|ai)(?: vous| te| lui| leur)? (?:recommand\w*"
        r"|conseill\w*|propos\w*|suggere\w*|preconis\w*|recommend\w*|suggest\w*"
        r"|advis\w*|would (?:hire|choose|pick|select|reject|fire|dismiss|sanction|award"
        r"|recommend|go with|retain|keep))\b(?: \w+){0,4}? " + _OUTCOME + r"\b")),
    ("recommend_granting", compile_rule(
        r"\b(?:je|j|nous|on|i|we)(?: vous| te| lui| leur)? (?:recommand\w*|conseill\w*"
        r"|propos\w*|suggere\w*|preconis\w*|recommend\w*|suggest\w*|advis\w*)\b"
        r"(?: \w+){0,3}? (?:accord\w*|octroy\w*|verser|donner|grant\w*|give|giving)\b"
        r"(?: \w+){0,4}? " + either(GRANT, BENEFIT, BID, PERSON) + r"\b")),
    ("conditional_decision", compile_rule(
        r"\b(?:je|j|nous) (?:\w+ )?(?:retiendr|ecarter|choisir|recruter|embaucher|attribuer"
        r"|accorder|refuser|rejetter|sanctionner|licencier|selectionner|privilegier|virer"
        r"|nommer|preferer)(?:ais|ait|ions|iez)\b(?: \w+){0,6}? " + _MATTER + r"\b")),
    ("person_to_pick", compile_rule(
        r"\b(?:is|est|serait|would be|remains|reste) (?:\w+ ){0,2}?(?:the (?:person|one"
        r"|candidate|applicant|man|woman)|la personne|le candidat|la candidate|celui|celle)"
        r" (?:to|a|qu il faut|that should be) (?:appoint|hire|recruit|choose|select|pick"
        r"|nommer|recruter|retenir|choisir|embaucher|appointed|hired|chosen|selected)")),
    ("would_rate", compile_rule(
        r"\b(?:(?:i|we) (?:would|d) (?:rate|score|grade|mark|assess|evaluate|rank)"
        r"|(?:je|j|nous) (?:noterais|noterions|evaluerais|evaluerions|classerais))\b"
        r"(?: \w+){0,6}? " + either(PERSON, CANDIDATE, PERFORMANCE, r"\w+ s") + r"\b")),
    ("modal_outcome", compile_rule(
        r"\b(?:should|must|ought to|needs? to|has to|have to|doit|devrait|doivent"
        r"|devraient|faut|faudrait|il convient de|il y a lieu de|merite\w*|deserves?"
        r"|ne peut qu|ne peuvent qu)\b"
        r"(?: \w+){0,3}? (?:etre |be |not be |pas etre |ne pas )?" + _DECIDED + r"\b")),
    ("would_decide", compile_rule(
        r"\b(?:i|we|je|j|nous) (?:would|voudrais|ferais) (?:hire|choose|pick|select|reject"
        r"|fire|dismiss|sanction|award|retain|keep|deny|refuse|turn down|grant|recruit)\b"
        r"(?: \w+){0,5}? " + _MATTER + r"\b")),
    ("bare_verdict", compile_rule(  # an answer that is only the verdict: "Approve."
        r"^(?:approve|approved|refuse|refused|reject|rejected|deny|denied|grant|granted"
        r"|accepte|acceptee|accorde|accordee|refusee|rejete|rejetee|avis favorable"
        r"|avis defavorable|favourable|unfavourable|hire (?:her|him|them)|appoint (?:her|him"
        r"|them))(?: \.| !)?$")),
    ("imperative_on_person", compile_rule(
        r"(?:^|\. )(?:appoint|hire|recruit|reject|dismiss|fire|sack|take on|nommez|nomme"
        r"|recrutez|recrute|embauchez|embauche|licenciez|licencie|virez|vire|ecartez|ecarte"
        r"|rejetez|rejette|sanctionnez|sanctionne) (?:her|him|them|la|le|les|lui)\b")),
    ("imperative_outcome", compile_rule(
        r"^(?:(?:my |our |mon |notre )?(?:advice|recommendation|conseil|recommandation"
        r"|suggestion) : )?(?:hire|recruit|reject|turn down|deny|dismiss|fire|refuse|shortlist"
        r"|invite|recrutez|embauchez|rejetez|refusez|ecartez|retenez|attribuez|accordez"
        r"|sanctionnez|licenciez|convoquez|selectionnez|choisissez)\b(?: \w+){0,8}? "
        + _MATTER + r"\b")),
    ("deserves_outcome", compile_rule(
        r"\b(?:merite\w*|deserves?|deserved) (?:\w+ ){0,3}?(?:" + SANCTION_NOUN
        + r"|promotion\w*|prime\w*|bonus\w*|the job|le poste)")),
    ("goes_to", compile_rule(
        r"\b" + either(GRANT, BENEFIT, BID, r"le poste|the job|the post") + r" (?:\w+ ){0,3}?"
        r"(?:devrait|doit|should|must|would) (?:aller|revenir|go|be given|etre (?:donne|verse"
        r"|attribue|accorde)\w*)\b")),
    ("winner_should_be", compile_rule(
        r"\b(?:laureat\w*|gagnant\w*|winner\w*|recipient\w*|beneficiaire\w*"
        r"|successful (?:candidate|applicant|bidder)) (?:\w+ ){0,4}?(?:devrait|doit|should"
        r"|must|serait|would) (?:etre|be) \w")),
    ("best_outcome", compile_rule(
        r"\b(?:fairest|best|most appropriate|most proportionate|right|plus juste|meilleure?)"
        r" (?:outcome|sanction|penalty|response|reponse|mesure|decision)\w* (?:would be|is"
        r"|serait|est|:)")),
    ("appropriate_outcome", compile_rule(
        r"\b(?:sanction|mesure disciplinaire|peine|punition|penalt\w*|punishment"
        r"|disciplinary (?:measure|action)|decision|outcome|issue)\w* (?:la plus |le plus"
        r" |most |the most )?(?:appropri\w*|adapt\w*|proportion\w*|recommand\w*|juste"
        r"|fair|suitable|right|fitting|qui s impose|indique\w*|recommended|warranted)"
        r" (?:est|serait|would be|is|:)")),
    ("outcome_is_warranted", compile_rule(
        r"\b" + SANCTION_NOUN + r" (?:\w+ ){0,4}?(?:est|serait|semble|parait|is|would be"
        r"|seems|appears) (?:\w+ ){0,4}?(?:appropri|adapt|justifi|proportion|suffisant"
        r"|warranted|the right"
        r"|necessaire|necessary|merit)\w*"
        r"|\b" + SANCTION_NOUN + r" (?:\w+ ){0,4}?(?:s impose|simpose|is warranted|is called"
        r" for|is in order|is unavoidable|est inevitable|est de mise)\b")),
    ("first_person_decision", compile_rule(
        r"\b(?:je|j|i) (?:decide|decided|choisis|retiens|selectionne|elimine|ecarte"
        r"|attribue|accorde|refuse|choose|select|pick|reject|award|grant|hire|recrute"
        r"|sanctione|licencie|fire|dismiss)\w*\b(?: \w+){0,4}? (?:de |to |the |la |le"
        r" |l |m )?" + either(_SUBJECT, _OUTCOME) + r"\b")),
)
_DECLARATIVE = (
    # An infinitive note ("Attribuer le marché à la société X") is prescriptive, but one
    # carrying out what a named authority decided ("… retenu par le jury") is not.
    ("infinitive_decision", compile_rule(
        r"^(?:\W+ )?(?:attribuer|accorder|refuser|rejeter|ecarter|retenir|recruter"
        r"|embaucher|licencier|sanctionner|selectionner|choisir|revoquer|blamer|exclure"
        r"|adjuger)\b(?: \w+){0,8}? " + _SUBJECT + r"\b")),
    ("selected_is", compile_rule(
        r"\b(?:le|la|les|l|the) (?:" + either(CANDIDATE, BID, GRANT, PERSON) + r") (?:\w+ )?"
        r"(?:retenu\w*|selectione\w*|choisi\w*|gagnant\w*|laureat\w*|a recruter|a retenir"
        r"|a ecarter|a sanctioner|ideal\w*|selected|chosen|winning|successful|recommended"
        r"|preferred|to hire|to reject) (?:est|sont|serait|is|are|would be|:)"
        r"|\b(?:the |le |la )?(?:selected|chosen|winning|successful|best|recommended"
        r"|preferred|strongest|meilleur\w*) (?:" + either(CANDIDATE, BID, GRANT) + r")"
        r" (?:est|sont|serait|is|are|would be|:)"
        r"|\b(?:meilleur\w*|best|right|ideal\w*|bon) (?:choix|choice|option|pick|profil\w*)"
        r" (?:pour|for) (?:\w+ ){0,3}?" + _POST + r"\b(?: \w+){0,3}? (?:est|is|serait"
        r"|would be|:)"
        r"|\b(?:est|is) (?:celui|celle|the one|le candidat|la candidate|le profil)"
        r" (?:qu il faut|a|that you should|you should|to) (?:recruter|retenir|hire|choose"
        r"|select|pick)")),
    ("keyed_decision", compile_rule(  # JSON or a form: "selected": "ParkCare Services"
        r"(?:^|[,{\[] |\b)(?:selected|shortlisted|rejected|to hire|to reject|winning bid"
        r"|recommended[ _](?:hire|candidate|applicant|bid|bidder|tender|award|recipient"
        r"|option)|attributaire|candidat[ _]retenu|candidate[ _]selected|selected[ _]candidate"
        r"|candidats[ _](?:non[ _])?retenus) : (?!none\b|null\b|aucun\w*|pending\b"
        r"|en attente|tbd\b|a definir|n a\b|\[ \])\w")),
    ("winner_is", compile_rule(
        r"\b(?:the winner|the winners|le gagnant|la gagnante|les gagnants|le laureat"
        r"|la laureate|les laureats)\b(?: \w+){0,6}? (?:is|are|est|sont|goes to|go to"
        r"|revient a)\b")),
    ("person_not_up_to_it", compile_rule(
        r"\b(?:n est pas|is not|isn t|n est vraiment pas|is really not|est|is) (?:vraiment"
        r" |really |clairement |clearly |pas |not )*(?:au niveau|a la hauteur|up to the job"
        r"|up to scratch|cut out for|competent|competente|incompetent\w*|fiable|reliable)"
        r"\b")),
    ("verdict", compile_rule(
        r"\b(?:ma|notre|my|our) (?:decision|recommandation|choix|verdict|recommendation"
        r"|choice|pick) (?:est|is|:)|\bverdict :|\bdecision : " + _OUTCOME)),
    ("person_score", compile_rule(
        r"\b(?:score|note|grade|rating|rates?|rated|mark|appreciation|evaluation|notation)\w*"
        r"(?: \w+){0,6}? :? ?\d+(?:[.,]\d+)? ?(?:/|sur|out of) ?\d+"
        r"|\b(?:review|appraisal|evaluation) (?:grade|rating|mark|score) (?:is|:) [a-e]\b"
        r"|\b(?:rating|grade|overall rating|note finale|note globale) : \d+(?:[.,]\d+)?\b")),
)
# Wordings whose words are too common to gate on ("on part sur…", "… va à …"): read in
# every sentence, the first as a prescription, the second as a declaration.
_UNGATED_PRESCRIPTIVE = (
    ("go_with", compile_rule(
        r"(?:^|\b(?:so|donc|alors|then|bref|ok|okay)\b |: )(?:we |i d |i would |let s |on |je"
        r" |nous )?(?:go with|go for|opt for|part sur|partir sur|partons sur|partez sur"
        r"|partirais sur|partirai sur)\b(?: \w+){0,4}? (?:" + _SUBJECT
        + r"|(?:m|mme|mr|mrs|ms|miss|madame|monsieur) [a-z]+|famil\w* [a-z]+)\b")),
)
# The words without which those two cannot match, to skip them cheaply.
_GO_WORDS = frozenset({"go", "opt", "part", "partir", "partons", "partez", "partirais",
                       "partirai"})
_GOES_WORDS = frozenset({"va", "vont", "ira", "goes", "go", "will", "revient", "reviendra",
                         "is", "c"})
_UNGATED_DECLARATIVE = (
    ("goes_to_now", compile_rule(
        r"\b(?:" + either(GRANT, BENEFIT, BID, r"la place|le poste|the job|the post"
                          r"|the place|the flat|le logement|l appartement") + r")"
        r" (?:[\w,]+ ){0,6}?(?:(?:va|vont|ira|goes|go|will go|revient|reviendra|is going)"
        r" (?:a|au|aux|to)|c est pour(?= (?:la|le|l|les|m|mme|madame|monsieur) ))"
        r" (?!(?:l |la |le |the )?(?:commission|jury|conseil|comite|committee|council|panel"
        r"|board)\b)(?!\w+(?:er|ir|re)\b)(?!(?:fund|pay|support|cover|finance|help|buy|be"
        r"|provide|run|pay|meet|improve|create|build|repair)\b)\w")),
)
# Declarations whose category is their own, whatever the post or benefit they name.
_CATEGORY = {"person_not_up_to_it": "evaluation"}
_SCORE_SUBJECT = compile_rule(
    r"\b" + either(PERSON, CANDIDATE, PERFORMANCE, BID, r"cet|this|il|elle|he|she") + r"\b")
_CRITERIA = compile_rule(r"\b(?:criteres?|criteria|criterion|pieces|documents|questions)\b")


_GATE = CORE_STEMS + tuple(collapse(w) for w in (
    "verdict", "decis", "choix", "choice", "recommand", "recommend", "meilleur", "best",
    "convoq", "invit", "appreci", "aller", "deserv", "merit", "fairest", "outcome",
    "celui", "celle", "ideal", "laureat", "gagnant", "winner", "recipient", "go",
    "nomm", "adjug", "octroy", "verser", "donner", "propos", "sugger", "suggest", "advis",
    "conseil", "preconis", "impose", "preferer", "classer", "evaluer", "niveau", "hauteur",
    "competent", "incompetent", "fiable", "reliable", "nomme"))


@lru_cache(maxsize=65536)
def _may_state(word: str) -> bool:
    return word.startswith(_GATE)


def find_stated_decision(normalised: str) -> Finding | None:
    """Return the first sentence of an output that states a decision, or None."""
    for sentence in sentences(normalised):
        words = set(sentence.split())
        gated = may_state(sentence)
        prescriptive = (*(_UNGATED_PRESCRIPTIVE if words & _GO_WORDS else ()),
                        *(_PRESCRIPTIVE if gated else ()))
        declarative = (*(_UNGATED_DECLARATIVE if words & _GOES_WORDS else ()),
                       *(_DECLARATIVE if gated else ()))
        if not (prescriptive or declarative) or frames.DECLINES.search(sentence):
            continue  # nothing could fire, or the assistant says it will not decide
        for name, pattern in prescriptive:
            match = pattern.search(sentence)
            if match:
                return Finding(name, match.group(0), categorise(match.group(0), sentence,
                                                                normalised))
        if frames.TAKEN.search(sentence):
            continue
        for name, pattern in declarative:
            match = pattern.search(sentence)
            if match and _declares(name, sentence):
                category = _CATEGORY.get(name) or categorise(match.group(0), sentence,
                                                             normalised)
                return Finding(name, match.group(0), category)
    return None


def _declares(name: str, sentence: str) -> bool:
    if name != "person_score":
        return True
    return bool(_SCORE_SUBJECT.search(sentence)) and not _CRITERIA.search(sentence)


def may_state(normalised: str) -> bool:
    """Whether a normalised text holds a word that can carry a decision (the rules'
    gate: decide, hire, refuse, award, score, sanction… in French or English), other
    than one whose object is an office object ("attribuer un numéro de dossier")."""
    words = normalised.split()
    if not any(map(_may_state, set(words))):
        return False
    return any(_may_state(word) and not ADMIN_OBJECT.match(" " + " ".join(words[at + 1:at + 9]))
               for at, word in enumerate(words))


def output_deferred(text: str) -> bool:
    """Whether a normalised output attributes the decision to a named authority ("le jury
    a retenu…", "par arrêté du maire"), as a notification does, or declines to decide."""
    return frames.found(frames.TAKEN, text) or frames.found(frames.DECLINES, text)
