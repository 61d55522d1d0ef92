"""Paragraph audit: how faithfully the stored paragraphs of PDF reports follow the printed pages.

Usage: python benchmarks/audit.py [FOLDER_OR_PDF ...] [--show N]   (default: ../shared/corpus)

For each PDF it reads the document as briefing stores it and, independently, each page's raw text
and heading-styled lines (bold or large type) straight from pypdfium2, then counts five defects:

  fragment   a paragraph starting lower-case where the report's paragraph does not (it is not
             preceded on the page by a bullet or a printed number)
  join       ". x" inside a paragraph where the page never prints it on one line (two pieces glued)
  heading    a heading-styled line of the page found inside a paragraph (glued to it)
  numbering  numbers missing or repeated among the printed paragraph numbers of a numbered report
  not found  a paragraph whose text is not found, in order, in the text of the page(s) it cites
"""
from __future__ import annotations

import re
import sys
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.append(str(ROOT))  # after PYTHONPATH, so another checkout can be audited with this script

# The shared reports sit in `shared/corpus` beside the repository (or beside a folder holding it).
DEFAULT_CORPUS = next((p / "shared" / "corpus" for p in ROOT.parents if (p / "shared" / "corpus").is_dir()),
                      ROOT.parent / "shared" / "corpus")
KINDS = ("fragment", "join", "heading", "numbering", "not found")
CHECKED = ("para", "bullet", "lead")  # the kinds a briefing quotes
MARKER_BEFORE = re.compile(r"(?:[•◦▪■◼●\-–*\u2022\u25a0-\u25ff\uf000-\uf0ff]|\(?[a-z]\)|\d{1,3}\.)\s*$")
ABBREVIATION = re.compile(r"\b(?:e\.g|i\.e|etc|vs|cf|approx|no|nos|para|paras|p|pp|incl|St|Dr|Mr|Mrs|Ms|al|fig)\.$",
                          re.I)
JOIN = re.compile(r"(\S+\.)\s+([a-z]\w*)")


@dataclass(frozen=True)
class PageText:
    """One printed page as pypdfium2 gives it: its lines and the lines set in heading type."""

    lines: tuple[str, ...]
    headings: tuple[str, ...] = ()


@dataclass(frozen=True)
class Finding:
    kind: str
    pid: str
    detail: str


@dataclass
class Audit:
    name: str
    paragraphs: int = 0
    findings: list[Finding] = field(default_factory=list)

    def count(self, kind: str) -> int:
        return sum(1 for f in self.findings if f.kind == kind)


def norm(text: str) -> str:
    """Text compared as a reader reads it: compatible forms, plain quotes and dashes, one space."""
    text = unicodedata.normalize("NFKC", text).replace("\ufffe", "-")
    text = text.translate(str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "-"}))
    return " ".join(text.split())


def letters(text: str) -> str:
    """Only letters and digits, lower-cased: a stream that survives unwrapping and mended hyphens."""
    return "".join(ch for ch in unicodedata.normalize("NFKC", text).lower() if ch.isalnum())


def fragments(paragraphs: Sequence, pages: Sequence[PageText]) -> list[Finding]:
    out = []
    for p in paragraphs:
        if p.kind not in (*CHECKED, "heading", "table") or not p.text[:1].islower():
            continue  # a heading or a table row's area cut at a line wrap is a fragment too
        head = norm(p.text)[:20]
        lines = [norm(line) for line in _cited_lines(p, pages)]
        printed = False
        for i, line in enumerate(lines):
            at = line.find(head)
            before = line[:at] if at > 0 else (lines[i - 1] if i else "")
            if at >= 0 and MARKER_BEFORE.fullmatch(before.strip() + " ") or at > 0 and MARKER_BEFORE.search(before):
                printed = True  # the report itself starts this item in lower case, after its bullet or number
                break
        if not printed:
            out.append(Finding("fragment", p.pid, p.text[:60]))
    return out


def joins(paragraphs: Sequence, pages: Sequence[PageText]) -> list[Finding]:
    out = []
    for p in paragraphs:
        if p.kind not in CHECKED:
            continue
        text = norm(p.text)
        for m in JOIN.finditer(text):
            if ABBREVIATION.search(m.group(1)) or re.fullmatch(r"[\w.]*\.\w+\.", m.group(1)):
                continue  # 'e.g. the', a web address or an initialism at a sentence's end
            pair = f"{m.group(1)} {m.group(2)}"
            if not any(pair in norm(line) for line in _cited_lines(p, pages)):
                out.append(Finding("join", p.pid, text[max(0, m.start() - 30):m.end() + 20]))
    return out


def glued_headings(paragraphs: Sequence, pages: Sequence[PageText]) -> list[Finding]:
    out = []
    for p in paragraphs:
        if p.kind not in CHECKED:
            continue
        text = norm(p.text)
        for heading in _cited_headings(p, pages):
            h = norm(heading)
            if len(h.split()) < 3 or h == text:
                continue
            for m in re.finditer(re.escape(h), text):
                after = text[m.end():m.end() + 2].strip()
                before = text[:m.start()].rstrip()
                if (not after or after[:1].isupper() or after[:1].isdigit()) and (m.start() > 0 or m.end() < len(text)) \
                        and (not before or before.endswith((".", "?", "!", ":"))):
                    out.append(Finding("heading", p.pid, h[:60]))
                    break
    return out


PRINTED_NUMBER = re.compile(r"^\s*(\d{1,3})\.(?!\d)\s*\S")


def numbering(paragraphs: Sequence, pages: Sequence[PageText]) -> list[Finding]:
    """Where the pages number paragraphs (ten or more lines start "N. "), the stored printed numbers
    should run 1..N: each number missing or repeated is a defect."""
    printed = [int(m.group(1)) for page in pages for line in page.lines if (m := PRINTED_NUMBER.match(line))]
    if len(printed) < 10:
        return []
    stored = [p.pid for p in paragraphs if p.kind == "para" and re.fullmatch(r"\d+(\.\d+)?", p.pid)]
    times = Counter(printed)  # a number the report itself prints twice is not a reading error
    bases = Counter(int(pid.split(".")[0]) for pid in stored)
    out = [Finding("numbering", str(n), "repeated") for n, k in sorted(bases.items()) for _ in range(k - max(1, times[n]))]
    seen = {int(pid) for pid in stored if "." not in pid}
    out += [Finding("numbering", str(n), "missing") for n in range(1, max(printed) + 1) if n not in seen]
    return out


def not_found(paragraphs: Sequence, pages: Sequence[PageText]) -> list[Finding]:
    out = []
    for p in paragraphs:
        if p.kind == "meta" or p.page is None:
            continue
        want = letters(p.text)
        have = letters(" ".join(_cited_lines(p, pages)))
        if want and not in_order(want, have, pieces=3 + 2 * _span(p)):
            out.append(Finding("not found", p.pid, p.text[:60]))
    return out


def in_order(want: str, have: str, pieces: int) -> bool:
    """Whether `want` is found in `have` as at most `pieces` runs, in order (furniture may fall between)."""
    pos = 0
    for _ in range(pieces):
        if not want:
            return True
        lo, hi = 0, len(want)  # the longest prefix of `want` found after pos
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if have.find(want[:mid], pos) >= 0:
                lo = mid
            else:
                hi = mid - 1
        if lo < min(8, len(want)):
            return False
        pos = have.find(want[:lo], pos) + lo
        want = want[lo:]
    return not want


def _span(p) -> int:
    """Pages a paragraph runs on past its first; where the reader records no last page, one is allowed."""
    if not hasattr(p, "page_end"):
        return 1
    return (p.page_end - p.page) if p.page_end and p.page else 0


def _cited_pages(p, pages: Sequence[PageText]) -> Iterable[PageText]:
    if not p.page:
        return pages
    return pages[p.page - 1:p.page + _span(p)]


def _cited_lines(p, pages: Sequence[PageText]) -> list[str]:
    return [line for page in _cited_pages(p, pages) for line in page.lines]


def _cited_headings(p, pages: Sequence[PageText]) -> list[str]:
    return [h for page in _cited_pages(p, pages) for h in page.headings]


def audit(name: str, paragraphs: Sequence, pages: Sequence[PageText]) -> Audit:
    """Every defect of one document's paragraphs against its pages."""
    result = Audit(name, sum(1 for p in paragraphs if p.kind in CHECKED))
    result.findings = [*fragments(paragraphs, pages), *joins(paragraphs, pages),
                       *glued_headings(paragraphs, pages), *numbering(paragraphs, pages), *not_found(paragraphs, pages)]
    return result


def read_pages(path: Path) -> list[PageText]:
    """Each page's lines and heading-type lines, read with pypdfium2 directly (not through briefing)."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    pages = []
    document = pdfium.PdfDocument(str(path))
    try:
        for page in document:
            textpage = page.get_textpage()
            text = textpage.get_text_range()
            lines, styled, sizes = [], [], []
            pos = 0
            for line in text.split("\r\n"):
                start, pos = pos, pos + len(line) + 2
                if not line.strip():
                    continue
                lines.append(line)
                first = raw.FPDFText_GetCharIndexFromTextIndex(textpage, start + len(line) - len(line.lstrip()))
                last = raw.FPDFText_GetCharIndexFromTextIndex(textpage, start + len(line.rstrip()) - 1)
                if first < 0 or last < 0:
                    continue
                size = raw.FPDFText_GetFontSize(textpage, first)
                sizes.append(size)
                bold = min(raw.FPDFText_GetFontWeight(textpage, first), raw.FPDFText_GetFontWeight(textpage, last))
                styled.append((line.strip(), size, bold))
            body = sorted(sizes)[len(sizes) // 2] if sizes else 0
            headings = tuple(t for t, size, bold in styled if bold >= 600 or size >= 1.2 * body)
            pages.append(PageText(tuple(lines), headings))
            textpage.close()
            page.close()
    finally:
        document.close()
    return pages


def audit_file(path: Path) -> Audit:
    from briefing_tui.corpus import load_document

    return audit(path.name, load_document(path).paragraphs, read_pages(path))


def table(audits: Sequence[Audit]) -> str:
    rows = ["| defect | count | documents |", "|---|---|---|"]
    for kind in KINDS:
        n = sum(a.count(kind) for a in audits)
        docs = sum(1 for a in audits if a.count(kind))
        rows.append(f"| {kind} | {n} | {docs} |")
    rows.append(f"| (paragraphs checked) | {sum(a.paragraphs for a in audits)} | {len(audits)} |")
    return "\n".join(rows)


def pdfs(paths: Sequence[Path]) -> list[Path]:
    found: list[Path] = []
    for path in paths:
        found.extend(sorted(path.rglob("*.pdf")) if path.is_dir() else [path])
    return found


def main(argv: list[str]) -> int:
    show = 0
    if "--show" in argv:
        i = argv.index("--show")
        show = int(argv[i + 1])
        argv = argv[:i] + argv[i + 2:]
    paths = [Path(a) for a in argv] or [DEFAULT_CORPUS]
    missing = [str(p) for p in paths if not p.exists()]
    if missing:
        print(f"audit: no such file or folder: {', '.join(missing)}", file=sys.stderr)
        return 2
    files = pdfs(paths)
    if not files:
        print("audit: no PDF files found", file=sys.stderr)
        return 2
    audits = [audit_file(path) for path in files]
    for a in audits:
        for f in a.findings[:show]:
            print(f"{a.name}\t{f.kind}\t{f.pid}\t{f.detail}")
    print(table(audits))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
