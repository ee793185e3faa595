"""The residents' needs Aiguillage knows, in display order, and how they map to open data.

A theme is what a resident needs help with ("impots", "caf"…), not what a place offers. Places
describe their offer with the services of the LaMednum standard (lieux de médiation numérique)
or with data·inclusion thematiques; each theme says which of those serve it, and
`themes_for_mednum_services` reads that mapping backwards when national open data is imported.

`synonyms` are decisive words (naming one of them is enough), `hints` only count together
(two of them, or with a synonym), `phrasings` are messages as residents really type them. The
need classifier is built from these three; labels, descriptions and `what_to_bring` are marked
with `N_` and translated by the handler.
`themes_for_dinum_thematiques` does the same for data·inclusion's `numerique--` thematiques.
"""

import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from types import MappingProxyType

from knowledge.translatable import N_

# The `services` values of the "lieux de médiation numérique" standard (LaMednum), verbatim.
AIDE_DEMARCHES = "Aide aux démarches administratives"
OUTILS_QUOTIDIEN = "Maîtrise des outils numériques du quotidien"
INSERTION_PRO = "Insertion professionnelle via le numérique"
USAGE_SECURISE = "Utilisation sécurisée du numérique"
PARENTALITE = "Parentalité et éducation avec le numérique"
LOISIRS_CREATIONS = "Loisirs et créations numériques"
COMPREHENSION_MONDE = "Compréhension du monde numérique"
ACCES_MATERIEL = "Accès internet et matériel informatique"
MATERIEL_SOLIDAIRE = "Acquisition de matériel informatique à prix solidaire"

MEDNUM_SERVICES = (
    AIDE_DEMARCHES,
    OUTILS_QUOTIDIEN,
    INSERTION_PRO,
    USAGE_SECURISE,
    PARENTALITE,
    LOISIRS_CREATIONS,
    COMPREHENSION_MONDE,
    ACCES_MATERIEL,
    MATERIEL_SOLIDAIRE,
)

# The "numerique--" thematiques of the data·inclusion schema v1 (referentiel thematiques.json).
# v1 replaced the sixteen v0 values (smartphone, ordinateur, santé…) with these four, and
# schema 1.0.7 dropped v0 altogether.
DI_SERVICES_EN_LIGNE = "numerique--acceder-a-des-services-en-ligne"
DI_CONNEXION = "numerique--acceder-a-une-connexion-internet"
DI_EQUIPEMENT = "numerique--acquerir-un-equipement"
DI_FONDAMENTAUX = "numerique--maitriser-les-fondamentaux-du-numerique"


@dataclass(frozen=True, slots=True)
class Theme:
    slug: str
    label: str
    emoji: str
    description: str
    synonyms: tuple[str, ...]
    hints: tuple[str, ...]
    phrasings: tuple[str, ...]
    mednum_services: tuple[str, ...]
    dinum_thematiques: tuple[str, ...]
    what_to_bring: str


# The word lists are data: one theme per block, several words a line, kept as written.
# fmt: off
THEMES: tuple[Theme, ...] = (
    Theme(
        slug="courriel",
        label=N_("E-mails"),
        emoji="📧",
        description=N_("Créer une adresse, lire et envoyer des e-mails, joindre un document."),
        synonyms=(
            "mail", "e-mail", "courriel", "mél", "boîte mail", "boîte e-mail",
            "boîte aux lettres électronique", "adresse mail", "adresse e-mail", "gmail",
            "hotmail", "outlook", "yahoo", "laposte.net", "orange.fr", "messagerie",
            "pièce jointe", "courrier électronique", "spam", "indésirables",
            # In English, and as text messages spell it.
            "email", "emails", "inbox", "mailbox", "email address", "attachment", "junk mail",
            "mails", "imel",
        ),
        hints=(
            "envoyer", "recevoir", "répondre", "boîte", "message", "messages", "adresse",
            "send", "receive", "reply", "attach",
        ),
        phrasings=(
            "jarrive pa a ouvrir mes mail",
            "comment on envoie un email avec une photo dedans",
            "je voudrais me créer une adresse mail",
            "ma boite gmail ne marche plus",
            "je reçois plus mes courriels",
            "comment joindre un document a un mail",
        ),
        mednum_services=(OUTILS_QUOTIDIEN,),
        dinum_thematiques=(DI_FONDAMENTAUX,),
        what_to_bring=N_("Votre téléphone ou ordinateur et vos mots de passe."),
    ),
    Theme(
        slug="impots",
        label=N_("Impôts en ligne"),
        emoji="🧾",
        description=N_("Déclarer ses revenus, lire son avis d'impôt, payer en ligne."),
        synonyms=(
            "impôt", "impôts", "impots.gouv", "impots.gouv.fr", "déclaration de revenus",
            "déclaration d'impôts", "avis d'imposition", "avis d'impôt", "taxe foncière",
            "taxe d'habitation", "prélèvement à la source", "numéro fiscal", "fisc",
            "trésor public", "finances publiques", "imposable", "non imposable",
            "non imposition", "foyer fiscal", "crédit d'impôt", "taux de prélèvement",
            "espace particulier", "dgfip", "déclarer mes revenus", "déclarer ses revenus",
            "impo", "impos", "inpot", "inpots",
            "tax", "taxes", "tax return", "income tax", "property tax", "tax office",
            "tax number", "tax notice", "tax bill", "tax form",
        ),
        hints=(
            "revenu", "revenus", "déclaration", "déclarer", "fiscal", "fiscale", "taxe",
            "imposition", "prélèvement", "salaire",
            "income", "declare", "salary",
        ),
        phrasings=(
            "jarrive pa a declaré mes impot",
            "je comprends rien a ma declaration de revenu",
            "comment on paye la taxe fonciere sur internet",
            "g perdu mon numero fiscal, on le trouve ou",
            "ou trouver mon avis d'imposition",
            "jai recu un courrier des impots",
        ),
        mednum_services=(AIDE_DEMARCHES,),
        dinum_thematiques=(DI_SERVICES_EN_LIGNE,),
        what_to_bring=N_("Votre numéro fiscal et votre dernier avis d'impôt."),
    ),
    Theme(
        slug="caf",
        label=N_("CAF et aides"),
        emoji="👪",
        description=N_("Allocations familiales, aide au logement (APL), RSA, prime d'activité."),
        synonyms=(
            "caf", "caf.fr", "allocation", "allocations", "allocations familiales", "alloc",
            "allocs", "apl", "aide au logement", "aides au logement", "allocation logement",
            "rsa", "revenu de solidarité active", "prime d'activité", "aah", "allocataire",
            "numéro allocataire", "complément familial", "paje", "prime de naissance",
            "quotient familial", "allocation de rentrée scolaire", "déclaration trimestrielle",
            "trop perçu",
            "kaf", "alocs", "aloc",
            "benefits", "benefit", "housing benefit", "housing allowance", "family allowance",
            "family allowances", "child benefit", "welfare", "universal credit",
        ),
        hints=(
            "logement", "loyer", "familiale", "familiales", "naissance", "bébé",
            "allowance", "housing", "rent", "family", "baby",
        ),
        phrasings=(
            "pb avec ma caf",
            "je voudrais faire une demande d'APL",
            "comment je fait ma declaration trimestrielle du rsa",
            "j'ai pas reçu mes allocs ce mois ci",
            "on a droit a la prime d'activité ?",
            "je dois changer ma situation sur le site de la caf",
        ),
        mednum_services=(AIDE_DEMARCHES,),
        dinum_thematiques=(DI_SERVICES_EN_LIGNE,),
        what_to_bring=N_("Votre numéro allocataire CAF et votre mot de passe."),
    ),
    Theme(
        slug="emploi",
        label=N_("Emploi et France Travail"),
        emoji="💼",
        description=N_("S'inscrire, s'actualiser, faire son CV, chercher un emploi."),
        synonyms=(
            "pôle emploi", "pole-emploi.fr", "france travail", "francetravail.fr", "chômage",
            "chômeur", "chômeuse", "allocation chômage", "demandeur d'emploi",
            "demandeuse d'emploi", "actualisation", "actualiser", "m'actualiser",
            "s'actualiser", "cv", "curriculum vitae", "lettre de motivation", "offre d'emploi",
            "offres d'emploi", "recherche d'emploi", "chercher du travail",
            "trouver du travail", "trouver un travail", "emploi", "candidature", "postuler",
            "entretien d'embauche", "embauche", "licencié", "licenciement", "intérim",
            "indeed", "linkedin", "mission locale", "cpf", "compte formation", "apec",
            "boulot", "job", "recruteur",
            "taf", "taff", "pol emploi", "chomdu",
            "job search", "resume", "cover letter", "unemployed", "unemployment",
            "job seeker", "job application", "job interview", "job offer", "jobs",
            "looking for work", "employment", "jobcentre",
        ),
        hints=(
            "travail", "travailler", "employeur", "formation", "métier", "stage", "poste",
            "work", "employer", "training", "hiring", "career",
        ),
        phrasings=(
            "jdois m'actualiser sur pole emploi",
            "je cherche du boulot mais je sais pas faire de CV",
            "comment postuler a une offre sur france travail",
            "mon conseiller m'a dit de m'inscrire sur internet pour le chomage",
            "jai besoin d'aide pour ma lettre de motivation",
            "je suis au chomage depuis un mois",
        ),
        mednum_services=(INSERTION_PRO,),
        dinum_thematiques=(DI_SERVICES_EN_LIGNE,),
        what_to_bring=N_("Votre identifiant France Travail et votre CV si vous en avez un."),
    ),
    Theme(
        slug="sante",
        label=N_("Santé et Ameli"),
        emoji="🩺",
        description=N_("Compte Ameli, carte Vitale, Doctolib, Mon espace santé."),
        synonyms=(
            "ameli", "ameli.fr", "assurance maladie", "carte vitale", "vitale",
            "sécurité sociale", "sécu", "cpam", "doctolib", "maiia", "mon espace santé",
            "dossier médical", "médecin", "médecin traitant", "docteur", "généraliste",
            "mutuelle", "complémentaire santé", "complémentaire santé solidaire", "css",
            "cmu", "feuille de soins", "arrêt maladie", "arrêt de travail", "ordonnance",
            "téléconsultation", "kiné", "dentiste", "ophtalmo", "hôpital", "pharmacie",
            "santé", "attestation de droits", "rendez-vous médical",
            "amelie", "mutuel",
            "health", "health insurance", "health card", "doctor", "doctors", "gp",
            "prescription", "hospital", "pharmacy", "sick leave", "medical", "dentist",
            "doctor appointment", "medicine",
        ),
        hints=(
            "remboursement", "remboursements", "maladie", "soins", "malade", "rendez-vous",
            "sick", "refund", "illness", "care",
        ),
        phrasings=(
            "pb avec ameli",
            "je narrive pas a prendre rdv sur doctolib",
            "jai perdu ma carte vitale",
            "comment on voit ses remboursement de la secu",
            "c quoi mon espace santé",
            "je veux changer de medecin traitant",
        ),
        mednum_services=(AIDE_DEMARCHES,),
        dinum_thematiques=(DI_SERVICES_EN_LIGNE,),
        what_to_bring=N_("Votre carte Vitale et, si vous en avez, vos identifiants Ameli."),
    ),
    Theme(
        slug="papiers",
        label=N_("Papiers et titres"),
        emoji="📄",
        description=N_(
            "Carte d'identité, passeport, permis, carte grise (ANTS), titre de séjour, "
            "FranceConnect."
        ),
        synonyms=(
            "ants", "carte d'identité", "carte nationale d'identité", "cni", "pièce d'identité",
            "papiers d'identité", "passeport", "permis de conduire", "permis", "carte grise",
            "certificat d'immatriculation", "immatriculation", "déclaration de cession",
            "titre de séjour", "carte de séjour", "récépissé", "naturalisation", "préfecture",
            "anef", "franceconnect", "france connect", "identité numérique", "état civil",
            "acte de naissance", "extrait de naissance", "acte de mariage",
            "justificatif de domicile", "changement d'adresse", "service-public.fr",
            "pré-demande", "crit'air", "code de la route", "antai", "amende", "timbre fiscal",
            "procuration", "listes électorales", "nationalité", "visa", "papiers",
            "photo d'identité",
            "id card", "identity card", "passport", "driving licence", "driving license",
            "driver's license", "driver license", "residence permit", "birth certificate",
            "car registration", "citizenship", "identity document", "id documents",
        ),
        hints=(
            "identité", "séjour", "mairie", "renouveler", "renouvellement", "voiture",
            "renew", "renewal", "certificate", "registration", "licence", "license",
            "documents", "town hall", "identity",
        ),
        phrasings=(
            "faut que je refasse ma carte d'identité",
            "comment on fait une pré demande de passeport",
            "jai vendu ma voiture et la carte grise c'est compliqué",
            "mon titre de sejour expire le mois prochain",
            "c'est quoi franceconnect",
            "j'ai perdu mon permis",
        ),
        mednum_services=(AIDE_DEMARCHES,),
        dinum_thematiques=(DI_SERVICES_EN_LIGNE,),
        what_to_bring=N_(
            "Vos pièces d'identité, un justificatif de domicile et le titre à renouveler."
        ),
    ),
    Theme(
        slug="retraite",
        label=N_("Retraite"),
        emoji="👵",
        description=N_("Demander sa retraite, suivre sa pension, relevé de carrière."),
        synonyms=(
            "retraite", "retraité", "retraitée", "pension", "pension de retraite",
            "info-retraite", "assurance retraite", "lassuranceretraite.fr", "carsat",
            "agirc-arrco", "agirc", "arrco", "retraite complémentaire", "relevé de carrière",
            "trimestres", "pension de réversion", "réversion", "certificat de vie", "aspa",
            "minimum vieillesse", "cnav", "caisse de retraite", "justificatif d'existence",
            "retraitte", "pansion", "pention",
            "retirement", "retire", "retired", "retiring", "state pension", "pension fund",
            "pensions", "pensioner",
        ),
        hints=(
            "carrière", "trimestre", "vieillesse", "cotisé", "cotisations",
            "career", "old age", "contributions",
        ),
        phrasings=(
            "je pars a la retraite l'an prochain, je fais comment",
            "mon relevé de carriere est faux",
            "je touche pas encore ma pension",
            "on me demande un certificat de vie",
            "ma mère veut la pension de réversion de mon père",
            "c'est ou le site de la carsat",
        ),
        mednum_services=(AIDE_DEMARCHES,),
        dinum_thematiques=(DI_SERVICES_EN_LIGNE,),
        what_to_bring=N_(
            "Votre numéro de sécurité sociale et vos derniers courriers de retraite."
        ),
    ),
    Theme(
        slug="equipement",
        label=N_("Téléphone, tablette, ordinateur"),
        emoji="📱",
        description=N_("Se servir de son appareil, du Wi-Fi, des applis et des photos, imprimer."),
        synonyms=(
            "smartphone", "tablette", "ordinateur", "ordi", "pc", "portable", "téléphone",
            "wifi", "wi-fi", "box", "connexion internet", "partage de connexion", "4g", "5g",
            "forfait", "carte sim", "imprimer", "imprimante", "impression", "scanner",
            "numériser", "photocopie", "clé usb", "usb", "fichier", "fichiers",
            "copier coller", "mise à jour", "photo", "photos", "foto", "écran", "écran tactile",
            "clavier", "souris", "bluetooth", "android", "iphone", "ipad", "samsung",
            "windows", "play store", "app store", "whatsapp", "facebook", "messenger",
            "instagram", "youtube", "sms", "texto", "appel vidéo", "visio", "zoom", "skype",
            "reconditionné",
            "portabl", "telefone", "ordinateur portable",
            "phone", "mobile phone", "cell phone", "computer", "laptop", "printer",
            "print", "app", "apps", "screen", "keyboard", "video call", "text message",
            "text messages", "pictures", "internet connection", "smart phone", "mobile",
            "printing",
        ),
        # Every service has an app ("l'appli ameli"): naming one is not a need of its own.
        hints=(
            "internet", "connexion", "tel", "appareil", "numérique", "informatique", "appli",
            "application", "applications", "télécharger", "installer",
            "servir", "utiliser", "marche plus",
            "download", "install", "device", "update", "settings", "slow", "charger",
        ),
        phrasings=(
            "comment envoyer des foto a mes petits enfants",
            "jsais pas me servir de ma tablette",
            "le wifi marche plus chez moi",
            "ou je peux imprimer des documents",
            "mon telephone est plein je peux plus rien mettre",
            "c'est quoi whatsapp et comment on l'installe",
        ),
        mednum_services=(OUTILS_QUOTIDIEN, ACCES_MATERIEL, MATERIEL_SOLIDAIRE, LOISIRS_CREATIONS),
        dinum_thematiques=(DI_FONDAMENTAUX, DI_CONNEXION, DI_EQUIPEMENT),
        what_to_bring=N_(
            "Votre téléphone, tablette ou ordinateur, son chargeur et vos mots de passe."
        ),
    ),
    Theme(
        slug="securite",
        label=N_("Arnaques et sécurité"),
        emoji="🔒",
        description=N_(
            "Repérer les arnaques, gérer ses mots de passe, compte piraté, fausses informations, "
            "données personnelles."
        ),
        synonyms=(
            "arnaque", "arnaques", "arnaqué", "arnaquer", "escroquerie", "escroc", "fraude",
            "frauduleux", "piratage", "piraté", "pirate", "hacker", "hacké", "virus",
            "antivirus", "phishing", "hameçonnage", "mot de passe", "mdp",
            "double authentification", "faux site", "faux mail", "faux sms", "faux conseiller",
            "fausse information", "fausses informations", "fake news", "infox",
            "désinformation", "données personnelles", "vie privée", "rgpd",
            "cybermalveillance", "usurpation d'identité", "usurpé", "chantage", "harcèlement",
            "harceler", "harcelé", "cyberharcèlement", "compte piraté", "sécurité",
            "sécuriser", "suspect", "fiable", "mail d'arnaque", "sms d'arnaque", "fuite de données",
            "rançongiciel", "démarchage", "cookies",
            "arnak", "arnac", "arnaker", "pirater",
            "scam", "scams", "scammed", "scammer", "fraud", "hacked", "hack", "password",
            "passwords", "fake", "suspicious", "security", "privacy", "personal data",
            "identity theft", "blackmail", "cyber",
        ),
        hints=(
            "bizarre", "louche", "méfier", "confiance", "dangereux", "volé", "bloqué", "code",
            "coordonnées", "gagné",
            "strange", "weird", "trust", "dangerous", "stolen", "blocked", "won",
        ),
        phrasings=(
            "je crois que je me suis fait arnaquer",
            "mot de passe oublié",
            "on ma piraté mon facebook jfais koi",
            "jai recu un sms bizarre qui dit que mon colis est bloqué",
            "comment savoir si une info est une fake news",
            "j'ai trop de mdp je m'en souviens plus",
        ),
        mednum_services=(USAGE_SECURISE, COMPREHENSION_MONDE),
        dinum_thematiques=(DI_FONDAMENTAUX,),
        what_to_bring=N_(
            "Votre téléphone ou ordinateur, vos mots de passe et le message suspect si vous "
            "l'avez encore."
        ),
    ),
    Theme(
        slug="scolarite",
        label=N_("École et études"),
        emoji="🎒",
        description=N_("Pronote, ENT, Parcoursup : suivre la scolarité en ligne."),
        synonyms=(
            "pronote", "ent", "scolarité", "espace numérique de travail", "parcoursup",
            "école directe", "ecoledirecte", "educonnect", "cahier de textes", "vie scolaire",
            "bulletin", "bulletins", "bourse scolaire", "cantine", "inscription scolaire",
            "école", "collège", "lycée", "université", "fac", "bac", "devoirs",
            "emploi du temps", "crous", "dossier social étudiant", "affelnet", "mon master",
            "skolengo", "toutatice", "klassroom", "professeur", "prof", "maîtresse",
            "pronot",
            "school", "schools", "grades", "homework", "school canteen", "canteen",
            "university", "student", "students", "teacher", "report card",
            "school registration", "enrolment", "enrollment", "pupil", "timetable",
        ),
        hints=(
            "scolaire", "élève", "élèves", "notes", "étudiant", "étudiante", "inscription",
            "rentrée", "absences", "orientation", "vœux",
            "daughter", "child", "kids", "marks", "class",
        ),
        phrasings=(
            "je sais pas aller sur pronote pour voir les notes de mon fils",
            "ma fille doit faire parcoursup",
            "jcomprend pas l'ENT du lycée",
            "comment on paye la cantine sur internet",
            "j'ai pas les codes educonnect",
            "voir les devoirs de mon gamin",
        ),
        mednum_services=(PARENTALITE,),
        dinum_thematiques=(DI_SERVICES_EN_LIGNE,),
        what_to_bring=N_("Vos identifiants ÉduConnect ou de l'ENT et votre téléphone."),
    ),
    Theme(
        slug="achats",
        label=N_("Achats et banque en ligne"),
        emoji="🛒",
        description=N_("Acheter, vendre, payer et gérer sa banque en ligne."),
        synonyms=(
            "leboncoin", "le bon coin", "vinted", "amazon", "cdiscount", "ebay", "aliexpress",
            "temu", "shein", "achat en ligne", "achats en ligne", "acheter en ligne",
            "acheter sur internet", "commander en ligne", "commande en ligne",
            "commander sur internet", "vendre en ligne", "vendre sur internet",
            "paiement en ligne", "payer en ligne", "payer sur internet", "paiement",
            "commande", "carte bancaire", "carte bleue", "cb", "banque en ligne",
            "application bancaire", "banque", "virement", "rib", "iban", "compte bancaire",
            "paypal", "lydia", "wero", "paylib", "3d secure", "colis", "livraison",
            "courses en ligne", "drive", "sncf", "sncf connect", "billet de train",
            "e-commerce",
            "banq", "vir", "coli",
            "online shopping", "shopping", "shop online", "buy online", "pay online",
            "online payment", "online banking", "bank", "banking", "bank account",
            "bank card", "credit card", "bank transfer", "money transfer", "transfer money",
            "parcel", "package", "delivery", "train ticket", "order online", "purchase",
        ),
        hints=(
            "payer", "acheter", "vendre", "commander", "magasin", "billet", "réserver", "argent",
            "buy", "pay", "order", "sell", "money", "ticket", "shop",
        ),
        phrasings=(
            "je veux vendre des habits sur vinted",
            "comment on achete sur internet sans risque",
            "jarrive pas a faire un virement sur l'appli de ma banque",
            "je sais pas payer en ligne",
            "acheter un billet de train sur internet",
            "mon coli est pas arrivé",
        ),
        mednum_services=(OUTILS_QUOTIDIEN,),
        dinum_thematiques=(DI_SERVICES_EN_LIGNE, DI_FONDAMENTAUX),
        what_to_bring=N_(
            "Votre téléphone ou ordinateur, vos mots de passe et votre carte bancaire si besoin."
        ),
    ),
)
# fmt: on

# Who wins when a message names two needs equally: the procedure before the tool used for it
# ("un mail à la caf" is about the CAF), a risk before the channel it came through
# ("une arnaque sur leboncoin" is about the scam). "papiers" comes late among procedures: the
# word also means the documents another one asks for ("la carsat me demande des papiers").
PRECEDENCE = (
    "impots", "caf", "emploi", "sante", "retraite", "scolarite", "papiers", "securite",
    "achats", "courriel", "equipement",
)  # fmt: skip

THEMES_BY_SLUG: Mapping[str, Theme] = MappingProxyType({theme.slug: theme for theme in THEMES})


def theme_by_slug(slug: str) -> Theme | None:
    return THEMES_BY_SLUG.get(slug)


def _service_key(service: str) -> str:
    # Open data files differ in accents, case and spacing (the standard's own documentation
    # writes "Comprehension"), so services are compared on a folded key.
    decomposed = unicodedata.normalize("NFKD", service)
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(bare.casefold().split())


_THEMES_BY_SERVICE: Mapping[str, frozenset[str]] = MappingProxyType(
    {
        _service_key(service): frozenset(t.slug for t in THEMES if service in t.mednum_services)
        for service in MEDNUM_SERVICES
    }
)


def themes_for_mednum_services(services: Iterable[str] | str) -> set[str]:
    """The slugs of the themes served by a place offering `services` (LaMednum); unknown: none."""
    if isinstance(services, str):
        # The standard's CSV packs the services in one field, separated by "|".
        services = services.split("|")
    slugs: set[str] = set()
    for service in services:
        slugs |= _THEMES_BY_SERVICE.get(_service_key(service), frozenset())
    return slugs


_THEMES_BY_DINUM: Mapping[str, frozenset[str]] = MappingProxyType(
    {
        thematique: frozenset(t.slug for t in THEMES if thematique in t.dinum_thematiques)
        for thematique in (DI_SERVICES_EN_LIGNE, DI_CONNEXION, DI_EQUIPEMENT, DI_FONDAMENTAUX)
    }
)


def themes_for_dinum_thematiques(thematiques: Iterable[str]) -> set[str]:
    """The slugs of the themes served by a data·inclusion service with these thematiques; the
    non-digital ones (and unknown ones) serve none."""
    slugs: set[str] = set()
    for thematique in thematiques:
        slugs |= _THEMES_BY_DINUM.get(thematique, frozenset())
    return slugs
