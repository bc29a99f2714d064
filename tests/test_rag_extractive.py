"""The default answerer's pure helpers."""

from rag.extractive import content_words, expanded_words, overlap


def test_content_words_fold_accents_and_stem_in_the_letters_language():
    assert "evolu" in content_words("La position française a profondément évolué.", "fr")
    assert content_words("Évolution") == content_words("evolution")
    assert content_words("destroyed stockpiles") == content_words("destroying stockpile")


def test_overlap_meets_a_french_sentence_through_the_glossary():
    wanted = content_words("How did the position evolve?")
    expanded = expanded_words("How did the position evolve?")
    assert overlap(wanted, expanded, "La position a évolué.", "fr") == 1.0
    assert overlap(wanted, expanded, "The weather is fine.", "en") == 0.0


def test_years_of_a_bridged_question_do_not_make_it_a_comparison():
    from rag.extractive import compares_years
    from rag.query import analyse

    assert compares_years(analyse("How did Norway's policy change between 2008 and 2010?"))
    bridged = analyse(
        "Italy's 2012 letter names the city hosting the conference. What has the host "
        "country said about victims since 2008?"
    )
    assert bridged.bridges and not compares_years(bridged)


def test_a_part_is_cited_only_when_its_best_sentence_and_nearest_paragraph_agree():
    from types import SimpleNamespace

    from rag.extractive import Scored, agrees
    from rag.retrieve import Hit

    part = "what did it say had to happen before it could ratify?"
    signing, domestic_law, later = (SimpleNamespace(id=pid) for pid in ("p2", "p3", "p9"))
    hits = [Hit(signing, 1.0, 1), Hit(domestic_law, 0.9, 2, nearest_to=(part,)), Hit(later, 0.8, 3)]
    best_in = {hit.paragraph.id: [Scored(hit, 0, 10, 0.7)] for hit in hits}
    assert agrees(part, best_in["p3"], hits)
    assert not agrees(part, best_in["p9"], hits)
    assert agrees("another part?", best_in["p9"], hits)  # no nearest paragraph retrieved


def test_a_question_naming_one_year_is_answered_from_that_years_letters():
    from types import SimpleNamespace

    from rag.extractive import year_pool
    from rag.query import analyse
    from rag.retrieve import Hit

    def hit(pid, year, text, rank):
        return Hit(SimpleNamespace(id=pid, year=year, text=text), 1.0 / rank, rank)

    later = hit("p1", 2011, "The Netherlands maintains its view on Article 21.", 1)
    named = hit("p2", 2008, "The Netherlands attaches importance to Article 21.", 2)
    recalls = hit("p3", 2011, "In 2008 the Netherlands said it would take part.", 3)
    hits = [later, named, recalls]
    in_2008 = analyse("What was the Dutch view in 2008 on operations with allies?")
    assert [h.paragraph.id for h in year_pool(in_2008, hits)] == ["p2", "p3"]
    assert year_pool(analyse("What was the Dutch view on operations with allies?"), hits) == hits
    assert year_pool(analyse("How did the Dutch view change since 2008?"), hits) == hits
    assert year_pool(analyse("What was the Dutch view in 1999?"), hits) == hits  # none from then


def test_a_replys_courtesy_sentences_are_damped_in_every_letter_language():
    from types import SimpleNamespace

    from rag.courtesy import COURTESY
    from rag.extractive import Scored, damped

    courtesy = [
        "Thank you for your letter of 30 January 2009 on cluster munitions.",
        "Acusamos a recepção da carta de V. Exa., datada de 15 de Abril de 2011.",
        "La Mission permanente présente ses compliments à Human Rights Watch.",
        "The Permanent Mission presents its compliments to Human Rights Watch.",
    ]
    content = [
        "The Netherlands will retain a small number of cluster munitions for training.",
        "I have the honor to transmit herewith a letter from the Office of UN Affairs.",
    ]
    assert all(COURTESY.search(t) for t in courtesy)
    assert not any(COURTESY.search(t) for t in content)

    def scored(text, score):
        hit = SimpleNamespace(paragraph=SimpleNamespace(text=text))
        return Scored(hit, 0, len(text), score, score)

    thanks, answer = scored(courtesy[0], 1.0), scored(content[0], 0.8)
    kept, lowered = damped([answer, thanks], 0.5)
    assert kept == answer and (lowered.score, lowered.support) == (0.5, 0.5)
    assert damped([answer, thanks], 1.0) == [answer, thanks]  # 1: off


def test_a_best_sentence_sharing_none_of_the_questions_own_words_yields_the_lead():
    from types import SimpleNamespace

    from rag.extractive import Scored, focused

    def scored(text, score):
        hit = SimpleNamespace(paragraph=SimpleNamespace(text=text, language="en"))
        return Scored(hit, 0, len(text), score, score)

    signed = scored("The Lao PDR signed the Convention in Oslo on 3 December 2008.", 1.4)
    deposited = scored("The Lao PDR deposited its instrument of ratification in March 2009.", 1.2)
    unrelated = scored("The Lao PDR will deposit a report under Article 7.", 0.5)
    question = "On what date did Lao PDR deposit its instrument of ratification?"
    assert focused(question, [signed, deposited, unrelated], 0.5)[0] is deposited
    assert focused(question, [signed, unrelated], 0.5)[0] is signed  # 0.5 < half of 1.4
    assert focused(question, [signed, deposited], 1.0)[0] is signed  # 1: never
    on_signing = "When did Lao PDR sign the Convention?"
    assert focused(on_signing, [signed, deposited], 0.5)[0] is signed  # it names "sign"
