"""The charging calculator API, version 1 (/api/v1/charging/).

`POST calculate` works out the weekly contribution towards care outside a care home for the
circumstances in the request, under the charging parameters in force on its date, storing nothing.
Anyone may call it, without signing in. Documented in /api/v1/charging/openapi.json (openapi.json here).
"""
