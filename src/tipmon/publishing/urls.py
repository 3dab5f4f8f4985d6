from django.urls import path

from tipmon.publishing import views

app_name = "publishing"
urlpatterns = [
    path("reports", views.index, name="index"),
    path("reports/<int:year>/", views.whole, name="report"),
    path("reports/<int:year>/report.pdf", views.pdf, name="pdf"),
    path("reports/<int:year>/interim", views.interim, name="interim"),
    path("reports/<int:year>/<str:code>", views.country, name="country"),
]
