"""Paragraphs as printed: the layout rules on small, made-up pages."""
from briefing_tui.corpus.layout import Line, _same_line, footnote_start, running
from briefing_tui.corpus.printed import blocks_from_lines

BODY = 12.0
PITCH = 14.5


def line(text, top, x0=71.0, page=1, size=BODY, bold=False, **kw):
    return Line(page, x0, x0 + 6 * len(text), top, top + size, size, bold, text, **kw)


def para(texts, top, page=1, number=None, x0=71.0, indent=99.0):
    """A paragraph's lines from `top` down; a numbered one hangs its text at `indent`."""
    out = []
    for i, text in enumerate(texts):
        if i == 0 and number:
            out.append(line(f"{number}. {text}", top, x0, page))
        else:
            out.append(line(text, top + i * PITCH, indent if number else x0, page))
    return out


def read(*pages, notes=None):
    pages = [list(p) for p in pages]
    return blocks_from_lines(pages, notes or [[] for _ in pages], BODY, set())


def test_wrapped_heading_is_one_heading_and_never_joins_a_paragraph():
    blocks = read([
        line("The experiences and progress of children who need help and", 100, size=14, bold=True),
        line("protection: good", 117, size=14, bold=True),
        *para(["Children and families benefit from effective family help", "services that have improved."], 145,
              number="1"),
    ])
    assert [(b.kind, b.text) for b in blocks] == [
        ("heading", "The experiences and progress of children who need help and protection: good"),
        ("para", "Children and families benefit from effective family help services that have improved.")]
    assert blocks[1].number == "1" and blocks[1].section == blocks[0].text


def test_heading_path_follows_the_headings_rank():
    blocks = read([
        line("Inspection of a local authority", 60, size=26),
        line("The experiences and progress of children in care: good", 100, size=14, bold=True),
        line("Areas for improvement", 125, bold=True),
        line("Plans are reviewed.", 150),
        line("The impact of leaders: good", 180, size=14, bold=True),
        line("Leaders know their services.", 205),
    ])
    paths = {b.text: b.path for b in blocks}
    assert paths["Plans are reviewed."] == ("Inspection of a local authority > The experiences and progress of children "
                                            "in care: good > Areas for improvement")
    assert paths["Leaders know their services."] == "Inspection of a local authority > The impact of leaders: good"
    assert paths["The impact of leaders: good"] == "Inspection of a local authority"


def test_heading_with_footnote_marker_keeps_its_bullets():
    blocks = read([
        line("What needs to improve?", 100, size=14, bold=True, marker="1"),
        line("1", 98, x0=230, size=6.5),  # the marker printed as a line of its own
        line("◼ The consistency of work with children subject to care", 125),
        line("proceedings. (Outcome 2, national framework)", 125 + PITCH, x0=89),
        line("◼ The quality of life-story work.", 125 + 3 * PITCH),
    ])
    assert blocks[0].text == "What needs to improve?"
    items = [b for b in blocks if b.kind == "bullet"]
    assert len(items) == 2 and all(b.section == "What needs to improve?" for b in items)
    assert items[0].text.endswith("care proceedings. (Outcome 2, national framework)")


def test_page_broken_paragraph_goes_on_across_a_footnote_and_records_both_pages():
    first = para(["Leaders have taken some steps to strengthen supervision", "arrangements, particularly for"], 600,
                 number="8")
    note = [line("2", 760, size=6.5), line("The local authority was given the opportunity.", 762, size=10)]
    second = [line("less-experienced staff. Supervision is regular.", 80, x0=99, page=2),
              *para(["Managers know their teams well."], 110, page=2, number="9")]
    blocks = read(first, second, notes=[note, []])
    paras = [b for b in blocks if b.kind == "para"]
    assert [b.number for b in paras] == ["8", "9"]
    assert paras[0].text.endswith("arrangements, particularly for less-experienced staff. Supervision is regular.")
    assert (paras[0].page, paras[0].page_end) == (1, 2)
    assert [b.text for b in blocks if b.kind == "footnote"] == ["² The local authority was given the opportunity."]


def test_a_number_wrapped_at_the_texts_indent_is_not_a_new_paragraph():
    blocks = read([
        line("24. Care leavers are supported by TESS with their health until age", 100),
        line("25. Young people's well-being is held in mind.", 100 + PITCH, x0=99),
        line("25. The next paragraph starts at the margin.", 100 + 3 * PITCH),
    ])
    assert [b.number for b in blocks] == ["24", "25"]
    assert blocks[0].text.endswith("until age 25. Young people's well-being is held in mind.")


def test_number_printed_without_its_point_follows_the_run():
    blocks = read([*para(["Support for children is tailored."], 100, number="33"),
                   line("34 Most children in care live in stable placements.", 100 + 2.5 * PITCH)])
    assert [b.number for b in blocks] == ["33", "34"]
    assert blocks[1].text == "Most children in care live in stable placements."


def test_judgement_row_whose_area_wraps_and_grade_stands_beside_it():
    blocks = read([
        line("Judgement Grade", 80, bold=True),
        line("The experiences and progress of", 110, x0=77),
        line("children who need help and protection", 110 + PITCH, x0=77),
        line("Requires improvement to be good", 110, x0=303),
        line("Overall effectiveness", 150, x0=77),
        line("Good", 150, x0=303),
    ])
    rows = [b.text for b in blocks if b.kind == "table"]
    assert rows == ["Judgement\tGrade",
                    "The experiences and progress of children who need help and protection\tRequires improvement to be good",
                    "Overall effectiveness\tGood"]


def test_judgement_row_whose_grade_stands_beside_the_areas_last_line():
    blocks = read([
        line("Judgement Grade", 80, bold=True),
        line("The impact of leaders on social work practice with children", 110, x0=79),
        line("and families Good", 110 + PITCH, x0=79, cell=len("and families ")),
        line("Overall effectiveness Good", 150, x0=79, cell=len("Overall effectiveness ")),
    ])
    rows = [b.text for b in blocks if b.kind == "table"]
    assert rows[1:] == ["The impact of leaders on social work practice with children and families\tGood",
                        "Overall effectiveness\tGood"]


def test_ofsteds_back_page_is_marked_boilerplate_not_dropped():
    blocks = read(para(["Leaders know their services well."], 100),
                  [line("The Office for Standards in Education, Children's Services and Skills (Ofsted) regulates", 80,
                        page=2, size=10),
                   line("and inspects to achieve excellence.", 92, page=2, size=10),
                   line("Piccadilly Gate", 150, page=2, size=10)])
    assert [b.kind for b in blocks] == ["para", "boilerplate", "boilerplate"]


def test_a_piece_split_off_at_a_raised_footnote_number_joins_its_line():
    pieces = [Line(6, 116, 333, 523, 534, 12, False, "four live in residential special schools,"),
              Line(6, 332.8, 480, 521, 529, 12, False, "3 of whom all live out of the", raised=True)]
    assert [p.text for p in _same_line(pieces)] == ["four live in residential special schools, of whom all live out of the"]


def test_running_lines_and_page_numbers_are_furniture():
    pages = [[line("Inspection of Hounslow children's services", 800, page=p), line(str(p), 815, x0=500, page=p),
              line("Body text that differs on every page number " + "x" * p, 300, page=p)] for p in range(1, 5)]
    found = running(pages, [842.0] * 4)
    assert found == {(p, i) for p in range(4) for i in (0, 1)}


def test_footnotes_are_the_small_type_at_a_pages_foot():
    lines = [line("Body text.", 700), line("1", 770, size=6.5), line("Ofsted produces this report.", 772, size=10),
             line("It continues here.", 784, size=10)]
    assert footnote_start(lines, BODY) == 1
    assert footnote_start(lines[:1], BODY) == 1
