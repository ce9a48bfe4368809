#!/usr/bin/env python3
"""Drives gatelm-mcp over stdio, one request at a time, and prints the exchange (docs/mcp.md's
transcript was made with it).

    scripts/mcp-session.py CALLS.json [--raw] -- .build/release/gatelm-mcp --role editor ...

CALLS.json is a list of [tool, arguments] pairs, called after initialize,
notifications/initialized and tools/list. Without --raw each response shows its JSON text with
lists of more than three objects cut to three and numbers rounded to four places.
"""
import json, subprocess, sys

def shorten(v):
    if isinstance(v, dict): return {k: shorten(x) for k, x in v.items()}
    if isinstance(v, list):
        if len(v) > 3 and all(isinstance(x, dict) for x in v): return [shorten(x) for x in v[:3]] + ["… %d more" % (len(v) - 3)]
        return [shorten(x) for x in v]
    if isinstance(v, float): return round(v, 4)
    return v

def readable(response):
    res = response.get("result", {})
    if "tools" in res:
        return json.dumps({"id": response["id"], "result": {"tools": [t["name"] for t in res["tools"]]}}) + "   (tool names only)"
    if "content" in res:
        text = res["content"][0]["text"]
        if res.get("isError"): return json.dumps({"id": response["id"], "isError": True, "text": text}, ensure_ascii=False)
        return json.dumps({"id": response["id"], "text": shorten(json.loads(text))}, ensure_ascii=False)
    return json.dumps(response, ensure_ascii=False)

def main():
    if "--" not in sys.argv or len(sys.argv) < 4:
        sys.exit(__doc__)
    split = sys.argv.index("--")
    options, command = sys.argv[1:split], sys.argv[split + 1:]
    raw = "--raw" in options
    calls = json.load(open([o for o in options if o != "--raw"][0]))
    requests = [
        {"jsonrpc": "2.0", "id": 1, "method": "initialize",
         "params": {"protocolVersion": "2025-06-18", "capabilities": {}, "clientInfo": {"name": "mcp-session", "version": "1"}}},
        {"jsonrpc": "2.0", "method": "notifications/initialized"},
        {"jsonrpc": "2.0", "id": 2, "method": "tools/list"},
    ] + [{"jsonrpc": "2.0", "id": 10 + i, "method": "tools/call", "params": {"name": name, "arguments": args}}
         for i, (name, args) in enumerate(calls)]
    server = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    for request in requests:
        server.stdin.write(json.dumps(request) + "\n")
        server.stdin.flush()
        print("→", json.dumps(request, ensure_ascii=False))
        if "id" in request:
            line = server.stdout.readline()
            if not line: sys.exit("the server closed stdout; stderr:\n" + server.stderr.read())
            response = json.loads(line)
            print("←", json.dumps(response, ensure_ascii=False) if raw else readable(response))
    server.stdin.close()
    status = server.wait()
    print("stderr:", server.stderr.read().rstrip())
    sys.exit(status)

main()
