from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

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
]

admin.site.login_form = ThrottledAuthenticationForm

handler400 = "tipmon.core.views.bad_request"
handler404 = "tipmon.core.views.not_found"
handler500 = "tipmon.core.views.server_error"
