"""Who may open the directory's open-data pages (/directory/data/): directory editors the import
page; anyone, signed in or not, the downloads of the published directory (it is open data)."""

from firstperson.platform.accounts.roles import Role

from .access_rules import only, public

EXPECTATIONS = {
    "directory-data:import": only({Role.DIRECTORY_EDITOR}),
    "directory-data:export-json": public,
    "directory-data:export-zip": public,
}
