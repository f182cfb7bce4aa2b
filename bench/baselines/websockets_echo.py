"""Baseline: the plain asyncio echo handler of Python's websockets library, with the apps' reply prefix."""

import asyncio
import os
import signal

import websockets


async def echo(websocket):
    async for message in websocket:
        await websocket.send(f"Server received: {message}")


async def main():
    stop = asyncio.get_running_loop().create_future()
    asyncio.get_running_loop().add_signal_handler(signal.SIGTERM, stop.set_result, None)
    async with websockets.serve(echo, "127.0.0.1", int(os.environ.get("PORT", "8765"))):
        await stop


asyncio.run(main())
