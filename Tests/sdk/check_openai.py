"""Drives the troupe simulator with the official openai Python SDK.

Usage: .venv/bin/python Tests/sdk/check_openai.py http://127.0.0.1:PORT/v1 [KEY]
The simulator must accept only KEY (default test-key), so that a wrong key is refused.
Exits 0 when every call behaves as the SDK expects; prints what went wrong otherwise.
"""

import struct
import sys
import time
import warnings

import openai
from openai import OpenAI

warnings.simplefilter("ignore", DeprecationWarning)


def mp4(seconds: float) -> bytes:
    """A tiny MP4: ftyp, moov/mvhd (timescale 1000) and mdat."""

    def box(kind: bytes, payload: bytes) -> bytes:
        return struct.pack(">I", 8 + len(payload)) + kind + payload

    mvhd = bytes(4) + struct.pack(">IIII", 0, 0, 1000, int(seconds * 1000))
    mvhd += struct.pack(">IH", 0x00010000, 0x0100) + bytes(10)
    mvhd += struct.pack(">9I", 0x00010000, 0, 0, 0, 0x00010000, 0, 0, 0, 0x40000000) + bytes(24) + struct.pack(">I", 2)
    return box(b"ftyp", b"isom" + struct.pack(">I", 512) + b"isomiso2mp41") + box(b"moov", box(b"mvhd", mvhd)) + box(b"mdat", b"sdk")


def mp4_seconds(data: bytes) -> float:
    """Duration from the moov/mvhd box (version 0)."""
    offset = 0
    while offset + 8 <= len(data):
        size, kind = struct.unpack(">I4s", data[offset : offset + 8])
        if kind == b"moov":
            inner = data[offset + 8 : offset + size]
            if inner[4:8] == b"mvhd":
                scale, duration = struct.unpack(">II", inner[8 + 12 : 8 + 20])
                return duration / scale
        offset += size
    raise AssertionError("no moov/mvhd box in the downloaded video")


def check(condition: bool, message: str) -> None:
    if not condition:
        print("FAILED:", message)
        sys.exit(1)


def wait(client: OpenAI, video_id: str):
    deadline = time.time() + 30
    while True:
        video = client.videos.retrieve(video_id)
        if video.status in ("completed", "failed"):
            return video
        check(time.time() < deadline, f"{video_id} still {video.status} after 30 s")
        time.sleep(0.1)


def main() -> None:
    base_url = sys.argv[1]
    client = OpenAI(api_key=sys.argv[2] if len(sys.argv) > 2 else "test-key", base_url=base_url, max_retries=0, timeout=30)
    print("openai SDK", openai.__version__, "against", base_url)

    video = client.videos.create(prompt="a paper boat on a pond", seconds="4", size="1280x720")
    check(video.id.startswith("video_"), f"unexpected id {video.id}")
    check(video.status == "queued", f"new video status {video.status}")
    check(video.seconds == "4" and video.size == "1280x720", f"echoed fields {video.seconds} {video.size}")

    done = wait(client, video.id)
    check(done.status == "completed" and done.progress == 100, f"finished as {done.status} {done.progress}")

    content = client.videos.download_content(video.id)
    data = content.content
    check(data[4:8] == b"ftyp", "download is not an MP4")
    check(abs(mp4_seconds(data) - 4) < 0.01, f"download lasts {mp4_seconds(data)} s, asked 4")

    character = client.videos.create_character(name="Paper Boat", video=("boat.mp4", mp4(3), "video/mp4"))
    check((character.id or "").startswith("char_"), f"character id {character.id}")
    check(character.name == "Paper Boat", f"character name {character.name}")
    fetched = client.videos.get_character(character.id)
    check(fetched.id == character.id, "get_character returned another character")

    remix = client.videos.remix(video.id, prompt="the paper boat at night")
    check(remix.remixed_from_video_id == video.id, f"remix parent {remix.remixed_from_video_id}")
    check(wait(client, remix.id).status == "completed", "remix did not complete")

    featuring = client.videos.create(
        prompt="Paper Boat sails past a lighthouse", extra_body={"characters": [{"id": character.id}]}
    )
    check(wait(client, featuring.id).status == "completed", "video with a character did not complete")

    try:
        client.videos.create(prompt="x", extra_body={"characters": [{"id": "char_unknown"}]})
        check(False, "an unknown character was accepted")
    except openai.BadRequestError as error:
        check("char_unknown" in str(error), f"unhelpful error: {error}")

    try:
        client.videos.retrieve("video_missing")
        check(False, "a missing video was found")
    except openai.NotFoundError as error:
        check("video_missing" in str(error), f"unhelpful error: {error}")

    bad = OpenAI(api_key="wrong-key", base_url=base_url, max_retries=0, timeout=30)
    try:
        bad.videos.retrieve(video.id)
        check(False, "a wrong key was accepted")
    except openai.AuthenticationError:
        pass

    print("openai SDK check passed")


if __name__ == "__main__":
    main()
