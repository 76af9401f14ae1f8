"""allauth's ``openid_connect`` provider, stricter: the portal's way in for OpenID Connect.

allauth's own provider skips the ID token's signature when the token came straight from
the token endpoint (the specification allows it) and sends no nonce. This one always
checks the signature against the provider's keys, and sends a nonce that the socialaccount
adapter (``peine.directory.adapters``) compares with the token's. PKCE, the state and its
single use, issuer, audience and expiry are allauth's.
"""

import secrets

from allauth.socialaccount.internal import jwtkit
from allauth.socialaccount.providers.openid_connect.provider import OpenIDConnectProvider
from allauth.socialaccount.providers.openid_connect.views import OpenIDConnectOAuth2Adapter
from allauth.utils import build_absolute_uri
from django.urls import reverse

NONCE_STATE_KEY = "peine_nonce"


class DirectoryOIDCAdapter(OpenIDConnectOAuth2Adapter):
    def _decode_id_token(self, app, id_token: str) -> dict:
        return jwtkit.verify_and_decode(
            credential=id_token,
            keys_url=self.openid_config["jwks_uri"],
            issuer=self.openid_config["issuer"],
            audience=app.client_id,
            lookup_kid=jwtkit.lookup_kid_jwk,
            verify_signature=True,
        )

    def get_callback_url(self, request, app):
        url = reverse("directory_oidc_callback", kwargs={"provider_id": self.provider_id})
        return build_absolute_uri(request, url, self.redirect_uri_protocol)


class DirectoryOIDCProvider(OpenIDConnectProvider):
    id = "directory_oidc"
    oauth2_adapter_class = DirectoryOIDCAdapter
    pkce_enabled_default = True

    def redirect(self, request, process, next_url=None, data=None, **kwargs):
        nonce = secrets.token_urlsafe(24)
        auth_params = dict(kwargs.pop("auth_params", None) or self.get_auth_params())
        auth_params["nonce"] = nonce
        kwargs[NONCE_STATE_KEY] = nonce
        return super().redirect(request, process, next_url, data, auth_params=auth_params, **kwargs)


provider_classes = [DirectoryOIDCProvider]
