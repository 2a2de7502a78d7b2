"""Messages shown in the service, under /messages/."""

from django.urls import path

from . import views

app_name = "notify"

urlpatterns = [path("", views.NotificationListView.as_view(), name="notification-list")]
