"""CPython's asyncio streams reference for bench/echo.ts.

The textbook echo server: asyncio.start_server, and per connection
read / write / drain until end of file. Prints "listening on <host>:<port>"
once bound so that the benchmark can read the port when it asked for port 0.

Usage: python3 bench/_echo_asyncio.py [--port 0] [--host 127.0.0.1]
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


async def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=0)
    args = parser.parse_args()
    # The same accept backlog as the other servers get from the kernel's somaxconn,
    # so that 10,000 simultaneous connects measure the server, not a short queue.
    server = await asyncio.start_server(echo, args.host, args.port, backlog=4096)
    host, port = server.sockets[0].getsockname()[:2]
    print(f"listening on {host}:{port}", flush=True)
    async with server:
        await server.serve_forever()


if __name__ == "__main__":
    asyncio.run(main())
