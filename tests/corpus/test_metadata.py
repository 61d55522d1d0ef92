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


def test_news_metadata():
    dated = load_document(SEEDS / "001_78a7f9386b4f35df.txt").meta
    assert dated.kind == "news" and dated.published == "2014-03-24" and dated.council == "Hounslow"
    undated = load_document(SEEDS / "000_42cef87f600fa6cf.txt").meta
    assert undated.kind == "news" and undated.published is None and undated.year is None
