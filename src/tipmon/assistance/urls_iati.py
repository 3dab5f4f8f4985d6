"""Routes of the IATI downloads, included by the assistance URLconf (names in its namespace:
``assistance:iati``, ``assistance:program-iati``)."""

from django.urls import path

from tipmon.assistance import views_iati

urlpatterns = [
    path("work/assistance/iati.xml", views_iati.activities, name="iati"),
    path(
        "work/assistance/programs/<str:code>/iati.xml",
        views_iati.program_activity,
        name="program-iati",
    ),
]
