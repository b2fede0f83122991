# Section 13 of the seed document: context variables keep concurrent requests apart.
import asyncio
import contextvars

request_id = contextvars.ContextVar('request_id', default='unknown')

async def process_request(id_value):
    token = request_id.set(id_value)
    try:
        await log_request()
        await handle_request()
    finally:
        request_id.reset(token)

async def log_request():
    current_id = request_id.get()
    print(f"Processing request: {current_id}")

async def handle_request():
    current_id = request_id.get()
    await asyncio.sleep(0.1)
    print(f"Handled request: {current_id}")

async def main():
    await asyncio.gather(
        process_request('request-1'),
        process_request('request-2'),
        process_request('request-3')
    )

asyncio.run(main())
