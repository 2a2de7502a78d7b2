"""The allocation API, version 1 (/api/v1/allocation/): the Resource Allocation System published.

`POST estimate` works out an indicative budget for answers given in the request, storing nothing;
`GET configurations/current` and `GET configurations/<id>` publish a configuration in full. Anyone
may call them, without signing in. Documented in /api/v1/openapi.json (openapi.json here).
"""
