from django.urls import path

from tipmon.countries import views

app_name = "countries"
urlpatterns = [
    path("countries", views.index, name="index"),
    path("countries/<str:code>", views.profile, name="profile"),
]
