from django.urls import include, path

from peine.directory.oidc import views

urlpatterns = [
    path(
        "oidc/<str:provider_id>/",
        include(
            [
                path("login/", views.login, name="directory_oidc_login"),
                path("login/callback/", views.callback, name="directory_oidc_callback"),
            ]
        ),
    )
]
