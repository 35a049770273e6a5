"""Words that look like names in a letter but never are (lower case)."""

from __future__ import annotations

PARTICLES = frozenset(
    "de du des d' van von der den le la di da dos del ben bin el al mac ter".split()
)

_CALENDAR = (
    "janvier février fevrier mars avril mai juin juillet août aout septembre octobre novembre "
    "décembre decembre lundi mardi mercredi jeudi vendredi samedi dimanche january february "
    "march april may june july august september october november december monday tuesday "
    "wednesday thursday friday saturday sunday noël noel pâques paques toussaint"
)
_TITLES = (
    "m m. mme mlle madame monsieur mademoiselle messieurs mesdames docteur dr pr professeur "
    "maître maitre me mr mrs ms miss sir lady dame maire adjoint adjointe président présidente "
    "directeur directrice secrétaire secretaire général générale chef cheffe agent agente "
    "conseiller conseillère préfet préfète sous-préfet député sénateur ministre inspecteur "
    "commissaire capitaine lieutenant brigadier gardien major officer mayor councillor chair "
    "chairman director manager head clerk officer inspector sergeant constable"
)
_LETTER_WORDS = (
    "objet object ref réf référence reference références date lieu tél tel téléphone telephone "
    "mail email e-mail courriel fax adresse address pièce pièces jointe jointes pj copie cc "
    "cordialement salutations merci bonjour bonsoir hello dear regards sincerely yours "
    "subject re tr fw fwd urgent important note nota bene ps annexe annexes page signature "
    "signé signed nom prénom prénoms name surname contact dossier affaire suivi destinataire "
    "expéditeur rapport report compte rendu procès-verbal pv synthèse conclusion conclusions "
    "introduction contexte context observations observation décision decision avis motif "
    "total montant tva ht ttc euros eur article articles alinéa loi code décret arrêté "
    "circulaire délibération deliberation annex appendix summary minutes agenda ordre jour "
    "présents présent absents absent excusés excusé secrétariat cv curriculum vitae "
    "expérience expériences formation formations compétences competences langues loisirs "
    "experience education skills languages interests profile profil references diplômes "
    "permis anglais français english french espagnol allemand informatique bureautique "
    "madame, monsieur, le la les un une des du de et ou au aux en sur pour par avec sans "
    "the a an and or of to in on for by with from at as"
)
_ORGS = (
    "mairie commune ville conseil départemental departemental régional regional département "
    "departement région region préfecture prefecture sous-préfecture direction service "
    "services pôle pole bureau cabinet centre center council county borough district agence "
    "association société societe sarl sas sa eurl sci scop gip epci syndicat communauté "
    "communaute métropole metropole agglomération agglomeration collectivité collectivite "
    "ministère ministere état etat république republique française francaise tribunal cour "
    "caisse caf cpam urssaf pôle-emploi france travail police gendarmerie sdis ccas cnil "
    "insee anah ademe hôpital hopital clinique école ecole collège college lycée lycee "
    "université universite crèche creche médiathèque mediatheque bibliothèque gymnase stade "
    "piscine ltd plc inc llc group groupe company department ministry office nhs university "
    "school hospital trust limited partners holding banque bank crédit credit mutuel "
    "sécurité securite sociale assurance maladie retraite"
)
_PLACES = (
    "france paris lyon marseille toulouse nice nantes strasbourg montpellier bordeaux lille "
    "rennes reims toulon grenoble dijon angers nîmes nimes brest tours limoges amiens "
    "perpignan metz besançon orléans rouen caen nancy europe london england scotland wales "
    "ireland britain uk usa united kingdom states america rue avenue boulevard place chemin "
    "impasse allée route quai street road lane nord sud est ouest north south east west "
    "corse bretagne normandie occitanie provence alsace"
)
_COMMON = (
    "oui non merci voir vu suite afin entre pendant depuis lors après avant selon "
    "aucun aucune tout tous toute toutes chaque certains plusieurs nous vous ils elles "
    "je il elle on ce cette ces mon ma mes ton ta tes son sa ses notre votre leur leurs "
    "we you they he she it this that these those my your our their his her its "
    "veuillez agréer recevoir prie please find attached kindly thank thanks best kind "
    "bien mes meilleures sincères distinguées respectueuses nouvelle nouveau nouvelles "
    "monday madame"
)
_ROLES = (
    "technicien technicienne demandeur demandeuse usager usagère requérant requérante "
    "candidat candidate témoin victime locataire propriétaire responsable référent référente "
    "rédacteur rédactrice interlocuteur interlocutrice intervenant intervenante habitant "
    "habitante riverain riveraine human resources recruitment team staff partnership housing "
    "customer finance finances procurement enforcement highways planning licensing support "
    "helpdesk reception accueil madam sir fils cie sepa rib iban bic siret siren nir tva caf cpam"
)

NOT_NAMES: frozenset[str] = frozenset(
    w.strip(",")
    for w in " ".join((_CALENDAR, _TITLES, _LETTER_WORDS, _ORGS, _PLACES, _COMMON, _ROLES)).split()
)

# Months and days that are also first names ("June Roberts", "Avril Martin").
CALENDAR_NAMES: frozenset[str] = frozenset("june april may august avril mai".split())

# Words that never sit inside a name, even capitalised.
FUNCTION_WORDS: frozenset[str] = frozenset(
    "les et ou un une des au aux en sur par pour dans avec sans est the and or of an in on "
    "at to is by for with".split()
)
