from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path, re_path
from wagtail import views as wagtail_views
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from tipmon.api.v1 import api
from tipmon.core import language
from tipmon.core.throttle import ThrottledAuthenticationForm

urlpatterns = [
    path("language/<str:code>/", language.switch, name="set-language"),
    path("", include("tipmon.site.urls")),
    path("", include("tipmon.countries.urls")),
    path("", include("tipmon.tiers.urls")),
    path("", include("tipmon.trends.urls")),
    path("", include("tipmon.data.urls")),
    path("", include("tipmon.opendata.urls")),
    path("", include("tipmon.assistance.urls")),
    path("", include("tipmon.assessments.urls")),
    path("", include("tipmon.evidence.urls")),
    path("", include("tipmon.councils.urls")),
    path("", include("tipmon.documents.urls")),
    path("", include("tipmon.publishing.urls")),
    path(
        "accounts/login/",
        auth_views.LoginView.as_view(authentication_form=ThrottledAuthenticationForm),
        name="login",
    ),
    path("accounts/", include("django.contrib.auth.urls")),
    path("api/v1/", api.urls),
    path("admin/", admin.site.urls),
    # The CMS: its admin, editors' documents, then the editorial pages. The pages' catch-all
    # stays last, so every route above keeps working (docs/cms.md).
    path("cms/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path(
        "_util/authenticate_with_password/<int:page_view_restriction_id>/<int:page_id>/",
        wagtail_views.authenticate_with_password,
        name="wagtailcore_authenticate_with_password",
    ),
    # The CMS answers every other address, never one under the API (whose unknown paths
    # get the API's JSON 404, not a redirect to a slashed address the CMS would claim).
    re_path(r"^(?!api/)((?:[\w\-]+/)*)$", wagtail_views.serve, name="wagtail_serve"),
]

admin.site.login_form = ThrottledAuthenticationForm

handler400 = "tipmon.core.views.bad_request"
handler404 = "tipmon.core.views.not_found"
handler500 = "tipmon.core.views.server_error"
