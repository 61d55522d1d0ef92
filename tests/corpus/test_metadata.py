from briefing_tui.corpus import load_document
from tests.conftest import SEEDS


def test_report_metadata():
    meta = load_document(SEEDS / "003_ecc5ab33cf1005e7.txt").meta
    assert meta.kind == "report"
    assert meta.council == "Hounslow"
    assert (meta.inspection_start, meta.inspection_end) == ("2014-01-14", "2014-02-05")
    assert meta.publisher == "Ofsted"
    assert meta.year == 2014


def test_letter_metadata():
    meta = load_document(SEEDS / "004_cb818747d87c614a.txt").meta
    assert meta.kind == "letter"
    assert meta.published == "2011-07-14"
    assert meta.inspection_end == "2011-06-16"
    assert meta.title.startswith("Annual unannounced inspection of contact, referral and assessment")
    assert meta.date == "2011-07-14", "a letter is known by the date it prints, not its inspection's end"


def test_news_metadata():
    dated = load_document(SEEDS / "001_78a7f9386b4f35df.txt").meta
    assert dated.kind == "news" and dated.published == "2014-03-24" and dated.council == "Hounslow"
    undated = load_document(SEEDS / "000_42cef87f600fa6cf.txt").meta
    assert undated.kind == "news" and undated.published is None and undated.year is None


def test_news_headline_and_printed_date():
    dated = load_document(SEEDS / "001_78a7f9386b4f35df.txt").meta
    assert dated.headline == "Local Childrens' Services 'Require Improvement'" and dated.date_source == "text"
    titled = load_document(SEEDS / "002_31433ffbdd26cf5e.txt").meta
    assert titled.headline == "Hounslow has improved children's services" and titled.published is None
    assert titled.outlet is None  # a web designer's footer is not a publication
    # an article opening with a sentence has no headline; it is named by its opening words instead
    assert load_document(SEEDS / "000_42cef87f600fa6cf.txt").meta.headline is None


def test_paragraph_numbering_is_recorded():
    assert load_document(SEEDS / "003_ecc5ab33cf1005e7.txt").meta.numbered is True
    assert load_document(SEEDS / "001_78a7f9386b4f35df.txt").meta.numbered is False


def write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return load_document(path).meta


ARTICLE = ("{head}\n\nCouncillors said the council's children's services had improved, inspectors from Ofsted said.\n\n"
           "At 31 March 2013, 1,758 children were in need, the report says.\n\n{foot}\n")


def test_a_files_date_is_not_an_articles_date(tmp_path):
    meta = write(tmp_path, "2024-05-01-article.txt", ARTICLE.format(head="Hounslow services improve", foot="Ends"))
    assert meta.kind == "news" and meta.published is None and meta.year is None
    report = load_document(SEEDS / "003_ecc5ab33cf1005e7.txt").meta
    assert report.published is None  # and a date in a sentence is not a publication date either


def test_article_dates_and_outlets_as_printed(tmp_path):
    meta = write(tmp_path, "a.txt", ARTICLE.format(head="Hounslow services improve\n\nPublished: 20 November 2018 09:14",
                                                   foot="© 2018 Hounslow Chronicle. All rights reserved."))
    assert (meta.published, meta.outlet, meta.headline) == ("2018-11-20", "Hounslow Chronicle", "Hounslow services improve")
    meta = write(tmp_path, "b.txt", ARTICLE.format(head="Hounslow services improve", foot="Source: BBC News\n\nMarch 24, 2014"))
    assert (meta.published, meta.outlet) == ("2014-03-24", "BBC News")
