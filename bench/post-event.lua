-- wrk script: POST /event with seed 001's body (docs/benchmarks.md)
wrk.method = "POST"
wrk.body   = '{"description":"hello world"}'
wrk.headers["Content-Type"] = "application/json"
