from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "firstperson.platform.accounts"
    label = "accounts"
    verbose_name = "Accounts"
