from django.contrib.auth import views as auth_views
from django.urls import path

from jixiao.web.accounts import views

app_name = "accounts"
urlpatterns = [
    path("", views.home, name="home"),
    path("login/", auth_views.LoginView.as_view(template_name="accounts/login.html"), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("admin/years/", views.year_settings, name="year_settings"),
    path("admin/users/", views.users, name="users"),
    path("admin/users/<int:pk>/active/", views.deactivate, name="deactivate"),
]
