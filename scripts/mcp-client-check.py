#!/usr/bin/env python3
"""Drives gatelm-mcp with the official MCP Python SDK (`mcp` on PyPI, 2.x) as an outside
client does: connect over stdio (the SDK probes server/discover, then falls back to the
initialize handshake), list the tools, make 16 concurrent calls whose answers are large, one
refused call (an unknown tool) and one isError call (a bad argument), then close stdin and
wait for the server to exit. Prints one line per check and a closing 'N passed, N failed'.

    scripts/mcp-client-check.py -- .build/release/gatelm-mcp --role reader --store runs --name x \\
        --program p.symtx --corpus corpus.txt

Run by the test suite (GateLMMCPTests.PythonClientTests) in the venv scripts/setup-mcp-client.sh
makes (.build-venv/mcp-client).
"""
import sys

import anyio
from mcp.client import Client
from mcp.client.stdio import StdioServerParameters
from mcp.shared.exceptions import MCPError

CONCURRENT = 16


async def main(command: list[str]) -> int:
    passed, failed = 0, 0

    def check(name: str, ok: bool, detail: str = "") -> None:
        nonlocal passed, failed
        print(f"{'ok  ' if ok else 'FAIL'} {name}" + (f": {detail}" if detail and not ok else ""), flush=True)
        if ok:
            passed += 1
        else:
            failed += 1

    params = StdioServerParameters(command=command[0], args=command[1:])
    async with Client(params, read_timeout_seconds=300) as client:
        tools = await client.list_tools()
        names = [t.name for t in tools.tools]
        check("tools/list names evaluate and worst_positions", "evaluate" in names and "worst_positions" in names, str(names))
        check("every input schema is an object schema", all(t.input_schema.get("type") == "object" for t in tools.tools))

        results: list = [None] * CONCURRENT

        async def call(k: int) -> None:
            arguments = {"split": "dev", "limit": 1000} if k % 2 == 0 else {"split": "dev"}
            results[k] = await client.call_tool("worst_positions" if k % 2 == 0 else "evaluate", arguments)

        async with anyio.create_task_group() as group:
            for k in range(CONCURRENT):
                group.start_soon(call, k)
        whole = [r is not None and not r.is_error and isinstance(r.structured_content, dict) for r in results]
        check(f"{CONCURRENT} concurrent calls all answered with structured content", all(whole), str(whole))
        worst = [len(r.structured_content.get("positions", [])) for k, r in enumerate(results) if k % 2 == 0 and r is not None]
        check("each worst_positions answer has its 1000 positions", worst == [1000] * (CONCURRENT // 2), str(worst))

        try:
            await client.call_tool("frobnicate", {})
            check("an unknown tool is a protocol error (-32602)", False, "no error")
        except MCPError as e:
            check("an unknown tool is a protocol error (-32602)", e.error.code == -32602, str(e.error))

        bad = await client.call_tool("evaluate", {"split": "val"})
        check("a bad argument is an isError result", bad.is_error and "must be one of" in bad.content[0].text, str(bad))

        after = await client.call_tool("history", {})
        check("the server still answers", not after.is_error)

    print(f"mcp-client-check: {passed} passed, {failed} failed")
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    arguments = sys.argv[1:]
    if arguments[:1] == ["--"]:
        arguments = arguments[1:]
    if not arguments:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    sys.exit(anyio.run(main, arguments))
