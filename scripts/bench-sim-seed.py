"""Creates N GrsAI poll-mode tasks on a running simulator and prints their ids, one a line.

Usage: python3 scripts/bench-sim-seed.py http://127.0.0.1:PORT N
"""

import http.client
import json
import sys
import threading
from urllib.parse import urlparse


def create(base: str, count: int, out: list) -> None:
    url = urlparse(base)
    connection = http.client.HTTPConnection(url.hostname, url.port, timeout=30)
    headers = {"Content-Type": "application/json", "Authorization": "Bearer test-key"}
    for index in range(count):
        body = json.dumps({"model": "sora-2", "prompt": f"bench shot {index}", "webHook": "-1"})
        connection.request("POST", "/v1/video/sora-video", body, headers)
        response = connection.getresponse()
        answer = json.loads(response.read())
        if response.status != 200 or answer.get("code") != 0:
            raise SystemExit(f"submission failed: {response.status} {answer}")
        out.append(answer["data"]["id"])


def main() -> None:
    base, total = sys.argv[1], int(sys.argv[2])
    workers = 4
    results = [[] for _ in range(workers)]
    threads = [
        threading.Thread(target=create, args=(base, total // workers + (1 if i < total % workers else 0), results[i]))
        for i in range(workers)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    ids = [task_id for chunk in results for task_id in chunk]
    if len(ids) != total:
        raise SystemExit(f"created {len(ids)} of {total} tasks")
    print("\n".join(ids))


if __name__ == "__main__":
    main()
