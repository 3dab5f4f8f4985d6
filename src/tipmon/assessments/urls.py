from django.urls import path

from tipmon.assessments import views

app_name = "assessments"
urlpatterns = [
    path("work/", views.home, name="home"),
    path("work/<int:year>/", views.dashboard, name="dashboard"),
    path("work/<int:year>/publish", views.publish, name="publish"),
    path("work/<int:year>/interim", views.interim, name="interim"),
    path("work/<int:year>/<str:code>/", views.assessment, name="assessment"),
    path("work/<int:year>/<str:code>/move", views.move, name="move"),
    path("work/<int:year>/<str:code>/comment", views.comment, name="comment"),
    path("work/<int:year>/<str:code>/engagement", views.engagement, name="engagement"),
    path("work/<int:year>/<str:code>/narrative", views.draft_narrative, name="narrative"),
    path("work/<int:year>/<str:code>/diff", views.narrative_diff, name="diff"),
]
