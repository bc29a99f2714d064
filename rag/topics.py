"""The fixed set of policy topics a Monitor country profile covers, with their query texts in
English, French, Spanish and Portuguese and the words that name each topic (pure).

Serves the state timeline and the earliest-vs-latest comparison: for each letter and topic, the
body paragraph that names the topic and is most similar to one of its query texts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from rag.courtesy import is_courtesy
from rag.states import fold


@dataclass(frozen=True)
class Topic:
    """One policy topic: QUERIES are embedded (one per language), TERMS are regular-expression
    fragments over folded text, matched as whole words, that name the topic in any language."""

    key: str
    label: str
    queries: tuple[str, ...]
    terms: tuple[str, ...]

    def named_in(self, text: str) -> bool:
        """Does TEXT name this topic (in any of the four languages)?"""
        return bool(term_pattern(self.terms).search(fold(text)))


@cache
def term_pattern(terms: tuple[str, ...]) -> re.Pattern:
    return re.compile(r"(?<![\w-])(?:" + "|".join(terms) + r")(?![\w-])")


# fmt: off  (a data table: each topic's words read best packed)
TOPICS: tuple[Topic, ...] = (
    Topic(
        "ccm",
        "Convention on Cluster Munitions / Oslo process",
        (
            "Our position on signing and ratifying the Convention on Cluster Munitions and on "
            "the Oslo process",
            "Notre position sur la signature et la ratification de la Convention sur les armes "
            "à sous-munitions et le processus d'Oslo",
            "Nuestra posición sobre la firma y ratificación de la Convención sobre Municiones "
            "en Racimo y el proceso de Oslo",
            "A nossa posição sobre a assinatura e ratificação da Convenção sobre Munições "
            "Cluster e o processo de Oslo",
        ),
        (
            r"convention on cluster munitions",
            r"oslo",
            r"dublin",
            r"wellington",
            r"ccm",
            r"convention sur les armes a sous-munitions",
            r"convencion sobre municiones",
            r"convencao sobre (?:as )?munic\w*",
            r"ratif\w*",
            r"sign(?:ed|ing|ature)",
            r"signe\w*",
            r"firm\w*",
            r"assin\w*",
            r"accession",
            r"adhesi\w*",
            r"adhes\w*",
        ),
    ),
    Topic(
        "ccw",
        "Convention on Certain Conventional Weapons (CCW)",
        (
            "Our view of the Convention on Certain Conventional Weapons (CCW) and its "
            "negotiations on cluster munitions",
            "Notre position sur la Convention sur certaines armes classiques (CCAC) et ses "
            "négociations sur les armes à sous-munitions",
            "Nuestra posición sobre la Convención sobre Ciertas Armas Convencionales (CCAC) y "
            "sus negociaciones sobre municiones en racimo",
            "A nossa posição sobre a Convenção sobre Certas Armas Convencionais (CCAC) e as "
            "negociações sobre munições cluster",
        ),
        (
            r"ccw",
            r"ccac",
            r"certain conventional weapons",
            r"certaines armes classiques",
            r"ciertas armas convencionales",
            r"certas armas convencionais",
            r"group of governmental experts",
            r"high contracting part\w*",
            r"protocol v\w*",
        ),
    ),
    Topic(
        "use",
        "Use",
        (
            "Our armed forces have used, or have never used, cluster munitions",
            "Nos forces armées ont employé, ou n'ont jamais employé, d'armes à sous-munitions",
            "Nuestras fuerzas armadas han empleado, o nunca han empleado, municiones en racimo",
            "As nossas forças armadas usaram, ou nunca usaram, munições cluster",
        ),
        (
            r"us(?:e|ed|es|ing)",
            r"employ\w*",
            r"utilis\w*",
            r"utiliz\w*",
            r"emploi\w*",
            r"emple\w*",
            r"uso",
            r"usar\w*",
            r"usad\w*",
            r"fired",
            r"dropped",
        ),
    ),
    Topic(
        "production",
        "Production",
        (
            "Whether our country produces or has produced cluster munitions",
            "Si notre pays produit ou a produit des armes à sous-munitions",
            "Si nuestro país produce o ha producido municiones en racimo",
            "Se o nosso país produz ou produziu munições cluster",
        ),
        (
            r"produc(?:e|es|ed|tion|ido|cion|ao)",
            r"produz\w*",
            r"produi\w*",
            r"manufactur\w*",
            r"fabric\w*",
            r"industr\w*",
        ),
    ),
    Topic(
        "transfer",
        "Transfer",
        (
            "Whether our country exports, imports or transfers cluster munitions",
            "Si notre pays exporte, importe ou transfère des armes à sous-munitions",
            "Si nuestro país exporta, importa o transfiere municiones en racimo",
            "Se o nosso país exporta, importa ou transfere munições cluster",
        ),
        (
            r"transfer\w*",
            r"transfert\w*",
            r"transfi\w*",
            r"transferenc\w*",
            r"export\w*",
            r"import(?:s|ed|ing|ation|acion|acao|er|ar)?",
            r"sales?",
            r"sell\w*",
            r"vend\w*",
        ),
    ),
    Topic(
        "stockpile",
        "Stockpiling and destruction",
        (
            "The cluster munitions our armed forces stockpile and our programme to destroy them",
            "Les stocks d'armes à sous-munitions de nos forces armées et leur destruction",
            "Las existencias de municiones en racimo de nuestras fuerzas armadas y su destrucción",
            "Os estoques de munições cluster das nossas forças armadas e a sua destruição",
        ),
        (
            r"stock\w*",
            r"destr\w*",
            r"detrui\w*",
            r"arsenal\w*",
            r"existencias",
            r"estoque\w*",
            r"demilitari\w*",
            r"retain\w*",
            r"retention",
        ),
    ),
    Topic(
        "transit",
        "Transit and foreign stockpiling",
        (
            "Transit of cluster munitions through our territory and foreign stockpiles of "
            "cluster munitions on our territory",
            "Le transit d'armes à sous-munitions sur notre territoire et les stocks étrangers",
            "El tránsito de municiones en racimo por nuestro territorio y las existencias "
            "extranjeras",
            "O trânsito de munições cluster pelo nosso território e os estoques estrangeiros",
        ),
        (
            r"transit(?:s|ed|ing|o)?",
            r"foreign (?:forces|stock\w*|military|states?)",
            r"(?:its|our|their|national) territory",
            r"territoire",
            r"territorio",
            r"territorio nacional",
            r"bases?",
            r"passage",
        ),
    ),
    Topic(
        "victims",
        "Victim assistance",
        (
            "Our assistance to the victims and survivors of cluster munitions",
            "Notre assistance aux victimes et aux survivants des armes à sous-munitions",
            "Nuestra asistencia a las víctimas y sobrevivientes de municiones en racimo",
            "A nossa assistência às vítimas e sobreviventes de munições cluster",
        ),
        (
            r"victim\w*",
            r"vitima\w*",
            r"survivor\w*",
            r"survivant\w*",
            r"sobrevivi\w*",
            r"sobrevivent\w*",
            r"casualt\w*",
            r"rehabilita\w*",
            r"reeducation",
        ),
    ),
    Topic(
        "clearance",
        "Clearance",
        (
            "Clearance of cluster munition remnants and contaminated land",
            "La dépollution des restes d'armes à sous-munitions et des zones contaminées",
            "La limpieza de restos de municiones en racimo y de zonas contaminadas",
            "A limpeza de restos de munições cluster e de áreas contaminadas",
        ),
        (
            r"clear\w*",
            r"demin\w*",
            r"desmina\w*",
            r"depollu\w*",
            r"contamina\w*",
            r"descontamina\w*",
            r"remnants",
            r"unexploded",
            r"limpieza",
            r"risk education",
        ),
    ),
)
# fmt: on


def topic(key: str) -> Topic:
    """The topic with KEY ("ccm", "ccw", "use", …)."""
    return next(t for t in TOPICS if t.key == key)


@dataclass(frozen=True)
class TopicMatch:
    """The paragraph of a letter that best states its policy on a topic."""

    topic: Topic
    paragraph: object  # IndexedParagraph
    score: float  # cosine of its best sentence to the nearest of the topic's query texts


def best_per_topic(paragraphs, similarity, topics=TOPICS) -> list[TopicMatch]:
    """For each topic, the paragraph of PARAGRAPHS (one letter's body paragraphs) that names it
    and whose best sentence is most similar to one of its query texts; topics no paragraph
    names are left out. SIMILARITY(paragraph, topic) -> float is given by the caller."""
    found = []
    for t in topics:
        naming = [p for p in paragraphs if t.named_in(p.text)]
        if not naming:
            continue
        scored = [(is_courtesy(p.text), -similarity(p, t), p) for p in naming]
        courtesy, negative, best = min(scored, key=lambda row: row[:2])
        found.append(TopicMatch(t, best, -negative))
    return found
