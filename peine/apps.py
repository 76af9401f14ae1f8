from django.apps import AppConfig, apps
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _sync_roles(sender, using, **kwargs):
    """After every migrate: all permissions exist, then the role groups get theirs."""
    from django.contrib.auth.management import create_permissions
    from django.contrib.contenttypes.management import create_contenttypes

    from peine.roles import sync_groups

    for app_config in apps.get_app_configs():
        create_contenttypes(app_config, verbosity=0, using=using)
        create_permissions(app_config, verbosity=0, using=using)
    sync_groups()


class PeineConfig(AppConfig):
    name = "peine"
    verbose_name = _("Integration portal")

    def ready(self):
        post_migrate.connect(_sync_roles, sender=self, dispatch_uid="peine_sync_roles")
        from django.contrib.auth.signals import user_logged_in

        from peine import security
        from peine.middleware import store_access_on_login

        security.connect_signals()
        user_logged_in.connect(store_access_on_login, dispatch_uid="peine_store_access")
