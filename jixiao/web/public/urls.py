from django.urls import path

from jixiao.web.public import views

app_name = "public"
urlpatterns = [
    path("public/", views.index, name="index"),
    path("public/schema/", views.schema, name="schema"),
    path("public/report/<int:pk>/", views.report, name="report"),
    path("public/report/<int:pk>/report.html", views.report_html, name="report_html"),
    path("public/report/<int:pk>/download/<str:fmt>/", views.report_download, name="report_download"),
    path("public/<slug:region>/<int:year>/", views.region_year, name="region_year"),
    path("public/<slug:region>/<int:year>/data.csv", views.data_csv, name="data_csv"),
    path("public/<slug:region>/<int:year>/data.json", views.data_json, name="data_json"),
    path("healthz", views.healthz, name="healthz"),
]
