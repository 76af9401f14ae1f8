"""Sign-in through the city's directory, and the account lifecycle (issue 20).

- ``oidc``: an allauth provider app, allauth's ``openid_connect`` provider with the ID
  token's signature always checked and a nonce sent and checked (PKCE from allauth).
- ``backends``: LDAP / Active Directory through django-auth-ldap, and the local password
  backend that refuses roles whose local passwords are switched off.
- ``adapters``: the socialaccount adapter: no account takeover, just-in-time accounts,
  roles from the directory at every sign-in.
- ``services``: the role mapping (``apply_directory_roles``), explicit linking, and the
  deactivation of idle accounts (``deactivate_idle_accounts``).
"""
