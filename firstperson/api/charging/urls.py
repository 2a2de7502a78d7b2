"""The stateless charging calculator API, under /api/v1/charging/."""

app_name = "api-charging"

urlpatterns: list = []
