"""A synthetic corpus N times larger, made in the store itself: each real report copied under other
council names (annotations copied, not recomputed), so query latency can be measured at scale.
Copies are made with set-based SQL and id offsets, so a tenfold copy takes a minute, not an hour."""
from __future__ import annotations

import sqlite3


def multiply(con: sqlite3.Connection, doc_ids: list[int], times: int) -> list[int]:
    """Add (times - 1) renamed copies of the given documents; returns the ids of all of them."""
    con.execute("PRAGMA journal_mode=OFF")  # a throwaway benchmark store: no journal to grow
    con.execute("PRAGMA synchronous=OFF")
    con.execute("CREATE TEMP TABLE src(id INTEGER PRIMARY KEY)")
    con.executemany("INSERT INTO src VALUES (?)", [(d,) for d in doc_ids])
    step = {t: con.execute(f"SELECT coalesce(max(id), 0) + 1 FROM {t}").fetchone()[0]
            for t in ("documents", "paragraphs", "sentences")}
    all_ids = list(doc_ids)
    con.execute("BEGIN")
    for k in range(1, times):
        d, p, s = (k * step[t] for t in ("documents", "paragraphs", "sentences"))
        con.execute(
            "INSERT INTO documents(id, sha, name, path, fmt, meta, pipeline, paragraphs, chars) "
            "SELECT id + ?, sha || '-synthetic-' || ?, 'synthetic-' || ? || '-' || name, path, fmt, "
            "json_set(meta, '$.council', 'Synthetic ' || ? || ' ' || coalesce(json_extract(meta, '$.council'), 'Council')), "
            "pipeline, paragraphs, chars FROM documents WHERE id IN (SELECT id FROM src)", (d, k, k, k))
        con.execute(
            "INSERT INTO paragraphs(id, doc, idx, pid, kind, section, prior, page, page_end, path, text, topics, terms, nterms, lead) "
            "SELECT id + ?, doc + ?, idx, pid, kind, section, prior, page, page_end, path, text, topics, terms, nterms, lead "
            "FROM paragraphs WHERE doc IN (SELECT id FROM src)", (p, d))
        con.execute(
            "INSERT INTO sentences(id, doc, para, start, end, role, pos, neg, action, figures, speaker, voice, topics, "
            "entities, terms, nterms) SELECT id + ?, doc + ?, para + ?, start, end, role, pos, neg, action, figures, "
            "speaker, voice, topics, entities, terms, nterms FROM sentences WHERE doc IN (SELECT id FROM src)", (s, d, p))
        con.execute("INSERT INTO postings SELECT term, impact, sent + ?, doc + ? FROM postings "
                    "WHERE doc IN (SELECT id FROM src) ORDER BY term, impact", (s, d))
        con.execute("INSERT INTO para_postings SELECT term, impact, para + ?, doc + ? FROM para_postings "
                    "WHERE doc IN (SELECT id FROM src) ORDER BY term, impact", (p, d))
        con.execute("INSERT INTO doc_terms SELECT doc + ?, term, df FROM doc_terms WHERE doc IN (SELECT id FROM src)", (d,))
        con.execute("INSERT INTO judgements SELECT doc + ?, area, grade, para + ?, start, end FROM judgements "
                    "WHERE doc IN (SELECT id FROM src)", (d, p))
        con.execute("INSERT INTO people SELECT doc + ?, name, key, quotes FROM people WHERE doc IN (SELECT id FROM src)", (d,))
        all_ids += [i + d for i in doc_ids]
    con.execute("COMMIT")
    return all_ids
