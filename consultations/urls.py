from django.urls import path

from consultations.views import findings, interviews, options, rounds, summaries

app_name = "consultations"

urlpatterns = [
    path("", rounds.RoundListView.as_view(), name="round_list"),
    path("runden/neu/", rounds.RoundCreateView.as_view(), name="round_create"),
    path("runden/<int:pk>/", rounds.RoundDetailView.as_view(), name="round_detail"),
    path("runden/<int:pk>/bearbeiten/", rounds.RoundUpdateView.as_view(), name="round_update"),
    path(
        "runden/<int:pk>/auswertung/",
        rounds.RoundEvaluationView.as_view(),
        name="round_evaluation",
    ),
    path("runden/<int:pk>/status/<str:to>/", rounds.round_transition, name="round_transition"),
    path("runden/<int:pk>/gespraeche/planen/", interviews.interview_plan, name="interview_plan"),
    path(
        "runden/<int:pk>/erkenntnisse/",
        findings.FindingBoardView.as_view(),
        name="finding_board",
    ),
    path("runden/<int:pk>/erkenntnisse/verknuepfen/", findings.findings_link, name="findings_link"),
    path("runden/<int:pk>/optionen/", options.OptionListView.as_view(), name="option_list"),
    path("runden/<int:pk>/optionen/neu/", options.OptionCreateView.as_view(), name="option_create"),
    path("runden/<int:pk>/freigeben/", summaries.summary_release, name="summary_release"),
    path("gespraeche/neu/", interviews.interview_create, name="interview_create"),
    path("gespraeche/<int:pk>/", interviews.interview_detail, name="interview_detail"),
    path("gespraeche/<int:pk>/bearbeiten/", interviews.interview_update, name="interview_update"),
    path("optionen/<int:pk>/", options.OptionDetailView.as_view(), name="option_detail"),
    path("optionen/<int:pk>/bearbeiten/", options.OptionUpdateView.as_view(), name="option_update"),
    path("optionen/<int:pk>/status/<str:to>/", options.option_status, name="option_status"),
    path("suche/", findings.search, name="search"),
    path("zusammenfassungen/", summaries.SummaryListView.as_view(), name="summary_list"),
    path(
        "zusammenfassungen/<int:pk>/",
        summaries.SummaryDetailView.as_view(),
        name="summary_detail",
    ),
]

urlpatterns += [
    path(
        "gespraeche/neu/entwurf/",
        interviews.interview_draft_autosave,
        name="interview_create_draft",
    ),
    path(
        "gespraeche/<int:pk>/entwurf/",
        interviews.interview_draft_autosave,
        name="interview_update_draft",
    ),
    path(
        "gespraeche/entwuerfe/<int:pk>/verwerfen/",
        interviews.interview_draft_discard,
        name="interview_draft_discard",
    ),
    path(
        "gespraeche/akteure/",
        interviews.interview_stakeholder_options,
        name="interview_stakeholder_options",
    ),
    path(
        "gespraeche/personen/",
        interviews.interview_person_options,
        name="interview_person_options",
    ),
]
