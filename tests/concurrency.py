"""Running calls truly at once, for the row-lock tests.

Only PostgreSQL runs two writes in parallel (SQLite runs one at a time), so these tests are marked
`postgresql_only`; they need `django_db(transaction=True)`, because each thread has its own
connection and sees only what the others have committed."""

import threading

import pytest
from django.db import connection

postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="SQLite runs one write at a time; row locks are tested on PostgreSQL",
)


def at_once(*calls):
    """Run the calls in parallel threads, each on its own connection, all starting together.

    Returns (results, errors): what the calls returned, and what they raised, for the caller to
    check — an error is never swallowed."""
    barrier = threading.Barrier(len(calls))
    results, errors = [], []

    def run(call):
        try:
            barrier.wait()
            results.append(call())
        except Exception as error:  # returned to the caller, who asserts on it
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(call,)) for call in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results, errors
