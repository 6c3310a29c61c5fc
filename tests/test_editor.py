"""The editor pages and token API over HTTP: nothing without a session or token, CSRF on
every form, the sign-in rate limit, roles, escaped input, cookies, both languages."""
from __future__ import annotations

import re
import uuid

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from langerthuis.accounts import add_account, create_token, revoke_token
from langerthuis.app import create_app
from langerthuis.content import check_content
from langerthuis.store import load_content, make_engine
from langerthuis.store import accounts as store

from conftest import FIXTURE_CONTENT

PASSWORD = "a long enough password"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    url = f"sqlite:///{tmp_path_factory.mktemp('editor') / 'db.sqlite'}"
    engine = make_engine(url)
    load_content(engine, check_content(FIXTURE_CONTENT))
    app = create_app(url)
    yield app, engine
    engine.dispose()


def client(site) -> TestClient:
    return TestClient(site[0], base_url="https://testserver", follow_redirects=False)


def account(site, role: str = "editor", **more) -> str:
    address = f"{uuid.uuid4().hex[:10]}@example.nl"
    add_account(site[1], address, role, PASSWORD, **more)
    return address


def hidden(html: str, name: str) -> str:
    return re.search(rf'name="{name}" value="([^"]*)"', html).group(1)


def signed_in(site, role: str = "editor", lang: str = "nl") -> tuple[TestClient, str]:
    """A client with a session, and the CSRF token of its forms."""
    c = client(site)
    address = account(site, role)
    path = "/beheer/inloggen" if lang == "nl" else "/en/manage/sign-in"
    form = c.get(path)
    answer = c.post(path, data={"email": address, "password": PASSWORD,
                                "form_token": hidden(form.text, "form_token")})
    assert answer.status_code == 303
    overview = c.get(answer.headers["location"])
    assert overview.status_code == 200
    return c, hidden(overview.text, "csrf")


def test_pages_without_a_session_send_to_sign_in(site):
    c = client(site)
    for path in ("/beheer", "/beheer/accounts", "/beheer/tokens", "/beheer/logboek",
                 "/beheer/logboek.csv", "/en/manage/accounts"):
        answer = c.get(path)
        assert answer.status_code == 303, path
        assert "/inloggen?next=" in answer.headers["location"] or \
            "/sign-in?next=" in answer.headers["location"]


def test_writes_without_a_session_change_nothing(site):
    c = client(site)
    for path, data in (("/beheer/accounts", {"email": "x@example.nl", "role": "editor",
                                             "password": PASSWORD}),
                       ("/beheer/accounts/uitschakelen", {"email": "x@example.nl"}),
                       ("/beheer/tokens", {"name": "x", "scope": "deliveries"}),
                       ("/beheer/tokens/intrekken", {"token": "1"}),
                       ("/beheer/uitloggen", {})):
        answer = c.post(path, data=data)
        assert answer.status_code == 303 and "inloggen" in answer.headers["location"], path
    with Session(site[1]) as session:
        assert store.account_by_email(session, "x@example.nl") is None


def test_the_token_api_needs_a_valid_token(site):
    c = client(site)
    assert c.get("/api/editor/whoami").status_code == 401
    assert c.get("/api/editor/whoami",
                 headers={"Authorization": "Bearer lt_nonsense"}).status_code == 401
    address = account(site, "editor")
    token, token_id = create_token(site[1], address, "script", ["deliveries"])
    answer = c.get("/api/editor/whoami", headers={"Authorization": f"Bearer {token}"})
    assert answer.status_code == 200 and answer.json()["email"] == address
    assert answer.headers["cache-control"] == "no-store"
    revoke_token(site[1], token_id)
    assert c.get("/api/editor/whoami",
                 headers={"Authorization": f"Bearer {token}"}).status_code == 401
    # a valid token without the scope: known, but not allowed (403, not 401)
    drafts_only, _id = create_token(site[1], address, "reader", ["drafts"])
    for answer in (c.get("/api/editor/whoami",
                         headers={"Authorization": f"Bearer {drafts_only}"}),
                   c.post("/api/editor/editions/lt-2021/figures", content=b"x",
                          headers={"Authorization": f"Bearer {drafts_only}"})):
        assert answer.status_code == 403
        assert "scopes do not include 'deliveries'" in answer.json()["error"]["message"]


def test_sign_in_sets_a_safe_session_cookie(site):
    c = client(site)
    address = account(site)
    form = c.get("/beheer/inloggen")
    assert form.headers["cache-control"] == "no-store"
    answer = c.post("/beheer/inloggen", data={"email": address, "password": PASSWORD,
                                              "form_token": hidden(form.text, "form_token"),
                                              "next": "https://evil.example/"})
    assert answer.status_code == 303
    assert answer.headers["location"] == "/beheer"  # no open redirect
    cookie = [h for h in answer.headers.get_list("set-cookie") if h.startswith("lt_session=")][0]
    for flag in ("HttpOnly", "Secure", "SameSite=strict", "Path=/"):
        assert flag.lower() in cookie.lower()


def test_sign_in_without_the_form_token_is_refused(site):
    c = client(site)
    address = account(site)
    answer = c.post("/beheer/inloggen", data={"email": address, "password": PASSWORD,
                                              "form_token": "forged"})
    assert answer.status_code == 403
    assert "lt_session" not in answer.headers.get("set-cookie", "")


def test_the_tenth_wrong_password_gets_429(site):
    c = client(site)
    address = account(site)
    codes = []
    for _ in range(10):
        form = c.get("/beheer/inloggen")
        codes.append(c.post("/beheer/inloggen", data={
            "email": address, "password": "not the password",
            "form_token": hidden(form.text, "form_token")}).status_code)
    assert codes == [401] * 9 + [429]
    assert "Wacht een minuut" in c.post("/beheer/inloggen", data={
        "email": address, "password": PASSWORD,
        "form_token": hidden(c.get("/beheer/inloggen").text, "form_token")}).text


def test_a_form_without_a_valid_csrf_token_is_refused(site):
    c, csrf = signed_in(site, "administrator")
    address = f"{uuid.uuid4().hex[:10]}@example.nl"
    data = {"email": address, "role": "editor", "password": PASSWORD}
    for token in ("", "forged"):
        answer = c.post("/beheer/accounts", data={**data, "csrf": token})
        assert answer.status_code == 403
        assert "formulier is verlopen" in answer.text
    with Session(site[1]) as session:
        assert store.account_by_email(session, address) is None
    answer = c.post("/beheer/accounts", data={**data, "csrf": csrf})
    assert answer.status_code == 303
    with Session(site[1]) as session:
        assert store.account_by_email(session, address).role == "editor"


def test_roles_limit_what_an_account_may_do(site):
    c, csrf = signed_in(site, "editor")
    assert c.get("/beheer/accounts").status_code == 403
    assert c.get("/beheer/logboek").status_code == 403
    answer = c.post("/beheer/accounts", data={"email": "y@example.nl", "role": "administrator",
                                              "password": PASSWORD, "csrf": csrf})
    assert answer.status_code == 403
    assert c.get("/beheer/tokens").status_code == 200


def test_a_disabled_account_is_signed_out_at_once(site):
    admin, admin_csrf = signed_in(site, "administrator")
    editor, _csrf = signed_in(site, "editor")
    overview = editor.get("/beheer")
    address = re.search(r"Ingelogd als ([^,]+),", overview.text).group(1)
    assert admin.post("/beheer/accounts/uitschakelen",
                      data={"email": address, "csrf": admin_csrf}).status_code == 303
    assert editor.get("/beheer").status_code == 303


def test_markup_in_a_field_comes_out_escaped(site):
    c, csrf = signed_in(site, "administrator")
    address = f"{uuid.uuid4().hex[:10]}@example.nl"
    payload = '<script>alert("x")</script>'
    c.post("/beheer/accounts", data={"email": address, "role": "editor", "name": payload,
                                     "password": PASSWORD, "csrf": csrf})
    page = c.get("/beheer/accounts").text
    assert payload not in page and "&lt;script&gt;" in page
    answer = c.post("/beheer/tokens", data={"name": payload, "scope": "deliveries",
                                            "csrf": csrf})
    assert answer.status_code == 201
    assert payload not in answer.text and "lt_" in answer.text


def test_the_audit_trail_filters_and_exports_without_formulas(site):
    c, csrf = signed_in(site, "administrator")
    address = f"=cmd{uuid.uuid4().hex[:6]}@example.nl"
    me = re.search(r"Ingelogd als ([^,]+),", c.get("/beheer").text).group(1)
    assert c.post("/beheer/accounts", data={"email": address, "role": "publisher",
                                            "password": PASSWORD, "csrf": csrf}
                  ).status_code == 303
    page = c.get("/beheer/logboek", params={"actor": me})
    assert page.status_code == 200 and address in page.text
    exported = c.get("/beheer/logboek.csv", params={"actor": me, "action": "account_added"})
    assert exported.headers["content-type"].startswith("text/csv")
    lines = exported.text.splitlines()
    assert lines[0].startswith("at,actor,action")
    assert len(lines) == 2 and f"'{address}" in lines[1]
    assert c.get("/beheer/logboek", params={"since": "2024-02-30"}).status_code == 400


def test_editor_pages_speak_english_under_en(site):
    c, _csrf = signed_in(site, "administrator", lang="en")
    page = c.get("/en/manage")
    assert page.status_code == 200
    assert 'lang="en"' in page.text and "Signed in as" in page.text
    assert "Ingelogd" not in page.text
    assert c.get("/en/manage/accounts").status_code == 200
