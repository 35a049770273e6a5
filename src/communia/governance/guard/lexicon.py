"""Word families the decision guard reasons with, as regular-expression fragments.

Fragments are written against normalised text (see text.normalise): lower case, no
accents, apostrophes and hyphens turned into spaces, and every run of one repeated
letter collapsed ("sanctionner" is matched as "sanctioner"). `compile_rule` applies the
same collapsing to a pattern, so fragments may be written with their usual spelling.
"""

from __future__ import annotations

import re

from communia.governance.guard.text import collapse


def compile_rule(pattern: str) -> re.Pattern[str]:
    """Compile a pattern written in ordinary spelling against normalised text."""
    return re.compile(collapse(pattern))


def either(*fragments: str) -> str:
    """Join fragments into one non-capturing alternation."""
    return "(?:" + "|".join(fragments) + ")"


# --- what a decision is about ---------------------------------------------------------

SANCTION_NOUN = (
    r"(?:sanction\w*|blame\w*|avertissement\w*|exclusion\w* temporaire\w*|exclusion\w*"
    r"|revocation\w*|mises? a pied|retrogradation\w*|disciplin\w*|reprimand\w*"
    r"|suspension\w*|penalt\w*|amende\w*|punition\w*|punishment\w*|radiation\w*"
    r"|demotion\w*|abaissement d echelon|licenciement\w*|dismissal\w*|warning\w*"
    r"|mesure\w* disciplinaire\w*|peine\w*|du sort de|fate of|the fate|rappels? a l ordre)"
)
SANCTION_VERB = (
    r"(?:sanction\w*|puni\w*|punish\w*|blamer|reprimand\w*|discipline|disciplined"
    r"|suspend(?:re|s|ez|ons|ing|ed)?|exclure|excluez|vir(?:e|er|es|ez|ons|ent|erais"
    r"|erait|erai|eras|eriez)|licenci(?:e|er|es|ez|ons|ent|erais|erait|erai|eras|eriez"
    r"|ee|ees)|renvo(?:yer|ie|ies|yez|yons|ierais|ierait)|revoqu\w*|fire|fired|firing"
    r"|sack|sacked|sacking|dismiss|dismissed|dismissing|lay off|laid off|let \w+ go"
    r"|let go|terminate|terminated|terminating|retrograd\w*|demote\w*|punir|infliger"
    r"|inflige|infligez|prononc\w* (?:la |une |le |un |l )?(?:sanction|blame|avertissement"
    r"|exclusion|revocation|licenciement|mise a pied)\w*)"
)
HIRE_VERB = (
    r"(?:recrut(?:e|er|es|ez|ons|ent|erais|erait|erai|eras|eriez|ee|ees)|embauch\w*"
    r"|hire|hired|hires|hiring|recruit|recruited|recruiting|titularis\w*|take on"
    r"|appoint|appointed|engag(?:er|e|ez|erais|erait) (?:ce|cette|le|la|l|m))"
)
PROMOTE_VERB = (
    r"(?:promouvoir|promu|promue|promus|promote|promoted|promoting|augment(?:er|e|ez)"
    r" (?:son|sa|le|la) (?:salaire|prime|regime)|give \w+ a raise|give \w+ a bonus)"
)
SELECT_VERB = (
    r"(?:choisi\w*|choose|choosing|chose|chosen|pick|picks|picked|picking|select\w*"
    r"|retenir|retiens|retenez|retient|retiendr\w*|retenu\w*|garder|garde|gardes"
    r"|gardez|garderais|garderait|keep|keeping|retain\w*|design(?:e|er|es|ez)"
    r"|prefer\w*|privilegi\w*|shortlist\w*|preselection\w*|departag\w*|favou?r"
    r"|opter|opte|conserver|conserve|accept(?:e|er|es|ez|ons|ed|ing)?)"
)
REJECT_VERB = (
    r"(?:rejet\w*|reject\w*|ecart\w*|elimin\w*|recal\w*|refus\w*|deny|denied|denies"
    r"|denying|declin(?:e|er|es|ez|ed|ing)|turn \w+ down|turn down|turned down"
    r"|exclud\w*|discard\w*|ne pas retenir|pas retenir|not (?:hire|select|retain"
    r"|keep|choose)|dump|jeter|bin)"
)
AWARD_VERB = (
    # verb forms only: "attribution d'une subvention" is the title of a deliberation
    r"(?:attribu(?:e|er|es|ez|ons|ent|era|erai|erais|erait|ee|ees|ant)\b|octroy\w*"
    r"|octroie\w*|accord(?:er|e|es|ez|ons|ent|erais|erait)"
    r"|adjug(?:e|er|es|ez|ons|ent|erais|erait|ee|ees|eant)\b|decern\w*|award|awarded|awarding|grant|grants|granted|granting"
    r"|allocat\w*|alou\w*|gagn(?:e|er|era|erait|ent)|win|wins|winning|won|remport\w*"
    r"|financ(?:er|e|ez|erais|erait)|fund|funded|reparti[rs]?|repartissez"
    r"|distribu(?:e|er|ez)|distribute|split)"
)
SCORE_VERB = (
    r"(?:not(?:e|er|es|ez|ons|erais|erait)|cot(?:e|er)|scor(?:e|er|es|ez|ing)"
    r"|grad(?:e|es|er|ing)|rate|evalu(?:e|er|es|ez|ons|erais)|evaluate|evaluating"
    r"|assess|assessing|apprais\w*|jug(?:e|er|ez)|judge|class(?:e|er|ez)|rank"
    r"|ranking|hierarchis\w*|ordonn?(?:e|er|ez))"
)
DECIDE_VERB = (
    r"(?:decid\w*|tranch(?:e|er|es|ez)|arbitr(?:e|er|es|ez)|statu(?:e|er|ez)"
    r"|determin(?:e|er|ez)|settle|rule on|make the call|make the decision"
    r"|make a decision|make your decision|make the choice|prends? la decision"
    r"|make (?:the|a|your|our|my) (?:final |hiring |last |definitive |appointment |selection"
    r" |award |funding |recruitment |disciplinary |allocation )*(?:decision|call|choice)"
    r"|prends? la (?:\w+ )?decision (?:finale|definitive)"
    r"|prenez la decision|fais le choix|faites le choix|fais ton choix)"
)
# Receiving an outcome: "should Mr Kim get the promotion", "qui obtient la subvention".
GET_OUTCOME = (
    r"(?:get|gets|getting|obtenir|obtient|obtiennent|receive|receives|recevoir|recoit"
    r"|avoir|have) (?:the |a |an |la |le |l |une |un |this |ce |cette )?(?:promotion\w*"
    r"|prime\w*|bonus\w*|raise|augmentation|job|poste|grant|subvention\w*|prize|prix"
    r"|contract|marche|place|permit|permis|aide|logement|allowance|benefit|appartement"
    r"|apartment|flat|council flat|house|maison|pavillon|t[1-6]|f[1-6]|tenancy|bail"
    r"|emplacement|pitch|stall)"
)
# Offering what is at stake names its object: "offer the job to Naomi or to Callum?".
OFFER_OUTCOME = (
    r"(?:offer|offers|offering|offre|offrir|offrez|propose|proposer|proposez|donne|donner"
    r"|donnez|give) (?:the |le |la |l |this |ce |cette )?(?:job|post|poste|role|position"
    r"|contract|marche|grant|subvention|prize|prix|logement|flat|council flat|house"
    r"|appartement|place en creche|nursery place|tenancy|bail)"
)
OUTCOME_VERB = either(GET_OUTCOME, SANCTION_VERB, HIRE_VERB, PROMOTE_VERB, SELECT_VERB, REJECT_VERB,
                      AWARD_VERB, OFFER_OUTCOME)
# Verbs specific enough to need no object to show what is being decided.
SPECIFIC_VERB = either(SANCTION_VERB, HIRE_VERB, PROMOTE_VERB, OFFER_OUTCOME)

CANDIDATE = (
    r"(?:candidat\w*|postulant\w*|applicant\w*|candidate\w*|cv|cvs|profil\w*"
    r"|application\w*|pretendant\w*|recrue\w*|job seeker\w*)"
)
PERSON = (
    r"(?:(?:m|monsieur|madame|mademoiselle) [a-z]+|agent\w*"
    r"|employe\w*|employee\w*|salarie\w*|collaborat\w*|fonctionnaire\w*|stagiaire\w*"
    r"|contractuel\w*|staff|worker\w*|colleague\w*|collegue\w*|subordon\w*"
    r"|coworker\w*|personne\w*|person|people|gens|mec|gars|guy|guys|nana|meuf"
    r"|quelqu un|someone|somebody|chef\w* d equipe|team member\w*|equipier\w*)"
)
BID = (
    r"(?:offres?\b(?! d emploi)|soumission\w*|soumissionaire\w*|entreprise\w*|prestataire\w*"
    r"|fournisseur\w*|tender\w*|bid|bids|bidder\w*|supplier\w*|vendor\w*"
    r"|contractor\w*|marche public\w*|marches public\w*|marche|marches"
    r"|appel d offre\w*|contract|contracts|contrat\w*|devis|company|companies|firm"
    r"|firms)"
)
GRANT = (
    r"(?:subvention\w*|grant|grants|funding|financement\w*|prix|prize\w*|laureat\w*"
    r"|gagnant\w*|winner\w*|trophee\w*|award\w*|medaille\w*|concours|competition\w*"
    r"|dotation\w*|bourse\w*|scholarship\w*|budget participatif|participatory budget"
    r"|appel a projet\w*|call for project\w*|projet\w*|project\w*|association\w*"
    r"|ngo\w*|club\w*|organi[sz]ation\w*|asso|assos)"
)
BENEFIT = (
    r"(?:permis|permit\w*|autorisation\w*|authori[sz]ation\w*|aide\w* sociale\w*"
    r"|aide au logement|rsa|allocation\w*|logement\w* socia\w*|social housing"
    r"|housing benefit\w*|housing application\w*|prestation\w*|benefit\w*|allowance\w*"
    r"|derogation\w*|licence|license|place\w* en creche|creche|daycare|visa"
    r"|carte de sejour|residence permit|exoneration\w*|exemption\w*|secours|welfare"
    r"|demande de logement|demande d aide|terrasse|fonds de solidarite|aide d urgence"
    r"|emplacement\w*|pitch|pitches|stall|stalls|council flat\w*|free school meals"
    r"|cantine gratuite|bourse\w*|extension\w*|prolongation\w*)"
)
PERFORMANCE = (
    r"(?:performance\w*|rendement|manier\w* de servir|valeur professionnelle"
    r"|entretien\w* professionnel\w*|entretien\w* annuel\w*|annual review\w*"
    r"|appraisal\w*|performance review\w*|prime\w*|bonus\w*|promotion\w*|avancement\w*"
    r"|notation|note annuelle|rifseep|cia|evaluation\w*)"
)
OBJECT = either(CANDIDATE, PERSON, BID, GRANT, BENEFIT, PERFORMANCE, SANCTION_NOUN,
                r"(?:dossier\w*|demande\w* d\w*|request\w* for|file|files)")

# --- who speaks, and to whom ----------------------------------------------------------

# Words that may precede an imperative verb addressed to the tool.
POLITE = (
    r"(?:s il te plait|s il vous plait|stp|svp|please|pls|plz|merci de|merci|thanks"
    r"|peux tu|pouvez vous|pourrais tu|pourriez vous|tu peux|tu pourrais|vous pouvez"
    r"|vous pourriez|can you|could you|would you|will you|would you mind|be so kind"
    r" as to|would you be so kind as to|kindly|je voudrais que tu|je veux que tu"
    r"|j aimerais que tu|je souhaite que tu|je voudrais que vous|je veux que vous"
    r"|i want you to|i would like you to|i d like you to|i need you to|i ask you to"
    r"|je te demande de|je vous demande de|aide moi a|aidez moi a|help me|bon|ok|okay"
    r"|alors|allez|vas y|vasy|go ahead and|go ahead|et|and|now|then|just|simply"
    r"|maintenant|ensuite|simplement|juste|hey|salut|bonjour|hello|hi|franchement"
    r"|honestly|directement|directly|enfin|finally|also|aussi|donc|so|puis|vite"
    r"|quickly|rapidement|tu dois|you must|you should|il faut que tu|faut que tu"
    r"|tu vas|you will|you re going to|oh|bref|ben|eh|dear|cher|chere)"
)
ANCHOR = r"(?:^|[,:] |\b(?:et|and|puis|then|alors|so|donc|mais|but|ou|or) )"

ROLE_NOUN = (
    r"(?:maire|drh|rh|jury|juge|president\w*|directeur\w*|directrice\w*|dg|dgs"
    r"|chef\w*|patron\w*|elu\w*|employeur|recruteur\w*|recruteuse|commission|manager\w*"
    r"|boss|mayor|judge|hr|hr director|hiring manager|recruiter|director|head|committee"
    r"|panel|council|employer|superieur\w*|supervisor|decideur\w*|decision maker"
    r"|responsable\w*|adjoint\w*|autorite\w*|comite|conseil municipal|conseil de"
    r" discipline|conseil|board|disciplinary board|prefet|ceo|cabinet|executive"
    r"|commission permanente|bureau municipal|assembly)"
)
ROLE_PLAY = (
    r"(?:tu es|t es|vous etes|imagine que tu es|imagine toi|imaginons que tu|fais comme"
    r" si tu|faites comme si vous|joue le role|jouez le role|dans le role|mets toi a la"
    r" place|mets toi dans la peau|mettez vous a la place|prends la place|tu serais"
    r"|pretend (?:that )?(?:you are|you re|to be|you were)|pretend|act as|acting as"
    r"|play the role of|play the role|roleplay|role play|as if you were|imagine (?:that )?"
    r"(?:you are|you re|being)|put yourself in|take the role of|step into|in the shoes of"
    r"|assume the role of|suppose you are|let s say you are|you are|you re|en tant que)"
)
