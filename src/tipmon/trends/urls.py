from django.urls import path

from tipmon.trends import views

app_name = "trends"
urlpatterns = [
    path("trends/", views.index, name="index"),
    path("trends/transitions", views.transitions, name="transitions"),
    path("trends/movers", views.movers, name="movers"),
    path("trends/law-enforcement", views.law_enforcement, name="law-enforcement"),
    path("trends/victims", views.victims, name="victims"),
    path("trends/compare", views.compare, name="compare"),
    path("trends/coverage", views.coverage, name="coverage"),
    path("trends/map", views.maps, name="map"),
    path("trends/forecast", views.forecast, name="forecast"),
    path("law-enforcement", views.legacy_law_enforcement, name="legacy-law-enforcement"),
]
