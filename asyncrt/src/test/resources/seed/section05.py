# Section 5 of the seed document: two downloads awaited together with gather.
import asyncio

async def download_file_async(url):
    print(f"Starting download of {url}")
    await asyncio.sleep(2)  # Simulate network delay
    print(f"Finished downloading {url}")
    return f"Content of {url}"

async def main():
    file1_coro = download_file_async("file1.txt")
    file2_coro = download_file_async("file2.txt")
    content1, content2 = await asyncio.gather(file1_coro, file2_coro)
    print(f"Content: {content1}, {content2}")

asyncio.run(main())
