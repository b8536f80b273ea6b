from django.apps import AppConfig


class CommonConfig(AppConfig):
    name = "jixiao.web.common"
    label = "common"
