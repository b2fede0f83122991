"""The seed's section-15 web server, verbatim but for the port (argv[1], default 8888), the
choice of loop (argv[2]: asyncio or uvloop), and main() catching the CancelledError that
shutdown() delivers to it (shutdown cancels every task, main's too; the seed's version ends in a
CancelledError traceback). The Java twin is asyncrt.examples.WebServer.

    python3 server15.py [port] [asyncio|uvloop]
"""
import asyncio
import signal
import sys

async def handle_client(reader, writer):
    # Get client address
    addr = writer.get_extra_info('peername')
    print(f"Client connected: {addr}")
  
    try:
        # Read request
        request = b""
        while True:
            chunk = await reader.read(100)
            if not chunk:
                break
            request += chunk
            if b"\r\n\r\n" in request:
                break
      
        print(f"Received request from {addr}")
      
        # Process request (simplified)
        response = b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\nHello from asyncio server!"
      
        # Send response
        writer.write(response)
        await writer.drain()
      
        print(f"Response sent to {addr}")
      
    except Exception as e:
        print(f"Error handling client {addr}: {e}")
    finally:
        # Clean up
        writer.close()
        await writer.wait_closed()
        print(f"Connection closed for {addr}")

async def main():
    # Set up signal handlers for graceful shutdown
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, lambda: asyncio.create_task(shutdown()))
  
    # Start server
    server = await asyncio.start_server(
        handle_client, '127.0.0.1', PORT
    )
  
    addr = server.sockets[0].getsockname()
    print(f"Serving on {addr}")
  
    # Keep the server running
    async with server:
        try:
            await server.serve_forever()
        except asyncio.CancelledError:
            print("Server cancelled")  # by shutdown(): end normally

async def shutdown():
    print("Shutting down...")
    # Close all active connections, cancel tasks, etc.
    tasks = [t for t in asyncio.all_tasks() if t is not asyncio.current_task()]
  
    for task in tasks:
        task.cancel()
  
    await asyncio.gather(*tasks, return_exceptions=True)
    asyncio.get_running_loop().stop()
    print("Shutdown complete")

PORT = int(sys.argv[1]) if len(sys.argv) > 1 else 8888

if __name__ == "__main__":
    if len(sys.argv) > 2 and sys.argv[2] == "uvloop":
        import uvloop
        uvloop.install()
    try:
        asyncio.run(main())
    except KeyboardInterrupt:
        print("Interrupted by user")
    except Exception as e:
        print(f"Error: {e}")
    finally:
        print("Server stopped")
