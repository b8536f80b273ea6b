"""Every URL of the application; tests/web/test_access.py holds a table with an entry for each."""

from django.urls import include, path

urlpatterns = [
    path("", include("jixiao.web.accounts.urls")),
    path("", include("jixiao.web.evaluations.urls")),
    path("", include("jixiao.web.review.urls")),
    path("", include("jixiao.web.dashboard.urls")),
    path("", include("jixiao.web.public.urls")),
    path("", include("jixiao.web.jobs.urls")),
]
