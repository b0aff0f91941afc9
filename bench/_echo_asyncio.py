"""CPython's asyncio streams reference for bench/echo.ts.

The textbook echo server: asyncio.start_server, and per connection
read / write / drain until end of file. Prints "listening on <host>:<port>"
once bound so that the benchmark can read the port when it asked for port 0.

With --loop uvloop the same code runs on uvloop's event loop (libuv, in C),
the one an asyncio user installs for speed: the streams stay asyncio's.

Usage: python3 bench/_echo_asyncio.py [--port 0] [--host 127.0.0.1] [--loop asyncio|uvloop]
"""

import argparse
import asyncio


async def echo(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    try:
        while data := await reader.read(65536):
            writer.write(data)
            await writer.drain()
    except ConnectionError:
        pass  # a client that resets ends its own connection, not the server
    finally:
        writer.close()


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser()
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--loop", choices=["asyncio", "uvloop"], default="asyncio")
    return parser.parse_args()


async def main(args: argparse.Namespace) -> None:
    # The same accept backlog as the other servers get from the kernel's somaxconn,
    # so that 10,000 simultaneous connects measure the server, not a short queue.
    server = await asyncio.start_server(echo, args.host, args.port, backlog=4096)
    host, port = server.sockets[0].getsockname()[:2]
    loop = type(asyncio.get_running_loop())
    print(f"listening on {host}:{port} with {loop.__module__}.{loop.__name__}", flush=True)
    async with server:
        await server.serve_forever()


if __name__ == "__main__":
    arguments = parse_args()
    if arguments.loop == "uvloop":
        try:
            import uvloop
        except ImportError:
            raise SystemExit(
                "uvloop is not installed for this python3 (Debian: apt-get install python3-uvloop)"
            )
        uvloop.install()  # asyncio.run now makes a uvloop loop
    asyncio.run(main(arguments))
