from django.urls import path

from tipmon.councils import views_public as public
from tipmon.councils import views_work as work

app_name = "councils"
W = "work/councils/"
urlpatterns = [
    # Public pages.
    path("councils/", public.index, name="index"),
    path("councils/recommendations/", public.recommendations, name="recommendations"),
    path("councils/progress/<int:year>/", public.progress, name="progress"),
    path("councils/progress/<int:year>/report.pdf", public.progress_pdf_view, name="progress-pdf"),
    path("councils/members/<int:pk>/photo.jpg", public.photo, name="photo"),
    path("councils/<slug:slug>/", public.council, name="council"),
    path("councils/<slug:slug>/members/<int:pk>/", public.member, name="public-member"),
    path("councils/<slug:slug>/meetings/<int:pk>/", public.meeting, name="public-meeting"),
    path("interagency/", public.interagency, name="interagency"),
    path("interagency/commitments.csv", public.interagency_csv, name="interagency-csv"),
    # Staff pages.
    path(W, work.home, name="work-home"),
    path(f"{W}members/<int:pk>/", work.member, name="member"),
    path(f"{W}members/<int:pk>/edit", work.member_edit, name="member-edit"),
    path(f"{W}members/<int:pk>/consent", work.member_consent, name="member-consent"),
    path(f"{W}members/<int:pk>/photo", work.member_photo, name="member-photo"),
    path(f"{W}meetings/<int:pk>/", work.meeting, name="meeting"),
    path(f"{W}meetings/<int:pk>/edit", work.meeting_edit, name="meeting-edit"),
    path(f"{W}reports/<int:pk>/", work.report, name="report"),
    path(f"{W}reports/<int:pk>/recommendations/new", work.recommendation_new, name="rec-new"),
    path(f"{W}recommendations/<int:pk>/", work.recommendation, name="recommendation"),
    path(f"{W}recommendations/<int:pk>/edit", work.recommendation_edit, name="rec-edit"),
    path(f"{W}recommendations/<int:pk>/responses/new", work.response_new, name="response-new"),
    path(f"{W}<slug:slug>/", work.council, name="work-council"),
    path(f"{W}<slug:slug>/members/new", work.member_new, name="member-new"),
    path(f"{W}<slug:slug>/meetings/new", work.meeting_new, name="meeting-new"),
    path(f"{W}<slug:slug>/reports/new", work.report_new, name="report-new"),
    path("work/interagency/", work.commitments, name="commitments"),
    path("work/interagency/new", work.commitment_new, name="commitment-new"),
    path("work/interagency/<int:pk>/edit", work.commitment_edit, name="commitment-edit"),
]
