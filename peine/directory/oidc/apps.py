from django.apps import AppConfig


class DirectoryOIDCConfig(AppConfig):
    name = "peine.directory.oidc"
    label = "directory_oidc"
    verbose_name = "OpenID Connect"

    def ready(self):
        from allauth.socialaccount.signals import social_account_added

        from peine.directory.adapters import on_social_account_added

        social_account_added.connect(on_social_account_added, dispatch_uid="peine_directory_link")
