"""Drives the troupe simulator with the official acedatacloud Python SDK (2026.10.20.0).

Usage: .venv/bin/python Tests/sdk/check_acedata.py http://127.0.0.1:PORT [KEY]
The simulator must accept only KEY (default test-key), so that a wrong key is refused.
Submits, retrieves and waits on the Seedance endpoint (with a reference image part) and on the
Sora endpoint. Exits 0 when every call behaves as the SDK expects; prints what went wrong otherwise.
"""

import base64
import sys

import httpx
from acedatacloud import AceDataCloud, APIError, AuthenticationError, ValidationError

SEEDANCE_MODEL = "doubao-seedance-1-0-pro-250528"
# The first bytes of a PNG file: the simulator checks the magic bytes of Base64 images.
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"


def check(condition: bool, message: str) -> None:
    if not condition:
        print("FAILED:", message)
        sys.exit(1)


def download(url: str, base: str) -> bytes:
    check(url.startswith(base + "/files/"), f"artifact {url} is not a simulator file")
    response = httpx.get(url)
    check(response.status_code == 200, f"GET {url} answered {response.status_code}")
    check(response.content[4:8] == b"ftyp", "the downloaded file is not an MP4")
    return response.content


def main() -> None:
    base = sys.argv[1].rstrip("/")
    key = sys.argv[2] if len(sys.argv) > 2 else "test-key"
    check(base.startswith("http://127.0.0.1:"), f"{base} is not the loopback simulator")
    # max_retries=0: a failure shows at once instead of after the SDK's back-off.
    client = AceDataCloud(api_token=key, base_url=base, max_retries=0, timeout=30)

    # Seedance: submit (async, the SDK's default), retrieve, wait.
    content = [
        {"type": "text", "text": "@hero walks into the rain"},
        {
            "type": "image_url",
            "image_url": {"url": "data:image/png;base64," + base64.b64encode(PNG).decode()},
            "role": "reference_image",
        },
    ]
    handle = client.seedance.generate(model=SEEDANCE_MODEL, content=content, duration=5, resolution="720p")
    check(bool(handle.id), "seedance submit gave no task id")
    check(not handle.done, "an async seedance submit is not finished yet")
    state = handle.get()
    check(state.get("id") == handle.id, f"retrieve answered another task: {state}")
    check(state.get("request", {}).get("content") == content, "retrieve does not echo the request's content")
    final = handle.wait(poll_interval=0.05, max_wait=30)
    check(handle.done, "wait returned before the seedance task finished")
    urls = handle.urls()
    check(len(urls) == 1, f"expected one artifact URL, got {urls}")
    download(urls[0], base)
    check(final["response"]["data"][0]["state"] == "succeeded", f"unexpected final state: {final}")
    again = client.tasks.wait(handle.id, service="seedance", poll_interval=0.05, max_wait=30)
    check(again["response"]["data"][0]["video_url"] == urls[0], "tasks.wait found another video")

    # Seedance errors: a bad enum is a ValidationError naming what is allowed; a wrong key is refused.
    try:
        client.seedance.generate(model=SEEDANCE_MODEL, content=content, ratio="2:1")
        check(False, "ratio 2:1 was accepted")
    except ValidationError as error:
        check("21:9" in error.message and error.code == "bad_request", f"unhelpful refusal: {error.message}")
    try:
        AceDataCloud(api_token="wrong-key", base_url=base, max_retries=0).seedance.generate(
            model=SEEDANCE_MODEL, content=content
        )
        check(False, "a wrong key was accepted")
    except AuthenticationError as error:
        check(error.status_code == 401, f"a wrong key answered {error.status_code}")

    # Sora: synchronous submit returns the finished video at once.
    result = client.video.generate(provider="sora", model="sora-2", prompt="a lighthouse", duration=10)
    check(isinstance(result, dict) and result.get("success") is True, f"sora sync submit: {result}")
    download(result["data"][0]["video_url"], base)

    # Sora with a callback: submit answers the task id, then retrieve and wait.
    sora = client.video.generate(
        provider="sora", model="sora-2", prompt="a harbour", callback_url=base + "/_sim/hooks/sdk"
    )
    check(not isinstance(sora, dict) and bool(sora.id), f"sora callback submit gave no handle: {sora}")
    state = client.tasks.get(sora.id, service="sora")
    check(state.get("type") == "videos" and state.get("request", {}).get("prompt") == "a harbour", f"retrieve: {state}")
    sora.wait(poll_interval=0.05, max_wait=30)
    check(len(sora.urls()) == 1, f"sora artifact URLs: {sora.urls()}")
    download(sora.urls()[0], base)

    # A seedance task is not found on the sora service.
    try:
        client.tasks.get(handle.id, service="sora")
        check(False, "a seedance task was found on /sora/tasks")
    except APIError as error:
        check(error.status_code == 404, f"wrong-service retrieve answered {error.status_code}: {error.message}")

    ledger = httpx.get(base + "/_sim/ledger").json()
    check(abs(ledger["charges"] - 0.46) < 1e-9, f"ledger charges {ledger['charges']}, expected 0.46")
    print("acedatacloud SDK check passed")


if __name__ == "__main__":
    main()
