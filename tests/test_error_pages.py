"""With debugging off (as `make run` and production serve), errors show the service's own
pages that say what to do: never a list of URLs, a stack trace or what was asked for."""

import pytest
from django.contrib.auth.decorators import login_not_required
from django.test import Client
from django.urls import path

from casereview import urls as root_urls
from conftest import verified_client


@login_not_required
def boom(request):
    raise RuntimeError("secret-internal-detail")


urlpatterns = [path("boom/", boom), *root_urls.urlpatterns]
handler404 = root_urls.handler404
handler500 = root_urls.handler500

DEBUG_MARKERS = ("Traceback", "URLconf", "secret-internal-detail", "Django tried", "DEBUG = True")


@pytest.fixture(autouse=True)
def debugging_off(settings):
    settings.DEBUG = False


def test_a_missing_page_is_the_styled_404_with_what_to_do(world):
    response = verified_client(world.user("board_manager")).get("/no-such-page/Ada-Testchild/")
    assert response.status_code == 404
    text = response.text
    assert "Page not found" in text and "casereview.css" in text
    assert "business manager" in text and 'href="/"' in text
    assert "Ada-Testchild" not in text
    assert not any(marker in text for marker in DEBUG_MARKERS)


@pytest.mark.urls(__name__)
def test_a_server_error_is_the_styled_500_with_a_reference(db, caplog):
    client = Client(raise_request_exception=False)
    response = client.get("/boom/?child=Ada")
    assert response.status_code == 500
    text = response.text
    assert "Sorry, there is a problem with the service" in text and "casereview.css" in text
    assert not any(marker in text for marker in DEBUG_MARKERS) and "Ada" not in text
    reference = text.split('id="error-reference">')[1].split("<")[0]
    assert len(reference) == 8
    assert any(reference in r.getMessage() for r in caplog.records)
