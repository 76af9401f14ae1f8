import pytest

from tests.peine.directory.op import OpenIDProvider

ROLE_MAP = (
    "portal-officers=officer;portal-reviewers=reviewer;portal-council=council;portal-it=admin"
)


@pytest.fixture
def op(settings):
    """A real OpenID provider on 127.0.0.1, and the portal configured to use it."""
    with OpenIDProvider() as provider:
        settings.DIRECTORY_ROLE_MAP = ROLE_MAP
        settings.SOCIALACCOUNT_PROVIDERS = {
            "directory_oidc": {
                "APPS": [
                    {
                        "provider_id": "stadt",
                        "name": "Städtisches Konto",
                        "client_id": provider.client_id,
                        "secret": provider.client_secret,
                        "settings": {
                            "server_url": provider.issuer,
                            "oauth_pkce_enabled": True,
                            "token_auth_method": "client_secret_post",
                        },
                    }
                ],
                "SCOPE": ["openid", "profile", "email"],
            }
        }
        provider.claims = {
            "sub": "u-1001",
            "email": "a.mueller@stadt-peine.example",
            "email_verified": True,
            "given_name": "Anna",
            "family_name": "Müller",
            "groups": ["portal-officers"],
        }
        yield provider
