from django.urls import path

from jixiao.web.review import views

app_name = "review"
urlpatterns = [
    path("bureau/board/", views.board, name="board"),
    path("bureau/board/export.<str:fmt>", views.board_export, name="board_export"),
    path("bureau/e/<int:pk>/", views.review, name="review"),
]
