"""FirstPerson: personalised adult social care for an English council."""
