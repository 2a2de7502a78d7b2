"""The roles a user can hold. One role per account; a person with two jobs has two accounts."""

from django.db import models


class Role(models.TextChoices):
    RESIDENT = "resident", "Resident"
    REPRESENTATIVE = "representative", "Representative"
    PRACTITIONER = "practitioner", "Practitioner"
    TEAM_MANAGER = "team_manager", "Team manager"
    PANEL_MEMBER = "panel_member", "Funding panel member"
    FINANCE_OFFICER = "finance_officer", "Finance officer"
    PROVIDER = "provider", "Provider"
    PERSONAL_ASSISTANT = "personal_assistant", "Personal assistant"
    BROKER = "broker", "Broker"
    DIRECTORY_EDITOR = "directory_editor", "Directory editor"
    COMMISSIONER = "commissioner", "Commissioner"
    ADMINISTRATOR = "administrator", "Administrator"
    ADVISER = "adviser", "Information and advice adviser"
    ORGANISATION = "organisation", "Community organisation"


#: Roles that sign in on the resident face. Every other role works in the workspace and must use
#: two-factor sign-in before seeing any person's record.
RESIDENT_FACE_ROLES = frozenset({Role.RESIDENT, Role.REPRESENTATIVE})
WORKSPACE_ROLES = frozenset(set(Role) - RESIDENT_FACE_ROLES)
#: Roles whose work is a team's caseload of people.
CASEWORK_ROLES = frozenset({Role.PRACTITIONER, Role.TEAM_MANAGER})
#: Roles that may create person records (into their own team): caseworkers, and front-door advisers
#: recording someone new who has asked for help.
RECORD_CREATING_ROLES = CASEWORK_ROLES | {Role.ADVISER}
