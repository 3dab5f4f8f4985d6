from django.urls import path

from tipmon.trends import views

app_name = "trends"
urlpatterns = [path("law-enforcement", views.law_enforcement, name="law-enforcement")]
