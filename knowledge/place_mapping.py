"""The national open data about places, in our words: one table per field, from the values each
standard allows (verbatim, as its schema's pattern or enum spells them) to ours.

- LaMednum « lieux de médiation numérique », standard v1.0.x: `services` (to themes, by the table
  of `knowledge.themes`), `dispositif_programmes_nationaux`, `modalites_acces`,
  `modalites_accompagnement`, `itinerance`; `typologie` holds data·inclusion's typology codes.
- Its v0.1 predecessor: `services` (each read as the v1 service that replaced it),
  `labels_nationaux`, `modalites_accompagnement`.
- data·inclusion v1: `thematiques` (the `numerique--` ones to themes by `knowledge.themes`; four
  others, on a digital service, read back through data·inclusion's own mapping from LaMednum),
  `modes_mobilisation`, `modes_accueil`, `type`, `reseaux_porteurs`.

A value mapped to None is valid and kept nowhere. The README ("Catalogue of places") shows these
tables; the importer (`knowledge.place_files`) accepts no other value for the fields it checks.
"""

from collections.abc import Mapping
from types import MappingProxyType

from knowledge.catalogue import Mode, Programme, Typology
from knowledge.themes import (
    ACCES_MATERIEL,
    AIDE_DEMARCHES,
    COMPREHENSION_MONDE,
    INSERTION_PRO,
    LOISIRS_CREATIONS,
    MATERIEL_SOLIDAIRE,
    MEDNUM_SERVICES,
    OUTILS_QUOTIDIEN,
    PARENTALITE,
    themes_for_mednum_services,
)

# --- LaMednum v1.0.x --------------------------------------------------------------------------

SERVICES_V1: Mapping[str, str] = MappingProxyType({service: service for service in MEDNUM_SERVICES})
# The themes each service serves, by the table of `knowledge.themes`, looked up once.
SERVICE_THEMES: Mapping[str, frozenset[str]] = MappingProxyType(
    {service: frozenset(themes_for_mednum_services([service])) for service in MEDNUM_SERVICES}
)

PROGRAMMES_V1: Mapping[str, Programme | None] = MappingProxyType(
    {
        "Aidants Connect": Programme.AIDANTS_CONNECT,
        "Bibliothèques numérique de référence": Programme.BIBLIOTHEQUES_NUMERIQUES,
        "Certification PIX": Programme.CERTIFICATION_PIX,
        "Conseillers numériques": Programme.CONSEILLERS_NUMERIQUES,
        "Emmaüs Connect": Programme.EMMAUS_CONNECT,
        "France Services": Programme.FRANCE_SERVICES,
        "Grande école du numérique": Programme.GRANDE_ECOLE_NUMERIQUE,
        "La Croix Rouge": Programme.CROIX_ROUGE,
        "Point d'accès numérique CAF": Programme.POINT_NUMERIQUE_CAF,
        "Promeneurs du net": Programme.PROMENEURS_DU_NET,
        "Relais numérique (Emmaüs Connect)": Programme.RELAIS_EMMAUS_CONNECT,
    }
)

ACCESS_V1: Mapping[str, Mode | None] = MappingProxyType(
    {
        "Se présenter": Mode.WALK_IN,
        "Téléphoner": Mode.PHONE,
        "Contacter par mail": Mode.EMAIL,
        "Prendre un RDV en ligne": Mode.ONLINE_BOOKING,
        "Ce lieu n'accueille pas de public": Mode.NO_PUBLIC,
        "Envoyer un mail avec une fiche de prescription": Mode.PRESCRIPTION,
    }
)

SUPPORT_V1: Mapping[str, Mode | None] = MappingProxyType(
    {
        "En autonomie": Mode.SELF_SERVICE,
        "Accompagnement individuel": Mode.INDIVIDUAL,
        "Dans un atelier collectif": Mode.WORKSHOP,
        "À distance": Mode.REMOTE,
    }
)

ITINERANCE: Mapping[str, bool] = MappingProxyType({"Itinérant": True, "Fixe": False})

# data·inclusion's typology codes (`typologie`, no pattern in the standard: unknown codes are
# "autre"). The first code of a cell that maps wins.
TYPOLOGIES: Mapping[str, Typology] = MappingProxyType(
    {
        "MUNI": Typology.MAIRIE,
        "CCAS": Typology.CCAS,
        "CIAS": Typology.CCAS,
        "RFS": Typology.FRANCE_SERVICES,
        "BIB": Typology.MEDIATHEQUE,
        "ASSO": Typology.ASSOCIATION,
        "CD": Typology.DEPARTEMENT,
        "DEPT": Typology.DEPARTEMENT,
        "EPCI": Typology.INTERCOMMUNALITE,
        "CC": Typology.INTERCOMMUNALITE,
        "PREF": Typology.PREFECTURE,
        "CS": Typology.CENTRE_SOCIAL,
        "CMS": Typology.CENTRE_MEDICO_SOCIAL,
        "MDS": Typology.CENTRE_MEDICO_SOCIAL,
        "ML": Typology.MISSION_LOCALE,
    }
)

# --- LaMednum v0.1 ----------------------------------------------------------------------------

SERVICES_V0: Mapping[str, str] = MappingProxyType(
    {
        "Devenir autonome dans les démarches administratives": AIDE_DEMARCHES,
        "Réaliser des démarches administratives avec un accompagnement": AIDE_DEMARCHES,
        "Prendre en main un smartphone ou une tablette": OUTILS_QUOTIDIEN,
        "Prendre en main un ordinateur": OUTILS_QUOTIDIEN,
        "Utiliser le numérique au quotidien": OUTILS_QUOTIDIEN,
        "Approfondir ma culture numérique": COMPREHENSION_MONDE,
        "Favoriser mon insertion professionnelle": INSERTION_PRO,
        "Accéder à une connexion internet": ACCES_MATERIEL,
        "Accéder à du matériel": ACCES_MATERIEL,
        "S'équiper en matériel informatique": MATERIEL_SOLIDAIRE,
        "Créer et développer mon entreprise": INSERTION_PRO,
        "Créer avec le numérique": LOISIRS_CREATIONS,
        "Accompagner les démarches de santé": AIDE_DEMARCHES,
        "Promouvoir la citoyenneté numérique": COMPREHENSION_MONDE,
        "Soutenir la parentalité et l'éducation avec le numérique": PARENTALITE,
    }
)

PROGRAMMES_V0: Mapping[str, Programme | None] = MappingProxyType(
    {
        "France Services": Programme.FRANCE_SERVICES,
        "CNFS": Programme.CONSEILLERS_NUMERIQUES,
        "APTIC": None,
        "Aidants Connect": Programme.AIDANTS_CONNECT,
        "Fabriques de Territoire": None,
        "Grandes écoles du numérique": Programme.GRANDE_ECOLE_NUMERIQUE,
        "Point relais CAF": Programme.POINT_NUMERIQUE_CAF,
        "Point numérique CAF": Programme.POINT_NUMERIQUE_CAF,
        "Relais pôle emploi": None,
        "French Tech": None,
        "Campus connecté": None,
    }
)

SUPPORT_V0: Mapping[str, Mode | None] = MappingProxyType(
    {
        "Seul : j'ai accès à du matériel et une connexion": Mode.SELF_SERVICE,
        "Avec de l'aide : je suis accompagné seul dans l'usage du numérique": Mode.INDIVIDUAL,
        "Dans un atelier : j'apprends collectivement à utiliser le numérique": Mode.WORKSHOP,
        "A ma place : une personne habilitée fait les démarches à ma place": Mode.INDIVIDUAL,
    }
)

# --- data·inclusion v1 ------------------------------------------------------------------------

DIGITAL_THEMATIQUE_PREFIX = "numerique--"

# The non-digital thematiques data·inclusion gives a LaMednum service besides its `numerique--`
# one, read back to that service (on a service that also has a `numerique--` thematique).
EXTRA_THEMATIQUES: Mapping[str, str] = MappingProxyType(
    {
        "difficultes-administratives-ou-juridiques--accompagnement-aux-demarches-administratives": (
            AIDE_DEMARCHES
        ),
        "preparer-sa-candidature--organiser-ses-demarches-de-recherche-demploi": INSERTION_PRO,
        "famille--soutien-a-la-parentalite-et-a-leducation": PARENTALITE,
        "remobilisation--activites-sportives-et-culturelles": LOISIRS_CREATIONS,
    }
)

MOBILISATION: Mapping[str, Mode] = MappingProxyType(
    {
        "se-presenter": Mode.WALK_IN,
        "telephoner": Mode.PHONE,
        "envoyer-un-courriel": Mode.EMAIL,
        "utiliser-lien-mobilisation": Mode.ONLINE_BOOKING,
    }
)

ACCUEIL: Mapping[str, Mode | None] = MappingProxyType(
    {"a-distance": Mode.REMOTE, "en-presentiel": None}
)

SERVICE_TYPES: Mapping[str, Mode | None] = MappingProxyType(
    {
        "accompagnement": Mode.INDIVIDUAL,
        "atelier": Mode.WORKSHOP,
        "aide-materielle": Mode.SELF_SERVICE,
        "aide-financiere": None,
        "formation": None,
        "information": None,
    }
)

RESEAUX_PROGRAMMES: Mapping[str, Programme] = MappingProxyType(
    {
        "france-service": Programme.FRANCE_SERVICES,
        "msap": Programme.FRANCE_SERVICES,  # the maisons de services au public became them
        "conseillers-numeriques": Programme.CONSEILLERS_NUMERIQUES,
        "aidants-connect": Programme.AIDANTS_CONNECT,
        "croix-rouge": Programme.CROIX_ROUGE,
        "grandes-ecoles-du-numerique": Programme.GRANDE_ECOLE_NUMERIQUE,
    }
)

RESEAUX_TYPOLOGIES: Mapping[str, Typology] = MappingProxyType(
    {
        "communes": Typology.MAIRIE,
        "ccas-cias": Typology.CCAS,
        "france-service": Typology.FRANCE_SERVICES,
        "msap": Typology.FRANCE_SERVICES,
        "departements": Typology.DEPARTEMENT,
        "mission-locale": Typology.MISSION_LOCALE,
        "cms": Typology.CENTRE_MEDICO_SOCIAL,
        "maisons-des-solidarites": Typology.CENTRE_MEDICO_SOCIAL,
    }
)
