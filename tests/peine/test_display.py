"""The city's display switches: text size (A, AA, AAA) and high contrast, kept in cookies."""

import pytest
from django.urls import reverse

from peine.display import CONTRAST_COOKIE, SIZE_COOKIE

pytestmark = pytest.mark.django_db


def test_switches_are_in_every_page_header_without_javascript(client):
    html = client.get(reverse("accessibility")).content.decode()
    assert f'action="{reverse("display_settings")}"' in html
    assert 'name="size" value="large"' in html
    assert 'name="contrast" value="high"' in html
    assert '<html lang="de">' in html


def test_text_size_is_remembered_and_applied_to_html(client):
    response = client.post(
        reverse("display_settings"), {"size": "larger", "next": reverse("privacy")}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("privacy")
    assert response.cookies[SIZE_COOKIE].value == "larger"
    assert response.cookies[SIZE_COOKIE]["httponly"]
    html = client.get(reverse("privacy")).content.decode()
    assert '<html lang="de" class="text-larger">' in html
    pressed = 'class="display-switch__button display-switch__button--larger" aria-pressed="true"'
    assert pressed in html


def test_contrast_switch_toggles_and_keeps_the_text_size(client):
    client.post(reverse("display_settings"), {"size": "large"})
    client.post(reverse("display_settings"), {"contrast": "high"})
    html = client.get(reverse("imprint")).content.decode()
    assert 'class="text-large contrast-high"' in html
    assert 'name="contrast" value="normal"' in html  # the button now switches it off
    client.post(reverse("display_settings"), {"contrast": "normal"})
    html = client.get(reverse("imprint")).content.decode()
    assert 'class="text-large"' in html


def test_unknown_values_mean_normal(client):
    client.cookies[SIZE_COOKIE] = "gigantic"
    client.cookies[CONTRAST_COOKIE] = "<script>"
    html = client.get(reverse("imprint")).content.decode()
    assert '<html lang="de">' in html
    response = client.post(reverse("display_settings"), {"size": "x" * 500})
    assert response.cookies[SIZE_COOKIE].value == "normal"


def test_redirect_back_stays_on_this_site(client):
    response = client.post(
        reverse("display_settings"), {"size": "large", "next": "https://evil.example/"}
    )
    assert response["Location"] == reverse("home")


def test_get_is_not_allowed(client):
    assert client.get(reverse("display_settings")).status_code == 405
