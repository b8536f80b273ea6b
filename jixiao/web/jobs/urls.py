from django.urls import path

from jixiao.web.jobs import views

app_name = "jobs"
urlpatterns = [
    path("bureau/jobs/", views.job_list, name="list"),
    path("bureau/jobs/upload/", views.bulk_upload, name="bulk_upload"),
    path("bureau/jobs/start/<slug:kind>/", views.start, name="start"),
    path("bureau/jobs/<int:pk>/", views.job, name="job"),
    path("bureau/jobs/<int:pk>/progress/", views.progress, name="progress"),
    path("bureau/jobs/<int:pk>/result/", views.result, name="result"),
    path("readyz", views.readyz, name="readyz"),
]
