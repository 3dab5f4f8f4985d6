from django.urls import path, re_path

from tipmon.opendata import views

app_name = "opendata"
urlpatterns = [
    path("data/open", views.index, name="index"),
    path("data/open/dictionary", views.data_dictionary, name="dictionary"),
    path("data/open/datapackage.json", views.package, name="datapackage"),
    re_path(
        r"^data/open/(?P<key>[a-z0-9_]+)\.(?P<fmt>csv|json|parquet)$",
        views.download,
        name="download",
    ),
]
