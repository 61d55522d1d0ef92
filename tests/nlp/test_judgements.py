from briefing_tui.corpus import load_document
from briefing_tui.nlp.judgements import find_judgements
from tests.conftest import SEEDS


def test_report_judgements_by_area():
    doc = load_document(SEEDS / "003_ecc5ab33cf1005e7.txt")
    found = {j.area: j.grade for j in find_judgements([(p.kind, p.text) for p in doc.paragraphs], doc.meta.kind)}
    assert found == {"overall": "requires improvement", "help_protection": "requires improvement",
                     "children_in_care": "requires improvement", "adoption": "requires improvement",
                     "care_leavers": "requires improvement", "leadership": "requires improvement",
                     "lscb": "requires improvement"}


def test_table_of_2018_framework():
    paras = [("heading", "Judgement Grade"),
             ("table", "The impact of leaders on social work practice with children and families\tOutstanding"),
             ("table", "The experiences and progress of children in care and care leavers\tGood"),
             ("table", "Overall effectiveness\tGood")]
    found = {(j.area, j.grade) for j in find_judgements(paras, "report")}
    assert found == {("leadership", "outstanding"), ("children_in_care", "good"), ("care_leavers", "good"),
                     ("overall", "good")}


def test_news_reports_but_does_not_grade():
    assert find_judgements([("para", "The overall judgement was 'requires improvement'.")], "news") == []
