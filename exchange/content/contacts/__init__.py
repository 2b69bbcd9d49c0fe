"""The national contact list: organisations and contact positions, read from contacts/*.yml.

Every file in contacts/ has the same shape (one schema, contacts/schema.json): a mapping
with `organisations:` and/or `contacts:`, each a list. The fields of both are declared once,
in model.py (ORGANISATION, MEMBERSHIP, CONTACT), and that declaration is used three ways:

- `check_*` functions walk the YAML nodes (yaml.compose keeps every line) and return a
  Problem for each broken rule: never an exception, so editors see `path:line: message`;
- `json_schema()` writes the JSON Schema that editors' YAML editors use (through the
  `# yaml-language-server: $schema=schema.json` line at the top of each file); a test and the
  checker compare the committed schema with a fresh one, so the two cannot drift;
- `load_contacts()` turns files without errors into typed records for the build and tests.

Rules across records (every local authority has its LACE coordinator, every organisation
responsible for the grant its lead, no duplicates, memberships consistent with their dates)
are in `check_collection`. Rules that depend on the day (how long ago an entry was
verified, whether an organisation has ended) take `today`, so tests can fix it.

The package is split along those seams: model.py (fields, records, dates), yaml_nodes.py (YAML
read with its lines), schema.py (the JSON Schema), checks.py (values and the rules across
records), loading.py (files to records, check_paths). This module names the public interface.
"""

from exchange.content.contacts.checks import (  # noqa: F401
    check_collection,
    check_object,
    check_value,
    email_problem,
    phone_e164,
    phone_problem,
    url_problem,
    verification_age,
)
from exchange.content.contacts.loading import (  # noqa: F401
    check_paths,
    data_files,
    load_contacts,
    read_file,
)
from exchange.content.contacts.model import (  # noqa: F401
    BILINGUAL_FIELDS,
    CONFIRMED,
    CONSORTIUM,
    CONTACT,
    CONTACTS_DIR,
    DATA_SUFFIXES,
    ERROR_AFTER_MONTHS,
    FILE,
    LACE,
    LOCAL_AUTHORITY,
    MEMBERSHIP,
    MODELINE,
    NATIONAL_BODY,
    ORGANISATION,
    ORGANISATION_TYPES,
    PDG_LEAD,
    PERIOD_HELP,
    ROLES,
    SCHEMA_NAME,
    SLUG,
    SLUG_PATTERN,
    SOURCE_FIELDS,
    STATUSES,
    TO_BE_CONFIRMED,
    WARN_AFTER_MONTHS,
    Contact,
    ContactList,
    FileRead,
    Membership,
    Organisation,
    Period,
    Role,
    SourceRef,
    Spec,
    add_months,
    first_day,
    last_day,
)
from exchange.content.contacts.schema import (  # noqa: F401
    json_schema,
    schema_problems,
    schema_text,
    write_schema,
)
from exchange.content.contacts.yaml_nodes import (  # noqa: F401
    parse_file,
)
