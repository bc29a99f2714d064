# ruff: noqa: E501  (data table: one concept per line reads best unwrapped)
"""A small domain glossary: English, French and Spanish terms (and plain-English synonyms) of
cluster-munition letters, so a question in one wording still reaches paragraphs in another.

The bundled embedding model is English-only; this feeds the lexical (BM25) side of retrieval.
Each line is one concept of the genre (treaties, obligations, weapons, procedures): its terms,
separated by "|". Entries are the domain's vocabulary, never one dev question's paraphrase.
"""

from __future__ import annotations

import re
from functools import cache

from rag.states import fold

CONCEPTS = """
cluster munitions|cluster munition|cluster bombs|cluster weapons|armes à sous-munitions|arme à sous-munitions|municiones en racimo|bombas de racimo
submunitions|submunition|bomblets|bomblet|sous-munitions|sous-munition|submuniciones|grenades
Convention on Cluster Munitions|CCM|Convention sur les armes à sous-munitions|Convention d'Oslo|Convención sobre Municiones en Racimo|Oslo Convention
Oslo process|Oslo Process|processus d'Oslo|proceso de Oslo|Oslo Declaration|Déclaration d'Oslo
Convention on Certain Conventional Weapons|CCW|Convention sur certaines armes classiques|CCAC|Convención sobre Ciertas Armas Convencionales
Mine Ban Treaty|Ottawa Convention|antipersonnel mines|anti-personnel mines|Convention d'Ottawa|mines antipersonnel|minas antipersonal|Convención de Ottawa|landmines
stockpile|stockpiles|stockpiled|stocks|stock|existencias|arsenal|reserves|holdings
destruction|destroy|destroyed|destroying|détruire|détruit|destrucción|destruir|demilitarisation|demilitarization|demil
transit|passage|tránsito
transfer|transfers|transferred|transfert|transferencia|export|exports|exported|exportation|exportación|exportar|sale
import|imports|importation|importación
production|produce|produced|producing|manufacture|manufactured|manufacturing|fabrication|fabriquer|fabricación|producción|producir
use|used|usage|employ|employed|utilisation|emploi|fired|uso|empleo|utilizado
signature|sign|signed|signing|signatory|signé|signée|signer|firma|firmó|firmado|firmar|signataire
ratification|ratify|ratified|ratifying|ratifié|ratifier|ratificación|ratificó|ratificar|instrument of ratification|instrument of acceptance|accession|accede|acceded|adhésion|adhesión|join|joined|joining|State Party|States Parties|État partie|Estado Parte
entry into force|entered into force|binding|entrée en vigueur|entrada en vigor
victim assistance|victims|survivors|assistance aux victimes|victimes|asistencia a las víctimas|víctimas|casualties|killed or injured|injured
clearance|clear|cleared|clearing|demining|dépollution|déminage|remoción|limpieza|desminado|decontamination|contamination|contaminated|remnants
retain|retained|retention|keep|kept|conserver|conservées|conservation|retener|retenidas|training
legislation|law|laws|act|bill|statute|loi|projet de loi|ley|proyecto de ley|implementing legislation|domestic law|legislate
penalties|penal sanctions|sanctions pénales|sanciones penales|imprisonment|prison|custodial|emprisonnement|prisión|criminal|offence|offense|punish
investment|invest|financing|finance|funding|fund|bank|banks|financial|financement|investissement|financiación|inversión
interoperability|military cooperation|joint operations|coopération militaire|cooperación militar|Article 21|non-party|non-parties|not party
ban|prohibition|prohibit|prohibited|forbid|interdiction|interdire|interdit|prohibición|prohibir
position|policy|view|stance|politique|position française|política|posición
military utility|militarily indispensable|indispensable|military value|utilité militaire|utilidad militar
humanitarian|humanitaire|humanitario
negotiations|negotiated|négociations|negociaciones|Dublin|Wellington Declaration|Lima
withdrawn from service|taken out of service|retired|withdrew|retiré du service|retiradas del servicio
Meeting of States Parties|Réunion des États parties|Reunión de los Estados Partes
parliament|parliamentary|National Assembly|Assemblée nationale|Senate|Sénat|Congreso|Asamblea Nacional|chambers|assemblées|House of Representatives
unanimously|unanimity|unanimité|unanimidad
date|dated|when|le|de fecha
minister|ministre|ministro|foreign secretary
rockets|rocket|roquettes|cohetes
shells|projectiles|obus|proyectiles|artillery
unexploded|failed to explode|dud|duds|did not explode|non explosé|non explosées|sin explotar
evolve|evolved|evolution|changed|change|shift|moved|évolué|évolution|changé|evolucionó|evolución|cambió|cambio
why|reason|reasons|because|grounds|motives|raisons|motifs|parce que|razones|motivos|porque
accept|accepted|accepting|agreed|adopted|adoption|accepté|adopté|aceptó|adoptó
"""

# Folded words too short or too common to trigger a concept on their own.
WEAK_TRIGGERS = {
    "le",
    "de fecha",
    "when",
    "date",
    "use",
    "act",
    "fund",
    "join",
    "keep",
    "clear",
    "sign",
    "view",
    "sale",
    "bank",
    "lima",
    "dublin",
    "stock",
    "kept",
}


@cache
def concepts() -> tuple[tuple[str, ...], ...]:
    return tuple(
        tuple(t.strip() for t in line.split("|")) for line in CONCEPTS.strip().splitlines()
    )


@cache
def trigger_pattern(term: str) -> re.Pattern:
    return re.compile(r"(?<![\w-])" + re.escape(fold(term)) + r"(?![\w-])")


@cache
def concept_triggers() -> tuple[tuple[tuple[str, ...], tuple[tuple[str, re.Pattern], ...]], ...]:
    """Each concept with its strong triggers, (folded term, pattern), built once: every
    question and, for "which states" answers, every candidate paragraph is matched against
    every concept."""
    return tuple(
        (terms, tuple((fold(t), trigger_pattern(t)) for t in terms if fold(t) not in WEAK_TRIGGERS))
        for terms in concepts()
    )


def matched_concepts(text: str, folded: str | None = None) -> list[tuple[str, ...]]:
    """The concepts whose terms occur in TEXT (FOLDED: TEXT already folded; weak one-word
    triggers ignored). The substring test first: the pattern can only match where the folded
    term occurs, and it is ~50× faster."""
    folded = fold(text) if folded is None else folded
    return [
        terms
        for terms, triggers in concept_triggers()
        if any(term in folded and pattern.search(folded) for term, pattern in triggers)
    ]


def expand(text: str) -> str:
    """TEXT followed by the other-language and synonym terms of every concept it mentions."""
    folded = fold(text)
    extra = [
        t
        for terms in matched_concepts(text)
        for t in terms
        if not trigger_pattern(t).search(folded)
    ]
    return " ".join([text, *extra]) if extra else text
