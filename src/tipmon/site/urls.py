from django.urls import path

from tipmon.core.navigation import CMS_SECTIONS
from tipmon.site import views

app_name = "site"
urlpatterns = [
    path("", views.home, name="home"),
    path("search", views.search, name="search"),
    *(
        path(f"{slug}/", views.section, {"path": f"{slug}/"}, name=name)
        for name, slug in CMS_SECTIONS.items()
    ),
]
