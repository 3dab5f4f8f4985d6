from django.urls import path

from tipmon.evidence import views

app_name = "evidence"
urlpatterns = [
    path("submissions/new", views.submit, name="submit"),
    path("work/evidence/", views.dashboard, name="dashboard"),
    path("work/evidence/process-pending", views.process_pending, name="process-pending"),
    path("work/evidence/documents/<int:pk>/", views.document, name="document"),
    path("work/evidence/documents/<int:pk>/original", views.document_original, name="original"),
    path("work/evidence/review/", views.queue, name="queue"),
    path("work/evidence/items/<int:pk>/", views.item, name="item"),
    path("work/evidence/submissions/", views.submissions, name="submissions"),
    path("work/evidence/submissions/<int:pk>/", views.submission, name="submission"),
    path("work/evidence/reviews.jsonl", views.labels, name="labels"),
]
