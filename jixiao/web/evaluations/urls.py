from django.urls import path

from jixiao.web.evaluations import views

app_name = "evaluations"
urlpatterns = [
    path("unit/", views.unit_home, name="unit_home"),
    path("unit/new/", views.create_empty, name="create_empty"),
    path("unit/new/from-last-year/", views.create_from_last_year, name="create_from_last_year"),
    path("unit/upload/", views.upload, name="upload"),
    path("e/<int:pk>/", views.overview, name="overview"),
    path("e/<int:pk>/imported/", views.imported, name="imported"),
    path("e/<int:pk>/edit/<slug:section>/", views.edit, name="edit"),
    path("e/<int:pk>/edit/<slug:section>/check/", views.live_check, name="live_check"),
    path("e/<int:pk>/scorecard/", views.scorecard, name="scorecard"),
    path("e/<int:pk>/download/<str:fmt>/", views.download, name="download"),
    path("e/<int:pk>/scorecard/upload/", views.upload_scorecard, name="upload_scorecard"),
    path("e/<int:pk>/submit/", views.submit, name="submit"),
    path("e/<int:pk>/step/<slug:name>/", views.step, name="step"),
    path("e/<int:pk>/comment/", views.comment, name="comment"),
    path("e/<int:pk>/history/", views.history, name="history"),
    path("e/<int:pk>/diff/", views.diff, name="diff"),
]
