"""The website: server-rendered pages in Dutch and English, their addresses and styles, and a
loopback server for tests and benchmarks."""
