from django.urls import path

from tipmon.tiers import views

app_name = "tiers"
urlpatterns = [
    path("tiers", views.latest, name="latest"),
    path("tiers/<int:year>", views.year, name="year"),
    path("tiers/<int:year>/statute", views.statute, name="statute"),
]
