"""The public Open Referral UK API (HSDS 3.0 UK profile) at /api/oruk/.

`params` reads query strings into the directory's `ServiceQuery`; `selectors` fetches the rows each
response needs in a fixed number of queries; `representations` shapes what `directory.oruk` does not;
`pagination` builds the HSDS page envelope; `views` answers, with CORS on every response.
"""
