"""MCP client session against a running fatiao server, with the official MCP Python SDK.

Usage: python3 tests/mcp_client.py http://127.0.0.1:PORT/mcp
Prints one JSON object: the tool names and the results of the tool calls (search, article, an
unknown law, and a question whose answer comes as Markdown text with the full JSON beside it).
"""
import asyncio
import json
import sys

from mcp import ClientSession

try:  # SDK 2.x
    from mcp.client.streamable_http import streamable_http_client as connect
except ImportError:  # SDK 1.x
    from mcp.client.streamable_http import streamablehttp_client as connect


def attr(obj, *names):
    """The first attribute that exists (SDK 2.x uses snake_case, 1.x camelCase)."""
    for n in names:
        if hasattr(obj, n):
            return getattr(obj, n)
    raise AttributeError(names)


def as_json(text):
    try:
        return json.loads(text)
    except ValueError:
        return {"unparsed": text}


async def main(url: str) -> None:
    async with connect(url) as streams:
        read, write = streams[0], streams[1]
        async with ClientSession(read, write) as session:
            init = await session.initialize()
            tools = await session.list_tools()
            search = await session.call_tool("search_statutes", {"query": "取保候审保证金起点数额", "limit": 5})
            article = await session.call_tool("get_article", {"law": "刑事诉讼法", "number": "第六十七条"})
            bad = await session.call_tool("get_article", {"law": "没有这部法", "number": "1"})
            ask = await session.call_tool("ask", {"question": "取保候审保证金最低交多少"})
            print(json.dumps({
                "server": attr(init, "server_info", "serverInfo").name,
                "protocol": attr(init, "protocol_version", "protocolVersion"),
                "tools": [t.name for t in tools.tools],
                "search": attr(search, "structured_content", "structuredContent"),
                "search_text": search.content[0].text,
                "search_is_error": attr(search, "is_error", "isError"),
                "article": attr(article, "structured_content", "structuredContent"),
                "article_text": article.content[0].text,
                "bad_is_error": attr(bad, "is_error", "isError"),
                "bad_text": bad.content[0].text,
                "ask_is_error": attr(ask, "is_error", "isError"),
                "ask_text": ask.content[0].text,
                "ask_structured": attr(ask, "structured_content", "structuredContent"),
            }, ensure_ascii=False))


asyncio.run(main(sys.argv[1]))
