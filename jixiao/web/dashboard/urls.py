from django.urls import path

from jixiao.web.dashboard import views

app_name = "dashboard"
urlpatterns = [path("bureau/dashboard/", views.dashboard, name="dashboard")]
