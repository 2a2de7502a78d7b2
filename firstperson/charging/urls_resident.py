"""The resident's online financial assessment, under /my-account/financial-assessment/."""

app_name = "charging-resident"

urlpatterns: list = []
