import datetime as dt

from langerthuis.formatting import format_date, format_number, format_value


def test_dutch_numbers():
    assert format_value(9.1, "percentage", 1) == "9,1%"
    assert format_value(37469, "hours") == "37.469 uur"
    assert format_number(13.3, 1) == "13,3"
    assert format_number(68.0, 1) == "68,0"
    assert format_number(None) == "–"


def test_english_numbers():
    assert format_value(9.1, "percentage", 1, "en") == "9.1%"
    assert format_value(37469, "hours", 0, "en") == "37,469 hours"


def test_dates():
    assert format_date(dt.date(2021, 5, 1)) == "1 mei 2021"
    assert format_date(dt.date(2021, 5, 1), "en") == "1 May 2021"
