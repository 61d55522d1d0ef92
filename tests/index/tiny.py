"""A tiny store built by hand (no spaCy): two documents, a few paragraphs and sentences with their terms,
for unit tests of retrieval and ranking on fixed input."""
from __future__ import annotations

import sqlite3

from briefing_tui.corpus.metadata import DocMeta
from briefing_tui.index.store import SCHEMA, TYPICAL_PARAGRAPH, TYPICAL_SENTENCE, impacts
from briefing_tui.nlp.text import stems

DOCS = {
    1: DocMeta("report", "Inspection of Alpha", "Alpha", "2023-01-09", "2023-01-20", "2023-03-01", "Ofsted"),
    2: DocMeta("news", "Alpha council responds", "Alpha", None, None, "2023-03-02", "Alpha Echo"),
}
# doc, paragraph index, section, prior, [(sentence text, role, positive, negative, action)]
PARAGRAPHS = [
    (1, 0, "Overall effectiveness", None, [("Overall effectiveness Requires improvement to be good", "neutral", 0, 0, 0)]),
    (1, 1, "What needs to improve", "action", [("The timeliness of adoption for children.", "action", 0, 0, 4)]),
    (1, 2, "Children in care", None, [("Adoption is too slow for many children and delays are long.", "weakness", 0, 3, 0),
                                      ("Foster carers are well supported.", "strength", 3, 0, 0)]),
    (2, 0, "", None, [("Adoption is too slow for many children and delays are long.", "weakness", 0, 3, 0)]),
]


def tiny_store() -> sqlite3.Connection:
    con = sqlite3.connect(":memory:")
    con.executescript(SCHEMA)
    for doc, meta in DOCS.items():
        con.execute("INSERT INTO documents(id, sha, name, path, fmt, meta, pipeline, paragraphs, chars) "
                    "VALUES (?,?,?,?,?,?,?,?,?)", (doc, f"sha{doc}", f"doc{doc}.txt", f"/x/doc{doc}.txt", "txt",
                                                   meta.to_json(), "test", 0, 0))
    df: dict[tuple[int, str], int] = {}
    for doc, idx, section, prior, sentences in PARAGRAPHS:
        text = " ".join(s[0] for s in sentences)
        terms = stems(text, drop_stop=True)
        cur = con.execute("INSERT INTO paragraphs(doc, idx, pid, kind, section, prior, page, text, topics, terms, "
                          "nterms, lead) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                          (doc, idx, str(idx + 1), "para", section, prior, 1, text, "", " ".join(terms), len(terms), idx == 0))
        para = cur.lastrowid
        con.executemany("INSERT INTO para_postings VALUES (?,?,?,?)",
                        [(t, w, para, doc) for t, w in impacts(terms, TYPICAL_PARAGRAPH).items()])
        start = 0
        for sentence, role, pos, neg, action in sentences:
            s_terms = stems(sentence, drop_stop=True)
            cur = con.execute("INSERT INTO sentences(doc, para, start, end, role, pos, neg, action, figures, speaker, "
                              "voice, topics, entities, terms, nterms) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                              (doc, para, start, start + len(sentence), role, pos, neg, action, "", None, None, "", "",
                               " ".join(s_terms), len(s_terms)))
            con.executemany("INSERT INTO postings VALUES (?,?,?,?)",
                            [(t, w, cur.lastrowid, doc) for t, w in impacts(s_terms, TYPICAL_SENTENCE).items()])
            for t in set(s_terms):
                df[(doc, t)] = df.get((doc, t), 0) + 1
            start += len(sentence) + 1
    con.executemany("INSERT INTO doc_terms(doc, term, df) VALUES (?,?,?)", [(d, t, n) for (d, t), n in df.items()])
    return con


def graded_store() -> sqlite3.Connection:
    """The tiny store and a third document laid out as a graded report: title, grades table, headline
    paragraph, 'What needs to improve?' and its bullet, and a body paragraph that says how things changed."""
    con = tiny_store()
    meta = DocMeta("report", "Inspection of Beta", "Beta", "2024-01-09", "2024-01-20", "2024-03-01", "Ofsted")
    con.execute("INSERT INTO documents(id, sha, name, path, fmt, meta, pipeline, paragraphs, chars) VALUES "
                "(3, 'sha3', 'doc3.txt', '/x/doc3.txt', 'txt', ?, 'test', 0, 0)", (meta.to_json(),))
    layout = [("heading", "Inspection of Beta", None), ("table", "Overall effectiveness\tGood", None),
              ("para", "Children in Beta continue to receive good services.", "neutral"),
              ("heading", "What needs to improve?", None), ("bullet", "The timeliness of plans.", "action"),
              ("heading", "Children in care", None), ("para", "Adoption has improved since the last inspection.", "strength")]
    for idx, (kind, text, role) in enumerate(layout):
        terms = stems(text, drop_stop=True)
        cur = con.execute("INSERT INTO paragraphs(doc, idx, pid, kind, section, prior, page, text, topics, terms, nterms,"
                          " lead) VALUES (3,?,?,?,?,?,1,?,'',?,?,0)",
                          (idx, f"p{idx + 1}", kind, "", "action" if kind == "bullet" else None, text, " ".join(terms),
                           len(terms)))
        if kind == "table":
            con.execute("INSERT INTO judgements VALUES (3, 'overall', 'good', ?, 0, ?)", (cur.lastrowid, len(text)))
        if role:
            s = con.execute("INSERT INTO sentences(doc, para, start, end, role, pos, neg, action, figures, speaker, "
                            "voice, topics, entities, terms, nterms) VALUES (3,?,0,?,?,1,0,0,'',NULL,NULL,'','',?,?)",
                            (cur.lastrowid, len(text), role, " ".join(terms), len(terms)))
            con.executemany("INSERT INTO postings VALUES (?,?,?,3)",
                            [(t, w, s.lastrowid) for t, w in impacts(terms, TYPICAL_SENTENCE).items()])
            con.executemany("INSERT INTO doc_terms(doc, term, df) VALUES (3,?,1)", [(t,) for t in set(terms)])
    return con
