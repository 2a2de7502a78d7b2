"""Forms of the plan's own pages: choosing a broker, signing off, sending, comparing versions.

Every form that changes a plan carries the plan's `revision` as the page read it, so that the service
can refuse a change made on a plan someone else has saved since (optimistic locking).
"""

from django import forms

NO_BROKER = "none"


class RevisionForm(forms.Form):
    revision = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["revision"].error_messages = {
            "required": "This page is out of date. Open the plan again and make your change.",
            "invalid": "This page is out of date. Open the plan again and make your change.",
            "min_value": "This page is out of date. Open the plan again and make your change.",
        }


class StartForm(forms.Form):
    """Nothing to fill in: pressing the button is the answer."""


class BrokerForm(RevisionForm):
    broker = forms.ChoiceField(
        label="Who is helping you to write your plan?",
        widget=forms.RadioSelect,
        error_messages={"required": "Choose a broker, or choose \u201cNo broker\u201d"},
    )

    def __init__(self, *args, brokers=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.brokers = {str(broker.pk): broker for broker in brokers}
        choices = [(key, broker.display_name) for key, broker in self.brokers.items()]
        self.fields["broker"].choices = [*choices, (NO_BROKER, "No broker")]
        self.fields["broker"].error_messages["invalid_choice"] = "Choose a broker from the list"

    def chosen_broker(self):
        """The broker chosen, or None for "No broker"."""
        return self.brokers.get(self.cleaned_data["broker"])


class SignOffForm(RevisionForm):
    typed_name = forms.CharField(
        label="Your full name",
        max_length=200,
        error_messages={
            "required": "Type your full name to sign off the plan",
            "max_length": "Your name must be 200 characters or fewer",
        },
    )

    def clean_typed_name(self):
        name = self.cleaned_data["typed_name"].strip()
        if not name:
            raise forms.ValidationError("Type your full name to sign off the plan")
        return name


class SubmitForm(RevisionForm):
    """Send the plan as it was when the page was read."""


class CompareForm(forms.Form):
    """Two submitted versions to compare: ?from=1&to=2."""

    def __init__(self, *args, numbers=(), **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(str(number), f"Version {number}") for number in numbers]
        for name, label in (("from", "Compare version"), ("to", "with version")):
            self.fields[name] = forms.TypedChoiceField(
                label=label,
                choices=choices,
                coerce=int,
                error_messages={
                    "required": f"Choose the version to compare {'from' if name == 'from' else 'with'}",
                    "invalid_choice": "There is no version with that number. Choose one from the list",
                },
            )

    def clean(self):
        cleaned = super().clean()
        first, second = cleaned.get("from"), cleaned.get("to")
        if first is not None and second is not None and first == second:
            self.add_error("to", "Choose two different versions to compare")
        return cleaned
