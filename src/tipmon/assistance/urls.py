from django.urls import include, path

from tipmon.assistance import views

app_name = "assistance"
urlpatterns = [
    path("work/assistance/", views.program_list, name="programs"),
    path("work/assistance/programs/new", views.program_new, name="program-new"),
    path("work/assistance/programs/<str:code>/", views.program_detail, name="program"),
    path("work/assistance/programs/<str:code>/edit", views.program_edit, name="program-edit"),
    path("work/assistance/programs/<str:code>/funding", views.funding, name="funding"),
    path("work/assistance/programs/<str:code>/indicators", views.indicator_new, name="indicator"),
    path("work/assistance/programs/<str:code>/periods", views.period_new, name="period"),
    path("work/assistance/programs/<str:code>/values", views.value_record, name="value"),
    path("work/assistance/programs/<str:code>/reports", views.report_new, name="report"),
    path(
        "work/assistance/programs/<str:code>/figures/<slug:slug>.csv",
        views.program_csv,
        name="program-csv",
    ),
    path("work/assistance/attachments/<int:pk>", views.attachment, name="attachment"),
    path("work/assistance/countries/<str:iso3>/", views.country, name="country"),
    path(
        "work/assistance/countries/<str:iso3>/figures/<slug:slug>.csv",
        views.country_csv,
        name="country-csv",
    ),
    path("work/assistance/objectives/<str:area>/", views.objective, name="objective"),
    path(
        "work/assistance/objectives/<str:area>/figures/<slug:slug>.csv",
        views.objective_csv,
        name="objective-csv",
    ),
    path("", include("tipmon.assistance.urls_compacts")),  # compacts and operations
    path("", include("tipmon.assistance.urls_targeting")),  # targeting and scenarios
    path("", include("tipmon.assistance.urls_iati")),  # IATI downloads
]
