"""The public "Estimate what you might pay", under /estimate-what-you-might-pay/. Stores nothing."""

app_name = "charging-estimate"

urlpatterns: list = []
