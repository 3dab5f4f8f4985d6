from django.urls import path

from tipmon.data import views

app_name = "data"
urlpatterns = [path("data/sources", views.sources, name="sources")]
