"""Runs both seed flows with Python's `websockets` and prints one JSON result.

Usage: seed_flows.py ECHO_URL SECURE_URL TOKEN MARKER

Written for the asyncio API of websockets 10, which Debian 12 ships.
"""

import asyncio
import json
import sys

import websockets


async def echo_flow(url, marker):
    async with websockets.connect(url) as socket:
        await socket.send(marker)
        return await asyncio.wait_for(socket.recv(), 5)


async def secure_flow(url, token, marker):
    async with websockets.connect(url) as socket:
        await socket.send(token)
        authenticated = await asyncio.wait_for(socket.recv(), 5)
        await socket.send(marker)
        echoed = await asyncio.wait_for(socket.recv(), 5)
        return [authenticated, echoed]


async def main():
    echo_url, secure_url, token, marker = sys.argv[1:5]
    result = {
        "websockets": websockets.__version__,
        "echo": await echo_flow(echo_url, marker),
        "secure": await secure_flow(secure_url, token, marker),
    }
    print(json.dumps(result))


asyncio.run(main())
