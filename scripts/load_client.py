"""A small closed-loop HTTP load client for the benchmarks: N processes, each sending requests one
after another over a kept-alive connection, for a fixed time. Prints JSON with throughput and
latency percentiles. Only ever points at this machine (127.0.0.1).

    python scripts/load_client.py --port 8765 --concurrency 4 --seconds 10 --urls urls.txt
"""

import argparse
import http.client
import json
import multiprocessing
import statistics
import time


def _worker(port: int, paths: list[str], seconds: float, offset: int, queue) -> None:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    latencies, errors, index = [], 0, offset
    deadline = time.perf_counter() + seconds
    while time.perf_counter() < deadline:
        path = paths[index % len(paths)]
        index += 1
        started = time.perf_counter()
        try:
            connection.request("GET", path)
            response = connection.getresponse()
            response.read()
            if response.status != 200:
                errors += 1
        except (OSError, http.client.HTTPException):
            errors += 1
            connection.close()
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            continue
        latencies.append(time.perf_counter() - started)
    queue.put((latencies, errors))


def percentile(sorted_values: list[float], fraction: float) -> float:
    if not sorted_values:
        return float("nan")
    index = min(len(sorted_values) - 1, max(0, round(fraction * (len(sorted_values) - 1))))
    return sorted_values[index]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--concurrency", type=int, default=1)
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--urls", required=True, help="a file with one path per line")
    args = parser.parse_args()
    with open(args.urls, encoding="utf-8") as url_file:
        paths = [line.strip() for line in url_file if line.strip()]
    queue = multiprocessing.Queue()
    workers = [
        multiprocessing.Process(target=_worker, args=(args.port, paths, args.seconds, n * 7, queue))
        for n in range(args.concurrency)
    ]
    for worker in workers:
        worker.start()
    results = [queue.get() for _ in workers]
    for worker in workers:
        worker.join()
    latencies = sorted(latency for result in results for latency in result[0])
    errors = sum(result[1] for result in results)
    print(  # noqa: T201 - the result is the program's output
        json.dumps(
            {
                "concurrency": args.concurrency,
                "requests": len(latencies),
                "errors": errors,
                "requests_per_second": round(len(latencies) / args.seconds, 1),
                "p50_ms": round(percentile(latencies, 0.50) * 1000, 1),
                "p95_ms": round(percentile(latencies, 0.95) * 1000, 1),
                "p99_ms": round(percentile(latencies, 0.99) * 1000, 1),
                "mean_ms": round(statistics.fmean(latencies) * 1000, 1) if latencies else None,
            }
        )
    )


if __name__ == "__main__":
    main()
