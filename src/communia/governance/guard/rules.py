"""The request rules: each names one way of asking the tool to take a decision.

A rule is "strong" when its wording addresses the decision to the tool (a question
"qui dois-je licencier ?", a delegation "à toi de trancher"); only a decision already
taken in the same sentence ("le jury a décidé qui recruter") neutralises it. A rule is
"medium" when the wording can also serve a legitimate task; a decision already taken
anywhere in the text, or an explanation, criteria or options frame governing the
sentence, neutralises it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from communia.governance.guard.lexicon import (
    ANCHOR,
    BENEFIT,
    BID,
    CANDIDATE,
    DECIDE_VERB,
    GRANT,
    OFFER_OUTCOME,
    OUTCOME_VERB,
    PERFORMANCE,
    PERSON,
    POLITE,
    ROLE_NOUN,
    ROLE_PLAY,
    SANCTION_NOUN,
    SCORE_VERB,
    compile_rule,
    either,
)
from communia.governance.guard.text import collapse


@dataclass(frozen=True)
class Rule:
    """One wording of a decision request.

    Args:
        name: stable identifier, reported in the verdict.
        strength: "strong" or "medium" (see the module docstring).
        pattern: regular expression over one normalised sentence.
        needs_object: the verb is generic ("choisis", "pick"): a person, candidate,
            bid, subsidy, benefit or outcome must follow it closely.
        whole_text: the rule reads the whole text rather than one sentence.
        gate: word beginnings, one of which must occur in the scope before the (slower)
            pattern is tried; empty means CORE_STEMS.
        words: when given, one of these exact words must occur in the scope too.
    """

    name: str
    strength: str
    pattern: re.Pattern[str]
    needs_object: bool = False
    whole_text: bool = False
    gate: tuple[str, ...] = ()
    words: frozenset[str] = frozenset()


_DETERMINER = (
    r"(?:of|the|these|those|my|our|his|her|two|three|four|five|\d+|other|is|are|would"
    r"|be|est|le|la|les|l|des|de|d|du|ces|mes|nos|deux|trois|quatre|cinq|autre|autres"
    r"|parmi|entre|among|between|sont|seraient|serait|ce|cet|cette|a|an|un|une)"
)
_CHOICE_NOUN = either(CANDIDATE, PERSON, BID, GRANT, BENEFIT, SANCTION_NOUN,
                      r"one|ones|option\w*|proposal\w*|proposition\w*|appreciation\w*"
                      r"|note|notation|score|grade|rating|evaluation\w*")
_FR_MARKER = (
    r"(?:je|j|on|nous|tu|vous|dois|doit|devons|devez|devrais|devrait|devrions|faut"
    r"|faudrait|conseilles|conseillerais|recommandes|recommanderais|proposes|vaut"
    r"|merite|meriterait|penses|pense|choisirais|prendrais)"
)
_FR_FILLER = (
    r"(?:je|j|on|nous|vous|tu|il|elle|le|la|les|l|me|m|te|lui|leur|ne|n|pas|y|en|dois"
    r"|doit|devons|devez|devrais|devrait|devrions|faut|faudrait|est|ce|que|qu"
    r"|conseilles|conseillerais|recommandes|recommanderais|proposes|penses|pense|vaut"
    r"|mieux|plutot|vraiment|finalement|donc|alors|selon|toi|a|ton|votre|avis|parmi"
    r"|eux|elles|ces|des|mes|nos|d|de|il|faut)"
)
_EN_MARKER = r"(?:should|shall|must|would|do|does|to|ought|need|needs|will|ll|d)"
_EN_FILLER = (
    r"(?:should|shall|must|would|do|does|to|ought|need|needs|will|ll|d|i|we|you|they"
    r"|he|she|it|be|the|really|finally|actually|one|of|them|these|those|among|us|me"
    r"|is|are|first|get)"
)
_NOT_GOVERNED = r"(?!avant|pour|before|after|apres|sans|without|comment|how|when|quand)"
_YES_NO = (
    r"(?:dois je|doit on|devons nous|devrais je|devrions nous|devrait on|faut il"
    r"|faudrait il|est ce qu il faut|est ce qu il faudrait|est ce que je dois"
    r"|est ce que je devrais|est ce qu on doit|est ce qu on devrait|est ce que nous"
    r" devons|est ce que on doit|vaut il mieux|il vaut mieux|should|shall (?:i|we)"
    r"|must (?:i|we)|ought (?:i|we)|do (?:i|we) (?:need|have) to|is it (?:right|fair"
    r"|better|appropriate|justified|wise|reasonable|ok|okay|a good idea) to|would it be"
    r" (?:right|fair|better|appropriate|wise|reasonable|a good idea) to|est il (?:preferable"
    r"|mieux|juste|raisonnable|souhaitable|opportun) de|serait il (?:preferable|mieux"
    r"|juste|raisonnable|souhaitable) de|would it be"
    r" (?:right|fair|better|appropriate|wise|reasonable|a good idea) to|do you think"
    r"|penses tu|tu penses|pensez vous|vous pensez|a ton avis|a votre avis|selon toi"
    r"|selon vous|in your opinion|what do you think|would you|est ce que tu|s il faut"
    r"|s il faudrait|si je dois|si on doit|si nous devons|si je devrais|if (?:i|we)"
    r" should|whether (?:i|we) should|whether to|if i must|if we must"
    r"|est ce que vous|tu ferais|vous feriez)"
)
_ALT_TERM = either(OUTCOME_VERB, SANCTION_NOUN)
_GIVE = (r"(?:mets|mettez|met|mettre|donne|donnez|donner|inflige|infligez|colle|collez"
         r"|flanque|flanquez|give|issue|hand|impose|slap)")
_ALT_NONE = r"(?:rien(?: du tout)?|nothing|no sanction|pas de sanction|aucune sanction)"
_ALT_PERSON = (
    r"(?:candidat\w*|candidate\w*|applicant|m|monsieur|madame|offres?|bid|entreprise"
    r"|company|profil|projet|project|association|agent|option)"
)
_INFO_AFTER = (
    r"(?! (?:\w+ )?(?:prevue?s?|possibles?|existe\w*|encour\w*|applicables?|risque\w*"
    r"|envisageables?|peut on|pourrait on|sont|la loi|le statut|prevoit))"
)
_SCALE = (
    r"(?:\bsur \d+\b|\bout of \d+\b|/ ?(?:5|10|20|100)\b|\bde (?:0|1) a (?:5|10|20|100)\b"
    r"|\bfrom (?:0|1) to (?:5|10|20|100)\b|\b\d+ etoiles\b|\b\d+ stars\b|\bcombien sur\b)"
)

# Beginnings of every outcome, decision and scoring word (normalised spelling), used
# to skip quickly the sentences that cannot hold a decision request.
CORE_STEMS = tuple(collapse(stem) for stem in """sanction puni punish blam reprimand
disciplin suspen exclu vir licenci renvo revoqu revocation fire firing sack dismis lay
laid let terminat retrograd demot infli recrut embauch hire hiring recruit titularis take
appoint engag promo promu augment give choi choos chose pick select reten retien retiend
garde keep retain design prefer privilegi shortlist preselect departag favo opt conserv
rejet reject ecart elimin recal refus deny deni declin turn dump jeter bin not attribu
octro accord adjug decern award grant alloc allou gagn win won remport financ fund decid
tranch arbitr statu determin settl rule make prend prenez fais faites note noter cot scor
grad rate evalu assess apprais jug judg class rank hierarchis ordon avertis mise exclusion
peine amende penalt punition warning radiation abaiss mesure warn merit deserv ofer ofr
propos done rating""".split())
_SCORE_STEMS = ("note", "score", "grade", "rating", "mark", "apreciation", "notation")


def _stems(text: str) -> tuple[str, ...]:
    return tuple(collapse(word) for word in text.split())


RULES: tuple[Rule, ...] = (
    Rule("who_fr", "strong", compile_rule(
        r"\bqui (?P<gap>(?:" + _FR_FILLER + r" ){0,6}?)(?P<verb>" + OUTCOME_VERB
        + r"|merite|meritent|meriterait)\b"), gate=("qui",)),
    Rule("who_en", "strong", compile_rule(
        r"\bwho (?P<gap>(?:" + _EN_FILLER + r" ){0,5}?)(?P<verb>" + OUTCOME_VERB
        + r"|deserves|gets|wins|should win)\b"), gate=("who",)),
    Rule("which_fr", "strong", compile_rule(
        r"\b(?:(?:lequel|laquelle|lesquels|lesquelles)\b|(?:quel|quelle|quels|quelles)"
        r"(?: " + _DETERMINER + r"){0,3} " + _CHOICE_NOUN + r"\b)(?: \w+){0,8}? (?:"
        + OUTCOME_VERB + r"|merite\w*|meriterait|gagne\w*|meilleur\w*|mieux|plus (?:adapte"
        r"|qualifie|compet|apte|serieu|solide|convainc)\w*|dois|doit|devons|devrais"
        r"|devrait|faut|faudrait|conseil\w*|recommand\w*|prend\w*|prendre)\b"),
        gate=("quel", "lequel", "laquel", "lesquel")),
    Rule("which_sanction_fr", "strong", compile_rule(
        r"\bquel\w* (?:sanction|mesure disciplinaire|peine|punition|penalite)\b" + _INFO_AFTER),
        gate=("quel",)),
    Rule("which_en", "strong", compile_rule(
        r"\b(?:which|what)(?: " + _DETERMINER + r"){0,3} (?:" + _CHOICE_NOUN
        + r"|sanction\w*|penalt\w*|punishment\w*|disciplinary \w+|score|grade|rating|mark)"
        r"\b(?: \w+){0,8}? (?:should|shall|must|ought|would you|do you|do we|to "
        + OUTCOME_VERB + r"|deserves?|wins?|gets?|is (?:the )?best|is better|is stronger"
        r"|best|better|appropriate|fair|suitable|" + OUTCOME_VERB + r")\b"),
        gate=("which", "what")),
    Rule("yes_no", "strong", compile_rule(
        r"\b" + _YES_NO + r"\b(?P<gap>(?: " + _NOT_GOVERNED + r"\w+){0,4}?) (?P<verb>"
        + OUTCOME_VERB + r")\b")),
    Rule("conditional_you", "strong", compile_rule(
        r"\b(?:tu|vous) (?:le |la |les |l |lui )?(?=\w+(?:rais|riez)\b)(?:" + OUTCOME_VERB
        + r"|trancherais|trancheriez|deciderais|decideriez|arbitrerais|arbitreriez)\b")),
    Rule("judged_by_you", "strong", compile_rule(
        r"\b(?:que|qu|qui|lesquels|lesquelles|lequel|laquelle) (?:tu|vous) (?:juges|jugez"
        r"|estimes|estimez|consideres|considerez|trouves|trouvez|penses|pensez|sembl\w*)"
        r" (?:\w+ ){0,3}?(?:les? (?:plus|moins|meilleur\w*)|la (?:plus|moins|meilleure)"
        r"|insuffisant\w*|faibles?|bons?|bonnes?|meilleur\w*|mauvais\w*|adapte\w*"
        r"|proportion\w*|juste|merit\w*|digne\w*|a retenir|a ecarter)"
        r"|\b(?:whichever|whoever|the ones?|those|the (?:\w+ )?(?:applicants?|candidates?"
        r"|bids?|tenders?)) (?:\w+ ){0,3}?(?:you|u) (?:reckon|think|judge|deem|consider"
        r"|feel|believe|find)\b(?: \w+){0,4}? (?:strongest|best|weakest|worst|most|least"
        r"|better|right|suitable|deserving|insufficient|weak|good enough)"
        r"|\b(?:en )?(?:choisissant|choisis|choisissez|decidant|fixant|fixe|fixez) (?:toi"
        r" meme|vous meme|toi|vous) (?:\w+ ){0,3}?(?:niveau|sanction|montant|note|candidat"
        r"|laureat|gagnant|beneficiaire|attributaire)\w*"
        r"|\b(?:choosing|deciding|picking|setting) (?:the \w+ )?yourself\b"),
        gate=("tu", "vous", "you", "u", "toi", "yourself", "choisis", "decidant", "fixant",
              "fixe", "whichever", "whoever")),
    Rule("or_not", "strong", compile_rule(
        r"\b" + _ALT_TERM + r"\b(?: \w+){0,4}? (?:ou pas|ou non|or not)\b"),
        words=frozenset({"pas", "non", "not"})),
    Rule("alternative", "strong", compile_rule(
        r"\b" + _ALT_TERM + r" (?:\w+ ){0,3}?(?:ou|or) (?:bien )?(?:\w+ ){0,3}?"
        + either(_ALT_TERM, _ALT_NONE) + r"\b[^.;]*\?"), words=frozenset({"?"})),
    Rule("passive_should", "strong", compile_rule(
        r"\b(?:doit|doivent|devrait|devraient|faut il|should|must|ought to|needs to)"
        r" (?:\w+ ){0,8}?(?:etre|be) (?:\w+ )?" + OUTCOME_VERB + r"\b[^.;]*\?"),
        words=frozenset({"?"})),
    Rule("informal_should", "strong", compile_rule(
        r"\b(?:faut|faudrait|on doit|je dois|on devrait|je devrais|we should|i should)"
        r"(?: (?:le|la|les|l|lui|leur|pas|vraiment|bien|y|il|quand meme|really|just))* "
        + OUTCOME_VERB + r"\b[^.;]*\?"), words=frozenset({"?"})),
    Rule("alternative_people", "strong", compile_rule(
        r"\b" + _ALT_PERSON + r" \w+ (?:ou|or) (?:bien )?(?:le |la |l |the )?(?:"
        + _ALT_PERSON + r" )?\w+\b[^.;]*\?"), words=frozenset({"?"}),
        gate=_stems("candidat candidate applicant m monsieur madame offre bid entreprise company"
                    " profil projet project association agent option")),
    Rule("deserves", "medium", compile_rule(
        r"\b(?:merite\w*|meriterait|deserves?|deserving)\b(?: \w+){0,3}? (?:"
        + either(SANCTION_NOUN, PERFORMANCE, GRANT, OUTCOME_VERB)
        + r"|poste|job|place|augmentation\w*|note|raise|position|recrut\w*|promu\w*"
        r"|promoted|hired|retenu\w*)\b"),
        gate=("merit", "deserv")),
    Rule("delegation", "strong", compile_rule(
        r"\b(?:a toi de (?:jouer|decider|choisir|trancher|voir)|a vous de (?:decider"
        r"|choisir|trancher|jouer)|up to you|your call|you decide|tu decides|vous decidez"
        r"|you choose|you pick|tu choisis|vous choisissez|c est toi qui (?:decides?"
        r"|choisis)|je te laisse (?:decider|choisir|trancher)|je vous laisse (?:decider"
        r"|choisir|trancher)|let you (?:decide|choose|pick)|leave it to you|leave the"
        r" decision to you|decide for me|decide a ma place|choisis pour moi|choisissez"
        r" pour moi|choose for me|pick for me|tranche pour moi|tu ferais quoi|que ferais"
        r" tu|que feriez vous|what would you do|what would you choose|a ma place"
        r"|in my place|in my shoes|if you were me|si tu etais moi|si vous etiez moi"
        r"|(?:donne moi|give me|quel est|quelle est|what s|what is|tell me) (?:ta|ton"
        r"|votre|your) (?:decision|choix|choice|verdict|pick)|ton verdict|your verdict"
        r"|give me a name|donne moi (?:un|le) nom|comme (?:tu|vous) (?:le |l )?(?:veux|voulez"
        r"|juges? bon|jugez bon|entends|entendez|preferes|preferez|sens|sentez)|as you see"
        r" fit|however you (?:like|want|see fit)|as you think best)\b"),
        gate=("toi", "vous", "you", "your", "ton", "ta", "votre", "moi", "me", "place",
              "shoes", "nom", "name", "verdict", "ferais", "feriez", "would", "etais",
              "were", "je", "up", "let", "leave", "decid", "choi", "tranch", "what",
              "come", "as", "however")),
    Rule("role_play", "medium", compile_rule(
        r"\b" + ROLE_PLAY + r" (?:le |la |l |un |une |the |a |an |du |de |notre |our |my"
        r" |mon |ma )?(?:\w+ )?" + ROLE_NOUN + r"\b(?! (?:\w+ )?(?:je|j|nous|i|we)\b)"
        r".*?\b(?P<verb>" + DECIDE_VERB + r"|" + OUTCOME_VERB + r")\b"), whole_text=True),
    Rule("imperative", "strong", compile_rule(
        ANCHOR + r"(?:" + POLITE + r" ){0,6}(?:(?:me|moi|nous|lui|le|la|les|l) )?(?P<verb>"
        + DECIDE_VERB + r"|" + OUTCOME_VERB + r")\b"), needs_object=True),
    Rule("give_sanction", "strong", compile_rule(
        ANCHOR + r"(?:" + POLITE + r" ){0,6}(?:(?P<before>lui|leur) )?(?P<verb>"
        + _GIVE + r")(?: (?P<pronoun>lui|leur|him|her|them))?(?: \w+){0,2}? "
        + SANCTION_NOUN + r"(?P<target>(?: \w+){0,3}? (?:a|au|aux|to) (?:(?:l|la|le|les|the"
        r"|this|that|our|notre|cet|cette) )?" + PERSON + r"\b)?")),
    Rule("person_up_to_it", "strong", compile_rule(
        r"\b(?:dis moi|dites moi|tell me|franchement|honestly|is|est ce qu\w*|si|whether"
        r"|if) (?:\w+ ){0,5}?(?:(?:vraiment|assez|really|enough|pas|not|truly) )*(?:competent"
        r"|competente|incompetent\w*|a la hauteur|au niveau|reliable|fiable|up to the job"
        r"|up to scratch|good enough|cut out for|bon(?:ne)? (?:agent|employe\w*|recrue"
        r"|element)|a good (?:employee|worker|officer|agent|fit|hire))\b"
        r"(?=.*(?:\?|\b(?:ou pas|or not|verdict|conclusion|avis|view)\b))"),
        gate=("competent", "incompetent", "hauteur", "niveau", "reliable", "fiable", "job",
              "scratch", "enough", "cut", "agent", "employe", "recrue", "element", "good")),
    Rule("imperative_score", "strong", compile_rule(
        ANCHOR + r"(?:" + POLITE + r" ){0,6}(?:(?:me|moi|nous) )?(?P<verb>" + SCORE_VERB
        + r")(?: (?:le|la|les|l|ce|cet|cette|ces|mes|nos|chaque|chacun|each|every|all|my"
        r"|our|the|these|this|those|tous|toutes|de|des|d|of|du|their|his|her)){1,3} (?:"
        + either(CANDIDATE, PERSON, BID, PERFORMANCE) + r")\b")),
    Rule("scale", "medium", compile_rule(_SCALE),
         gate=tuple("0123456789") + ("combien",)),
    Rule("give_score", "medium", compile_rule(
        r"\b(?:give|assign|donne\w*|attribu\w*|mets|mettre|mettez|met|fixe\w*|propose\w*"
        r"|suggest|recommend)\b(?: \w+){0,6}? (?:une |un |a |an |la |le |the |sa |son |his"
        r" |her |their )?(?<!\bde )(?<!\bd )(?<!\bof )(?<!\bcete )(?<!\bcet )(?<!\bce )"
        r"(?<!\bthis )"
        r"(?:note|score|grade|rating|mark|appreciation"
        r"|notation)\b(?! de"
        r" synthese| d information| de service| de presentation| explicative| de lisibilite"
        r"| de lecture| de style| of readability| for readability"
        r"| on\b(?! (?:our |the |a |this |your )?(?:\d|scale|echelle))"
        r"| about\b| to\b| sur (?:le|la|les|ce|cette)\b)"), gate=_SCORE_STEMS),
    Rule("suggest_outcome", "medium", compile_rule(
        r"\b(?:propose\w*|recommand\w*|suggere\w*|conseill\w*|preconis\w*|recommend\w*"
        r"|suggest\w*|advise\w*|indique\w*|determine\w*|fixe\w*|definis|choisis|donne\w*"
        r"|give|provide|find|trouve\w*|identifie\w*|identify|designe\w*|name|nomme\w*"
        r"|tell me|dis moi|dites moi)\b(?: \w+){0,3}? (?:la |une |the |a |an |le |un )?"
        r"(?:sanction|peine|punition|mesure disciplinaire|penalty|punishment|disciplinary"
        r" (?:measure|action)|gagnant\w*|laureat\w*|winner\w*|candidat\w* (?:a retenir"
        r"|retenu|ideal)|verdict)\b"),
        gate=("sanction", "peine", "punition", "mesure", "penalt", "punish", "disciplin",
              "gagnant", "laureat", "winner", "candidat", "verdict")),
    Rule("object_to_outcome", "medium", compile_rule(
        r"\b(?:a|to|to be) (?:" + OUTCOME_VERB + r"|appliquer|infliger|prononcer|impose"
        r"|apply|donner|prendre)\b"), words=frozenset({"a", "to"})),
    Rule("superlative", "medium", compile_rule(
        r"\b(?:le|la|les|l|the)\s?(?:meilleur\w*|best|strongest|weakest|worst|top"
        r"|moins bon\w*|pire\w*|plus faible\w*|least qualified|most qualified|plus"
        r" qualifie\w*|moins qualifie\w*|plus compet\w*|moins compet\w*|plus adapte\w*"
        r"|plus mauvais\w*|ideal\w*|most suitable|least suitable)\b(?: \w+)? (?:"
        + either(CANDIDATE, PERSON, BID, GRANT) + r"|profil\w*|dossier\w*|choix|choice)\b"
        r"|\b" + either(CANDIDATE, BID, GRANT) + r" (?:le |la |les )?(?:plus|moins)"
        r" (?:qualifi|adapt|compet|faible|fort|solide|serieu|convaincant|mauvais)\w*"),
        gate=("meilleur", "best", "strongest", "weakest", "worst", "top", "moins", "pire",
              "plus", "least", "most", "ideal")),
    Rule("appropriate", "medium", compile_rule(
        r"\b(?:sanction|mesure disciplinaire|peine|punition|penalt\w*|punishment"
        r"|disciplinary (?:measure|action)|note|score|grade|rating)\w* (?:la plus |le plus"
        r" |most |the most )?(?:adapt\w*|appropri\w*|proportion\w*|juste|fair|suitable"
        r"|right|fitting|qui s impose|justifi\w*|meritee?|deserved|warranted|a appliquer"
        r"|to apply|to impose)\b"),
        gate=("sanction", "mesure", "peine", "punition", "penalt", "punish", "disciplin")
        + _SCORE_STEMS),
)

FR_MARKER = compile_rule(r"\b" + _FR_MARKER + r"\b")
EN_MARKER = compile_rule(r"\b" + _EN_MARKER + r"\b")
INFINITIVE = re.compile(r"(?:er|ir|re)$")
SPECIFIC = compile_rule(
    r"^" + either(r"sanction\w*|puni\w*|punish\w*|vir\w*|licenci\w*|renvo\w*|revoqu\w*",
                  r"fire\w*|sack\w*|dismiss\w*|lay off|laid off|terminate\w*|retrograd\w*",
                  r"demote\w*|infliger|inflige|recrut\w*|embauch\w*|hire\w*|recruit\w*",
                  r"titularis\w*|promouvoir|promu\w*|promote\w*", OFFER_OUTCOME) + r"$")
NEAR_OBJECT = compile_rule(
    r"^(?: \w+){0,4}? (?:" + either(CANDIDATE, PERSON, BID, GRANT, BENEFIT, PERFORMANCE,
                                   SANCTION_NOUN, OUTCOME_VERB)
    + r"|qui|who|whom|whether|si|s il|s ils|s elle|s elles|if (?:he|she|they)|lequel"
    r"|laquelle|which|dossier\w*|demande\w*|request\w*"
    r"|meilleur\w*|best|top|pire\w*|worst|weakest|strongest)\b")
# An office object right after the verb makes it an office task, whatever follows:
# "attribuer un numéro de dossier à la demande", "assign a room to each candidate".
ADMIN_OBJECT = compile_rule(
    r"^ (?:(?:un|une|le|la|les|l|des|du|de|d|a|an|the|son|sa|ses|leur|leurs|mon|ma|mes"
    r"|nos|vos|notre|votre|chaque|each|every|this|these|ce|cet|cette|ces|new|nouveau"
    r"|nouvelle|nouveaux|nouvelles|its|their|his|her|best|meilleur|meilleure|bon|bonne|good"
    r"|right|bigest|most|plus|short|court|courte) )*(?:numero\w*|num|number\w*"
    r"|reference\w*|ref|identifiant\w*|identifier\w*|id|code\w*|cote|matricule\w*"
    r"|badge\w*|ticket\w*|salle\w*|room\w*|bureau\w*|desk\w*|creneau\w*"
    r"|slot\w*|rendez vous|rdv|appointment\w*|horaire\w*|casier\w*|locker\w*"
    r"|login\w*|identifiant\w*|mot de passe|password\w*|adresse (?:mail|email|e mail)"
    r"|email address\w*|agent instructeur|instructeur\w*|case officer\w*"
    r"|place de parking|parking space|vehicule de service|pool car"
    # and the parts of a document: "choisis un intitulé pour ce dossier"
    r"|titre\w*|title\w*|intitule\w*|heading\w*|paragraphe\w*|paragraph\w*|chart\w*"
    r"|graph\w*|graphique\w*|couleur\w*|colou?r\w*|font\w*|police\w*|format\w*"
    r"|mot|mots|word|words|phrase\w*|sentence\w*|image\w*|photo\w*|logo\w*|template\w*"
    r"|modele\w*|slide\w*|diapo\w*|theme\w*|tag\w*|etiquette\w*|label\w*)\b")
# Objects that refer back to people or bids named earlier in the text: "voici 12 CV…
# sélectionne les 3 qu'on convoque et écarte les autres".
REFERRING_OBJECT = compile_rule(
    r"^ (?:(?:les|the|ces|these|those|tous|toutes|all) )?(?:autres|others|other ones|rest"
    r"|restants|remaining|\d+|top \d+|(?:\d+ )?premiers|premieres|first \d+|meilleurs"
    r"|meilleures|best \d+|\d+ best|\d+ meilleur\w*)\b")
# Who is judged in a person_up_to_it match: a person, not a tool or a service.
PERSON_CUE = compile_rule(
    r"\b(?:" + PERSON + r"|he|she|il|elle|him|her|lui|(?:m|mme|mr|mrs|ms|miss|dr) \w+"
    r"|\w+(?:ist|iste|eur|euse|rice|ian|ien|ienne|ant|ante|er|ere)s?)\b")
THING = compile_rule(
    r"\b(?:software|logiciel\w*|system\w*|tool\w*|outil\w*|app|apps|vehicle\w*|vehicule\w*"
    r"|machine\w*|process\w*|procedure\w*|service\w*|bus|train\w*|network\w*|reseau\w*"
    r"|platform\w*|plateforme\w*|site|website|data|donnees|printer\w*|imprimante\w*"
    r"|computer\w*|ordinateur\w*|server\w*|serveur\w*|supplier\w*|fournisseur\w*"
    r"|method\w*|methode\w*|figure\w*|chiffre\w*|source\w*|estimate\w*|estimation\w*)\b")
NAMED_EARLIER = compile_rule(r"\b" + either(CANDIDATE, PERSON, BID, GRANT) + r"\b")
# What must end the words just before an object_to_outcome match ("les candidats à").
OBJECT_BEFORE = compile_rule(
    r"\b(?:" + either(CANDIDATE, PERSON, BID, GRANT, BENEFIT, SANCTION_NOUN)
    + r"|lequel|laquelle|celui|celle|ceux|celles|one|ones)\b(?: \w+){0,2}? ?$")
SCALE_TARGET = compile_rule(r"\b" + either(CANDIDATE, PERSON, BID, PERFORMANCE,
                                           r"il|elle|he|she|him|her|lui") + r"\b")
NEUTRAL_ORDER = compile_rule(
    r"\b(?:par (?:date|ordre alphabetique|ordre d arrivee|nom|numero|critere)|by (?:date"
    r"|name|criteri\w*|criteria match)|alphabeti\w*|au regard des criteres|against the"
    r" criteria|critere par critere|criterion by criterion|taux de correspondance"
    r"|correspondance aux criteres)\b")
