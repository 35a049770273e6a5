"""Mitigating frames: the wordings that make a request about a decision legitimate.

A decision already taken by a named person, a document to draft, a procedure to
explain, material that helps a human decide (criteria, grids, options, summaries), a
legal question, or an explicit refusal to let the tool decide.
"""

from __future__ import annotations

import re
from functools import lru_cache

from communia.governance.guard.lexicon import ROLE_NOUN, ROLE_PLAY, compile_rule


@lru_cache(maxsize=4096)
def found(frame: re.Pattern[str], text: str) -> bool:
    """Whether frame occurs in text (cached: rules ask about the same scope often)."""
    return frame.search(text) is not None


# Past participles only: after accent folding, "a choisir" (à choisir) must not read as
# "a choisi" (has chosen), nor "à décider" as "a décidé".
_PAST_DECISION = (
    r"(?:(?:decide|choisi|retenu|selectione|prononce|inflige|attribue|accorde|refuse"
    r"|rejete|valide|arrete|tranche|designe|opte|recrute|licencie|sanctione|ecarte"
    r"|adjuge|elimine|embauche|vote|remporte|gagne)(?:e|s|es)?|decided|chosen|chose"
    r"|selected|awarded|granted|refused|rejected|hired|dismissed|imposed|opted|approved"
    r"|appointed|picked|sanctioned|fired|denied|voted|ruled|disciplined|shortlisted"
    r"|recruited|won)\b"
)
_PAST_EN = (
    r"(?:decided|chosen|chose|selected|awarded|granted|refused|rejected|hired|dismissed"
    r"|imposed|opted|approved|appointed|picked|sanctioned|fired|denied|voted|ruled"
    r"|disciplined|shortlisted|recruited|won)\b"
)

TAKEN = compile_rule(
    # "a" is also "à" once accents are folded: "à qui on attribue" is no decision taken;
    # what "you've decided" is the tool's decision, not one already taken
    r"(?<!\byou )(?<!\btu )(?<!\bvous )(?<!\bt )"
    r"\b(?:a|ont|avons|avez|ai|avait|avaient|aura|has|have|had|ve)"
    r" (?!(?:qui|quoi|quel\w*|lequel|laquelle|lesquel\w*)\b)(?:\w+ ){0,2}?"
    + _PAST_DECISION + r"\b"
    r"|\b(?:l|le|la|les|m|t) (?:a|ont|avait) (?:\w+ ){0,1}?" + _PAST_DECISION + r"\b"
    r"|\b" + _PAST_DECISION + r" (?:par|by) (?:le |la |l |les |the |notre |our |mon |ma |m"
    r" )?" + ROLE_NOUN
    + r"|\b(?:a|ont|was|were|been|est|sont|etait) (?:\w+ )?(?:ete )?"
    # past participles only: "à recruter pour le poste" is no decision taken
    r"(?:(?:sanctione|licencie|retenu|ecarte|rejete|refuse|attribue|selectione|choisi"
    r"|recrute|designe)(?:e|s|es)?\b|dismissed|fired|sanctioned|selected"
    r"|rejected|refused|awarded|chosen|hired|denied|appointed|granted)"
    r" (?:\w+ ){0,6}?(?:par|by|lors|at|suite|following|after|apres|en|on|in|le|du) "
    r"|\b(?:suite|conformement|en application|en execution) (?:a|de) (?:la |sa |leur |cette )?"
    r"(?:decision|deliberation|avis|arrete)"
    r"|\b(?:following|after|pursuant to|in line with|as per) (?:the |his |her |their |its )?"
    r"(?:\w+ ){0,2}?(?:decision|ruling|vote|deliberation|choice)"
    r"|\b(?:la|sa|leur) decision (?:prise|du|de la|de l|des|d)"
    r"|\bthe (?:\w+ ){0,2}?(?:decision|choice) (?:of|made|taken|by)\b"
    r"|\b(?:le |la |l |the )" + ROLE_NOUN + r" (?:\w+ ){0,3}?(?:a|ont|vient de|viennent de"
    r"|has|have|had|already|just) (?:\w+ )?" + _PAST_DECISION
    + r"|\bthe " + ROLE_NOUN + r" (?:\w+ ){0,2}?(?:" + _PAST_EN + r"|agreed|resolved"
    r"|endorsed)"
    + r"|\b(?:j ai|nous avons|on a|i have|i ve|we have|we ve|i|we) (?:deja |already |just )?"
    r"(?:decide|decided|choisi|chosen|chose|retenu|selected|opte|opted"
    r"|pris (?:la|ma|notre) decision|made (?:the|my|our) decision|taken (?:the|my|our)"
    r" decision)\b"
    r"|\bdecision (?:est |a ete )?(?:deja )?prise\b|\bdecision (?:has been|was|is)"
    r" (?:already )?(?:made|taken|final)\b|\balready decided\b|\bdeja decide"
    r"|\bpar (?:arrete|decision|deliberation) (?:du|de|n)\b"
    r"|\b(?:selon|d apres|according to) (?:le |la |l |les |the )?" + ROLE_NOUN + r"\b"
    # a past result asked as a fact, "who won the 1998 World Cup", "qui a remporté le
    # marché", unless the tool is cast in a role ("pretend you are the jury: who won?")
    r"|^(?!.*\b" + ROLE_PLAY + r"\b)(?:.*\b)?(?:who|which \w+|qui|quel \w+|quelle \w+)"
    r" (?:won|a gagne|a remporte|ont gagne|ont remporte|avait gagne|avait remporte"
    r"|avaient gagne|avaient remporte)\b"
)

DRAFT = compile_rule(
    r"\b(?:redig\w*|ecri\w*|prepar\w*|draft\w*|write|writing|compose\w*|formul\w*"
    r"|reformul\w*|corrig\w*|reli\w*|tradui\w*|translat\w*|proofread\w*|mets en forme"
    r"|mettre en forme|met en forme|format\w*|produi\w*|genere\w*|generate|produce"
    r"|create|cree|elabor\w*|rewrite|edit|improve|ameliore\w*|relis)\b"
    r"(?: \w+){0,6}? (?:lettre\w*|courrier\w*|arrete\w*|notification\w*|mail\w*"
    r"|e mail\w*|email\w*|message\w*|compte rendu|courriel\w*|decision\w*"
    r"|deliberation\w*|modele\w*|reponse\w*|letter\w*|notice\w*|memo\w*|minutes"
    r"|report\w*|rapport\w*|proces verbal|pv|convocation\w*|acte\w*|reply|answer"
    r"|template\w*|texte|text|motivation\w*|considerant\w*|visa\w*|discours|speech\w*"
    r"|allocution\w*|toast|voeux|mot d accueil|edito\w*|editorial\w*|article\w*"
    r"|communique\w*|press release\w*|invitation\w*|newsletter\w*|affiche\w*|poster\w*)\b"
    r"|\b(?:notifi\w*|inform\w*|annonc\w*|communiqu\w*|announce\w*) (?:\w+ ){0,4}?"
    r"(?:que|that|of|de|la|le|sa|son|his|her|their|the)\b"
    # a title for a document: "a short title for a note about opening hours"
    r"|\b(?:title|titre|heading|intitule|subject line)s? (?:for|pour|of|de|du|d) (?:\w+ ){0,2}?"
    r"(?:note|memo|lettre|letter|courrier|article|document|rapport|report|page|affiche"
    r"|poster|newsletter|flyer|compte rendu)s?\b"
)

INFO = compile_rule(
    r"\b(?:expliqu\w*|explain\w*|decri\w*|describe\w*|detaill\w*|rappel\w*|present\w* (?:la"
    r"|le|les) (?:procedure|regle|cadre|etape)\w*|comment (?:fonctionne|se deroule|marche"
    r"|proceder|faire|mener|conduire|organiser|structurer|rediger|preparer|evaluer"
    r"|eviter|garantir|assurer|determiner|fixer|choisir|bien|on|se|ca|cela|s)"
    r"|quelle est la procedure|quelles sont les (?:etapes|regles|garanties|conditions"
    r"|voies|differentes|obligations|droits|sanctions)|what (?:is|are) the (?:procedure"
    r"|process|steps|rules|legal|law|options|safeguards|rights|grounds|criteria|possible"
    r"|different|conditions|requirements|stages)|how (?:does|do|should|to|can|is|are)"
    r"|procedure\w*|process|processus|etapes|steps|cadre (?:legal|juridique"
    r"|reglementaire)|legal framework|que dit (?:la loi|le code|le statut)|what does"
    r" the law|droits de la defense|rights of defen\w*|delai\w* de recours|voies? de"
    r" recours|recours|appeal\w*|jurisprudence|textes? applicables?|regles|rules"
    r"|definition|defini\w*|difference|c est quoi|qu est ce (?:que|qu)|what is a"
    r"|what is an|echelle des sanctions|groupes? de sanctions|liste des sanctions"
    r"|legislation|loi|law|statut|code general|code de la|guide|formation|training"
    r"|bonne\w* pratique\w*|best practice\w*|garanties|safeguards|droits|rights)\b"
)

SUPPORT = compile_rule(
    r"\b(?:grille\w*|interview (?:grid|guide|questions?|template|plan)|questions?"
    r" (?:d entretien|pour l entretien|to ask|for the interview)|criteres?|criteria"
    r"|criterion|avantages?|inconvenients?|pros? (?:and|&) cons?|points? forts?"
    r"|points? faibles?|strengths|weaknesses|tableau\w*|table|comparatif\w*"
    r"|comparison|comparative|synthese\w*|summary|summaries|summari[sz]e\w*|resum\w*"
    r"|options?|scenarios?|neutre\w*|neutral\w*|objecti\w*|factuel\w*|factual\w*"
    r"|sans (?:classer|decider|trancher|choisir|recommand\w*|prendre|juger|noter"
    r"|hierarchiser|porter|donner (?:de|d) avis|me dire)|without (?:ranking|deciding"
    r"|choosing|recommending|judging|scoring|making|telling|giving)"
    r"|(?:je|nous|on) (?:deciderai|deciderons|decidera|prendrai|prendrons|trancherai"
    r"|trancherons|choisirai|choisirons)|i (?:will|ll|shall) (?:decide|choose|make)"
    r"|we (?:will|ll|shall) (?:decide|choose|make)|la decision (?:me |nous |lui |leur )?"
    r"(?:revient|reviendra|appartient)|decision (?:stays|remains|rests|lies) with"
    r"|c est (?:le |la |l |les )?" + ROLE_NOUN + r" qui (?:decide|decidera|tranche|tranchera"
    r"|choisit|choisira|arbitre|arbitrera)|(?:the )?" + ROLE_NOUN + r" (?:will|shall|ll)"
    r" (?:decide|choose|make the decision|make the call)"
    r"|(?:for|pour) (?:the|le|la|l|les) " + ROLE_NOUN + r"|aide a la decision"
    r"|checklist|liste de controle|biais|bias\w*|discriminat\w*|verifi\w*|check\w*"
    r"|complet\w*|pieces? manquantes?|missing (?:documents|pieces)|anonymi\w*"
    r"|pseudonymi\w*|extrai\w*|extract\w*|quote\w*|citation\w*|liste\w*|list"
    r"|recapitul\w*|overview|fiche de poste|job description|annonce|job ad\w*"
    r"|compte rendu|minutes|trame|structure\w*|plan)\b"
)

LEGAL_QUESTION = compile_rule(
    r"\b(?:peut on|peut il|peut elle|puis je|pouvons nous|a t on le droit|avons nous le"
    r" droit|ai je le droit|est il possible|est il legal|est ce legal|est ce possible"
    r"|est il permis|est ce autorise|can (?:we|i|the|a|an|you legally)|is it (?:legal"
    r"|possible|allowed|lawful)|are we allowed|am i allowed|may (?:we|i))\b"
)

REFUSES_DELEGATION = compile_rule(
    r"\b(?:ne (?:me )?(?:dis|dites|decide|decidez|choisis|choisissez|classe|tranche"
    r"|recommande)\w* pas|sans (?:me dire|decider|choisir|trancher|classer|recommander)"
    r"|without (?:telling|deciding|choosing|ranking|picking|recommending)|don t (?:tell"
    r"|decide|choose|pick|rank|recommend)|do not (?:tell|decide|choose|pick|rank"
    r"|recommend)|not (?:to )?(?:decide|choose|pick|rank)|ne pas (?:decider|choisir"
    r"|trancher|classer|recommander|dire)|pas (?:a|de) (?:decider|choisir|trancher))\b"
)

# The subset of SUPPORT that governs what follows it in a sentence ("une grille
# d'entretien pour recruter le meilleur candidat", "quels critères pour retenir…").
GOVERNING_SUPPORT = compile_rule(
    r"\b(?:grille\w*|interview (?:grid|guide|questions?|template|plan)|questions?"
    r" (?:d entretien|pour l entretien|to ask|for the interview)|criteres?|criteria"
    r"|criterion|avantages?|pros? (?:and|&) cons?|points? forts?|strengths|options?"
    r"|scenarios?|sans (?:classer|decider|trancher|choisir|recommand\w*|me dire)"
    r"|without (?:ranking|deciding|choosing|recommending|telling)|aide a la decision"
    r"|biais|bias\w*|discriminat\w*|la decision (?:me |nous |lui |leur )?(?:revient"
    r"|reviendra|appartient)|decision (?:stays|remains|rests|lies) with)\b"
)

# An administrative act as a whole: an authority, its legal grounds, then its operative
# word ("Le Maire… Vu… ARRÊTE"). What the act then states is that authority's decision.
ACT_FORM = compile_rule(
    r"\b(?:le|la|les) (?:maire|president\w*|prefet\w*|directeur\w*|directrice\w*|conseil"
    r" municipal|conseil communautaire|conseil departemental|conseil regional|bureau"
    r"|commission \w+|jury|mayor|council|committee)\b[\s\S]*?\bvu\b[\s\S]*?\b(?:arrete"
    r"|arretent|decide|decident|delibere|deliberent|decrete|resolves|resolved)\b")

# The assistant declining to decide, as it should: "I can't decide whether Mr X should be
# appointed – that's for the panel", "je ne peux pas noter Mme Y".
DECLINES = compile_rule(
    r"\b(?:i|je|j|we|nous) (?:can t|cannot|can not|won t|will not|must not|should not"
    r"|ne peux pas|ne vais pas|ne dois pas|ne peut pas|n ai pas a|ne pouvons pas|ne saurais)"
    r" (?:\w+ ){0,3}?(?:decide|decider|choose|choisir|pick|rate|noter|score|grade|judge"
    r"|juger|recommend|recommander|assess|evaluer|trancher|classer|rank|select|selectioner"
    r"|say|dire|suggest|suggerer)\b"
    r"|\b(?:it is not|it s not|this is not) (?:for me|my role|my place|up to me)\b"
    r"|\bce n est pas (?:a moi|mon role|a l ia|a l assistant)\b"
    r"|\b(?:that|this|which) (?:is|s|remains) (?:for|up to) (?:the|your|his|her) \w+"
    r"|\b(?:cela|ceci|ce choix|cette decision|cette evaluation) (?:revient|appartient|releve)"
    r" (?:a|au|aux|de)\b")
