"""A synthetic corpus N times larger, made in the store itself: each real report copied under other
council names (annotations copied, not recomputed), so query latency can be measured at scale."""
from __future__ import annotations

import json
import sqlite3


def multiply(con: sqlite3.Connection, doc_ids: list[int], times: int) -> list[int]:
    """Add (times - 1) renamed copies of each document; returns the ids of all documents."""
    all_ids = list(doc_ids)
    con.execute("BEGIN")
    for k in range(1, times):
        for doc in doc_ids:
            sha, name, path, fmt, meta, pipeline, paras, chars = con.execute(
                "SELECT sha, name, path, fmt, meta, pipeline, paragraphs, chars FROM documents WHERE id = ?",
                (doc,)).fetchone()
            m = json.loads(meta)
            m["council"] = f"Synthetic {k} {m.get('council') or 'Council'}"
            cur = con.execute(
                "INSERT INTO documents(sha, name, path, fmt, meta, pipeline, paragraphs, chars) VALUES (?,?,?,?,?,?,?,?)",
                (f"{sha}-synthetic-{k}", f"synthetic-{k}-{name}", path, fmt, json.dumps(m), pipeline, paras, chars))
            new = cur.lastrowid
            all_ids.append(new)
            para_map = {}
            for pid, *row in con.execute(
                    "SELECT id, idx, pid, kind, section, prior, page, text, topics, terms, nterms, lead FROM paragraphs "
                    "WHERE doc = ?", (doc,)).fetchall():
                cur = con.execute("INSERT INTO paragraphs(doc, idx, pid, kind, section, prior, page, text, topics, terms, "
                                  "nterms, lead) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)", (new, *row))
                para_map[pid] = cur.lastrowid
            con.executemany("INSERT INTO para_postings VALUES (?,?,?,?)",
                            [(t, w, para_map[p], new) for t, w, p in con.execute(
                                "SELECT term, impact, para FROM para_postings WHERE doc = ?", (doc,)).fetchall()])
            sent_map = {}
            for sid, *row in con.execute("SELECT id, para, start, end, role, pos, neg, action, figures, speaker, voice, "
                                         "topics, entities, terms, nterms FROM sentences WHERE doc = ?", (doc,)).fetchall():
                cur = con.execute("INSERT INTO sentences(doc, para, start, end, role, pos, neg, action, figures, speaker, "
                                  "voice, topics, entities, terms, nterms) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                                  (new, para_map[row[0]], *row[1:]))
                sent_map[sid] = cur.lastrowid
            con.executemany("INSERT INTO postings VALUES (?,?,?,?)",
                            [(t, w, sent_map[s], new) for t, w, s in con.execute(
                                "SELECT term, impact, sent FROM postings WHERE doc = ?", (doc,)).fetchall()])
            con.execute("INSERT INTO doc_terms(doc, term, df) SELECT ?, term, df FROM doc_terms WHERE doc = ?", (new, doc))
            for area, grade, para, start, end in con.execute(
                    "SELECT area, grade, para, start, end FROM judgements WHERE doc = ?", (doc,)).fetchall():
                con.execute("INSERT INTO judgements VALUES (?,?,?,?,?,?)", (new, area, grade, para_map[para], start, end))
    con.execute("COMMIT")
    return all_ids
