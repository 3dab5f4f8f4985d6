from django.urls import path

from tipmon.documents import views

app_name = "documents"
urlpatterns = [
    path("domestic-workers/", views.form, name="form"),
    path("domestic-workers/translations", views.translations, name="translations"),
]
